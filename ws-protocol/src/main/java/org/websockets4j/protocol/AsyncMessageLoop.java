package org.websockets4j.protocol;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * {@link WebSocket#forEachAsync}: takes messages with {@code recvAsync()} and hands each to an
 * action, without a thread of its own and without recursion (messages already queued are taken in
 * a loop, not through nested callbacks).
 *
 * <p>The next message is taken once the stage the action returned completes, so an action that
 * returns its send's future ({@code ws::sendAsync}) makes the loop wait while the write buffer is
 * over {@code writeLimit}: backpressure reaches the peer. Ends normally when the connection
 * closes with 1000 or 1001, exceptionally with {@link ConnectionClosedError} otherwise, or with
 * the action's failure (the action's exception, or its stage's).
 */
final class AsyncMessageLoop implements BiConsumer<Object, Throwable> {
    private final WebSocket webSocket;
    private final Function<? super Message, ? extends CompletionStage<?>> action;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    /** The message a pending receive brought, to handle when the loop resumes. */
    private final ReceivedHandler received = new ReceivedHandler();

    AsyncMessageLoop(WebSocket webSocket, Function<? super Message, ? extends CompletionStage<?>> action) {
        this.webSocket = webSocket;
        this.action = action;
    }

    CompletableFuture<Void> start() {
        run(null);
        return done;
    }

    /** Receives and handles messages until one must be waited for. */
    private void run(Message first) {
        Message message = first;
        while (!done.isDone()) {
            if (message == null) {
                CompletableFuture<Message> next;
                try {
                    next = webSocket.recvAsync();
                } catch (RuntimeException e) {
                    done.completeExceptionally(e);
                    return;
                }
                if (!next.isDone()) {
                    next.whenComplete(received);
                    return;
                }
                try {
                    message = next.join();
                } catch (CompletionException e) {
                    end(e.getCause());
                    return;
                }
            }
            CompletionStage<?> handled;
            try {
                handled = action.apply(message);
            } catch (Throwable e) {
                done.completeExceptionally(e);
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
            done.completeExceptionally(unwrap(failure));
            return;
        }
        run(null);
    }

    private void end(Throwable failure) {
        if (failure instanceof ConnectionClosedOK) {
            done.complete(null);
        } else {
            done.completeExceptionally(failure);
        }
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    /** A receive that had to wait completed. */
    private final class ReceivedHandler implements BiConsumer<Message, Throwable> {
        @Override
        public void accept(Message message, Throwable failure) {
            if (failure != null) {
                end(unwrap(failure));
            } else {
                run(message);
            }
        }
    }
}
