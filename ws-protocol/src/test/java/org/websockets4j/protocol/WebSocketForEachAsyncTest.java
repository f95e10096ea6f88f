package org.websockets4j.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** forEachAsync: every message in order, without a thread, with backpressure and the close's outcome. */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WebSocketForEachAsyncTest {
    @Test
    void echoesEveryMessageInOrderAndEndsNormallyOn1000() throws Exception {
        try (Loopback.Pair pair = Loopback.pair()) {
            CompletableFuture<Void> loop = pair.server().forEachAsync(pair.server()::sendAsync);
            int count = 2_000; // more than maxQueue: queued messages are taken in a loop, not by recursion
            for (int i = 0; i < count; i++) {
                pair.client().sendAsync("m" + i);
            }
            for (int i = 0; i < count; i++) {
                assertEquals("m" + i, pair.client().recvText());
            }
            pair.client().close();
            assertNull(loop.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void endsWithConnectionClosedErrorOnAnErrorCode() throws Exception {
        try (Loopback.Pair pair = Loopback.pair()) {
            CompletableFuture<Void> loop = pair.server().forEachAsync(message -> null);
            pair.client().close(1011, "boom");
            ExecutionException e = assertThrows(ExecutionException.class, () -> loop.get(10, TimeUnit.SECONDS));
            ConnectionClosedError error = assertInstanceOf(ConnectionClosedError.class, e.getCause());
            assertEquals(1011, error.code());
        }
    }

    @Test
    void theActionsFailureEndsTheLoopButNotTheConnection() throws Exception {
        try (Loopback.Pair pair = Loopback.pair()) {
            IllegalStateException thrown = new IllegalStateException("test");
            CompletableFuture<Void> loop = pair.server().forEachAsync(message -> {
                throw thrown;
            });
            pair.client().send("x");
            ExecutionException e = assertThrows(ExecutionException.class, () -> loop.get(10, TimeUnit.SECONDS));
            assertSame(thrown, e.getCause());
            assertTrue(pair.server().isOpen());
            // A failed stage ends it the same way.
            CompletableFuture<Void> second = pair.server().forEachAsync(message -> CompletableFuture.failedFuture(thrown));
            pair.client().send("y");
            e = assertThrows(ExecutionException.class, () -> second.get(10, TimeUnit.SECONDS));
            assertSame(thrown, e.getCause());
        }
    }

    @Test
    void theNextMessageWaitsForTheActionsStage() throws Exception {
        try (Loopback.Pair pair = Loopback.pair()) {
            List<String> seen = new ArrayList<>();
            CompletableFuture<Void> gate = new CompletableFuture<>();
            pair.server().forEachAsync(message -> {
                synchronized (seen) {
                    seen.add(((Message.Text) message).text());
                }
                return seen.size() == 1 ? gate : null;
            });
            pair.client().send("first");
            pair.client().send("second");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (pair.server().queuedMessages() < 1 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            synchronized (seen) {
                assertEquals(List.of("first"), seen);
            }
            gate.complete(null);
            while (System.nanoTime() < deadline) {
                synchronized (seen) {
                    if (seen.size() == 2) {
                        break;
                    }
                }
                Thread.sleep(5);
            }
            synchronized (seen) {
                assertEquals(List.of("first", "second"), seen);
            }
        }
    }

    @Test
    void aCallbackOnTheIoThreadMayNotWaitButMayClose() throws Exception {
        try (Loopback.Pair pair = Loopback.pair()) {
            CompletableFuture<Object> blocked = pair.server().recvAsync().thenApply(first -> {
                try {
                    return pair.server().recv(); // nothing queued: it would wait on the I/O thread
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            pair.client().send("first");
            ExecutionException e = assertThrows(ExecutionException.class, () -> blocked.get(10, TimeUnit.SECONDS));
            assertInstanceOf(IllegalStateException.class, e.getCause());
            assertTrue(e.getCause().getMessage().contains("recvAsync()"), e.getCause().getMessage());

            CompletableFuture<Void> closed = pair.server().recvAsync().thenAccept(second -> pair.server().close(4000, "bye"));
            pair.client().send("second");
            closed.get(10, TimeUnit.SECONDS); // returned without waiting for the closing handshake
            ConnectionClosed told = assertThrows(ConnectionClosed.class, pair.client()::recv);
            assertEquals(4000, told.code());
        }
    }
}
