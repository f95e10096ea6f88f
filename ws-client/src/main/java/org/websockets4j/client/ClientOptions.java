package org.websockets4j.client;

import java.lang.module.ModuleDescriptor;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.websockets4j.extensions.ClientExtensionFactory;
import org.websockets4j.extensions.Compression;
import org.websockets4j.extensions.permessagedeflate.ClientPerMessageDeflateFactory;
import org.websockets4j.http.HeaderGrammar;
import org.websockets4j.http.Headers;
import org.websockets4j.http.WebSocketUri;
import org.websockets4j.protocol.ConnectionOptions;
import org.websockets4j.protocol.internal.TlsEngines;

/**
 * The options of a WebSocket client: the keyword arguments of Python websockets'
 * {@code connect()} ({@code origin}, {@code subprotocols}, {@code extra_headers}, the
 * {@code host}/{@code port} override) plus the {@link ConnectionOptions} of the open connection,
 * with the same meanings and defaults.
 *
 * <table>
 *   <caption>Options and defaults</caption>
 *   <tr><th>option</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@link #connection()}</td><td>{@link ConnectionOptions#defaults()}</td>
 *       <td>ping interval and timeout, close timeout, max size, max queue, read and write limits;
 *       the builder also sets each one directly, with the setters of
 *       {@link ConnectionOptions.Settings}</td></tr>
 *   <tr><td>{@link #origin()}</td><td>null (no {@code Origin} header)</td><td>the {@code Origin} header</td></tr>
 *   <tr><td>{@link #subprotocols()}</td><td>empty (none offered)</td>
 *       <td>the {@code Sec-WebSocket-Protocol} offer, in decreasing preference</td></tr>
 *   <tr><td>{@link #compression()}</td><td>{@link Compression#DEFLATE}</td>
 *       <td>Python's {@code compression}: offers permessage-deflate; {@link Compression#NONE}
 *       turns it off</td></tr>
 *   <tr><td>{@link #extensions()}</td><td>permessage-deflate (from {@link #compression()})</td>
 *       <td>the {@code Sec-WebSocket-Extensions} offer, in decreasing preference</td></tr>
 *   <tr><td>{@link #extraHeaders()}</td><td>empty</td><td>more request headers, sent last</td></tr>
 *   <tr><td>{@link #userAgent()}</td><td>{@link #DEFAULT_USER_AGENT}</td><td>the {@code User-Agent} header; null sends none</td></tr>
 *   <tr><td>{@link #openTimeout()}</td><td>10 s</td><td>the longest wait to open the connection and complete the handshake; null waits forever</td></tr>
 *   <tr><td>{@link #socketAddress()}</td><td>null (the URI's host and port)</td><td>where the TCP connection goes, or a Unix domain socket's path</td></tr>
 *   <tr><td>{@link #localAddress()}</td><td>null (any)</td><td>the local address and port the TCP socket binds (Python's {@code local_addr})</td></tr>
 *   <tr><td>{@link #proxy()}, {@link #proxyDisabled()}, {@link #proxySelector()}</td>
 *       <td>null, false, null: the proxy of the environment variables</td>
 *       <td>the HTTP {@code CONNECT} or SOCKS5 proxy to tunnel through; see below</td></tr>
 *   <tr><td>{@link #proxySsl()}</td><td>null (the JDK's default context)</td><td>Python's {@code proxy_ssl}: trust and keys for the TLS to an {@code https://} proxy</td></tr>
 *   <tr><td>{@link #ssl()}</td><td>null (the JDK's default context)</td><td>Python's {@code ssl}: trust and keys for {@code wss://}</td></tr>
 *   <tr><td>{@link #sslParameters()}</td><td>null (the context's)</td><td>TLS protocols, cipher suites, SNI, ALPN</td></tr>
 *   <tr><td>{@link #verifyHostname()}</td><td>true</td><td>whether the certificate must name the URI's host</td></tr>
 * </table>
 *
 * <p><b>Extra headers</b> are sent after the handshake's own headers and may not replace them:
 * {@link Builder#build()} refuses an extra header named {@code Host}, {@code Upgrade},
 * {@code Connection}, {@code Sec-WebSocket-Key}, {@code Sec-WebSocket-Version},
 * {@code Sec-WebSocket-Accept}, {@code Sec-WebSocket-Extensions}, {@code Sec-WebSocket-Protocol}
 * (use {@link Builder#subprotocols(List)}), {@code Origin} (use {@link Builder#origin(String)}),
 * {@code User-Agent} (use {@link Builder#userAgent(String)}), {@code Content-Length} or
 * {@code Transfer-Encoding} (a handshake request has no body: a server would read the first frames
 * as one). {@code Authorization} is allowed, for example for a bearer token, unless the URI
 * carries user information, which already sets it ({@link ClientHandshake} then refuses the pair).
 * Any other header, repeated or not, is sent as given.
 *
 * <p><b>Compression.</b> As in Python, {@link #compression()} {@link Compression#DEFLATE} (the
 * default) appends {@link ClientPerMessageDeflateFactory#defaults()} (offering
 * {@code client_max_window_bits} without a value) to the extensions configured, unless one of them
 * is already named {@code permessage-deflate}; {@link Compression#NONE} offers no compression.
 *
 * <p><b>Proxies</b> (Python websockets 15's {@code proxy}). The proxy of a connection is, first
 * match wins: {@link #proxy()} when set; none when {@link #proxyDisabled()} or
 * {@link #socketAddress()} is set (a {@code connectTo} destination is reached directly, and
 * {@link Builder#build()} refuses it together with an explicit proxy); the first answer of
 * {@link #proxySelector()} when set ({@code DIRECT} for none; asked about
 * {@code http://host:port/} for {@code ws://} and {@code https://host:port/} for {@code wss://});
 * otherwise the environment variables {@code http_proxy} (for {@code ws://}), {@code https_proxy}
 * (for {@code wss://}), {@code all_proxy} (for both) and {@code no_proxy}, lower case first, then
 * upper case. Environment proxies never apply to {@code localhost} and loopback addresses.
 * Proxy URIs are {@code http://[user:password@]host[:port]} ({@code CONNECT}, with
 * {@code Proxy-Authorization: Basic} from the user information, default port 80) or
 * {@code https://[user:password@]host[:port]} (the same {@code CONNECT} inside TLS to the proxy,
 * default port 443; the proxy's certificate is checked with {@link #proxySsl()} against the proxy
 * URI's host, which is also the SNI name, while {@link #verifyHostname()} holds) or
 * {@code socks5://} and {@code socks5h://} ({@code [user:password@]}, RFC 1929; default port 1080;
 * both send the destination's name for the proxy to resolve). A {@code wss://} connection is
 * tunnelled end to end: its TLS runs inside the tunnel, so through an {@code https://} proxy it
 * runs inside the proxy's TLS, and the proxy sees neither.
 *
 * <p><b>Not in Python 8.</b> {@code openTimeout} is not in
 * Python 8 (websockets 10 added {@code open_timeout} with this default); like
 * {@link #socketAddress()} it is enforced by {@code connect()}, not by the Sans-I/O
 * {@link ClientHandshake}. TLS settings will come with {@code connect()}.
 *
 * <p>Immutable and thread-safe as long as the extension factories are; build one with {@link #builder()} or take {@link #defaults()}.
 */
