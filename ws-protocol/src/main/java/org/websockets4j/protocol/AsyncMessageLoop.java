package org.websockets4j.protocol;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * {@link WebSocket#forEachAsync}: takes messages and hands each to an action, without a thread of
 * its own, without recursion (messages already queued are taken in a loop, not through nested
 * callbacks) and without a future per message: while messages keep coming it takes them straight
 * from the inbox, and when it must wait the receiver resumes it ({@link #resume}).
 *
 * <p>The next message is taken once the stage the action returned completes, so an action that
 * returns its send's future ({@code ws::sendAsync}) makes the loop wait while the write buffer is
 * over {@code writeLimit}: backpressure reaches the peer. Ends normally when the connection
 * closes with 1000 or 1001, exceptionally with {@link ConnectionClosedError} otherwise, or with
 * the action's failure (the action's exception, or its stage's).
 *
 * <p>The loop is itself the future {@code forEachAsync} returns (one object less per connection);
 * stages derived from it are plain {@link CompletableFuture}s.
 */
final class AsyncMessageLoop extends CompletableFuture<Void> implements BiConsumer<Object, Throwable> {
    private final WebSocket webSocket;
    private final Function<? super Message, ? extends CompletionStage<?>> action;

    AsyncMessageLoop(WebSocket webSocket, Function<? super Message, ? extends CompletionStage<?>> action) {
        this.webSocket = webSocket;
        this.action = action;
    }

    CompletableFuture<Void> start() {
        run(null);
        return this;
    }

    /**
     * The receiver has the next message for the waiting loop (null: none after all, receive
     * again). Called once per wait, outside the connection's lock.
     */
    void resume(Message message) {
        run(message);
    }

    /** The connection ended while the loop waited. */
    void fail(Throwable failure) {
        end(failure);
    }

    /** Receives and handles messages until one must be waited for. */
    private void run(Message first) {
        Message message = first;
        while (!isDone()) {
            if (message == null) {
                try {
                    message = webSocket.recvOrAwait(this);
                } catch (ConnectionClosed e) {
                    end(e);
                    return;
                } catch (RuntimeException e) {
                    completeExceptionally(e);
                    return;
                }
                if (message == null) {
                    return; // resumed when the next one comes
                }
            }
            CompletionStage<?> handled;
            try {
                handled = action.apply(message);
            } catch (Throwable e) {
                completeExceptionally(e);
                return;
            }
            message = null;
            if (handled != null) {
                CompletableFuture<?> future = handled.toCompletableFuture();
                if (!future.isDone()) {
                    future.whenComplete(this);
                    return;
                }
                if (future.isCompletedExceptionally()) {
                    future.whenComplete(this); // reports the failure through accept()
                    return;
                }
            }
        }
    }

    /** The action's stage completed: go on, or end with its failure. */
    @Override
    public void accept(Object ignored, Throwable failure) {
        if (failure != null) {
            completeExceptionally(unwrap(failure));
            return;
        }
        run(null);
    }

    private void end(Throwable failure) {
        if (failure instanceof ConnectionClosedOK) {
            complete(null);
        } else {
            completeExceptionally(failure);
        }
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
