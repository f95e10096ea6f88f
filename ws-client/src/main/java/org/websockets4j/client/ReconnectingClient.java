package org.websockets4j.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import org.websockets4j.http.InvalidURI;
import org.websockets4j.http.InvalidStatusCode;
import org.websockets4j.http.WebSocketUri;
import org.websockets4j.protocol.WebSocket;

/**
 * Connections to one server, opened one after the other for as long as the caller wants them:
 * websockets' {@code async for websocket in connect(...)}. Made by
 * {@link WebSocketClient#reconnecting(String, ClientOptions, ReconnectOptions)}.
 *
 * <pre>{@code
 * try (ReconnectingClient client = WebSocketClient.reconnecting("wss://feed.example/", ClientOptions.defaults())) {
 *     for (WebSocket ws : client) {          // connects, retrying with backoff
 *         try {
 *             for (Message message : ws) {
 *                 handle(message);
 *             }                               // the server closed with 1000 or 1001: connect again
 *         } catch (ConnectionClosedError e) {
 *             // the connection broke: connect again
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p>Each step of the iteration closes the previous connection (normally, with 1000, if it is
 * still open), then connects, retrying the failures that {@link ReconnectOptions} retries after its
 * delays; a connection that opens resets the delays. Two things the server says change the wait:
 * <ul>
 *   <li>a {@code Retry-After} on a refusal that is retried (a 503, say): the next attempt waits
 *       that long (seconds or an HTTP date), at most {@link ReconnectOptions#maxDelay()}, instead
 *       of the backoff's delay;</li>
 *   <li>the close code of the connection that ended: after 1001 (going away) or 1012 (service
 *       restart) the next attempt waits a random time up to {@link ReconnectOptions#initialDelay()},
 *       so that the clients of a restarting server do not all come back in the same millisecond;
 *       after 1013 (try again later) it waits {@link ReconnectOptions#minDelay()} and further
 *       failures go on from there; after any other code it is made at once, as websockets
 *       does.</li>
 * </ul> A failure that is not retried ends the
 * iteration by being thrown from {@link Iterator#hasNext()}: an unchecked
 * {@link org.websockets4j.http.InvalidHandshake} (a 403, say) as it is, an {@link IOException}
 * wrapped in an {@link UncheckedIOException}. Each retry is logged at INFO through
 * {@link System.Logger} {@code org.websockets4j.client}, with the delay and the failure.
 *
 * <p>The asynchronous form, {@link #forEachAsync(Function)}, runs a handler per connection
 * without holding a thread while connections are open or while waiting between attempts.
 *
 * <p>{@link #close()} ends either form: the current connection is closed, a wait between attempts
 * ends at once, and an attempt in progress (bounded by {@link ClientOptions#openTimeout()}) is not
 * cut short, but the connection it opens is closed at once instead of being returned.
 *
 * <p>A client is iterated once: {@link #iterator()} or {@link #forEachAsync(Function)} may be
 * called once, by one thread; {@link #close()} may be called from any thread, any number of times.
 */
public final class ReconnectingClient implements Iterable<WebSocket>, AutoCloseable {
    private static final System.Logger LOG = System.getLogger("org.websockets4j.client");
    private static final DoubleSupplier RANDOM = () -> ThreadLocalRandom.current().nextDouble();

    /** Opens one connection; {@link WebSocketClient#connect(String, ClientOptions)} outside tests. */
    @FunctionalInterface
    interface Connector {
        WebSocket connect(String uri, ClientOptions options) throws IOException, InterruptedException;
    }

    private final Supplier<String> uri;
    private final ClientOptions options;
    private final ReconnectOptions reconnect;
    private final Connector connector;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicBoolean used = new AtomicBoolean();
    private final CompletableFuture<Void> asyncRun = new CompletableFuture<>();
    private volatile WebSocket current;

    /** The wait before the next attempt, and the backoff step failures go on from. */
    private record Pause(Duration delay, int retry) {
        static final Pause NONE = new Pause(Duration.ZERO, 0);
    }

    ReconnectingClient(String uri, ClientOptions options, ReconnectOptions reconnect, Connector connector) {
        this(constant(uri), options, reconnect, connector);
    }

    ReconnectingClient(Supplier<String> uri, ClientOptions options, ReconnectOptions reconnect, Connector connector) {
        this.uri = Objects.requireNonNull(uri, "uri");
        this.options = Objects.requireNonNull(options, "options");
        this.reconnect = Objects.requireNonNull(reconnect, "reconnect");
        this.connector = connector;
    }

    private static Supplier<String> constant(String uri) {
        WebSocketUri.parse(Objects.requireNonNull(uri, "uri")); // an invalid URI is refused now, not retried
        return () -> uri;
    }

