package org.websockets4j.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;
import java.security.NoSuchAlgorithmException;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import org.websockets4j.framing.Role;
import org.websockets4j.http.InvalidHandshake;
import org.websockets4j.http.InvalidURI;
import org.websockets4j.http.RedirectHandshake;
import org.websockets4j.http.SecurityError;
import org.websockets4j.http.WebSocketUri;
import org.websockets4j.protocol.WebSocket;
import org.websockets4j.protocol.internal.HandshakeInfo;
import org.websockets4j.protocol.internal.LogSafe;
import org.websockets4j.protocol.internal.HandshakeIo;
import org.websockets4j.protocol.internal.Transport;
import org.websockets4j.protocol.internal.IoGroup;
import org.websockets4j.protocol.internal.TlsEngines;
import org.websockets4j.protocol.internal.TlsHandshake;
import org.websockets4j.protocol.internal.WebSockets;

/**
 * Opens client connections (Python websockets' {@code connect()}).
 *
 * <pre>{@code
 * try (WebSocket ws = WebSocketClient.connect("ws://localhost:8765/")) {
 *     ws.send("Hello");
 *     System.out.println(ws.recv());
 * }
 * }</pre>
 *
 * <p>{@code connect} resolves the host, opens a TCP connection (to
 * {@link ClientOptions#socketAddress()} when set, while the {@code Host} header still comes from the
 * URI), for a {@code wss://} URI runs the TLS handshake (with {@link ClientOptions#ssl()}, or the
 * JDK's default context; SNI and hostname verification use the URI's host), runs the opening handshake within {@link ClientOptions#openTimeout()} and returns an open
 * {@link WebSocket}; closing it runs the closing handshake. Redirects (301, 302, 303, 307, 308) are
 * followed up to {@value #MAX_REDIRECTS} times; a redirect from {@code wss} to {@code ws} is refused,
 * and one to another origin (scheme, host or port) drops {@code Authorization}, {@code Cookie} and
 * {@code Proxy-Authorization}, and is refused while {@link ClientOptions#socketAddress()} overrides
 * the destination (the rules are in the README's "Redirects").
 * Through a proxy ({@link ClientOptions#proxy()}, a selector or the environment variables
 * {@code http_proxy}, {@code https_proxy}, {@code all_proxy}, {@code no_proxy}), the TCP
 * connection goes to the proxy, which opens a tunnel ({@code CONNECT} or SOCKS5) to the server
 * within the same open timeout; to an {@code https://} proxy, TLS with the proxy
 * ({@link ClientOptions#proxySsl()}) comes first and carries the tunnel, and a {@code wss://}
 * server's TLS runs inside it.
 * Stateless and thread-safe.
 */
public final class WebSocketClient {
    /**
     * The logger of module org.websockets4j.client. Failures are thrown to the caller, not logged;
     * only redirects followed and connections opened are, at DEBUG.
     */
    private static final System.Logger LOG = System.getLogger("org.websockets4j.client");
    /** The most redirects followed before giving up, as in Python websockets. */
    public static final int MAX_REDIRECTS = 10;
    private static final int HANDSHAKE_BUFFER = 4096;
    /** The proxy environment variables, read once: a Java process cannot change its environment. */
    private static final ProxyConfig ENVIRONMENT = ProxyConfig.environment();

    private WebSocketClient() {
    }

    /**
     * {@link #connect(String, ClientOptions)} with {@link ClientOptions#defaults()}.
     *
     * @param uri the server's URI, for example {@code ws://localhost:8765/}; not null
     * @return the open connection, which the caller closes
     * @throws IOException          when the TCP connection fails, or (as
     *                              {@link SocketTimeoutException}) the connection and handshake
     *                              take longer than the default open timeout
     * @throws InterruptedException when interrupted while connecting
     * @see #connect(String, ClientOptions) the other exceptions
     */
    public static WebSocket connect(String uri) throws IOException, InterruptedException {
        return connect(uri, ClientOptions.defaults());
    }

