package org.websockets4j.server;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import org.websockets4j.framing.Close;
import org.websockets4j.framing.CloseCodes;
import org.websockets4j.framing.Role;
import org.websockets4j.http.AbortHandshake;
import org.websockets4j.http.InvalidHandshake;
import org.websockets4j.protocol.ConnectionClosed;
import org.websockets4j.protocol.WebSocket;
import org.websockets4j.protocol.internal.HandshakeInfo;
import org.websockets4j.protocol.internal.HandshakeIo;
import org.websockets4j.protocol.internal.JfrEvents;
import org.websockets4j.protocol.internal.TlsEngines;
import org.websockets4j.protocol.internal.TlsHandshake;
import org.websockets4j.protocol.internal.Transport;
import org.websockets4j.protocol.internal.WebSockets;

/**
 * Serves the connections a server's listeners accept, each on its own thread: the TLS and opening
 * handshakes, bounded by the open timeout, then the blocking or async handler, then the close
 * (1000, or 1011 when the handler failed). Every connection is counted in the shared
 * {@link ServerState} until its socket is closed and its handler has returned; nothing one
 * connection throws, an Error included, stops the server. Thread-safe.
 */
final class ConnectionServing implements Listener.Sink {
    private static final System.Logger LOG = System.getLogger("org.websockets4j.server");
    /**
     * Bytes read at a time during the opening handshake. The request parser keeps what it has
     * parsed, so a longer head only takes more reads; most requests (300-700 bytes; a browser's
     * with cookies a little more) fit in one. Every accepted connection allocates this once, so
     * a connection storm's garbage grows with it.
     */
    private static final int HANDSHAKE_BUFFER = 1024;
    /** How long a refused client may keep sending before its socket is closed. */
    private static final Duration LINGER = Duration.ofSeconds(1);

    private final ServerState state;
    /** The blocking handler, or null when {@link #asyncHandler} serves. */
    private final ConnectionHandler handler;
    /** The async handler, or null when {@link #handler} serves. */
    private final AsyncConnectionHandler asyncHandler;
    private final ServerOptions options;
    private final Executor executor;
    /**
     * True when {@link #executor} is ours (a virtual thread per task): a blocking handler then
     * starts on a fresh virtual thread once the handshake is done (see {@link #serveConnection}).
     */
    private final boolean freshHandlerThread;
    private final AcceptLog acceptLog = new AcceptLog(LOG);

    /**
     * Serving with exactly one of {@code handler} and {@code asyncHandler}, on the options'
     * handler executor or, when it names none, a virtual thread per connection.
     */
    ConnectionServing(ServerState state, ConnectionHandler handler, AsyncConnectionHandler asyncHandler,
                      ServerOptions options) {
        this.state = state;
        this.handler = handler;
        this.asyncHandler = asyncHandler;
        this.options = withHandlerCheck(options, handler != null ? handler : asyncHandler);
        Executor configured = options.handlerExecutor();
        this.executor = configured != null ? configured : task -> Thread.ofVirtual().name("websockets4j-connection").start(task);
        this.freshHandlerThread = configured == null;
    }

    /**
     * A handler that is also a {@link RequestProcessor} (a {@link Router}) checks the request
     * during the handshake, after the options' own processRequest when that one let it through:
     * so a router answers 404 before 101.
     */
    private static ServerOptions withHandlerCheck(ServerOptions options, Object handler) {
        if (!(handler instanceof RequestProcessor check)) {
            return options;
        }
        RequestProcessor own = options.processRequest();
        // Chained through the context, so that what the options' hook stores (an authenticated
        // user, say) reaches the connection the router hands on.
        RequestProcessor both = own == null ? check : RequestProcessor.chain(own, check);
        return options.toBuilder().processRequest(both).build();
    }