public final class ClientOptions {
    /** Default {@link #openTimeout()}: 10 seconds. */
    public static final Duration DEFAULT_OPEN_TIMEOUT = Duration.ofSeconds(10);

    /**
     * Default {@link #userAgent()}: {@code websockets4j/<version>}, the version of this module
     * (for example {@code websockets4j/0.1.0}), or {@code websockets4j} when it runs on the class
     * path and its version is unknown.
     */
    public static final String DEFAULT_USER_AGENT = defaultUserAgent();

    /**
     * Request headers the handshake writes itself, lower-cased, with what to use instead; an extra
     * header may not carry one of these names.
     */
    private static final List<String[]> RESERVED_HEADERS = List.of(
            new String[] {"host", "Host comes from the URI"},
            new String[] {"upgrade", "the handshake sets it"},
            new String[] {"connection", "the handshake sets it"},
            new String[] {"sec-websocket-key", "the handshake sets it"},
            new String[] {"sec-websocket-version", "the handshake sets it"},
            new String[] {"sec-websocket-accept", "it belongs in a response"},
            new String[] {"sec-websocket-extensions", "extensions are negotiated by the handshake"},
            new String[] {"sec-websocket-protocol", "use subprotocols(...)"},
            new String[] {"origin", "use origin(...)"},
            new String[] {"user-agent", "use userAgent(...)"},
            new String[] {"content-length", "a handshake request has no body"},
            new String[] {"transfer-encoding", "a handshake request has no body"});

