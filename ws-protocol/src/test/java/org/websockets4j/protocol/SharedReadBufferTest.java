package org.websockets4j.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.Test;

/**
 * Idle TCP connections read into one buffer shared on the polling thread: many connections
 * trading messages of every size at once still get every byte right, and once quiet they hold
 * no read buffer of their own.
 */
class SharedReadBufferTest {
    private static final int PAIRS = 24;
    private static final int MESSAGES = 150;

    @Test
    void manyConnectionsAtOnceGetEveryByteAndThenHoldNoReadBuffer() throws Exception {
        List<Loopback.Pair> pairs = Loopback.pairs(PAIRS, Loopback.quiet().build(), Loopback.quiet().build(), null);
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            pairs.forEach(pair -> Loopback.echo(pair.server()));
            List<Future<?>> done = new ArrayList<>();
            for (int p = 0; p < PAIRS; p++) {
                int index = p;
                WebSocket client = pairs.get(p).client();
                done.add(clients.submit(() -> {
                    exchange(client, index);
                    return null;
                }));
            }
            for (Future<?> each : done) {
                each.get(60, TimeUnit.SECONDS);
            }
            for (Loopback.Pair pair : pairs) {
                quietDown(pair.client());
            }
            for (Loopback.Pair pair : pairs) {
                assertEquals(0, pair.server().ownReadBuffer(), "server side of a quiet connection");
                assertEquals(0, pair.client().ownReadBuffer(), "client side of a quiet connection");
            }
        } finally {
            pairs.forEach(Loopback::closeQuietly);
        }
    }

    /** Sends messages of 1 to 2,000 bytes, some four at a time, and checks every echo. */
    private static void exchange(WebSocket client, int index) throws Exception {
        for (int k = 0; k < MESSAGES; k += 4) {
            List<byte[]> sent = new ArrayList<>();
            int burst = k % 8 == 0 ? 4 : 1;
            for (int b = 0; b < burst; b++) {
                byte[] payload = payload(index, k + b);
                sent.add(payload);
                client.send(ByteBuffer.wrap(payload));
            }
            for (byte[] payload : sent) {
                Message echoed = client.recv();
                assertArrayEquals(payload, ((Message.Binary) echoed).data(), "connection " + index + " message " + k);
            }
        }
    }

    /** Small round trips shrink a buffer grown by the traffic back to none. */
    private static void quietDown(WebSocket client) throws Exception {
        for (int i = 0; i < 6; i++) {
            client.send("q");
            assertEquals("q", ((Message.Text) client.recv()).text());
        }
    }

    private static byte[] payload(int connection, int message) {
        int size = 1 + (connection * 131 + message * 977) % 2000;
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (connection * 31 + message * 7 + i);
        }
        return bytes;
    }

    @Test
    void aReaderThatMayNotShareGrowsAndShrinksItsOwnBuffer() {
        ReadBuffer buffer = new ReadBuffer(4096, false);
        ByteBuffer first = buffer.forRead();
        assertEquals(ReadBuffer.IDLE_SIZE, first.capacity());
        first.put(new byte[ReadBuffer.IDLE_SIZE]);
        buffer.filled();
        buffer.consumed(ReadBuffer.IDLE_SIZE); // filled: doubles
        assertEquals(2 * ReadBuffer.IDLE_SIZE, buffer.ownSize());
        ByteBuffer second = buffer.forRead();
        second.put(new byte[10]);
        buffer.filled();
        buffer.consumed(10); // under a quarter: halves, never below the idle size
        assertEquals(ReadBuffer.IDLE_SIZE, buffer.ownSize());
        buffer.forRead();
        buffer.consumed(-1); // the end of the stream: emptied, kept
        assertEquals(ReadBuffer.IDLE_SIZE, buffer.ownSize());
        assertEquals(0, buffer.forRead().position());
    }

    @Test
    void offThePollerThreadEveryReaderHasItsOwnBuffer() {
        ReadBuffer buffer = new ReadBuffer(4096, true);
        assertEquals(0, buffer.ownSize());
        ByteBuffer read = buffer.forRead(); // the test thread is not the poller: one byte of its own
        assertEquals(1, buffer.ownSize());
        assertTrue(read != new ReadBuffer(4096, true).forRead(), "two readers off the poller share nothing");
        buffer.consumed(-1); // it failed or ended: kept, emptied
        assertEquals(1, buffer.ownSize());
        assertEquals(0, buffer.forRead().position());
    }

    @Test
    void aReadLimitBelowTheIdleSizeNeverShares() {
        ReadBuffer buffer = new ReadBuffer(100, true);
        assertEquals(100, buffer.forRead().capacity());
        buffer.consumed(100);
        assertEquals(100, buffer.ownSize());
    }
}