    /**
     * The connections, one per step: see the type's documentation. {@code hasNext()} blocks while
     * connecting and between attempts (meant for a virtual thread); it returns false once the
     * client is closed, and throws {@link CancellationException} when the thread is interrupted
     * (its interrupt status set again).
     *
     * @return the iterator; the only one
     * @throws IllegalStateException when the client was already iterated
     */
    @Override
    public Iterator<WebSocket> iterator() {
        claim();
        return new Iterator<>() {
            private WebSocket next;

            @Override
            public boolean hasNext() {
                if (next != null) {
                    return true;
                }
                Pause pause = closeCurrent();
                try {
                    next = closed.await(pause.delay().toNanos(), TimeUnit.NANOSECONDS) ? null : connectWithRetries(pause.retry());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    CancellationException cancelled = new CancellationException("interrupted while reconnecting");
                    cancelled.initCause(e);
                    throw cancelled;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return next != null;
            }

            @Override
            public WebSocket next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("the reconnecting client is closed");
                }
                WebSocket result = next;
                next = null;
                return result;
            }
        };
    }

    /**
     * Runs {@code handler} on each connection in turn, without a thread of its own: the connection
     * stays open until the stage the handler returns completes, is then closed (with 1000), and
     * the next one is opened (retrying with backoff). Connection attempts run on virtual threads,
     * waits on a timer.
     *
     * @param handler called with each open connection, on the thread that connected it; returns a
     *                stage that completes when it is done with the connection
     * @return a future completed normally when the client is closed, or exceptionally with a
     *         connection failure that is not retried, or with the handler's own failure (the
     *         connection is then closed with 1011), which ends the loop as an exception in the body
     *         of websockets' {@code async for} does
     * @throws IllegalStateException when the client was already iterated
     * @throws NullPointerException  when {@code handler} is null
     */
    public CompletableFuture<Void> forEachAsync(Function<? super WebSocket, ? extends CompletionStage<?>> handler) {
        Objects.requireNonNull(handler, "handler");
        claim();
        attemptAsync(handler, Pause.NONE.retry());
        return asyncRun;
    }

    /**
     * The connection open now, if any.
     *
     * @return the last connection returned, or null before the first
     */
    public WebSocket current() {
        return current;
    }

    /**
     * Whether {@link #close()} was called.
     *
     * @return true once closed
     */
    public boolean isClosed() {
        return closed.getCount() == 0;
    }

    /**
     * Stops reconnecting and closes the current connection (the closing handshake, bounded by its
     * close timeout). Idempotent; returns at once on an I/O thread (see {@link WebSocket#close()}).
     */
    @Override
    public void close() {
        closed.countDown();
        closeCurrent();
        asyncRun.complete(null);
    }

    private void claim() {
        if (!used.compareAndSet(false, true)) {
            throw new IllegalStateException("a reconnecting client is iterated once");
        }
    }

    /** Closes the current connection, if any, and says how long to wait after it. */
    private Pause closeCurrent() {
        WebSocket ws = current;
        if (ws == null) {
            return Pause.NONE;
        }
        ws.close();
        return pauseAfter(ws.closeCode());
    }

    private Pause pauseAfter(int closeCode) {
        return switch (closeCode) {
            case 1001, 1012 -> new Pause(reconnect.delay(0, RANDOM), 1);
            case 1013 -> new Pause(reconnect.delay(1, RANDOM), 2);
            default -> Pause.NONE;
        };
    }

    /** The next open connection, or null once closed. */
    private WebSocket connectWithRetries(int firstRetry) throws IOException, InterruptedException {
        for (int retry = firstRetry; !isClosed(); retry++) {
            try {
                return keep(connector.connect(uri.get(), options));
            } catch (IOException | RuntimeException e) {
                if (!reconnect.retries(e)) {
                    throw e;
                }
                Duration delay = logRetry(e, retry);
                if (closed.await(delay.toNanos(), TimeUnit.NANOSECONDS)) {
                    return null;
                }
            }
        }
        return null;
    }

    /** Publishes a new connection, or closes it when the client closed meanwhile; null then. */
    private WebSocket keep(WebSocket ws) {
        current = ws;
        if (isClosed()) {
            ws.close();
            return null;
        }
        return ws;
    }

    private Duration logRetry(Exception failure, int retry) {
        Duration delay = reconnect.delay(retry, RANDOM);
        if (failure instanceof InvalidStatusCode refusal) {
            Optional<Duration> asked = RetryAfter.parse(refusal.headers().get("Retry-After"), Instant.now());
            if (asked.isPresent()) {
                delay = asked.get().compareTo(reconnect.maxDelay()) > 0 ? reconnect.maxDelay() : asked.get();
            }
        }
        Duration wait = delay;
        LOG.log(Level.INFO, () -> String.format("connect to %s failed; reconnecting in %.1f seconds: %s",
                failure instanceof InvalidURI ? "an invalid URI" : "the server", wait.toNanos() / 1e9, failure));
        return wait;
    }

    private void attemptAsync(Function<? super WebSocket, ? extends CompletionStage<?>> handler, int retry) {
        if (asyncRun.isDone()) {
            return;
        }
        Thread.ofVirtual().name("websockets4j-reconnect").start(() -> {
            WebSocket ws;
            try {
                ws = keep(connector.connect(uri.get(), options));
            } catch (InterruptedException e) {
                asyncRun.completeExceptionally(e);
                return;
            } catch (IOException | RuntimeException e) {
                if (!reconnect.retries(e)) {
                    asyncRun.completeExceptionally(e);
                    return;
                }
                Duration delay = logRetry(e, retry);
                CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS)
                        .execute(() -> attemptAsync(handler, retry + 1));
                return;
            }
            if (ws == null) {
                asyncRun.complete(null);
                return;
            }
            run(handler, ws);
        });
    }

    private void run(Function<? super WebSocket, ? extends CompletionStage<?>> handler, WebSocket ws) {
        CompletionStage<?> stage;
        try {
            stage = Objects.requireNonNull(handler.apply(ws), "the handler returned a null stage");
        } catch (RuntimeException | Error e) {
            stage = CompletableFuture.failedFuture(e);
        }
        stage.whenComplete((ignored, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                ws.closeAsync(1011, "").whenComplete((v, e) -> asyncRun.completeExceptionally(cause));
                return;
            }
            ws.closeAsync().whenComplete((v, e) -> {
                Pause pause = pauseAfter(ws.closeCode());
                CompletableFuture.delayedExecutor(pause.delay().toNanos(), TimeUnit.NANOSECONDS)
                        .execute(() -> attemptAsync(handler, pause.retry()));
            });
        });
    }
}
