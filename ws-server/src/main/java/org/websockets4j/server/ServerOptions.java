package org.websockets4j.server;

import java.lang.module.ModuleDescriptor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.websockets4j.extensions.Compression;
import org.websockets4j.extensions.ServerExtensionFactory;
import org.websockets4j.extensions.permessagedeflate.ServerPerMessageDeflateFactory;
import org.websockets4j.http.HeaderGrammar;
import org.websockets4j.http.Headers;
import org.websockets4j.protocol.ConnectionOptions;
import org.websockets4j.protocol.internal.TlsEngines;

/**
 * The options of a WebSocket server: Python websockets' {@code serve()} keyword arguments, with
 * the same meanings and defaults, plus a few the Java server needs.
 *
 * <table>
 *   <caption>Options and defaults</caption>
 *   <tr><th>option</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@link #connection()}</td><td>{@link ConnectionOptions#defaults()}</td>
 *       <td>{@code ping_interval}, {@code ping_timeout}, {@code close_timeout}, {@code max_size},
 *       {@code max_queue}, {@code read_limit}, {@code write_limit}; the builder also sets each
 *       one directly, with the setters of {@link ConnectionOptions.Settings}</td></tr>
 *   <tr><td>{@link #origins()}</td><td>null: any origin, or none</td>
 *       <td>the acceptable {@code Origin} headers; a null entry accepts a request without one</td></tr>
 *   <tr><td>{@link #originPatterns()}</td><td>empty</td>
 *       <td>regular expressions an {@code Origin} may match instead (websockets 15's patterns in
 *       {@code origins})</td></tr>
 *   <tr><td>{@link #subprotocols()}</td><td>empty</td>
 *       <td>the supported subprotocols, in decreasing order of preference</td></tr>
 *   <tr><td>{@link #compression()}</td><td>{@link Compression#DEFLATE}</td>
 *       <td>Python's {@code compression}: adds permessage-deflate to the extensions;
 *       {@link Compression#NONE} turns it off</td></tr>
 *   <tr><td>{@link #extensions()}</td><td>permessage-deflate (from {@link #compression()})</td>
 *       <td>the supported extensions, in decreasing order of preference</td></tr>
 *   <tr><td>{@link #selectSubprotocol()}</td><td>{@link SubprotocolSelector#DEFAULT}</td>
 *       <td>how a subprotocol is picked among those both sides support</td></tr>
 *   <tr><td>{@link #extraHeaders()}</td><td>null: none</td>
 *       <td>headers added to the {@code 101} response, fixed or computed from the request</td></tr>
 *   <tr><td>{@link #processRequest()}</td><td>null: none</td>
 *       <td>a hook that may answer the HTTP request instead of the handshake</td></tr>
 *   <tr><td>{@link #processResponse()}</td><td>null: none</td>
 *       <td>a hook that sees the response about to be sent and may change it (websockets 13+)</td></tr>
 *   <tr><td>{@link #openTimeout()}</td><td>10 s</td>
 *       <td>the longest an opening handshake may take (not in websockets 8; later versions have it)</td></tr>
 *   <tr><td>{@link #serverHeader()}</td><td>{@link #DEFAULT_SERVER_HEADER}</td>
 *       <td>the {@code Server} header of every response, or null for none</td></tr>
 *   <tr><td>{@link #handlerExecutor()}</td><td>null: a virtual thread per connection</td>
 *       <td>where connection handlers run</td></tr>
 *   <tr><td>{@link #ssl()}</td><td>null: plain TCP</td>
 *       <td>Python's {@code ssl}: serve {@code wss://} with this context's key and certificate</td></tr>
 *   <tr><td>{@link #sslParameters()}</td><td>null: the context's</td>
 *       <td>TLS protocols, cipher suites, client authentication, ALPN (default: {@code http/1.1})</td></tr>
 *   <tr><td>{@link #backlog()}</td><td>{@value #DEFAULT_BACKLOG}</td>
 *       <td>the listen backlog of each socket the server binds (asyncio's {@code backlog})</td></tr>
 *   <tr><td>{@link #reusePort()}</td><td>false</td>
 *       <td>{@code SO_REUSEPORT} on the TCP sockets the server binds (asyncio's {@code reuse_port})</td></tr>
 * </table>
 *
 * <p>As in Python, {@link #compression()} {@link Compression#DEFLATE} (the default) appends
 * {@link ServerPerMessageDeflateFactory#defaults()} to the extensions configured, unless one of
 * them is already named {@code permessage-deflate}: configure a
 * {@link ServerPerMessageDeflateFactory} in {@link #extensions()} to change its parameters, and
 * set {@link Compression#NONE} to negotiate no compression.
 *
 * <p>Immutable and thread-safe as long as the hooks are: one instance serves every connection,
 * so {@link #processRequest()}, {@link #selectSubprotocol()} and a computed
 * {@link #extraHeaders()} must be thread-safe, and so must the extension factories. Build one with {@link #builder()} or take
 * {@link #defaults()}.
 */