    private static final ClientOptions DEFAULTS = builder().build();

    private final ConnectionOptions connection;
    private final String origin;
    private final List<String> subprotocols;
    private final Compression compression;
    private final List<ClientExtensionFactory> configuredExtensions;
    private final List<ClientExtensionFactory> extensions;
    private final Headers extraHeaders;
    private final String userAgent;
    private final Duration openTimeout;
    private final SocketAddress socketAddress;
    private final URI proxy;
    private final boolean proxyDisabled;
    private final ProxySelector proxySelector;
    private final SSLContext ssl;
    private final SSLContext proxySsl;
    private final SSLParameters sslParameters;
    private final boolean verifyHostname;
    private final InetSocketAddress localAddress;

    private ClientOptions(Builder builder, ConnectionOptions connection, SocketAddress socketAddress) {
        this.connection = connection;
        this.origin = builder.origin;
        this.subprotocols = List.copyOf(builder.subprotocols);
        this.compression = builder.compression;
        this.configuredExtensions = List.copyOf(builder.extensions);
        this.extensions = withCompression(configuredExtensions, compression);
        this.extraHeaders = builder.extraHeaders.immutableCopy();
        this.userAgent = builder.userAgent;
        this.openTimeout = builder.openTimeout;
        this.socketAddress = socketAddress;
        this.proxy = builder.proxy;
        this.proxyDisabled = builder.proxyDisabled;
        this.proxySelector = builder.proxySelector;
        this.ssl = builder.ssl;
        this.proxySsl = builder.proxySsl;
        this.sslParameters = builder.sslParameters;
        this.verifyHostname = builder.verifyHostname;
        this.localAddress = builder.localAddress;
    }

    /** Python's {@code compression="deflate"}: append the deflate factory unless one is configured. */
    private static List<ClientExtensionFactory> withCompression(List<ClientExtensionFactory> configured,
                                                                Compression compression) {
        if (compression != Compression.DEFLATE) {
            return configured;
        }
        for (ClientExtensionFactory factory : configured) {
            if (ClientPerMessageDeflateFactory.defaults().name().equals(factory.name())) {
                return configured;
            }
        }
        List<ClientExtensionFactory> all = new ArrayList<>(configured);
        all.add(ClientPerMessageDeflateFactory.defaults());
        return List.copyOf(all);
    }

    /**
     * The options with every default.
     *
     * @return the shared default options
     */
    public static ClientOptions defaults() {
        return DEFAULTS;
    }

    /**
     * A builder holding every default.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding these options, to derive others from them.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder builder = new Builder()
                .connection(connection)
                .origin(origin)
                .subprotocols(subprotocols)
                .compression(compression)
                .extensions(configuredExtensions)
                .extraHeaders(extraHeaders)
                .userAgent(userAgent)
                .openTimeout(openTimeout);
        builder.socketAddress = socketAddress;
        builder.proxy = proxy;
        builder.proxyDisabled = proxyDisabled;
        builder.proxySelector = proxySelector;
        builder.ssl = ssl;
        builder.proxySsl = proxySsl;
        builder.sslParameters = sslParameters; // already a private copy
        builder.verifyHostname = verifyHostname;
        builder.localAddress = localAddress;
        return builder;
    }

    /**
     * The options of the connection once it is open.
     *
     * @return never null
     */
    public ConnectionOptions connection() {
        return connection;
    }

    /**
     * The value of the {@code Origin} request header (RFC 6454), or null to send none.
     *
     * @return the origin, for example {@code https://example.com}, or null
     */
    public String origin() {
        return origin;
    }

    /**
     * The subprotocols offered in {@code Sec-WebSocket-Protocol}, in decreasing order of
     * preference; empty to offer none (then the header is not sent).
     *
     * @return an immutable list of distinct tokens
     */
    public List<String> subprotocols() {
        return subprotocols;
    }

    /**
     * Python's {@code compression}: {@link Compression#DEFLATE} (the default) adds
     * permessage-deflate to {@link #extensions()}, {@link Compression#NONE} adds nothing.
     *
     * @return the compression option, never null
     */
    public Compression compression() {
        return compression;
    }

    /**
     * The extensions offered in {@code Sec-WebSocket-Extensions}, in decreasing order of
     * preference (each factory's name and request parameters, in this order): those set with
     * {@link Builder#extensions}, followed by {@link ClientPerMessageDeflateFactory#defaults()}
     * when {@link #compression()} is {@link Compression#DEFLATE} and none of them is named
     * {@code permessage-deflate}; empty to offer none (the header is then not sent). The server's
     * answer is checked with {@link org.websockets4j.extensions.Negotiation#client}.
     *
     * @return an immutable list
     */
    public List<ClientExtensionFactory> extensions() {
        return extensions;
    }

