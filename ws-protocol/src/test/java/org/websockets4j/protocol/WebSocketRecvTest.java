package org.websockets4j.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** recv: cancellation never loses a message, one receiver at a time, typed helpers. */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WebSocketRecvTest {

    @Test
    void interruptingABlockedRecvLosesNothing() throws Exception {
        try (Loopback.Pair pair = Loopback.pair()) {
            AtomicReference<Throwable> outcome = new AtomicReference<>();
            Thread receiver = Thread.ofVirtual().start(() -> {
                try {
                    pair.server().recv();
                    outcome.set(new AssertionError("received a message"));
                } catch (Throwable e) {
                    outcome.set(e);
                }
            });
            waitForWaitingReceiver(pair.server());
            receiver.interrupt();
            receiver.join();
            assertInstanceOf(InterruptedException.class, outcome.get());
            pair.client().send("kept");
            assertEquals("kept", pair.server().recvText());
        }
    }

    /**
     * A virtual thread waits in recv by parking directly, a platform thread on a condition: both
     * wake for a message, again for the next, and for the end of the connection.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(booleans = {true, false})
    void aBlockedRecvWakesForEachMessageAndForTheClose(boolean virtual) throws Exception {
        try (Loopback.Pair pair = Loopback.pair()) {
            List<Object> outcomes = java.util.Collections.synchronizedList(new ArrayList<>());
            Runnable receive = () -> {
                try {
                    while (true) {
                        outcomes.add(pair.server().recvText());
                    }
                } catch (Throwable e) {
                    outcomes.add(e);
                }
            };
            Thread receiver = virtual ? Thread.ofVirtual().start(receive) : Thread.ofPlatform().start(receive);
            for (String text : List.of("one", "two", "three")) {
                waitForWaitingReceiver(pair.server());
                pair.client().send(text);
                WebSocketCloseTest.waitUntil(() -> outcomes.contains(text));
            }
            waitForWaitingReceiver(pair.server());
            pair.client().close();
            receiver.join(TimeUnit.SECONDS.toMillis(Loopback.GUARD_SECONDS));
            assertEquals(List.of("one", "two", "three"), outcomes.subList(0, 3));
            assertInstanceOf(ConnectionClosedOK.class, outcomes.get(3));
        }
    }

    @Test
    void anInterruptedVirtualThreadDoesNotWaitInRecv() throws Exception {
        try (Loopback.Pair pair = Loopback.pair()) {
            AtomicReference<Throwable> outcome = new AtomicReference<>();
            Thread receiver = Thread.ofVirtual().unstarted(() -> {
                Thread.currentThread().interrupt();
                try {
                    pair.server().recv();
                } catch (Throwable e) {
                    outcome.set(e);
                }
            });
            receiver.start();
            receiver.join(TimeUnit.SECONDS.toMillis(Loopback.GUARD_SECONDS));
            assertInstanceOf(InterruptedException.class, outcome.get());
            pair.client().send("kept");
            assertEquals("kept", pair.server().recvText());
        }
    }

    @Test
    void cancellingRecvAsyncLosesNothing() throws Exception {
        try (Loopback.Pair pair = Loopback.pair()) {
            CompletableFuture<Message> first = pair.server().recvAsync();
            assertTrue(first.cancel(true));
            pair.client().send("kept");
            assertEquals("kept", pair.server().recvText());
        }
    }

    /** Races cancellation against arrival many times: every message is received exactly once, in order. */
    @Test
    void cancellationRacingArrivalLosesNothing() throws Exception {
        try (Loopback.Pair pair = Loopback.pair()) {
            int count = 300;
            Random random = new Random(7);
            Thread sender = Thread.ofVirtual().start(() -> {
                try {
                    for (int i = 0; i < count; i++) {
                        pair.client().send(Integer.toString(i));
                        if (i % 16 == 0) {
                            Thread.sleep(1);
                        }
                    }
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            });
            List<Integer> received = new ArrayList<>();
            while (received.size() < count) {
                CompletableFuture<Message> future = pair.server().recvAsync();
                if (random.nextBoolean()) {
                    Thread.onSpinWait();
                    future.cancel(false);
                }
                try {
                    Message message = future.get(Loopback.GUARD_SECONDS, TimeUnit.SECONDS);
                    received.add(Integer.parseInt(((Message.Text) message).text()));
                } catch (CancellationException cancelled) {
                    // the message, if one was on its way, is still queued
                }
            }
            sender.join();
            for (int i = 0; i < count; i++) {
                assertEquals(i, received.get(i));
            }
        }
    }

    @Test
    void onlyOneReceiverMayWait() throws Exception {
        try (Loopback.Pair pair = Loopback.pair()) {
            CompletableFuture<Message> waiting = pair.server().recvAsync();
            assertThrows(IllegalStateException.class, () -> pair.server().recv());
            assertThrows(IllegalStateException.class, () -> pair.server().recvAsync());
            waiting.cancel(false);
            Thread blocked = Thread.ofVirtual().start(() -> {
                try {
                    assertEquals("x", pair.server().recvText());
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            });
            waitForWaitingReceiver(pair.server());
            IllegalStateException error = assertThrows(IllegalStateException.class, () -> pair.server().recv());
            assertTrue(error.getMessage().contains("another thread is already waiting"), error.getMessage());
            pair.client().send("x");
            blocked.join();
        }
    }

    @Test
    void typedReceivesLeaveAMismatchQueued() throws Exception {
        try (Loopback.Pair pair = Loopback.pair()) {
            pair.client().send(new byte[] {1, 2});
            pair.client().send("text");
            assertThrows(IllegalStateException.class, () -> pair.server().recvText());
            assertArrayEquals(new byte[] {1, 2}, pair.server().recvBinary());
            assertThrows(IllegalStateException.class, () -> pair.server().recvBinary());
            assertEquals("text", pair.server().recvText());
        }
    }

    @Test
    void recvAsyncFailsOnceClosedAndDrained() throws Exception {
        try (Loopback.Pair pair = Loopback.pair()) {
            pair.client().send("last");
            pair.client().close(1001, "going");
            pair.server().awaitClosed();
            assertEquals(new Message.Text("last"), pair.server().recvAsync().get(Loopback.GUARD_SECONDS, TimeUnit.SECONDS));
            ExecutionException error = assertThrows(ExecutionException.class,
                    () -> pair.server().recvAsync().get(Loopback.GUARD_SECONDS, TimeUnit.SECONDS));
            assertEquals(1001, assertInstanceOf(ConnectionClosedOK.class, error.getCause()).code());
        }
    }

    /**
     * Waits until a receive is registered. It only looks: probing with a receive of its own would
     * race with the one it waits for (which then fails with "another thread is already waiting").
     */
    private static void waitForWaitingReceiver(WebSocket ws) throws InterruptedException {
        WebSocketCloseTest.waitUntil(ws::receiverWaiting);
    }
}