public final class ServerOptions {
    /** Default {@link #openTimeout()}: 10 seconds. */
    public static final Duration DEFAULT_OPEN_TIMEOUT = Duration.ofSeconds(10);

    /**
     * Default {@link #serverHeader()}: {@code websockets4j/<version>} when the module knows its
     * version (it does when loaded from its jar or classes on the module path), else
     * {@code websockets4j}.
     */
    public static final String DEFAULT_SERVER_HEADER = ServerOptions.class.getModule().getDescriptor() == null
            ? "websockets4j"
            : ServerOptions.class.getModule().getDescriptor().rawVersion()
                    .map(version -> "websockets4j/" + version).orElse("websockets4j");

    /**
     * Default {@link #backlog()}: 1024 pending connections (asyncio's default is 100; a server
     * meant for many clients connecting at once is better served by more).
     */
    public static final int DEFAULT_BACKLOG = 1024;

    private static final ServerOptions DEFAULTS = builder().build();

    private final ConnectionOptions connection;
    private final List<String> origins;
    private final Set<String> originSet;
    private final boolean noOriginAllowed;
    private final List<Pattern> originPatterns;
    private final List<String> subprotocols;
    private final Compression compression;
    private final List<ServerExtensionFactory> configuredExtensions;
    private final List<ServerExtensionFactory> extensions;
    private final SubprotocolSelector selectSubprotocol;
    private final ExtraHeaders extraHeaders;
    private final RequestProcessor processRequest;
    private final ResponseProcessor processResponse;
    private final Duration openTimeout;
    private final String serverHeader;
    private final Executor handlerExecutor;
    private final SSLContext ssl;
    private final SSLParameters sslParameters;
    private final int backlog;
    private final boolean reusePort;

    private ServerOptions(Builder builder, ConnectionOptions connection) {
        this.connection = connection;
        if (builder.origins == null) {
            this.origins = null;
            this.originSet = null;
            this.noOriginAllowed = true;
        } else {
            this.origins = Collections.unmodifiableList(new ArrayList<>(builder.origins));
            Set<String> set = new HashSet<>(builder.origins);
            this.noOriginAllowed = set.remove(null);
            this.originSet = Set.copyOf(set);
        }
        this.originPatterns = List.copyOf(builder.originPatterns);
        this.subprotocols = List.copyOf(builder.subprotocols);
        this.compression = builder.compression;
        this.configuredExtensions = List.copyOf(builder.extensions);
        this.extensions = withCompression(configuredExtensions, compression);
        this.selectSubprotocol = builder.selectSubprotocol == null ? SubprotocolSelector.DEFAULT : builder.selectSubprotocol;
        this.extraHeaders = builder.extraHeaders;
        this.processRequest = builder.processRequest;
        this.processResponse = builder.processResponse;
        this.openTimeout = builder.openTimeout;
        this.serverHeader = builder.serverHeader;
        this.handlerExecutor = builder.handlerExecutor;
        this.ssl = builder.ssl;
        this.sslParameters = builder.sslParameters;
        this.backlog = builder.backlog;
        this.reusePort = builder.reusePort;
    }

