package org.websockets4j.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.websockets4j.framing.Close;
import org.websockets4j.framing.Frame;
import org.websockets4j.framing.Opcode;
import org.websockets4j.framing.Role;

/** The closing handshake over real sockets: codes, reasons, iteration, bounds, abrupt ends. */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WebSocketCloseTest {

    @ParameterizedTest
    @EnumSource(Role.class)
    void closeWith1000FromEitherSideEndsIterationOnBothSides(Role closer) throws Exception {
        try (Loopback.Pair pair = Loopback.pair()) {
            WebSocket closing = closer == Role.SERVER ? pair.server() : pair.client();
            WebSocket other = closer == Role.SERVER ? pair.client() : pair.server();
            CompletableFuture<List<Message>> iterated = CompletableFuture.supplyAsync(() -> {
                List<Message> seen = new ArrayList<>();
                for (Message message : other) {
                    seen.add(message);
                }
                return seen;
            }, task -> Thread.ofVirtual().start(task));
            closing.send("last words");
            closing.close(1000, "bye");
            assertEquals(List.of(new Message.Text("last words")), iterated.get(Loopback.GUARD_SECONDS, TimeUnit.SECONDS));

            assertTrue(closing.isClosed());
            assertFalse(closing.isOpen());
            assertEquals(1000, closing.closeCode()); // the peer echoed the code, without a reason
            assertEquals("", closing.closeReason());
            other.awaitClosed();
            assertEquals(1000, other.closeCode());
            assertEquals("bye", other.closeReason());
            ConnectionClosedOK error = assertThrows(ConnectionClosedOK.class, other::recv);
            assertEquals("bye", error.reason());
            assertThrows(ConnectionClosedOK.class, () -> closing.send("too late"));
            assertThrows(ConnectionClosedOK.class, closing::recv);
        }
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void closeWith1011MakesIterationThrow(Role closer) throws Exception {
        try (Loopback.Pair pair = Loopback.pair()) {
            WebSocket closing = closer == Role.SERVER ? pair.server() : pair.client();
            WebSocket other = closer == Role.SERVER ? pair.client() : pair.server();
            closing.closeAsync(1011, "oops");
            ConnectionClosedError error = assertThrows(ConnectionClosedError.class, () -> {
                for (Message ignored : other) {
                    // none expected
                }
            });
            assertEquals(1011, error.code());
            assertEquals("oops", error.reason());
            closing.awaitClosed();
            assertEquals(1011, closing.closeCode());
        }
    }

    @Test
    void closeIsIdempotentAndChecksItsArguments() throws Exception {
        try (Loopback.Pair pair = Loopback.pair()) {
            assertThrows(IllegalArgumentException.class, () -> pair.client().close(1005, ""));
            assertThrows(IllegalArgumentException.class, () -> pair.client().close(1000, "x".repeat(124)));
            assertTrue(pair.client().isOpen());
            pair.client().close(4000, "custom");
            pair.client().close();
            pair.client().close(1001, "again");
            pair.client().closeAsync().get(Loopback.GUARD_SECONDS, TimeUnit.SECONDS);
            assertEquals(4000, pair.client().closeCode());
            pair.server().awaitClosed();
            assertEquals(4000, pair.server().closeCode());
            assertEquals("custom", pair.server().closeReason());
            assertThrows(IllegalArgumentException.class, () -> pair.client().close(999, ""));
        }
    }

    @Test
    void concurrentClosesFromBothSidesComplete() throws Exception {
        for (int i = 0; i < 20; i++) {
            try (Loopback.Pair pair = Loopback.pair()) {
                CompletableFuture<Void> a = pair.server().closeAsync(1000, "server");
                CompletableFuture<Void> b = pair.client().closeAsync(1001, "client");
                CompletableFuture.allOf(a, b).get(Loopback.GUARD_SECONDS, TimeUnit.SECONDS);
                assertTrue(pair.server().isClosed());
                assertTrue(pair.client().isClosed());
                assertTrue(ConnectionClosed.isOK(pair.server().closeCode()), "code " + pair.server().closeCode());
                assertTrue(ConnectionClosed.isOK(pair.client().closeCode()), "code " + pair.client().closeCode());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void closeIsBoundedWhenThePeerNeverAnswers(Role role) throws Exception {
        Duration closeTimeout = Duration.ofMillis(300);
        ConnectionOptions options = Loopback.quiet().closeTimeout(closeTimeout).build();
        try (Loopback.Raw raw = Loopback.raw(role, options)) {
            raw.peer().discardInBackground(); // reads everything, answers nothing, never closes
            long start = System.nanoTime();
            raw.ws().close(1000, "bye");
            long elapsed = System.nanoTime() - start;
            long bound = closeTimeout.toNanos() * (role == Role.SERVER ? 4 : 5);
            assertTrue(elapsed < bound, "close took " + elapsed / 1_000_000 + " ms; the bound is " + bound / 1_000_000 + " ms");
            assertTrue(raw.ws().isClosed());
            assertEquals(1006, raw.ws().closeCode());
            raw.ws().close(); // idempotent, and at once
            waitUntil(() -> raw.peer().eofSeen());
            Frame close = raw.peer().seen.get(raw.peer().seen.size() - 1);
            assertEquals(Opcode.CLOSE, close.opcode());
            assertEquals(new Close(1000, "bye"), Close.parse(close.payload()));
        }
    }

    @Test
    void closeIsBoundedWhenThePeerReadsNothing() throws Exception {
        Duration closeTimeout = Duration.ofMillis(300);
        ConnectionOptions options = Loopback.quiet().closeTimeout(closeTimeout).writeLimit(16 * 1024).build();
        try (Loopback.Raw raw = Loopback.raw(Role.SERVER, options)) {
            // The peer never reads: writes stall once the socket buffers are full.
            byte[] chunk = new byte[256 * 1024];
            for (int i = 0; i < 100 && raw.ws().bufferedBytes() <= 16 * 1024; i++) {
                raw.ws().sendAsync(chunk);
            }
            assertTrue(raw.ws().bufferedBytes() > 16 * 1024, "the writes never stalled");
            long start = System.nanoTime();
            raw.ws().close();
            long elapsed = System.nanoTime() - start;
            assertTrue(elapsed < closeTimeout.toNanos() * 4, "close took " + elapsed / 1_000_000 + " ms");
            assertEquals(1006, raw.ws().closeCode());
        }
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void anEndOfStreamWithoutCloseFrameIs1006(Role role) throws Exception {
        try (Loopback.Raw raw = Loopback.raw(role, Loopback.quiet().build())) {
            raw.peer().send(Frame.text("before"));
            raw.peer().close();
            assertEquals("before", raw.ws().recvText());
            ConnectionClosedError error = assertThrows(ConnectionClosedError.class, raw.ws()::recv);
            assertEquals(1006, error.code());
            raw.ws().awaitClosed();
            assertEquals(1006, raw.ws().closeCode());
            assertEquals("", raw.ws().closeReason());
        }
    }

    @Test
    void waitersFailWhenTheConnectionEnds() throws Exception {
        try (Loopback.Raw raw = Loopback.raw(Role.CLIENT, Loopback.quiet().build())) {
            CompletableFuture<Message> received = raw.ws().recvAsync();
            CompletableFuture<Void> ping = raw.ws().ping();
            CompletableFuture<Void> closed = raw.ws().closedFuture();
            assertFalse(closed.isDone());
            raw.peer().close();
            ExecutionException error = assertThrows(ExecutionException.class,
                    () -> received.get(Loopback.GUARD_SECONDS, TimeUnit.SECONDS));
            assertInstanceOf(ConnectionClosedError.class, error.getCause());
            error = assertThrows(ExecutionException.class, () -> ping.get(Loopback.GUARD_SECONDS, TimeUnit.SECONDS));
            assertEquals(1006, ((ConnectionClosed) error.getCause()).code());
            closed.get(Loopback.GUARD_SECONDS, TimeUnit.SECONDS);
            // after the end: failed at once
            assertTrue(raw.ws().ping().isCompletedExceptionally());
            assertTrue(raw.ws().sendAsync("x").isCompletedExceptionally());
            assertTrue(raw.ws().recvAsync().isCompletedExceptionally());
            assertThrows(ConnectionClosedError.class, () -> raw.ws().pong());
        }
    }

    @Test
    void sendsDuringTheClosingHandshakeFailWithTheCloseException() throws Exception {
        ConnectionOptions options = Loopback.quiet().closeTimeout(Duration.ofMillis(300)).build();
        try (Loopback.Raw raw = Loopback.raw(Role.CLIENT, options)) {
            raw.ws().closeAsync(1000, "");
            assertEquals(Opcode.CLOSE, raw.peer().readFrame().opcode());
            assertEquals(State.CLOSING, raw.ws().state());
            CompletableFuture<Void> async = raw.ws().sendAsync("x");
            raw.peer().send(Frame.close(1000, "ok"));
            raw.peer().close();
            // a blocking send waits for the end, then reports how it ended
            assertEquals(1000, assertThrows(ConnectionClosedOK.class, () -> raw.ws().send("y")).code());
            ExecutionException error = assertThrows(ExecutionException.class, () -> async.get(Loopback.GUARD_SECONDS, TimeUnit.SECONDS));
            assertEquals("ok", ((ConnectionClosedOK) error.getCause()).reason());
        }
    }

    @Test
    void messagesQueuedBeforeTheCloseAreStillReceived() throws Exception {
        try (Loopback.Pair pair = Loopback.pair()) {
            for (int i = 0; i < 10; i++) {
                pair.client().send("m" + i);
            }
            pair.client().close();
            pair.server().awaitClosed();
            for (int i = 0; i < 10; i++) {
                assertEquals("m" + i, pair.server().recvText());
            }
            assertThrows(ConnectionClosedOK.class, pair.server()::recv);
        }
    }

    @Test
    void interruptingCloseAbortsTheConnection() throws Exception {
        ConnectionOptions options = Loopback.quiet().closeTimeout(Duration.ofSeconds(30)).build();
        try (Loopback.Raw raw = Loopback.raw(Role.CLIENT, options)) {
            raw.peer().discardInBackground();
            java.util.concurrent.atomic.AtomicBoolean stillInterrupted = new java.util.concurrent.atomic.AtomicBoolean();
            Thread closer = Thread.ofVirtual().start(() -> {
                raw.ws().close();
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            });
            Thread.sleep(100);
            assertTrue(closer.isAlive());
            closer.interrupt();
            closer.join();
            assertTrue(stillInterrupted.get(), "close() keeps the interrupt status");
            assertTrue(raw.ws().isClosed());
            assertEquals(1006, raw.ws().closeCode());
        }
    }

    static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Loopback.GUARD_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out waiting");
            }
            Thread.sleep(5);
        }
    }
}
