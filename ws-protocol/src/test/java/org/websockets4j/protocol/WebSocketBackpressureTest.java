package org.websockets4j.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Flow control end to end: a consumer that does not read stops its connection from reading
 * (maxQueue), the TCP window closes, the sender's write buffer fills past writeLimit and its sends
 * wait; memory stays bounded on both sides, and everything arrives in order once the consumer
 * reads.
 */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WebSocketBackpressureTest {
    private static final int MESSAGE = 4 * 1024;
    private static final int MAX_QUEUE = 4;
    private static final int WRITE_LIMIT = 16 * 1024;

    @Test
    void aSlowConsumerMakesTheSenderWaitWithBoundedMemory() throws Exception {
        ConnectionOptions consumer = Loopback.quiet().maxQueue(MAX_QUEUE).readLimit(MESSAGE).build();
        ConnectionOptions producer = Loopback.quiet().writeLimit(WRITE_LIMIT).build();
        try (Loopback.Pair pair = Loopback.pairs(1, consumer, producer, 32 * 1024).get(0)) {
            WebSocket sender = pair.client();
            WebSocket receiver = pair.server();

            List<CompletableFuture<Void>> futures = new ArrayList<>();
            int sent = 0;
            while (sent < 5000) { // 20 MiB: far more than any buffer involved
                CompletableFuture<Void> future = sender.sendAsync(message(sent++));
                futures.add(future);
                if (!future.isDone() && blockedForGood(future, sender, receiver)) {
                    break; // the socket buffers are full, not just busy
                }
            }
            assertTrue(sent < 5000, "the sender never had to wait");
            // Nothing is read for a while: the sender stays blocked, memory stays bounded.
            Thread.sleep(300);
            CompletableFuture<Void> waiting = futures.get(futures.size() - 1);
            assertFalse(waiting.isDone(), "the send completed while nobody was reading");
            assertTrue(receiver.queuedMessages() <= MAX_QUEUE + 2, "queued " + receiver.queuedMessages());
            assertTrue(sender.bufferedBytes() <= WRITE_LIMIT + MESSAGE + 16, "buffered " + sender.bufferedBytes());
            int total = sent + 1;
            Thread blocked = Thread.ofVirtual().start(() -> {
                try {
                    sender.send(message(total - 1));
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            });
            Thread.sleep(100);
            assertTrue(blocked.isAlive(), "a blocking send returned while the write buffer was full");

            // The consumer reads: everything arrives, in order, and the sends complete.
            for (int i = 0; i < total; i++) {
                ByteBuffer data = ByteBuffer.wrap(receiver.recvBinary());
                assertEquals(MESSAGE, data.remaining());
                assertEquals(i, data.getInt(0), "message out of order");
            }
            blocked.join();
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(Loopback.GUARD_SECONDS, TimeUnit.SECONDS);
        }
    }

    /**
     * Whether {@code future} is pending because nothing can move any more, not because the machine
     * is slow: the receiver has stopped reading (its queue is full) and neither side's counters
     * change over several samples. False as soon as the send completes. No fixed time window
     * decides it, so a loaded CI machine cannot make it wrong, only slower.
     */
    private static boolean blockedForGood(CompletableFuture<Void> future, WebSocket sender, WebSocket receiver)
            throws InterruptedException {
        long lastBuffered = -1;
        long lastQueued = -1;
        int stableSamples = 0;
        while (stableSamples < 3) {
            if (future.isDone()) {
                return false;
            }
            Thread.sleep(100);
            long buffered = sender.bufferedBytes();
            long queued = receiver.queuedMessages();
            boolean stable = buffered == lastBuffered && queued == lastQueued && queued >= MAX_QUEUE;
            stableSamples = stable ? stableSamples + 1 : 0;
            lastBuffered = buffered;
            lastQueued = queued;
        }
        return !future.isDone();
    }

    private static byte[] message(int sequence) {
        return ByteBuffer.allocate(MESSAGE).putInt(0, sequence).array();
    }
}