    /** Python's {@code compression="deflate"}: append the deflate factory unless one is configured. */
    private static List<ServerExtensionFactory> withCompression(List<ServerExtensionFactory> configured,
                                                                Compression compression) {
        if (compression != Compression.DEFLATE) {
            return configured;
        }
        for (ServerExtensionFactory factory : configured) {
            if (ServerPerMessageDeflateFactory.defaults().name().equals(factory.name())) {
                return configured;
            }
        }
        List<ServerExtensionFactory> all = new ArrayList<>(configured);
        all.add(ServerPerMessageDeflateFactory.defaults());
        return List.copyOf(all);
    }

    /**
     * The options with every default.
     *
     * @return the shared default options, never null
     */
    public static ServerOptions defaults() {
        return DEFAULTS;
    }

    /**
     * A builder holding every default.
     *
     * @return a new builder, starting from the defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding these options, to derive others from them. It holds the extensions as
     * configured, so permessage-deflate added by {@link #compression()} is added again (or not) by
     * its {@link Builder#build()}.
     *
     * @return a new builder holding these options; changing it leaves this instance alone
     */
    public Builder toBuilder() {
        Builder builder = new Builder()
                .connection(connection)
                .origins(origins)
                .originPatterns(originPatterns)
                .subprotocols(subprotocols)
                .compression(compression)
                .extensions(configuredExtensions)
                .selectSubprotocol(selectSubprotocol)
                .processRequest(processRequest)
                .processResponse(processResponse)
                .openTimeout(openTimeout)
                .serverHeader(serverHeader)
                .handlerExecutor(handlerExecutor)
                .backlog(backlog)
                .reusePort(reusePort);
        builder.extraHeaders = extraHeaders;
        builder.ssl = ssl;
        builder.sslParameters = sslParameters; // already a private copy
        return builder;
    }

    /**
     * The options of each connection once it is open (keepalive, timeouts, sizes, buffers).
     *
     * @return the connection options, never null ({@link ConnectionOptions#defaults()} unless set)
     */
    public ConnectionOptions connection() {
        return connection;
    }

    /**
     * The acceptable values of the request's {@code Origin} header, compared exactly; a null entry
     * means that a request without {@code Origin} is acceptable. Null (the default) accepts any
     * request, with or without {@code Origin}. Unmodifiable.
     *
     * @return the acceptable origins, in the order given, possibly holding null; null for any
     */
    public List<String> origins() {
        return origins;
    }

    /**
     * Regular expressions that an {@code Origin} header may match, in full
     * ({@link java.util.regex.Matcher#matches()}), to be accepted besides the exact
     * {@link #origins()}: {@code Pattern.compile("https://[a-z0-9-]+\\.example\\.com")}.
     * Websockets 15 and later take such patterns in {@code origins}; here they are an option of
     * their own, so that {@link #origins()} stays a list of strings. Unmodifiable.
     *
     * @return the patterns, in the order given; empty (the default) for none, never null
     */
    public List<Pattern> originPatterns() {
        return originPatterns;
    }