    /**
     * Headers added to the handshake request after its own, in order; see the type's
     * documentation for the names refused.
     *
     * @return immutable headers, possibly empty
     */
    public Headers extraHeaders() {
        return extraHeaders;
    }

    /**
     * The value of the {@code User-Agent} request header, or null to send none.
     *
     * @return {@link #DEFAULT_USER_AGENT} unless set
     */
    public String userAgent() {
        return userAgent;
    }

    /**
     * The longest time {@code connect()} may take to open the TCP (and TLS) connection and
     * complete the opening handshake, or null to wait forever.
     *
     * @return a positive duration, or null
     */
    public Duration openTimeout() {
        return openTimeout;
    }

    /**
     * Where the TCP connection goes instead of the URI's host and port, or null to use those
     * (Python's {@code host} and {@code port} arguments of {@code connect()}). Only the
     * destination changes: the {@code Host} header, and the server name of TLS, still come from
     * the URI. An {@link InetSocketAddress} from {@link Builder#connectTo(String, int)} is
     * unresolved; the name is looked up when connecting.
     *
     * @return an {@link InetSocketAddress}, a {@link UnixDomainSocketAddress} (set with
     *         {@link Builder#socketAddress(SocketAddress)}, or by {@code unixConnect}), or null
     */
    public SocketAddress socketAddress() {
        return socketAddress;
    }

    /**
     * The proxy every connection goes through, or null to choose as the type's documentation
     * says (by default from the environment variables).
     *
     * @return an {@code http}, {@code https}, {@code socks5} or {@code socks5h} URI, possibly with
     *         {@code user:password@}, or null
     */
    public URI proxy() {
        return proxy;
    }

    /**
     * Whether connections go directly to the server, whatever the selector and environment say
     * (Python's {@code proxy=None}). An explicit {@link #proxy()} still applies.
     *
     * @return true after {@link Builder#noProxy()}
     */
    public boolean proxyDisabled() {
        return proxyDisabled;
    }

    /**
     * The selector asked for the proxy of each connection instead of the environment variables,
     * or null. Only its first answer is used; proxy credentials cannot come from a selector.
     *
     * @return the selector, or null
     */
    public ProxySelector proxySelector() {
        return proxySelector;
    }

    /**
     * The TLS context of {@code wss://} connections (Python's {@code ssl} argument): its trust
     * managers decide which server certificates are accepted, its key managers what the client
     * presents when asked. Null (the default) uses {@link SSLContext#getDefault()}: the JDK's
     * trust store. Setting it for a {@code ws://} URI is refused by {@code connect}, as in Python.
     *
     * @return the context, or null for the default one
     */
    public SSLContext ssl() {
        return ssl;
    }

    /**
     * The TLS context of the connection to an {@code https://} proxy (Python websockets'
     * {@code proxy_ssl}): which proxy certificates are trusted, and the client certificate, if
     * the proxy asks for one. Null (the default) uses {@link SSLContext#getDefault()}. It is
     * separate from {@link #ssl()} because the proxy and the server are usually vouched for by
     * different CAs; {@link #sslParameters()} do not apply to the proxy (they name the server).
     * {@link Builder#build()} refuses it with an explicit proxy that is not {@code https://};
     * with a proxy chosen per connection (selector, environment) it is used only when that
     * proxy is an {@code https://} one.
     *
     * @return the context, or null for the default one
     */
    public SSLContext proxySsl() {
        return proxySsl;
    }

    /**
     * The TLS parameters applied to each connection's engine, or null (the default) for the
     * context's: TLS 1.3 and 1.2 on current JDKs. Whatever they leave unset gets the library's
     * defaults: SNI from the URI's host (unless an IP address), ALPN {@code http/1.1}, and
     * {@code HTTPS} endpoint identification while {@link #verifyHostname()} holds.
     *
     * @return a copy of the parameters, or null
     */
    public SSLParameters sslParameters() {
        return sslParameters == null ? null : TlsEngines.copy(sslParameters);
    }

