package org.websockets4j.server;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.websockets4j.framing.Close;
import org.websockets4j.framing.CloseCodes;
import org.websockets4j.protocol.WebSocket;
import org.websockets4j.protocol.internal.IoGroup;

/**
 * A running WebSocket server (Python websockets' {@code serve()} and {@code WebSocketServer}).
 *
 * <pre>{@code
 * try (WebSocketServer server = WebSocketServer.serve(ws -> {
 *         for (Message message : ws) {
 *             ws.send(message);
 *         }
 *     }, "127.0.0.1", 8765)) {
 *     server.awaitClosed();
 * }
 * }</pre>
 *
 * <p>It listens on one or more sockets: a host and port ({@code serve}), several hosts
 * ({@code serve(handler, hosts, port, options)}), a Unix domain socket ({@code unixServe}) or a
 * channel bound elsewhere ({@code serve(handler, channel, options)}), each with its
 * {@code serveAsync} twin. Each accepted connection gets its own thread (a virtual thread unless
 * {@link ServerOptions#handlerExecutor()} names an executor) that runs the opening handshake,
 * bounded by {@link ServerOptions#openTimeout()}, then the {@link ConnectionHandler}: on a fresh
 * virtual thread by default, which keeps an idle connection's parked thread small; on the same
 * thread of the named executor otherwise. Refused
 * handshakes get the HTTP answer {@link ServerHandshake} chose (400, 403, 405, 426, 431, 500, 503)
 * and the TCP connection is closed. Once the handler returns, the connection is closed with 1000;
 * when it throws, with 1011, and the exception is logged through {@link System.Logger}
 * {@code org.websockets4j.server}.
 *
 * <p>What that logger reports, each line naming the client's address: at WARNING, a handshake
 * that failed (an invalid request, answered 4xx; a server-side error, answered 500, with its
 * stack trace; a client that did not complete it within the open timeout), at most one such line
 * every 10 seconds, the others at DEBUG and counted by kind in the next WARNING (so that no client
 * can flood the log), and every exception thrown by a handler (with its stack trace); at DEBUG, handshakes refused on purpose (by
 * {@link ServerOptions#processRequest()} or because the server is closing), clients that left
 * before sending a whole request (port scans, TCP health checks) and connections closed while a
 * handler ran; at ERROR, a failure to start a connection's thread.
 *
 * <p>{@link #close()} stops accepting, makes handshakes still in progress answer 503, closes
 * open connections with 1001 (going away; {@link #close(int, String)} chooses the code), and
 * waits, as {@code async with serve(...)} does, until every TCP connection is closed and every
 * handler has returned; {@link #closeAsync(int, String)} does not wait. Closing is idempotent;
 * {@link #awaitClosed()} waits for the same end. Thread-safe.
 */