    /**
     * Whether a request whose {@code Origin} is {@code origin} passes {@link #origins()} and
     * {@link #originPatterns()}: any origin passes when both are unset; otherwise an origin
     * passes when it is listed in {@code origins} or matches a pattern in full, and a request
     * without {@code Origin} passes only when {@code origins} holds null.
     *
     * @param origin the value of the request's {@code Origin} header, or null when it has none
     * @return true when the origin is acceptable
     */
    public boolean acceptsOrigin(String origin) {
        if (originSet == null && originPatterns.isEmpty()) {
            return true;
        }
        if (origin == null) {
            return originSet != null && noOriginAllowed;
        }
        if (originSet != null && originSet.contains(origin)) {
            return true;
        }
        for (Pattern pattern : originPatterns) {
            if (pattern.matcher(origin).matches()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The supported subprotocols, in decreasing order of preference. Unmodifiable.
     *
     * @return the subprotocols, each a distinct token; empty (the default) for none, never null
     */
    public List<String> subprotocols() {
        return subprotocols;
    }

    /**
     * Python's {@code compression}: {@link Compression#DEFLATE} (the default) adds
     * permessage-deflate to {@link #extensions()}, {@link Compression#NONE} adds nothing.
     *
     * @return the compression setting, never null
     */
    public Compression compression() {
        return compression;
    }

    /**
     * The supported extensions, in decreasing order of preference, as negotiated: those set with
     * {@link Builder#extensions}, followed by {@link ServerPerMessageDeflateFactory#defaults()}
     * when {@link #compression()} is {@link Compression#DEFLATE} and none of them is named
     * {@code permessage-deflate}; empty for none. For each extension the client offers, in its
     * order, the factories of that name are tried in this order; see
     * {@link org.websockets4j.extensions.Negotiation#server}. Unmodifiable.
     *
     * @return the extension factories to negotiate with, never null and holding no null
     */
    public List<ServerExtensionFactory> extensions() {
        return extensions;
    }

    /**
     * How the subprotocol is chosen among those both sides support.
     *
     * @return the selector, never null; {@link SubprotocolSelector#DEFAULT} unless set
     */
    public SubprotocolSelector selectSubprotocol() {
        return selectSubprotocol;
    }

    /**
     * The source of additional {@code 101} response headers.
     *
     * @return the fixed or computed extra headers, or null (the default) for none
     */
    public ExtraHeaders extraHeaders() {
        return extraHeaders;
    }

    /**
     * The hook that sees each request first and may answer it instead of the handshake.
     *
     * @return the hook, or null (the default) for none
     */
    public RequestProcessor processRequest() {
        return processRequest;
    }

    /**
     * The hook that sees each response of an opening handshake before it is sent and may change
     * it; see {@link ResponseProcessor}.
     *
     * @return the hook, or null (the default) for none
     */
    public ResponseProcessor processResponse() {
        return processResponse;
    }

    /**
     * The longest an opening handshake may take, from the accepted TCP connection to the
     * response, or null for no limit. Enforced by the server's driver, which closes a connection
     * whose handshake runs out of time.
     *
     * @return the timeout, positive (default {@link #DEFAULT_OPEN_TIMEOUT}); null for no limit
     */
    public Duration openTimeout() {
        return openTimeout;
    }

    /**
     * The value of the {@code Server} header of every response.
     *
     * @return the header value, non-empty and without control characters or surrounding
     *         whitespace (default {@link #DEFAULT_SERVER_HEADER}); null to send none
     */
    public String serverHeader() {
        return serverHeader;
    }

    /**
     * Where connection handlers run, or null (the default) for a new virtual thread per
     * connection.
     *
     * @return the executor, or null for a virtual thread per connection
     */
    public Executor handlerExecutor() {
        return handlerExecutor;
    }

    /**
     * The TLS context of a {@code wss://} server (Python's {@code ssl} argument), or null (the
     * default) for plain {@code ws://}. Each connection gets an {@link javax.net.ssl.SSLEngine}
     * from it; its TLS handshake runs before the HTTP one and counts against
     * {@link #openTimeout()}.
     *
     * @return the context, or null
     */
    public SSLContext ssl() {
        return ssl;
    }

    /**
     * The TLS parameters applied to each connection's engine (protocols, cipher suites, client
     * authentication, ALPN), or null (the default) for the context's defaults: TLS 1.3 and 1.2 on
     * current JDKs, and ALPN {@code http/1.1} selected when the client offers it.
     *
     * @return a copy of the parameters, or null
     */
    public SSLParameters sslParameters() {
        return sslParameters == null ? null : TlsEngines.copy(sslParameters);
    }

    /**
     * The listen backlog of each socket the server binds itself: how many connections the kernel
     * queues before the server accepts them. Not used by
     * {@link WebSocketServer#serve(ConnectionHandler, java.nio.channels.ServerSocketChannel, ServerOptions)},
     * whose channel is already listening.
     *
     * @return the backlog, at least 1; {@value #DEFAULT_BACKLOG} unless set
     */
    public int backlog() {
        return backlog;
    }

    /**
     * Whether the TCP sockets the server binds set {@code SO_REUSEPORT}, so that several servers
     * (in this process or others) may listen on one port, the kernel spreading connections over
     * them. Refused by {@link WebSocketServer#unixServe} and for a channel given already bound.
     *
     * @return true to set {@code SO_REUSEPORT}; false unless set
     */
    public boolean reusePort() {
        return reusePort;
    }

    /** Every option, for logs; hooks are shown as set or not. */
    @Override
    public String toString() {
        return "ServerOptions[connection=" + connection
                + ", origins=" + origins
                + (originPatterns.isEmpty() ? "" : ", originPatterns=" + originPatterns)
                + ", subprotocols=" + subprotocols
                + ", compression=" + compression
                + ", extensions=" + extensions.stream().map(ServerExtensionFactory::name).toList()
                + ", selectSubprotocol=" + (selectSubprotocol == SubprotocolSelector.DEFAULT ? "DEFAULT" : "custom")
                + ", extraHeaders=" + (extraHeaders == null ? "none"
                        : extraHeaders instanceof FixedHeaders fixed ? fixed.headers().toString() : "computed")
                + ", processRequest=" + (processRequest == null ? "none" : "set")
                + ", processResponse=" + (processResponse == null ? "none" : "set")
                + ", openTimeout=" + openTimeout
                + ", serverHeader=" + serverHeader
                + ", handlerExecutor=" + (handlerExecutor == null ? "virtual thread per connection" : handlerExecutor)
                + ", ssl=" + (ssl == null ? "none" : ssl.getProtocol())
                + ", sslParameters=" + (sslParameters == null ? "none" : "set")
                + ", backlog=" + backlog
                + ", reusePort=" + reusePort
                + "]";
    }

    /**
     * Builds {@link ServerOptions}; starts from the defaults. Setters take any value and
     * {@link #build()} checks them all, so options can be set in any order. Not thread-safe.
     *
     * <p>The connection options are set with the setters inherited from
     * {@link ConnectionOptions.Settings} (the same as {@link ConnectionOptions.Builder}'s): one by
     * one ({@link #maxSize(long)} ...) or all at once with {@link #connection(ConnectionOptions)},
     * which replaces those set before it. They chain with this builder's own setters.
     */
    public static final class Builder extends ConnectionOptions.Settings<Builder> {
        private List<String> origins;
        private List<Pattern> originPatterns = List.of();
        private List<String> subprotocols = List.of();
        private Compression compression = Compression.DEFLATE;
        private List<ServerExtensionFactory> extensions = List.of();
        private SubprotocolSelector selectSubprotocol;
        private ExtraHeaders extraHeaders;
        private RequestProcessor processRequest;
        private ResponseProcessor processResponse;
        private Duration openTimeout = DEFAULT_OPEN_TIMEOUT;
        private String serverHeader = DEFAULT_SERVER_HEADER;
        private Executor handlerExecutor;
        private SSLContext ssl;
        private SSLParameters sslParameters;
        private int backlog = DEFAULT_BACKLOG;
        private boolean reusePort;

        private Builder() {
        }

        /**
         * Sets {@link ServerOptions#origins()}: the acceptable {@code Origin} values, where a null
         * entry accepts a request without {@code Origin}; a null list accepts any request.
         * The list is copied; it may hold nulls ({@code Arrays.asList("https://example.com", null)}).
         *
         * @param origins the acceptable origins, or null to accept any request
         * @return this builder; each origin is checked by {@link #build()}
         */
        public Builder origins(List<String> origins) {
            this.origins = origins == null ? null : new ArrayList<>(origins);
            return this;
        }

        /**
         * Sets {@link ServerOptions#origins()} from values, where a null value accepts a request
         * without {@code Origin}: {@code origins("https://example.com", null)}.
         *
         * @param origins the acceptable origins; the array itself not null
         * @return this builder; each origin is checked by {@link #build()}
         * @throws NullPointerException at once when the array itself is null
         */
        public Builder origins(String... origins) {
            return origins(Arrays.asList(origins));
        }

        /**
         * Sets {@link ServerOptions#originPatterns()}: an {@code Origin} matching one of them in
         * full is accepted, besides the exact {@link #origins(List)}. With patterns and no
         * {@code origins}, a request without {@code Origin} is refused: add
         * {@code origins((String) null)} to accept it.
         *
         * @param patterns the patterns (copied); empty for none
         * @return this builder
         * @throws NullPointerException at once when the list or a pattern is null
         */
        public Builder originPatterns(List<Pattern> patterns) {
            this.originPatterns = List.copyOf(patterns);
            return this;
        }

        /**
         * Sets {@link ServerOptions#originPatterns()} from values:
         * {@code originPatterns(Pattern.compile("https://.*\\.example\\.com"))}.
         *
         * @param patterns the patterns; empty for none
         * @return this builder
         * @throws NullPointerException at once when the array or a pattern is null
         */
        public Builder originPatterns(Pattern... patterns) {
            return originPatterns(List.of(patterns));
        }

        /**
         * Sets {@link ServerOptions#subprotocols()}, in decreasing order of preference (copied).
         *
         * @param subprotocols the subprotocol names, each a token listed once
         * @return this builder; the names are checked by {@link #build()}
         * @throws NullPointerException at once when the list is null (pass an empty list for none)
         */
        public Builder subprotocols(List<String> subprotocols) {
            this.subprotocols = new ArrayList<>(subprotocols);
            return this;
        }

        /**
         * Sets {@link ServerOptions#subprotocols()}, in decreasing order of preference.
         *
         * @param subprotocols the subprotocol names, each a token listed once
         * @return this builder; the names are checked by {@link #build()}
         * @throws NullPointerException at once when the array itself is null
         */
        public Builder subprotocols(String... subprotocols) {
            return subprotocols(Arrays.asList(subprotocols));
        }

        /**
         * Sets {@link ServerOptions#compression()}: {@link Compression#NONE} to negotiate no
         * compression (unless an extension set with {@link #extensions} compresses).
         *
         * @param compression {@link Compression#DEFLATE} (the default) or {@link Compression#NONE}
         * @return this builder
         * @throws NullPointerException at once when {@code compression} is null
         */
        public Builder compression(Compression compression) {
            this.compression = java.util.Objects.requireNonNull(compression, "compression");
            return this;
        }

        /**
         * Sets the extensions configured, in decreasing order of preference (copied);
         * {@link ServerOptions#extensions()} adds permessage-deflate to them unless
         * {@link #compression(Compression)} is {@link Compression#NONE} or one is named
         * {@code permessage-deflate}.
         *
         * @param extensions the extension factories, thread-safe; empty for none
         * @return this builder; null entries are refused by {@link #build()}
         * @throws NullPointerException at once when the list is null (pass an empty list for none)
         */
        public Builder extensions(List<? extends ServerExtensionFactory> extensions) {
            this.extensions = new ArrayList<>(extensions);
            return this;
        }

        /**
         * Sets {@link ServerOptions#selectSubprotocol()}; null restores {@link SubprotocolSelector#DEFAULT}.
         *
         * @param selectSubprotocol the selector, thread-safe, or null for the default
         * @return this builder
         */
        public Builder selectSubprotocol(SubprotocolSelector selectSubprotocol) {
            this.selectSubprotocol = selectSubprotocol;
            return this;
        }

        /**
         * Adds the same headers to every {@code 101} response (an immutable copy is taken now);
         * null for none. Refused fields are listed on {@link ExtraHeaders}.
         *
         * @param headers the fields to add to every response, or null for none; later changes to
         *                it are not seen
         * @return this builder; refused fields are reported by {@link #build()}
         */
        public Builder extraHeaders(Headers headers) {
            this.extraHeaders = headers == null ? null : ExtraHeaders.fixed(headers);
            return this;
        }

        /**
         * Computes the headers added to each {@code 101} response from its request; null for none.
         * Computed headers are checked at each handshake, not by {@link #build()}.
         *
         * @param extraHeaders the source of extra headers, thread-safe, or null for none
         * @return this builder
         */
        public Builder extraHeaders(ExtraHeaders extraHeaders) {
            this.extraHeaders = extraHeaders;
            return this;
        }

        /**
         * Sets {@link ServerOptions#processRequest()}; null for none.
         *
         * @param processRequest the hook, thread-safe, or null for none
         * @return this builder
         */
        public Builder processRequest(RequestProcessor processRequest) {
            this.processRequest = processRequest;
            return this;
        }

        /**
         * Sets {@link ServerOptions#processRequest()} to a hook that sees the connection's
         * {@link HandshakeContext} (its identity and attributes): {@code processRequest(context -> ...)}.
         *
         * @param processRequest the hook, thread-safe, or null for none
         * @return this builder
         */
        public Builder processRequest(RequestHook processRequest) {
            this.processRequest = processRequest;
            return this;
        }

        /**
         * Sets {@link ServerOptions#processResponse()}; null for none.
         *
         * @param processResponse the hook, thread-safe, or null for none
         * @return this builder
         */
        public Builder processResponse(ResponseProcessor processResponse) {
            this.processResponse = processResponse;
            return this;
        }

        /**
         * Sets {@link ServerOptions#openTimeout()}; null for no limit.
         *
         * @param openTimeout the longest an opening handshake may take, positive, or null
         * @return this builder; the value is checked by {@link #build()}
         */
        public Builder openTimeout(Duration openTimeout) {
            this.openTimeout = openTimeout;
            return this;
        }

        /**
         * Sets {@link ServerOptions#serverHeader()}; null to send no {@code Server} header.
         *
         * @param serverHeader the header value, or null for none
         * @return this builder; the value is checked by {@link #build()}
         */
        public Builder serverHeader(String serverHeader) {
            this.serverHeader = serverHeader;
            return this;
        }

        /**
         * Sets {@link ServerOptions#handlerExecutor()}; null for a virtual thread per connection.
         *
         * @param handlerExecutor where connection handlers run, or null
         * @return this builder
         */
        public Builder handlerExecutor(Executor handlerExecutor) {
            this.handlerExecutor = handlerExecutor;
            return this;
        }

        /**
         * Sets {@link ServerOptions#ssl()}: serve {@code wss://}.
         *
         * @param ssl an initialized context holding the server's key and certificate chain (for
         *            example from a {@link javax.net.ssl.KeyManagerFactory}), or null for plain TCP
         * @return this builder
         */
        public Builder ssl(SSLContext ssl) {
            this.ssl = ssl;
            return this;
        }

        /**
         * Sets {@link ServerOptions#backlog()}.
         *
         * @param backlog the listen backlog, at least 1 (the kernel may cap it: Linux at
         *                {@code net.core.somaxconn})
         * @return this builder; the value is checked by {@link #build()}
         */
        public Builder backlog(int backlog) {
            this.backlog = backlog;
            return this;
        }

        /**
         * Sets {@link ServerOptions#sslParameters()}; needs {@link #ssl(SSLContext)}.
         *
         * @param sslParameters the parameters (copied: later changes to the object are not seen),
         *                      or null for the context's defaults
         * @return this builder; checked by {@link #build()}
         */
        public Builder sslParameters(SSLParameters sslParameters) {
            this.sslParameters = sslParameters == null ? null : TlsEngines.copy(sslParameters);
            return this;
        }

        /**
         * Sets {@link ServerOptions#reusePort()}.
         *
         * @param reusePort true to set {@code SO_REUSEPORT} on the TCP sockets the server binds
         * @return this builder; {@link #build()} refuses true where the platform lacks the option
         */
        public Builder reusePort(boolean reusePort) {
            this.reusePort = reusePort;
            return this;
        }

        /**
         * The options.
         *
         * @return new immutable options; the builder may be reused
         * @throws IllegalArgumentException naming the option and the fix when a connection option
         *                                  is invalid (see {@link ConnectionOptions.Settings#connectionOptions()}),
         *                                  an origin is empty, holds a control character or starts
         *                                  or ends with whitespace, a subprotocol is null, not a
         *                                  token or listed twice, an extension is null, fixed extra
         *                                  headers set a refused field, {@code openTimeout} is zero
         *                                  or negative, or {@code serverHeader} is empty, holds a
         *                                  control character or starts or ends with whitespace,
         *                                  {@code sslParameters} is set without {@code ssl},
         *                                  {@code backlog} is below 1, or {@code reusePort} is
         *                                  true where the platform has no {@code SO_REUSEPORT}
         */
        public ServerOptions build() {
            ConnectionOptions built = connectionOptions();
            checkOrigins();
            checkSubprotocols();
            for (int i = 0; i < extensions.size(); i++) {
                if (extensions.get(i) == null) {
                    throw new IllegalArgumentException("extensions[" + i + "] is null; list only extension factories");
                }
            }
            if (extraHeaders instanceof FixedHeaders fixed) {
                ExtraHeaderCheck.check(fixed.headers(), "extraHeaders");
            }
            if (openTimeout != null && (openTimeout.isNegative() || openTimeout.isZero())) {
                throw new IllegalArgumentException("openTimeout must be positive, got " + openTimeout
                        + "; use a positive Duration, or null for no limit");
            }
            if (serverHeader != null) {
                checkHeaderValue("serverHeader", "Server", serverHeader, "use null to send no Server header");
            }
            if (sslParameters != null && ssl == null) {
                throw new IllegalArgumentException("sslParameters needs ssl: set ssl(SSLContext) to serve wss://, "
                        + "or drop sslParameters");
            }
            if (backlog < 1) {
                throw new IllegalArgumentException("backlog must be at least 1, got " + backlog);
            }
            if (reusePort && !SocketSupport.reusePortAvailable()) {
                throw new IllegalArgumentException("reusePort: this platform has no SO_REUSEPORT for server sockets"
                        + " (java.net.StandardSocketOptions.SO_REUSEPORT is not supported); leave it false");
            }
            return new ServerOptions(this, built);
        }

        private void checkOrigins() {
            if (origins == null) {
                return;
            }
            for (int i = 0; i < origins.size(); i++) {
                String origin = origins.get(i);
                if (origin != null) {
                    checkHeaderValue("origins[" + i + "]", "Origin", origin,
                            "put null in the list to accept requests without an Origin header");
                }
            }
        }

        private void checkSubprotocols() {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < subprotocols.size(); i++) {
                String protocol = subprotocols.get(i);
                if (protocol == null) {
                    throw new IllegalArgumentException("subprotocols[" + i + "] is null; list only subprotocol names");
                }
                try {
                    HeaderGrammar.buildSubprotocol(List.of(protocol));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("subprotocols[" + i + "] must be a token (RFC 6455 §4.1, RFC 9110 §5.6.2): "
                            + e.getMessage(), e);
                }
                if (!seen.add(protocol)) {
                    throw new IllegalArgumentException("subprotocols lists \"" + protocol + "\" twice; list each once,"
                            + " in decreasing order of preference");
                }
            }
        }

        private static void checkHeaderValue(String option, String header, String value, String hint) {
            if (value.isBlank()) {
                throw new IllegalArgumentException(option + " must not be empty; " + hint);
            }
            try {
                new Headers.Field(header, value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(option + " is not a valid " + header + " header value: " + e.getMessage(), e);
            }
            if (!value.equals(value.strip())) {
                throw new IllegalArgumentException(option + " must not start or end with whitespace: \"" + value + "\"");
            }
        }
    }
}