    /**
     * Connects to the WebSocket server at {@code uri} and returns the open connection. Blocks the
     * calling thread until the handshake ends; {@link #connectAsync} does not.
     *
     * @param uri     the server's URI, for example {@code ws://localhost:8765/}; not null
     * @param options the client's options, not null
     * @return the open connection, which the caller closes
     * @throws NullPointerException                 when {@code uri} or {@code options} is null
     * @throws InvalidURI                           when {@code uri} is not a valid ws:// or wss:// URI
     * @throws IllegalArgumentException             when {@link ClientOptions#ssl()} is set for a ws:// URI (as in Python)
     * @throws javax.net.ssl.SSLHandshakeException  when the TLS handshake of a wss:// URI, or with an https:// proxy (the message names the proxy), fails: the certificate is not trusted or does not name the host, the peer does not speak TLS, or no protocol is shared
     * @throws org.websockets4j.http.InvalidStatusCode when the server answers with another status than 101 (status and body inside)
     * @throws org.websockets4j.http.InvalidHandshake  when the server's answer is not a valid handshake (bad accept key, missing headers, a subprotocol or extension not offered, too many redirects)
     * @throws org.websockets4j.http.ProxyError       when the proxy refuses the tunnel ({@link org.websockets4j.http.InvalidProxyStatus}
     *                                              with the HTTP status, {@link org.websockets4j.http.SocksProxyError} with the SOCKS5 reply code,
     *                                              or a refused authentication) or answers something else than its protocol
     *                                              ({@link org.websockets4j.http.InvalidProxyMessage})
     * @throws SocketTimeoutException               when the connection, the proxy's tunnel and the handshake take longer than the open timeout
     * @throws IOException                          when the TCP connection fails, or TLS fails after its handshake
     * @throws InterruptedException                 when interrupted while connecting
     */
    public static WebSocket connect(String uri, ClientOptions options) throws IOException, InterruptedException {
        return connect(uri, options, ENVIRONMENT);
    }

    /** {@link #connect(String, ClientOptions)} with the proxy environment given, for tests. */
    static WebSocket connect(String uri, ClientOptions options, ProxyConfig environment) throws IOException, InterruptedException {
        Objects.requireNonNull(options, "options");
        WebSocketUri target = WebSocketUri.parse(uri);
        if (!target.secure() && options.ssl() != null) {
            throw new IllegalArgumentException("connect() received an ssl context for a ws:// URI; use a wss:// URI to enable TLS");
        }
        for (int redirects = 0; ; redirects++) {
            try {
                return connectOnce(target, options, environment);
            } catch (RedirectHandshake redirect) {
                if (redirects == MAX_REDIRECTS) {
                    throw new SecurityError("more than " + MAX_REDIRECTS + " redirects, the last to " + WebSocketUri.redact(redirect.uri()));
                }
                RedirectPolicy.Hop hop = RedirectPolicy.follow(target, options, WebSocketUri.parse(redirect.uri()));
                WebSocketUri from = target;
                LOG.log(System.Logger.Level.DEBUG, () -> "following a redirect from " + LogSafe.withoutQuery(from.toString()) + " to "
                        + LogSafe.withoutQuery(hop.uri().toString()));
                target = hop.uri();
                options = hop.options();
            }
        }
    }