public final class WebSocketServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("org.websockets4j.server");
    /** Times the closes of a drain (one daemon thread, made on first use). */
    private static final ScheduledExecutorService DRAIN_TIMER = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("websockets4j-drain").daemon(true).factory());

    private final List<Listener> listeners;
    private final SocketAddress address;
    /** What drain, close and the connection serving share: closing, the connections, the counters. */
    private final ServerState state;
    /** Where the listeners hand accepted connections over: handshake, handler, close. */
    private final ConnectionServing connectionServing;

    private WebSocketServer(List<Listener> listeners, ConnectionHandler handler,
                            AsyncConnectionHandler asyncHandler, ServerOptions options) {
        this.listeners = List.copyOf(listeners);
        this.address = listeners.get(0).address();
        this.state = new ServerState(listeners.size());
        this.connectionServing = new ConnectionServing(state, handler, asyncHandler, options);
    }

    /**
     * {@link #serve(ConnectionHandler, String, int, ServerOptions)} with
     * {@link ServerOptions#defaults()}.
     *
     * @param handler what to do with each connection, not null
     * @param host the interface to listen on; null for all interfaces
     * @param port the TCP port, 0-65535; 0 for an ephemeral one
     * @return the server, already accepting connections
     * @throws IOException              when the address cannot be bound
     * @throws IllegalArgumentException when the port is outside 0–65535
     */
    public static WebSocketServer serve(ConnectionHandler handler, String host, int port) throws IOException {
        return serve(handler, host, port, ServerOptions.defaults());
    }

    /**
     * Starts a server listening on {@code host:port} and returns it running. A handler that is
     * also a {@link RequestProcessor}, such as a {@link Router}, is asked during each opening
     * handshake, after {@link ServerOptions#processRequest()}, and may refuse the request (a
     * router's 404) before {@code 101}.
     *
     * @param handler what to do with each connection
     * @param host    the interface to listen on; null for all interfaces
     * @param port    the TCP port; 0 for an ephemeral port (read it back with {@link #port()})
     * @param options the handshake and connection options
     * @return the server, already accepting connections; close it to release the port
     * @throws IOException              when the address cannot be bound
     * @throws IllegalArgumentException when the port is outside 0–65535
     */
    public static WebSocketServer serve(ConnectionHandler handler, String host, int port, ServerOptions options)
            throws IOException {
        Objects.requireNonNull(handler, "handler");
        return start(handler, null, host, port, options);
    }

    /**
     * {@link #serveAsync(AsyncConnectionHandler, String, int, ServerOptions)} with
     * {@link ServerOptions#defaults()}.
     *
     * @param handler what to do with each connection, not null
     * @param host the interface to listen on; null for all interfaces
     * @param port the TCP port, 0-65535; 0 for an ephemeral one
     * @return the server, already accepting connections
     * @throws IOException              when the address cannot be bound
     * @throws IllegalArgumentException when the port is outside 0–65535
     */
    public static WebSocketServer serveAsync(AsyncConnectionHandler handler, String host, int port) throws IOException {
        return serveAsync(handler, host, port, ServerOptions.defaults());
    }

    /**
     * Starts a server whose connections are handled without a thread each (see
     * {@link AsyncConnectionHandler}), listening on {@code host:port}, and returns it running: the
     * async twin of {@link #serve(ConnectionHandler, String, int, ServerOptions)} (a different name,
     * because a lambda such as {@code ws -> handle(ws)} would fit both handler types). The
     * opening handshake still runs on a short-lived thread of the handler executor; once the
     * handler has returned its stage, an idle connection holds no thread.
     *
     * @param handler what to do with each connection
     * @param host    the interface to listen on; null for all interfaces
     * @param port    the TCP port; 0 for an ephemeral port (read it back with {@link #port()})
     * @param options the handshake and connection options
     * @return the server, already accepting connections; close it to release the port
     * @throws IOException              when the address cannot be bound
     * @throws IllegalArgumentException when the port is outside 0–65535
     */
    public static WebSocketServer serveAsync(AsyncConnectionHandler handler, String host, int port, ServerOptions options)
            throws IOException {
        Objects.requireNonNull(handler, "handler");
        return start(null, handler, host, port, options);
    }

    /**
     * Starts a server listening on {@code port} of each of {@code hosts} (Python's {@code host}
     * given as a list): one socket per host, all feeding the same connections.
     *
     * @param handler what to do with each connection
     * @param hosts   the interfaces, at least one; a null element means all interfaces
     * @param port    the TCP port; with 0, the first host gets an ephemeral port and the others
     *                the same one
     * @param options the handshake, connection and socket options
     * @return the server, accepting on every address ({@link #addresses()})
     * @throws IOException              when an address cannot be bound (none stays bound then)
     * @throws IllegalArgumentException when {@code hosts} is empty or the port is outside 0–65535
     */
    public static WebSocketServer serve(ConnectionHandler handler, List<String> hosts, int port, ServerOptions options)
            throws IOException {
        Objects.requireNonNull(handler, "handler");
        return start(handler, null, hosts, port, options);
    }

    /**
     * The async-handler twin of {@link #serve(ConnectionHandler, List, int, ServerOptions)}.
     *
     * @param handler what to do with each connection
     * @param hosts   the interfaces, at least one; a null element means all interfaces
     * @param port    the TCP port; 0 for an ephemeral one shared by every host
     * @param options the handshake, connection and socket options
     * @return the server, accepting on every address
     * @throws IOException              when an address cannot be bound (none stays bound then)
     * @throws IllegalArgumentException when {@code hosts} is empty or the port is outside 0–65535
     */
    public static WebSocketServer serveAsync(AsyncConnectionHandler handler, List<String> hosts, int port,
                                             ServerOptions options) throws IOException {
        Objects.requireNonNull(handler, "handler");
        return start(null, handler, hosts, port, options);
    }

    /**
     * Starts a server listening on a Unix domain socket at {@code path} (Python's
     * {@code unix_serve}). A stale socket file (one nobody listens on) is replaced; a live
     * server's makes this fail. The file gets the permissions the process umask leaves (clients
     * need write permission on it to connect); close() removes it.
     *
     * @param handler what to do with each connection
     * @param path    the socket file's path (Linux limits it to about 107 bytes)
     * @param options the handshake and connection options; {@code reusePort} is refused
     * @return the server, already accepting connections
     * @throws IOException              when the path cannot be bound (a server listens there, the
     *                                  file is not a socket, the directory is missing)
     * @throws IllegalArgumentException when {@link ServerOptions#reusePort()} is set
     */
    public static WebSocketServer unixServe(ConnectionHandler handler, Path path, ServerOptions options) throws IOException {
        Objects.requireNonNull(handler, "handler");
        return start(handler, null, Listeners.unix(path, options), options);
    }

    /**
     * The async-handler twin of {@link #unixServe(ConnectionHandler, Path, ServerOptions)}.
     *
     * @param handler what to do with each connection
     * @param path    the socket file's path
     * @param options the handshake and connection options; {@code reusePort} is refused
     * @return the server, already accepting connections
     * @throws IOException              when the path cannot be bound
     * @throws IllegalArgumentException when {@link ServerOptions#reusePort()} is set
     */
    public static WebSocketServer unixServeAsync(AsyncConnectionHandler handler, Path path, ServerOptions options)
            throws IOException {
        Objects.requireNonNull(handler, "handler");
        return start(null, handler, Listeners.unix(path, options), options);
    }

    /**
     * Starts a server on a channel that is already bound and listening (Python's {@code sock}):
     * one bound by the caller with options of its own, or {@link System#inheritedChannel()} for
     * socket activation (inetd, systemd {@code StandardInput=socket}). TCP and Unix channels
     * both work; connections run over the channel transport (non-blocking, completed by the
     * library's selector thread), not the asynchronous channel group. The server owns the channel
     * and closes it on close().
     *
     * @param handler what to do with each connection
     * @param channel a bound, listening channel
     * @param options the handshake and connection options; {@code reusePort} is refused and
     *                {@code backlog} does not apply
     * @return the server, already accepting connections
     * @throws IOException              when the channel cannot be read or set to blocking mode
     * @throws IllegalArgumentException when the channel is not bound or {@code reusePort} is set
     */
    public static WebSocketServer serve(ConnectionHandler handler, ServerSocketChannel channel, ServerOptions options)
            throws IOException {
        Objects.requireNonNull(handler, "handler");
        return start(handler, null, Listeners.adopt(channel, options), options);
    }

    /**
     * The async-handler twin of {@link #serve(ConnectionHandler, ServerSocketChannel, ServerOptions)}.
     *
     * @param handler what to do with each connection
     * @param channel a bound, listening channel
     * @param options the handshake and connection options; {@code reusePort} is refused
     * @return the server, already accepting connections
     * @throws IOException              when the channel cannot be read or set to blocking mode
     * @throws IllegalArgumentException when the channel is not bound or {@code reusePort} is set
     */
    public static WebSocketServer serveAsync(AsyncConnectionHandler handler, ServerSocketChannel channel,
                                             ServerOptions options) throws IOException {
        Objects.requireNonNull(handler, "handler");
        return start(null, handler, Listeners.adopt(channel, options), options);
    }

    private static WebSocketServer start(ConnectionHandler handler, AsyncConnectionHandler asyncHandler, String host,
                                         int port, ServerOptions options) throws IOException {
        return start(handler, asyncHandler, Arrays.asList(host), port, options);
    }

    private static WebSocketServer start(ConnectionHandler handler, AsyncConnectionHandler asyncHandler, List<String> hosts,
                                         int port, ServerOptions options) throws IOException {
        Objects.requireNonNull(options, "options");
        return start(handler, asyncHandler, Listeners.tcp(hosts, port, options), options);
    }

    /** Starts a server on listeners already bound; closes them when it cannot. */
    static WebSocketServer start(ConnectionHandler handler, AsyncConnectionHandler asyncHandler, List<Listener> listeners,
                                 ServerOptions options) {
        WebSocketServer server;
        try {
            server = new WebSocketServer(listeners, handler, asyncHandler, Objects.requireNonNull(options, "options"));
        } catch (RuntimeException e) {
            listeners.forEach(Listener::close);
            throw e;
        }
        for (Listener listener : server.listeners) {
            listener.start(server.connectionServing);
        }
        return server;
    }

    /**
     * The address the server listens on (with the actual port when 0 was asked for): the first
     * one when it listens on several; a {@link java.net.UnixDomainSocketAddress} for a Unix server.
     *
     * @return the bound address, never null
     */
    public SocketAddress address() {
        return address;
    }

    /**
     * The addresses the server listens on (Python's {@code sockets}), in the order given: one per
     * host, a Unix socket's path, a given channel's address.
     *
     * @return an immutable list of the bound addresses, never empty
     */
    public List<SocketAddress> addresses() {
        return listeners.stream().map(Listener::address).toList();
    }

    /**
     * The TCP port the server listens on (the first address's).
     *
     * @return the bound port, 1-65535
     * @throws IllegalStateException when the server listens on a Unix domain socket
     */
    public int port() {
        if (address instanceof InetSocketAddress inet) {
            return inet.getPort();
        }
        throw new IllegalStateException("this server listens on " + address + ", not on a TCP port");
    }

    /**
     * The open WebSocket connections, a snapshot; see {@link #broadcast(Iterable, String)}.
     *
     * @return an immutable copy of the connections open now; it does not follow later changes
     */
    public Set<WebSocket> connections() {
        return Set.copyOf(state.connections);
    }

    /**
     * The server's counters since it started: connections, handshakes by outcome, messages and
     * bytes each way, close codes, write-buffer high-water mark. Cheap enough to call on every
     * scrape (it sums a few counters and copies three small maps); see {@link ServerMetrics} for
     * when each counter moves. Thread-safe; works before, during and after {@link #close()}.
     *
     * @return a new immutable snapshot
     */
    public ServerMetrics metrics() {
        return state.metrics.snapshot();
    }

    // ------------------------------------------------------------------ broadcasting

    /**
     * Sends a text message to many connections without waiting for any of them: Python websockets'
     * {@code broadcast(websockets, message)}.
     *
     * <pre>{@code
     * BroadcastResult result = WebSocketServer.broadcast(server.connections(), "tick");
     * }</pre>
     *
     * <p>The contract:
     * <ul>
     *   <li>The message is encoded once, into one read-only buffer that every connection shares:
     *       a server frame is unmasked, so each connection adds only its 2-10 byte header. Memory
     *       is one payload, however many connections.</li>
     *   <li>Each connection, in iteration order, gets the message as one complete frame queued
     *       through its normal write path, or is skipped and listed in the result: when it is not
     *       open ({@link BroadcastResult.Reason#NOT_OPEN}); when a fragmented message is in
     *       progress on it ({@link BroadcastResult.Reason#SENDING_FRAGMENTED}); when more than its
     *       {@code writeLimit} bytes already wait to be written, a slow consumer
     *       ({@link BroadcastResult.Reason#WRITE_BUFFER_FULL}: the message is dropped for it, so a
     *       stalled peer costs at most about one message beyond {@code writeLimit}). The decision
     *       and the queueing are atomic per connection.</li>
     *   <li>Never blocks (no wait for the write buffer to drain, unlike {@link WebSocket#send});
     *       "sent" means queued: a connection that fails later loses it, as with
     *       {@link WebSocket#sendAsync(String)}.</li>
     *   <li>Never throws because of one connection; an unexpected exception while queueing on one
     *       is logged and reported as {@link BroadcastResult.Reason#FAILED}.</li>
     *   <li>Thread-safe: broadcasts and ordinary sends may run concurrently from any threads;
     *       each message reaches each connection whole. Messages broadcast one after the other by
     *       one thread arrive in that order; concurrent broadcasts may be ordered differently on
     *       different connections.</li>
     *   <li>Any {@link WebSocket} may be given, not only this server's. A client-side connection
     *       must mask its frames, so it cannot share the bytes: its frame writer masks a private
     *       copy of the payload (read-only payloads are never masked in place), and it is counted
     *       as sent.</li>
     * </ul>
     *
     * @param connections the connections, for example {@link #connections()}; iterated once, each
     *                    element getting the message once per occurrence
     * @param message     the text
     * @return how many connections the message was queued on, and which were skipped and why
     * @throws NullPointerException     when {@code connections}, one of its elements or
     *                                  {@code message} is null (checked before anything is sent)
     * @throws IllegalArgumentException when {@code message} holds an unpaired surrogate (nothing is sent)
     */
    public static BroadcastResult broadcast(Iterable<WebSocket> connections, String message) {
        return Broadcaster.text(connections, message);
    }

    /**
     * Sends a binary message holding a copy of {@code message} (made once, shared by every
     * connection) to many connections without waiting; see {@link #broadcast(Iterable, String)}.
     *
     * @param connections the connections, iterated once; each element gets the message once per
     *                    occurrence
     * @param message the payload, copied once before anything is sent
     * @return how many connections the message was queued on, and which were skipped and why
     * @throws NullPointerException when {@code connections}, one of its elements or {@code message} is null
     */
    public static BroadcastResult broadcast(Iterable<WebSocket> connections, byte[] message) {
        return Broadcaster.binary(connections, message);
    }

    /**
     * Sends a binary message holding a copy of {@code message}'s remaining bytes (made once,
     * shared by every connection; its position is left alone) to many connections without
     * waiting; see {@link #broadcast(Iterable, String)}.
     *
     * @param connections the connections, iterated once; each element gets the message once per
     *                    occurrence
     * @param message the payload; its remaining bytes are copied once before anything is sent
     * @return how many connections the message was queued on, and which were skipped and why
     * @throws NullPointerException when {@code connections}, one of its elements or {@code message} is null
     */
    public static BroadcastResult broadcast(Iterable<WebSocket> connections, ByteBuffer message) {
        return Broadcaster.binary(connections, message);
    }

    /**
     * True once {@link #close()} was called.
     *
     * @return whether the server has started closing; it never turns false again
     */
    public boolean isClosing() {
        return state.isClosing();
    }

    /**
     * Drains the server before stopping it, so that a rolling restart moves clients gently: from
     * now on every new opening handshake is answered {@code 503 Service Unavailable} with
     * {@code Retry-After} (so a load balancer's health check through the server fails and clients
     * know when to come back; the listener stays open so that they get that answer rather than a
     * refused connection); the connections open now are closed with 1001 (going away) one after
     * the other, in a random order, spread evenly over {@code period}, so that a thousand clients
     * do not reconnect elsewhere in the same millisecond; then, once {@code period} has passed,
     * the server closes as {@link #closeAsync(int, String)} with 1001 does. Returns at once.
     * Calling it again, or on a closing server, only returns {@link #closedFuture()}.
     *
     * @param period     how long the closing of the open connections is spread over; zero closes
     *                   them all at once
     * @param retryAfter what the 503 answers tell clients to wait (whole seconds, rounded up)
     * @return a future completed once the server is closed: every connection closed and every
     *         handler returned
     * @throws NullPointerException     when an argument is null
     * @throws IllegalArgumentException when {@code period} is negative or {@code retryAfter} is not
     *                                  positive
     */
    public CompletableFuture<Void> drain(Duration period, Duration retryAfter) {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(retryAfter, "retryAfter");
        if (period.isNegative()) {
            throw new IllegalArgumentException("period must not be negative, got " + period);
        }
        if (retryAfter.isNegative() || retryAfter.isZero()) {
            throw new IllegalArgumentException("retryAfter must be positive, got " + retryAfter);
        }
        if (!state.startDrain(retryAfter)) {
            return closedFuture();
        }
        for (ServerHandshake handshake : state.handshakes) {
            handshake.shuttingDown(retryAfter);
        }
        List<WebSocket> open = new ArrayList<>(state.connections);
        Collections.shuffle(open);
        long step = open.isEmpty() ? 0 : period.toNanos() / open.size();
        for (int i = 0; i < open.size(); i++) {
            WebSocket webSocket = open.get(i);
            DRAIN_TIMER.schedule(() -> webSocket.closeAsync(CloseCodes.GOING_AWAY, ""), step * i, TimeUnit.NANOSECONDS);
        }
        DRAIN_TIMER.schedule(() -> closeAsync(CloseCodes.GOING_AWAY, ""), period.toNanos(), TimeUnit.NANOSECONDS);
        LOG.log(Level.INFO, () -> "draining " + open.size() + " connections over " + period + "; new clients are told to retry after "
                + retryAfter);
        return closedFuture();
    }

    /**
     * {@link #close(int, String)} with 1001 (going away) and no reason: stops the server and, as
     * {@code async with serve(...)} does in websockets, waits until every connection is closed and
     * every handler has returned (except where waiting could never end: see
     * {@link #close(int, String)}). What try-with-resources calls.
     */
    @Override
    public void close() {
        close(CloseCodes.GOING_AWAY, "");
    }

    /**
     * Stops the server (websockets' {@code Server.close()} followed by {@code wait_closed()}):
     * stops accepting, makes handshakes in progress answer 503, closes every open connection with
     * {@code code} and {@code reason}, then waits until every TCP connection is closed and every
     * handler has returned. Each connection's closing handshake is bounded by its
     * {@code closeTimeout} (4 × on a server), but a handler that does not return keeps this
     * waiting, as in websockets.
     *
     * <p>It returns without waiting (like {@link #closeAsync(int, String)}) when called on a
     * thread that the wait would depend on: a thread running one of this server's handshakes or
     * handlers, or the library's I/O thread (a callback of a connection's future). Interrupting
     * the waiting thread ends the wait, with the interrupt status set; the server goes on
     * closing. Only the first call's code and reason are used; later calls only wait.
     *
     * @param code   the close code sent to every connection: 1000-1003, 1007-1014 or 3000-4999
     *               (1001, going away, is what {@link #close()} sends)
     * @param reason the reason, at most 123 bytes in UTF-8; null is taken as empty
     * @throws IllegalArgumentException when the code may not be sent or the reason is too long
     *                                  (checked first: the server is then left running)
     */
    public void close(int code, String reason) {
        CompletableFuture<Void> done = closeAsync(code, reason);
        if (IoGroup.onIoThread() || state.serving.contains(Thread.currentThread())) {
            return; // the wait would depend on this very thread
        }
        try {
            done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause()); // not possible: completed normally only
        }
    }

    /**
     * Starts stopping the server as {@link #close(int, String)} does, without waiting.
     *
     * @param code   the close code sent to every connection: 1000-1003, 1007-1014 or 3000-4999
     * @param reason the reason, at most 123 bytes in UTF-8; null is taken as empty
     * @return a new future completed, never exceptionally, once every TCP connection is closed
     *         and every handler has returned ({@link #closedFuture()})
     * @throws IllegalArgumentException when the code may not be sent or the reason is too long
     */
    public CompletableFuture<Void> closeAsync(int code, String reason) {
        String why = reason == null ? "" : reason;
        Close.serialize(code, why); // validates before anything stops
        if (state.startClosing(new Close(code, why))) {
            listeners.forEach(Listener::close);
            state.refusals.flush();
            for (ServerHandshake handshake : state.handshakes) {
                handshake.shuttingDown();
            }
            for (WebSocket webSocket : state.connections) {
                webSocket.closeAsync(code, why);
            }
        }
        return closedFuture();
    }

    /**
     * Waits until the server is closed: {@link #close()} was called, every TCP connection is closed
     * and every handler has returned.
     *
     * @throws InterruptedException when interrupted while waiting
     */
    public void awaitClosed() throws InterruptedException {
        try {
            state.closedFuture().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * A future completed when the server is closed (see {@link #awaitClosed()}).
     *
     * @return a new future on each call, completed normally once every connection is closed and
     *         every handler has returned; cancelling it has no effect on the server
     */
    public CompletableFuture<Void> closedFuture() {
        return state.closedFuture();
    }

    @Override
    public String toString() {
        return "WebSocketServer[" + listeners + (state.isClosing() ? ", closing" : "") + ", " + state.connections.size() + " connections]";
    }
}