    /**
     * Whether the server's certificate must name the URI's host (RFC 2818 / RFC 6125 checking,
     * the JDK's {@code HTTPS} endpoint identification); true by default. When false, any
     * certificate the trust managers accept is taken, whichever host it was issued for: anyone
     * holding a certificate from a trusted CA for any name can then impersonate the server
     * (a man-in-the-middle). Turn it off only for testing, or when the trust managers pin the
     * server's own certificate.
     *
     * @return true when the hostname is verified
     */
    public boolean verifyHostname() {
        return verifyHostname;
    }

    /**
     * The local address the TCP socket binds before connecting, or null for any (Python's
     * {@code local_addr}, passed on to asyncio). Port 0 picks an ephemeral port.
     *
     * @return the local address, or null
     */
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    /** Equal when every option is equal (extra headers compared with {@link Headers#equals(Object)}). */
    @Override
    public boolean equals(Object other) {
        return other instanceof ClientOptions that
                && connection.equals(that.connection)
                && Objects.equals(origin, that.origin)
                && subprotocols.equals(that.subprotocols)
                && compression == that.compression
                && configuredExtensions.equals(that.configuredExtensions)
                && extraHeaders.equals(that.extraHeaders)
                && Objects.equals(userAgent, that.userAgent)
                && Objects.equals(openTimeout, that.openTimeout)
                && Objects.equals(socketAddress, that.socketAddress)
                && Objects.equals(proxy, that.proxy)
                && proxyDisabled == that.proxyDisabled
                && Objects.equals(proxySelector, that.proxySelector)
                && Objects.equals(ssl, that.ssl)
                && Objects.equals(proxySsl, that.proxySsl)
                && sslParameters == that.sslParameters
                && verifyHostname == that.verifyHostname
                && Objects.equals(localAddress, that.localAddress);
    }

    /** A hash of every option, consistent with {@link #equals(Object)}. */
    @Override
    public int hashCode() {
        return Objects.hash(connection, origin, subprotocols, compression, configuredExtensions, extraHeaders, userAgent, openTimeout, socketAddress,
                proxy, proxyDisabled, proxySelector,
                ssl, proxySsl, System.identityHashCode(sslParameters), verifyHostname, localAddress);
    }

    /**
     * Every option, for example {@code ClientOptions[origin=null, subprotocols=[chat], ...]}. The
     * values of extra headers are left out (they may hold credentials); their names are shown.
     */
    @Override
    public String toString() {
        return "ClientOptions[origin=" + origin
                + ", subprotocols=" + subprotocols
                + ", compression=" + compression
                + ", extensions=" + extensions.stream().map(ClientExtensionFactory::name).toList()
                + ", extraHeaders=" + extraHeaders.rawItems().stream().map(Headers.Field::name).toList()
                + ", userAgent=" + userAgent
                + ", openTimeout=" + openTimeout
                + ", socketAddress=" + socketAddress
                + (proxy != null ? ", proxy=" + WebSocketUri.redact(proxy.toString()) : "")
                + (proxyDisabled ? ", proxyDisabled=true" : "")
                + (proxySelector != null ? ", proxySelector=" + proxySelector : "")
                + ", ssl=" + (ssl == null ? "default" : ssl.getProtocol())
                + (proxySsl == null ? "" : ", proxySsl=" + proxySsl.getProtocol())
                + ", sslParameters=" + (sslParameters == null ? "none" : "set")
                + ", verifyHostname=" + verifyHostname
                + (localAddress == null ? "" : ", localAddress=" + localAddress)
                + ", connection=" + connection + "]";
    }

    private static String defaultUserAgent() {
        ModuleDescriptor descriptor = ClientOptions.class.getModule().getDescriptor();
        return descriptor == null ? "websockets4j"
                : descriptor.rawVersion().map(version -> "websockets4j/" + version).orElse("websockets4j");
    }

    /**
     * Builds {@link ClientOptions}; starts from the defaults. Setters take any value and
     * {@link #build()} checks them all, so options can be set in any order; only
     * {@link #addHeader(String, String)} checks its header at once. Not thread-safe.
     *
     * <p>The connection options are set with the setters inherited from
     * {@link ConnectionOptions.Settings} (the same as {@link ConnectionOptions.Builder}'s): one by
     * one ({@link #maxSize(long)} ...) or all at once with {@link #connection(ConnectionOptions)},
     * which replaces those set before it. They chain with this builder's own setters.
     */
    public static final class Builder extends ConnectionOptions.Settings<Builder> {
        private String origin;
        private List<String> subprotocols = List.of();
        private Compression compression = Compression.DEFLATE;
        private List<ClientExtensionFactory> extensions = List.of();
        private Headers extraHeaders = new Headers();
        private String userAgent = DEFAULT_USER_AGENT;
        private Duration openTimeout = DEFAULT_OPEN_TIMEOUT;
        private SocketAddress socketAddress;
        private String connectHost;
        private int connectPort;
        private URI proxy;
        private boolean proxyDisabled;
        private ProxySelector proxySelector;
        private SSLContext ssl;
        private SSLContext proxySsl;
        private SSLParameters sslParameters;
        private boolean verifyHostname = true;
        private InetSocketAddress localAddress;