    /** Gives the connection its own thread; closes it at once when the server is closing or no thread can start. */
    @Override
    public void accepted(Transport transport) {
        if (state.isClosing()) {
            closeQuietly(transport);
            return;
        }
        state.connectionStarted();
        try {
            executor.execute(() -> serveConnection(transport));
        } catch (Throwable e) { // even an Error (no memory for a thread) must not stop accepting
            acceptLog.trouble("cannot start a thread for a connection; closing it", e);
            closeQuietly(transport);
            state.finished();
        }
    }

    /** Counts the listener out. */
    @Override
    public void stopped() {
        state.finished(); // the listener's own count
    }

    @Override
    public boolean closing() {
        return state.isClosing();
    }

    @Override
    public void trouble(String what, Throwable failure) {
        acceptLog.trouble(what, failure);
    }

    /** The body of a connection's thread: the handshake, then the handler (here, on a fresh thread or async). */
    private void serveConnection(Transport transport) {
        WebSocket webSocket = null;
        boolean handedOff = false;
        Thread thread = Thread.currentThread();
        state.serving.add(thread);
        try {
            webSocket = handshake(transport, transport.remoteAddress());
            if (webSocket != null) {
                if (asyncHandler != null) {
                    startAsyncHandler(webSocket);
                    handedOff = true; // its stage's completion closes and forgets the connection
                } else if (freshHandlerThread) {
                    // The handshake's deep stack (TLS, HTTP parsing, hooks) left this virtual
                    // thread a stack chunk sized for it, kept for the thread's life; a handler
                    // parked in recv() on a fresh thread keeps one sized for its own frames only
                    // (about 1 KiB less per idle connection).
                    handedOff = startHandlerThread(webSocket);
                } else {
                    handedOff = true; // the handler's body forgets the connection when it returns
                    new HandlerThread(webSocket).run();
                }
            }
        } catch (Throwable e) { // an Error in the handshake ends this connection, never the server
            logUnexpected(e);
        } finally {
            state.serving.remove(thread);
            if (!handedOff) {
                if (webSocket == null) {
                    closeQuietly(transport);
                } else {
                    state.connections.remove(webSocket);
                }
                state.finished();
            }
        }
    }

    /**
     * Runs the blocking handler on a new virtual thread; false (the connection then closed and
     * left to the caller to forget) when no thread could be started.
     */
    private boolean startHandlerThread(WebSocket webSocket) {
        try {
            executor.execute(new HandlerThread(webSocket)); // ours: a new virtual thread
            return true;
        } catch (Throwable e) { // no memory for a thread: this connection ends, never the server
            acceptLog.trouble("cannot start a thread for a connection's handler; closing it", e);
            webSocket.close(CloseCodes.INTERNAL_ERROR, "");
            return false;
        }
    }

    /** Logs an error no handler or handshake step accounted for; the connection then ends. */
    private static void logUnexpected(Throwable e) {
        try {
            LOG.log(Level.ERROR, "unexpected error serving a connection; closing it", e);
        } catch (Throwable ignored) {
            // logging needs memory too
        }
    }

    /**
     * The body of a handler's own thread (or, without fresh threads, of the connection's thread
     * after the handshake): runs it, closes the connection (1000, or 1011 when the handler threw),
     * then forgets it. One
     * frame under the handler, not three (a lambda, its body, a helper): a handler parked in
     * {@code recv()} keeps its whole stack in the heap, so each frame costs every idle connection.
     */
    private final class HandlerThread implements Runnable {
        private final WebSocket webSocket;

        HandlerThread(WebSocket webSocket) {
            this.webSocket = webSocket;
        }

        @Override
        public void run() {
            Thread thread = Thread.currentThread();
            state.serving.add(thread);
            try {
                Throwable failure = null;
                try {
                    handler.handle(webSocket);
                } catch (Throwable e) { // an Error too: it ends this connection, never the server
                    failure = e;
                }
                webSocket.close(handlerEnded(webSocket, failure), "");
            } catch (Throwable e) {
                logUnexpected(e);
            } finally {
                state.serving.remove(thread);
                state.connections.remove(webSocket);
                state.finished();
            }
        }
    }

