package org.websockets4j.server;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.websockets4j.framing.Close;
import org.websockets4j.protocol.WebSocket;

/**
 * What one server's lifecycle ({@link WebSocketServer}: drain, close, awaitClosed) and its
 * connection serving ({@link ConnectionServing}) share: whether it is closing and with what, the
 * drain's Retry-After, the handshakes, connections and threads in flight, the count of what must
 * end before the server is closed, and the counters and refusal log. Thread-safe: the sets are
 * concurrent, the transitions atomic.
 */
final class ServerState {
    private static final System.Logger LOG = System.getLogger("org.websockets4j.server");

    /** The opening handshakes in progress: close() and drain() make them answer 503. */
    final Set<ServerHandshake> handshakes = ConcurrentHashMap.newKeySet();
    /** The open WebSocket connections: added once a handshake is accepted, removed once served. */
    final Set<WebSocket> connections = ConcurrentHashMap.newKeySet();
    /** The threads running a handshake or a blocking handler of this server: close() must not wait on them. */
    final Set<Thread> serving = ConcurrentHashMap.newKeySet();
    /** The counters behind metrics(); also logs abnormal closes. */
    final MetricsRecorder metrics = new MetricsRecorder(new CloseLog(LOG));
    /** One WARNING per interval about refused handshakes, the rest at DEBUG: no client can flood the log. */
    final RefusalLog refusals = new RefusalLog(LOG, RefusalLog.INTERVAL, System::nanoTime);

    /** Connections accepted whose socket is not closed or whose handler has not returned, plus one per listener. */
    private final AtomicInteger active;
    private final AtomicBoolean closing = new AtomicBoolean();
    /** What close(code, reason) sends; set before {@link #closing}, so whoever sees closing sees it. */
    private final AtomicReference<Close> stopWith = new AtomicReference<>();
    /** Non-null once a drain started: new handshakes answer 503 with this Retry-After. */
    private volatile Duration drainRetryAfter;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();

    /**
     * The state of a server that starts with {@code listeners} listeners, each counted as active
     * until its accept loop has stopped.
     */
    ServerState(int listeners) {
        this.active = new AtomicInteger(listeners);
    }

    /** True once close started; it never turns false again. */
    boolean isClosing() {
        return closing.get();
    }

    /** What close sends to every connection; non-null whenever {@link #isClosing()} is true. */
    Close stopWith() {
        return stopWith.get();
    }

    /**
     * Starts closing with {@code close}; true for the first call only (whose caller then stops
     * the listeners and closes what is in flight), false when closing had already started.
     */
    boolean startClosing(Close close) {
        if (!stopWith.compareAndSet(null, close)) {
            return false;
        }
        closing.set(true);
        return true;
    }

    /** The Retry-After new handshakes answer 503 with, or null when no drain started. */
    Duration drainRetryAfter() {
        return drainRetryAfter;
    }

    /**
     * Starts a drain whose 503 answers carry {@code retryAfter}; false, changing nothing, when a
     * drain already started or the server is closing.
     */
    synchronized boolean startDrain(Duration retryAfter) {
        if (drainRetryAfter != null || closing.get()) {
            return false;
        }
        drainRetryAfter = retryAfter;
        return true;
    }

    /** One more accepted connection must end before the server is closed. */
    void connectionStarted() {
        active.incrementAndGet();
    }

    /** A connection or a listener ended; the last one to end completes {@link #closedFuture()}. */
    void finished() {
        if (active.decrementAndGet() == 0) {
            closed.complete(null);
        }
    }

    /** A new future completed, never exceptionally, once everything counted has ended. */
    CompletableFuture<Void> closedFuture() {
        return closed.copy();
    }
}