        private Builder() {
        }

        /**
         * Sets {@link ClientOptions#origin()}.
         *
         * @param origin the {@code Origin} header value, or null to send none
         * @return this builder
         */
        public Builder origin(String origin) {
            this.origin = origin;
            return this;
        }

        /**
         * Sets {@link ClientOptions#subprotocols()}.
         *
         * @param subprotocols the subprotocols in decreasing preference; empty to offer none
         * @return this builder
         */
        public Builder subprotocols(List<String> subprotocols) {
            this.subprotocols = subprotocols;
            return this;
        }

        /**
         * Sets {@link ClientOptions#compression()}: {@link Compression#NONE} to offer no
         * compression (unless an extension set with {@link #extensions} compresses).
         *
         * @param compression the compression option
         * @return this builder
         * @throws NullPointerException when null
         */
        public Builder compression(Compression compression) {
            this.compression = Objects.requireNonNull(compression, "compression");
            return this;
        }

        /**
         * Sets the extensions configured (copied); {@link ClientOptions#extensions()} adds
         * permessage-deflate to them unless {@link #compression(Compression)} is
         * {@link Compression#NONE} or one is named {@code permessage-deflate}.
         *
         * @param extensions the extension factories in decreasing preference; empty to offer none
         * @return this builder
         * @throws NullPointerException when the list or an element is null
         */
        public Builder extensions(List<? extends ClientExtensionFactory> extensions) {
            this.extensions = List.copyOf(extensions);
            return this;
        }

        /**
         * Sets {@link ClientOptions#subprotocols()}.
         *
         * @param subprotocols the subprotocols in decreasing preference; none to offer none
         * @return this builder
         */
        public Builder subprotocols(String... subprotocols) {
            this.subprotocols = subprotocols == null ? null : new ArrayList<>(Arrays.asList(subprotocols));
            return this;
        }

        /**
         * Replaces the extra headers with a copy of {@code headers}.
         *
         * @param headers the headers, or null for none
         * @return this builder
         */
        public Builder extraHeaders(Headers headers) {
            this.extraHeaders = headers == null ? new Headers() : headers.copy();
            return this;
        }

        /**
         * Appends one extra header, keeping those already added.
         *
         * @param name  the header name
         * @param value the header value
         * @return this builder
         * @throws IllegalArgumentException when the name is not a token or the value holds CR, LF,
         *                                  NUL or another control character
         * @throws NullPointerException     when an argument is null
         */
        public Builder addHeader(String name, String value) {
            extraHeaders.add(name, value);
            return this;
        }

        /**
         * Sets {@link ClientOptions#userAgent()}.
         *
         * @param userAgent the {@code User-Agent} header value, or null to send none
         * @return this builder
         */
        public Builder userAgent(String userAgent) {
            this.userAgent = userAgent;
            return this;
        }

        /**
         * Sets {@link ClientOptions#openTimeout()}.
         *
         * @param openTimeout a positive duration, or null to wait forever
         * @return this builder
         */
        public Builder openTimeout(Duration openTimeout) {
            this.openTimeout = openTimeout;
            return this;
        }

        /**
         * Sends the TCP connection to {@code host} and {@code port} instead of the URI's; the
         * {@code Host} header still comes from the URI. Replaces any
         * {@link #socketAddress(SocketAddress)}.
         *
         * @param host a host name or IP address (an IPv6 address without brackets)
         * @param port the port, 1-65535
         * @return this builder
         * @throws NullPointerException when {@code host} is null
         */
        public Builder connectTo(String host, int port) {
            this.socketAddress = null;
            this.connectHost = Objects.requireNonNull(host, "connectTo host");
            this.connectPort = port;
            return this;
        }