    /**
     * {@link #connect(String, ClientOptions)} on a new virtual thread. Throws nothing itself:
     * every failure, null arguments included, completes the future exceptionally. Cancelling the
     * future does not stop the connection attempt.
     *
     * @param uri     the server's URI, for example {@code ws://localhost:8765/}
     * @param options the client's options
     * @return a future completed with the open connection, or with the failure
     */
    public static CompletableFuture<WebSocket> connectAsync(String uri, ClientOptions options) {
        CompletableFuture<WebSocket> result = new CompletableFuture<>();
        Thread.ofVirtual().name("websockets4j-connect").start(() -> {
            try {
                result.complete(connect(uri, options));
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /**
     * {@link #unixConnect(Path, String, ClientOptions)} with {@link ClientOptions#defaults()}.
     *
     * @param path the server's socket file
     * @param uri  the URI whose path and host go into the request, for example {@code ws://localhost/}
     * @return the open connection, which the caller closes
     * @throws IOException          when connecting fails (no such file, nobody listening)
     * @throws InterruptedException when interrupted while connecting
     */
    public static WebSocket unixConnect(Path path, String uri) throws IOException, InterruptedException {
        return unixConnect(path, uri, ClientOptions.defaults());
    }

    /**
     * Connects to a WebSocket server listening on a Unix domain socket (Python's
     * {@code unix_connect}): {@link #connect(String, ClientOptions)} with
     * {@link ClientOptions#socketAddress()} set to {@code path}. The URI still gives the request's
     * path and {@code Host} header; redirects are followed over the same socket file. Connecting
     * (which waits while the server's accept backlog is full) and the handshake are bounded by
     * {@link ClientOptions#openTimeout()}, as over TCP.
     *
     * @param path    the server's socket file
     * @param uri     the URI whose path and host go into the request, for example {@code ws://localhost/}
     * @param options the client options; a {@link ClientOptions#localAddress()} is refused
     * @return the open connection, which the caller closes
     * @throws IllegalArgumentException when the options set a local address
     * @throws SocketTimeoutException   when connecting and the handshake take longer than the open timeout
     * @throws IOException              when connecting fails (no such file, nobody listening, no
     *                                  permission) or the handshake does (see {@link #connect(String, ClientOptions)})
     * @throws InterruptedException     when interrupted while connecting
     */
    public static WebSocket unixConnect(Path path, String uri, ClientOptions options) throws IOException, InterruptedException {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(options, "options");
        return connect(uri, options.toBuilder().socketAddress(UnixDomainSocketAddress.of(path)).build());
    }

    /**
     * Runs the opening handshake over a channel the caller connected (Python's {@code sock}): a
     * TCP or Unix domain socket, already connected where it should be. The WebSocket owns the
     * channel from now on (switched to non-blocking mode, driven by the library's selector thread)
     * and closes it when the connection ends, or on failure. A redirect cannot be followed over it.
     *
     * @param channel a connected channel
     * @param uri     the URI whose path and host go into the request
     * @param options the client options; {@code socketAddress} and {@code localAddress} are refused
     * @return the open connection, which the caller closes
     * @throws IllegalArgumentException when the channel is not connected, or the options name an
     *                                  address (the channel is connected already)
     * @throws org.websockets4j.http.InvalidHandshake when the server's answer is not a valid
     *                                  handshake, or is a redirect
     * @throws IOException              when the channel fails, or the handshake times out
     * @throws InterruptedException     when interrupted while connecting
     */
    public static WebSocket connect(SocketChannel channel, String uri, ClientOptions options)
            throws IOException, InterruptedException {
        Objects.requireNonNull(channel, "channel");
        try {
            Objects.requireNonNull(options, "options");
            if (options.socketAddress() != null || options.localAddress() != null) {
                throw new IllegalArgumentException("socketAddress and localAddress do not apply to a channel that is"
                        + " connected already; leave them null");
            }
            WebSocketUri target = WebSocketUri.parse(uri);
            if (!channel.isConnected()) {
                throw new IllegalArgumentException("the channel must be connected");
            }
            long deadline = deadline(options.openTimeout());
            try {
                return handshake(HandshakeIo.channel(channel), target, options, deadline);
            } catch (RedirectHandshake redirect) {
                throw new InvalidHandshake("the server redirects to " + WebSocketUri.redact(redirect.uri())
                        + "; a redirect cannot be followed over a channel given to connect()", redirect);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static long deadline(Duration timeout) {
        return timeout == null ? HandshakeIo.NO_DEADLINE : System.nanoTime() + timeout.toNanos();
    }

    /**
     * {@link #reconnecting(String, ClientOptions, ReconnectOptions)} with
     * {@link ReconnectOptions#defaults()}.
     *
     * @param uri     the server's URI
     * @param options the client's options, used for every attempt
     * @return the connections, opened one after the other; close it to stop
     * @throws InvalidURI           when {@code uri} is not a valid WebSocket URI
     * @throws NullPointerException when an argument is null
     */
    public static ReconnectingClient reconnecting(String uri, ClientOptions options) {
        return reconnecting(uri, options, ReconnectOptions.defaults());
    }

    /**
     * Connections to {@code uri} opened one after the other, reconnecting with backoff: Python
     * websockets' {@code async for websocket in connect(uri)}. Nothing is connected before the
     * first step of the iteration (or {@link ReconnectingClient#forEachAsync}).
     *
     * @param uri       the server's URI
     * @param options   the client's options, used for every attempt
     * @param reconnect the delays between attempts and which failures are retried
     * @return the connections; close it to stop
     * @throws InvalidURI           when {@code uri} is not a valid WebSocket URI
     * @throws NullPointerException when an argument is null
     */
    public static ReconnectingClient reconnecting(String uri, ClientOptions options, ReconnectOptions reconnect) {
        return new ReconnectingClient(uri, options, reconnect, WebSocketClient::connect);
    }

    /**
     * {@link #reconnecting(String, ClientOptions, ReconnectOptions)} where each attempt asks
     * {@code uri} where to connect: to resume where the last connection stopped (a
     * {@code ?last=} query), or to go round a list of servers. An invalid URI fails that attempt
     * with {@link InvalidURI}, which is not retried by default.
     *
     * @param uri       called before each attempt, on the thread that connects
     * @param options   the client's options, used for every attempt
     * @param reconnect the delays between attempts and which failures are retried
     * @return the connections; close it to stop
     * @throws NullPointerException when an argument is null
     */
    public static ReconnectingClient reconnecting(java.util.function.Supplier<String> uri, ClientOptions options,
                                                  ReconnectOptions reconnect) {
        return new ReconnectingClient(uri, options, reconnect, WebSocketClient::connect);
    }

    /**
     * One attempt, in steps over a {@link Transport}: open the raw byte stream; the proxy's tunnel,
     * when one is chosen; TLS for a {@code wss://} URI; the WebSocket handshake. All within one
     * open timeout.
     */
    private static WebSocket connectOnce(WebSocketUri uri, ClientOptions options, ProxyConfig environment)
            throws IOException, InterruptedException {
        ClientHandshake handshake = new ClientHandshake(uri, options);
        Duration timeout = options.openTimeout();
        long deadline = timeout == null ? HandshakeIo.NO_DEADLINE : System.nanoTime() + timeout.toNanos();
        ProxyUri proxy = environment.choose(options, uri);
        Transport transport = openTransport(uri, options, proxy, deadline, timeout);
        boolean opened = false;
        try {
            if (proxy != null) {
                if (proxy.tls()) {
                    transport = secureProxy(transport, proxy, options, deadline, timeout);
                }
                tunnel(transport, proxy, uri, options, deadline, timeout);
            }
            if (uri.secure()) {
                transport = secure(transport, uri, options, deadline, timeout);
            }
            WebSocket webSocket = handshake(transport, uri, handshake, options, deadline, timeout);
            opened = true;
            return webSocket;
        } finally {
            if (!opened) {
                transport.close();
            }
        }
    }

    /**
     * Step 1: the TCP connection to the proxy when one is chosen, else to the URI's host and port,
     * or to {@link ClientOptions#socketAddress()}.
     */
    private static Transport openTransport(WebSocketUri uri, ClientOptions options, ProxyUri proxy, long deadline,
                                           Duration timeout) throws IOException, InterruptedException {
        if (proxy != null) {
            LOG.log(System.Logger.Level.DEBUG, () -> "connecting to " + LogSafe.withoutQuery(uri.toString()) + " through proxy " + proxy);
            return RawTransports.tcp(new InetSocketAddress(proxy.host(), proxy.port()), options.localAddress(), deadline, timeout);
        }
        return RawTransports.open(uri, options, deadline, timeout);
    }

    /**
     * Steps 3 and 4 over a byte stream already open (a given channel, a Unix socket): TLS for a
     * {@code wss://} URI, then the WebSocket handshake; closes the transport on failure.
     */
    private static WebSocket handshake(Transport transport, WebSocketUri uri, ClientOptions options, long deadline)
            throws IOException, InterruptedException {
        Duration timeout = options.openTimeout();
        boolean opened = false;
        try {
            Transport carried = uri.secure() ? secure(transport, uri, options, deadline, timeout) : transport;
            WebSocket webSocket = handshake(carried, uri, new ClientHandshake(uri, options), options, deadline, timeout);
            opened = true;
            return webSocket;
        } finally {
            if (!opened) {
                transport.close();
            }
        }
    }

    /**
     * Step 2a, for an {@code https://} proxy: TLS to the proxy with {@link ClientOptions#proxySsl()},
     * SNI and hostname verification against the proxy's host. The tunnel and, for {@code wss://},
     * the server's own TLS then run inside it.
     */
    private static Transport secureProxy(Transport raw, ProxyUri proxy, ClientOptions options, long deadline,
                                         Duration timeout) throws IOException, InterruptedException {
        SSLEngine engine = TlsEngines.client(context(options.proxySsl()), null, proxy.host(), proxy.port(),
                options.verifyHostname());
        try {
            return TlsHandshake.run(raw, engine, deadline);
        } catch (TimeoutException e) {
            throw new SocketTimeoutException("opening handshake timed out after " + timeout
                    + " (in the TLS handshake with the proxy)");
        } catch (SSLHandshakeException e) {
            SSLHandshakeException failed = new SSLHandshakeException("TLS handshake with the proxy " + proxy
                    + " failed (check proxySsl): " + e.getMessage());
            failed.initCause(e);
            throw failed;
        }
    }

    private static SSLContext context(SSLContext configured) throws IOException {
        if (configured != null) {
            return configured;
        }
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IOException("no default TLS context in this JDK", e);
        }
    }

    /** Step 2: the proxy's tunnel to the URI's host and port (HTTP CONNECT or SOCKS5). */
    private static void tunnel(Transport raw, ProxyUri proxy, WebSocketUri uri, ClientOptions options, long deadline,
                               Duration timeout) throws IOException, InterruptedException {
        try {
            ProxyStep.open(raw, proxy, uri, options.userAgent(), deadline);
        } catch (TimeoutException e) {
            throw new SocketTimeoutException("opening handshake timed out after " + timeout + " (in the proxy's tunnel)");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        }
    }

    /**
     * Step 3: TLS over {@code raw} (which the caller still closes on failure), with SNI and
     * hostname verification against the URI's host.
     */
    private static Transport secure(Transport raw, WebSocketUri uri, ClientOptions options, long deadline, Duration timeout)
            throws IOException, InterruptedException {
        SSLEngine engine = TlsEngines.client(context(options.ssl()), options.sslParameters(), uri.host(), uri.port(), options.verifyHostname());
        try {
            return TlsHandshake.run(raw, engine, deadline);
        } catch (TimeoutException e) {
            throw new SocketTimeoutException("opening handshake timed out after " + timeout + " (in the TLS handshake)");
        } catch (SSLHandshakeException e) {
            SSLHandshakeException failed = new SSLHandshakeException("TLS handshake with " + uri.hostHeader() + " failed: "
                    + e.getMessage());
            failed.initCause(e);
            throw failed;
        }
    }

    /** Step 4: the WebSocket opening handshake over {@code transport}, which the WebSocket then owns. */
    private static WebSocket handshake(Transport transport, WebSocketUri uri, ClientHandshake handshake, ClientOptions options,
                                       long deadline, Duration timeout) throws IOException, InterruptedException {
        ByteBuffer buffer = ByteBuffer.allocate(HANDSHAKE_BUFFER);
        ClientHandshake.Accepted accepted;
        try {
            HandshakeIo.writeFully(transport, ByteBuffer.wrap(handshake.request()), deadline);
            accepted = HandshakeIo.readUntil(transport, buffer, deadline, new HandshakeIo.Step<>() {
                @Override
                public ClientHandshake.Accepted data(ByteBuffer in) {
                    return handshake.receiveData(in);
                }

                @Override
                public ClientHandshake.Accepted eof() {
                    handshake.receiveEof(); // throws: the server left before answering in full
                    return handshake.receiveData(buffer);
                }
            });
        } catch (TimeoutException e) {
            throw new SocketTimeoutException("opening handshake timed out after " + timeout);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        }
        WebSocket webSocket = WebSockets.open(transport, Role.CLIENT, options.connection(), accepted.extensions(), buffer,
                new HandshakeInfo(uri.resourceName(), accepted.requestHeaders(), accepted.responseHeaders(),
                        accepted.subprotocol()));
        LOG.log(System.Logger.Level.DEBUG, () -> "connected to " + LogSafe.withoutQuery(uri.toString()) + ": " + webSocket);
        return webSocket;
    }
}