    /** Calls the async handler; when its stage completes, closes the connection (1000 or 1011) and forgets it. */
    private void startAsyncHandler(WebSocket webSocket) {
        CompletionStage<?> stage;
        try {
            stage = asyncHandler.handle(webSocket);
            if (stage == null) {
                stage = CompletableFuture.failedFuture(new NullPointerException("the AsyncConnectionHandler returned null"));
            }
        } catch (Throwable e) {
            stage = CompletableFuture.failedFuture(e);
        }
        stage.whenComplete((result, failure) -> {
            int code = handlerEnded(webSocket, failure);
            webSocket.closeAsync(code, "").whenComplete((done, error) -> {
                state.connections.remove(webSocket);
                state.finished();
            });
        });
    }

    /** Logs how a handler ended and returns the close code that follows: 1000, or 1011 after a failure. */
    private static int handlerEnded(WebSocket webSocket, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause == null) {
            return CloseCodes.NORMAL_CLOSURE;
        }
        if (cause instanceof ConnectionClosed) { // the peer went away: nothing to report
            LOG.log(Level.DEBUG, () -> "connection from " + webSocket.remoteAddress() + " closed while the handler ran: "
                    + cause.getMessage());
            return CloseCodes.NORMAL_CLOSURE;
        }
        // Not the path: its query string may carry a credential.
        try {
            LOG.log(cause instanceof Error ? Level.ERROR : Level.WARNING,
                    () -> "error in connection handler for " + webSocket.remoteAddress() + "; closing with 1011", cause);
        } catch (Throwable ignored) {
            // logging needs memory too
        }
        return CloseCodes.INTERNAL_ERROR;
    }

    /** Runs the opening handshake; returns the open WebSocket, or null when it was refused or abandoned. */
    private WebSocket handshake(Transport transport, SocketAddress remote) {
        ServerHandshake handshake = new ServerHandshake(options, remote);
        state.handshakes.add(handshake);
        long started = System.nanoTime(); // observability: the handshake's duration, status and path
        int status = 0;
        String path = null;
        boolean linger = false;
        try {
            Duration retryAfter = state.drainRetryAfter();
            if (retryAfter != null) {
                handshake.shuttingDown(retryAfter);
            } else if (state.isClosing()) {
                handshake.shuttingDown();
            }
            Duration timeout = options.openTimeout();
            long deadline = timeout == null ? HandshakeIo.NO_DEADLINE : System.nanoTime() + timeout.toNanos();
            if (options.ssl() != null) {
                transport = secure(transport, remote, deadline); // the TLS handshake shares the deadline
                if (transport == null) {
                    return null;
                }
            }
            ByteBuffer buffer = ByteBuffer.allocate(HANDSHAKE_BUFFER);
            HandshakeOutcome outcome = HandshakeIo.readUntil(transport, buffer, deadline, new HandshakeIo.Step<>() {
                @Override
                public HandshakeOutcome data(ByteBuffer in) {
                    return handshake.receiveData(in);
                }

                @Override
                public HandshakeOutcome eof() {
                    return handshake.receiveEof();
                }
            });
            switch (outcome) {
                case HandshakeOutcome.Accepted accepted -> {
                    path = accepted.path();
                    HandshakeIo.writeFully(transport, ByteBuffer.wrap(accepted.responseBytes()), deadline);
                    status = 101;
                    WebSocket webSocket = openAccepted(transport, accepted, buffer, handshake);
                    state.connections.add(webSocket);
                    if (state.isClosing()) {
                        Close close = state.stopWith();
                        webSocket.closeAsync(close.code(), close.reason());
                    }
                    return webSocket;
                }
                case HandshakeOutcome.Rejected rejected -> {
                    logRejected(remote, rejected);
                    HandshakeIo.writeFully(transport, ByteBuffer.wrap(rejected.responseBytes()), deadline);
                    status = rejected.status();
                    linger = true; // once the refusal is counted
                    return null;
                }
                case HandshakeOutcome.Abandoned abandoned -> {
                    LOG.log(Level.DEBUG, () -> "client " + remote + " left before completing its opening handshake: "
                            + abandoned.cause().getMessage());
                    return null;
                }
            }
        } catch (TimeoutException e) {
            state.refusals.refused("timed out", () -> "opening handshake from " + remote + " failed: timed out after " + options.openTimeout(), null);
            return null;
        } catch (ExecutionException e) {
            LOG.log(Level.DEBUG, () -> "opening handshake from " + remote + " failed: connection lost", e.getCause());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            state.handshakes.remove(handshake);
            handshakeEnded(remote, path, status, System.nanoTime() - started);
            if (linger) {
                lingerBeforeClose(transport);
            }
        }
    }

    /** Opens the WebSocket of an accepted handshake, counted as an open connection from now on. */
    private WebSocket openAccepted(Transport transport, HandshakeOutcome.Accepted accepted, ByteBuffer leftover,
                                   ServerHandshake handshake) {
        state.metrics.accepted(); // before open: the connection may end, and be counted out, at once
        try {
            return WebSockets.open(transport, Role.SERVER, options.connection(), accepted.extensions(), leftover,
                    new HandshakeInfo(accepted.path(), accepted.requestHeaders(), accepted.responseHeaders(),
                            accepted.subprotocol(), handshake.state(), state.metrics));
        } catch (RuntimeException | Error e) {
            state.metrics.notOpened();
            throw e;
        }
    }

    /** Counts a handshake that was refused or got no answer, and records its JFR event (accepted ones too). */
    private void handshakeEnded(SocketAddress remote, String path, int status, long nanos) {
        if (status == 0) {
            state.metrics.failed();
        } else if (status != 101) {
            state.metrics.refused(status);
        }
        JfrEvents.handshake(remote, path, status, nanos);
    }

    /** Runs the TLS handshake; null (logged as a refusal) when it fails. */
    private Transport secure(Transport raw, SocketAddress remote, long deadline) throws TimeoutException, InterruptedException {
        try {
            return TlsHandshake.run(raw, TlsEngines.server(options.ssl(), options.sslParameters()), deadline);
        } catch (IOException e) {
            state.refusals.refused("TLS handshake failed", () -> "TLS handshake from " + remote + " failed: " + e.getMessage(), null);
            return null;
        }
    }

    /**
     * A refusal on purpose (an AbortHandshake: processRequest's answer, 503 while closing) at
     * DEBUG; an invalid request through the refusal log (WARNING at most once an interval, its
     * message being enough); a server-side error (500) likewise, with its stack trace.
     */
    private void logRejected(SocketAddress remote, HandshakeOutcome.Rejected rejected) {
        Throwable cause = rejected.cause();
        if (cause instanceof AbortHandshake) {
            LOG.log(Level.DEBUG, () -> "opening handshake from " + remote + " answered with HTTP " + rejected.status());
        } else if (cause instanceof InvalidHandshake) {
            state.refusals.refused("HTTP " + rejected.status(), () -> "opening handshake from " + remote + " failed: HTTP "
                    + rejected.status() + ": " + cause.getMessage(), null);
        } else {
            state.refusals.refused("HTTP " + rejected.status(), () -> "opening handshake from " + remote + " failed: HTTP "
                    + rejected.status() + ": server error", cause);
        }
    }

    /** After a refusal: half-close, then read and discard for up to {@link #LINGER} so the answer is not lost to a reset. */
    private static void lingerBeforeClose(Transport transport) {
        try {
            transport.shutdownOutput();
            long deadline = System.nanoTime() + LINGER.toNanos();
            ByteBuffer sink = ByteBuffer.allocate(1024);
            while (HandshakeIo.read(transport, sink.clear(), deadline) >= 0) {
                // discard
            }
        } catch (IOException | ExecutionException | TimeoutException e) {
            // the client is gone or slow: close anyway
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Closes a transport whose connection never opened; a failure is only worth a DEBUG line. */
    private static void closeQuietly(Transport transport) {
        try {
            transport.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing a connection failed", e);
        }
    }
}