        /**
         * Sends the TCP connection to {@code address} instead of the URI's host and port, or to
         * those again when null; the {@code Host} header still comes from the URI. Replaces any
         * {@link #connectTo(String, int)}.
         *
         * @param address an {@link InetSocketAddress}, a {@link UnixDomainSocketAddress}, or null
         * @return this builder; {@link #build()} refuses other address types
         */
        public Builder socketAddress(SocketAddress address) {
            this.socketAddress = address;
            this.connectHost = null;
            return this;
        }

        /**
         * Sets {@link ClientOptions#proxy()}: every connection goes through this proxy, whatever
         * {@link #noProxy()}, the selector and the environment say.
         *
         * @param proxy an {@code http://}, {@code https://}, {@code socks5://} or {@code socks5h://} URI, with
         *              {@code user:password@} for proxy authentication; null to unset
         * @return this builder
         */
        public Builder proxy(URI proxy) {
            this.proxy = proxy;
            return this;
        }

        /**
         * Sets {@link ClientOptions#ssl()}.
         *
         * @param ssl an initialized context (for example trusting a private CA through a
         *            {@link javax.net.ssl.TrustManagerFactory}), or null for the JDK's default
         * @return this builder
         */
        public Builder ssl(SSLContext ssl) {
            this.ssl = ssl;
            return this;
        }

        /**
         * Sets {@link ClientOptions#proxySsl()}.
         *
         * @param proxySsl an initialized context trusting the proxy's certificate, or null for the
         *                 JDK's default
         * @return this builder; {@link #build()} refuses it with an explicit proxy that is not
         *         {@code https://}
         */
        public Builder proxySsl(SSLContext proxySsl) {
            this.proxySsl = proxySsl;
            return this;
        }

        /**
         * Sets {@link ClientOptions#proxyDisabled()}: connect directly, ignoring the selector and
         * the environment variables (Python's {@code proxy=None}).
         *
         * @return this builder
         */
        public Builder noProxy() {
            this.proxyDisabled = true;
            return this;
        }

        /**
         * Sets {@link ClientOptions#sslParameters()}.
         *
         * @param sslParameters the parameters (copied: later changes to the object are not
         *                      seen), or null for the context's defaults
         * @return this builder; checked by {@link #build()}
         */
        public Builder sslParameters(SSLParameters sslParameters) {
            this.sslParameters = sslParameters == null ? null : TlsEngines.copy(sslParameters);
            return this;
        }

        /**
         * Sets {@link ClientOptions#proxySelector()}, asked instead of the environment variables;
         * {@link ProxySelector#getDefault()} for the JDK's ({@code http.proxyHost},
         * {@code socksProxyHost}, {@code java.net.useSystemProxies}).
         *
         * @param selector the selector, or null to read the environment variables
         * @return this builder
         */
        public Builder proxySelector(ProxySelector selector) {
            this.proxySelector = selector;
            return this;
        }

        /**
         * Sets {@link ClientOptions#verifyHostname()}. Turning it off lets any certificate from a
         * trusted CA, for any host, pass as the server's: read what that costs there first.
         *
         * @param verifyHostname false to accept a certificate that does not name the URI's host
         * @return this builder
         */
        public Builder verifyHostname(boolean verifyHostname) {
            this.verifyHostname = verifyHostname;
            return this;
        }

        /**
         * Sets {@link ClientOptions#localAddress()}.
         *
         * @param address the local address to bind (port 0 for an ephemeral port), or null for any
         * @return this builder; {@link #build()} refuses it together with a Unix domain socket
         */
        public Builder localAddress(InetSocketAddress address) {
            this.localAddress = address;
            return this;
        }

        /**
         * The options.
         *
         * @return the options
         * @throws IllegalArgumentException with a message naming the option when a connection
         *                                  option is out of range (see
         *                                  {@link ConnectionOptions.Settings#connectionOptions()}), the origin
         *                                  or user agent is empty or holds a control character, a
         *                                  subprotocol is not a token or is repeated, an extra
         *                                  header has a name the handshake sets itself, the open
         *                                  timeout is zero or negative, the TCP destination has
         *                                  an empty host or a port outside 1-65535, the proxy
         *                                  URI is not a usable {@code http}, {@code https},
         *                                  {@code socks5} or {@code socks5h} URI or is set together
         *                                  with a TCP destination, {@code proxySsl} is set with an
         *                                  explicit proxy that is not {@code https},
         *                                  or {@code verifyHostname} is false while
         *                                  {@code sslParameters} name an endpoint identification
         *                                  algorithm (the two contradict each other), the socket
         *                                  address is neither an {@link InetSocketAddress} nor a
         *                                  {@link UnixDomainSocketAddress}, or a local address is
         *                                  set with a Unix domain socket
         * @throws NullPointerException     when the subprotocol list or one of its elements is null
         */
        public ClientOptions build() {
            ConnectionOptions built = connectionOptions();
            checkHeaderValue("origin", "Origin", origin);
            checkHeaderValue("userAgent", "User-Agent", userAgent);
            checkSubprotocols();
            checkExtraHeaders();
            if (openTimeout != null && (openTimeout.isNegative() || openTimeout.isZero())) {
                throw new IllegalArgumentException("openTimeout must be positive, got " + openTimeout
                        + "; use a positive Duration, or null to wait forever");
            }
            if (!verifyHostname && sslParameters != null && sslParameters.getEndpointIdentificationAlgorithm() != null) {
                throw new IllegalArgumentException("verifyHostname(false) contradicts sslParameters' endpoint identification algorithm "
                        + sslParameters.getEndpointIdentificationAlgorithm() + "; drop one of them");
            }
            SocketAddress destination = destination();
            if (destination != null && !(destination instanceof InetSocketAddress)
                    && !(destination instanceof UnixDomainSocketAddress)) {
                throw new IllegalArgumentException("socketAddress must be an InetSocketAddress or a UnixDomainSocketAddress, got "
                        + destination.getClass().getName());
            }
            if (destination instanceof UnixDomainSocketAddress && localAddress != null) {
                throw new IllegalArgumentException("localAddress applies to TCP connections, not to a Unix domain socket;"
                        + " leave it null");
            }
            checkProxy(destination);
            return new ClientOptions(this, built, destination);
        }

        private static void checkHeaderValue(String option, String header, String value) {
            if (value == null) {
                return;
            }
            if (value.isBlank()) {
                throw new IllegalArgumentException(option + " must not be empty; use null to send no " + header + " header");
            }
            try {
                new Headers.Field(header, value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(option + " is not a valid " + header + " header value: " + e.getMessage(), e);
            }
        }

        private void checkSubprotocols() {
            Objects.requireNonNull(subprotocols, "subprotocols must not be null; use an empty list to offer none");
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < subprotocols.size(); i++) {
                String protocol = Objects.requireNonNull(subprotocols.get(i), "subprotocols[" + i + "] is null");
                try {
                    HeaderGrammar.buildSubprotocol(List.of(protocol));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("subprotocols[" + i + "]: " + e.getMessage() + " (RFC 6455 §4.1)", e);
                }
                if (!seen.add(protocol)) {
                    throw new IllegalArgumentException("subprotocols[" + i + "]: " + protocol + " is offered twice");
                }
            }
        }

        private void checkExtraHeaders() {
            for (Headers.Field field : extraHeaders) {
                String lower = field.name().toLowerCase(Locale.ROOT);
                for (String[] reserved : RESERVED_HEADERS) {
                    if (reserved[0].equals(lower)) {
                        throw new IllegalArgumentException("extraHeaders must not set " + field.name() + ": " + reserved[1]);
                    }
                }
            }
        }

        private void checkProxy(SocketAddress destination) {
            if (proxy == null) {
                return;
            }
            ProxyUri parsed;
            try {
                parsed = ProxyUri.parse(proxy.toString());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("proxy: " + e.getMessage(), e);
            }
            if (proxySsl != null && !parsed.tls()) {
                throw new IllegalArgumentException("proxySsl is set but the proxy " + parsed.redacted()
                        + " is not an https:// proxy; drop proxySsl or use an https:// proxy URI");
            }
            if (destination != null) {
                throw new IllegalArgumentException("proxy and connectTo/socketAddress cannot both be set: "
                        + "a proxy chooses the TCP destination itself");
            }
        }

        private SocketAddress destination() {
            if (connectHost == null) {
                if (socketAddress instanceof InetSocketAddress inet && inet.getPort() == 0) {
                    throw new IllegalArgumentException("socketAddress must have a port in 1-65535, got 0");
                }
                return socketAddress;
            }
            if (connectHost.isBlank()) {
                throw new IllegalArgumentException("connectTo host must not be empty");
            }
            if (connectPort < 1 || connectPort > 65535) {
                throw new IllegalArgumentException("connectTo port must be 1-65535, got " + connectPort);
            }
            return InetSocketAddress.createUnresolved(connectHost, connectPort);
        }
    }
}
