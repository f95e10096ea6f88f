package org.websockets4j.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.CompletionHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.websockets4j.framing.Frame;
import org.websockets4j.framing.FrameReader;
import org.websockets4j.framing.FrameWriter;
import org.websockets4j.framing.Opcode;
import org.websockets4j.framing.Role;
import org.websockets4j.protocol.internal.Transport;
import org.websockets4j.protocol.internal.WebSockets;

/**
 * A handler relaying a burst of messages to another connection writes them there once, when it
 * has worked through the burst (not once per message), in order; a handler that stops halfway
 * still delivers what it sent.
 */
class SendBatchTest {
    private static final int BURST = 50;

    /** A transport whose reads never complete and whose writes complete at once, recorded. */
    static final class RecordingTransport implements Transport {
        final List<Thread> writers = new ArrayList<>();
        final ByteArrayOutputStream written = new ByteArrayOutputStream();
        private CompletionHandler<Integer, Void> pendingRead;

        @Override
        public synchronized void read(ByteBuffer dst, CompletionHandler<Integer, Void> handler) {
            pendingRead = handler;
        }

        @Override
        public void write(ByteBuffer[] srcs, int offset, int length, CompletionHandler<Long, Void> handler) {
            long n = 0;
            synchronized (this) {
                writers.add(Thread.currentThread());
                for (int i = offset; i < offset + length; i++) {
                    byte[] bytes = new byte[srcs[i].remaining()];
                    srcs[i].get(bytes);
                    written.writeBytes(bytes);
                    n += bytes.length;
                }
            }
            handler.completed(n, null);
        }

        @Override
        public void shutdownOutput() {
        }

        @Override
        public void close() {
            CompletionHandler<Integer, Void> read;
            synchronized (this) {
                read = pendingRead;
                pendingRead = null;
            }
            if (read != null) {
                read.failed(new AsynchronousCloseException(), null);
            }
        }

        @Override
        public SocketAddress localAddress() {
            return null;
        }

        @Override
        public SocketAddress remoteAddress() {
            return null;
        }

        synchronized List<Thread> writers() {
            return List.copyOf(writers);
        }

        synchronized List<String> texts() {
            List<String> texts = new ArrayList<>();
            FrameReader reader = new FrameReader(Role.CLIENT);
            ByteBuffer in = ByteBuffer.wrap(written.toByteArray());
            Frame frame;
            while ((frame = reader.read(in)) != null) {
                texts.add(new String(frame.payloadBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
            return texts;
        }
    }

    /** A server connection whose client has already sent a burst of text messages. */
    private static WebSocket withBurst(RecordingTransport transport) {
        FrameWriter client = new FrameWriter(Role.CLIENT);
        ByteArrayOutputStream burst = new ByteArrayOutputStream();
        for (int i = 0; i < BURST; i++) {
            burst.writeBytes(client.toBytes(new Frame(true, Opcode.TEXT, ByteBuffer.wrap(("m" + i).getBytes()))));
        }
        return WebSockets.open(transport, Role.SERVER, Loopback.quiet().build(), List.of(),
                ByteBuffer.wrap(burst.toByteArray()), Loopback.INFO);
    }

    private static WebSocket idle(RecordingTransport transport) {
        return WebSockets.open(transport, Role.SERVER, Loopback.quiet().build(), List.of(), ByteBuffer.allocate(0), Loopback.INFO);
    }

    private static List<String> expected() {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            texts.add("m" + i);
        }
        return texts;
    }

    /** Relays one burst with forEachAsync on this thread and returns the target's transport. */
    private static RecordingTransport relayWithForEachAsync() throws InterruptedException {
        RecordingTransport out = new RecordingTransport();
        WebSocket source = withBurst(new RecordingTransport());
        WebSocket target = idle(out);
        try {
            source.forEachAsync(m -> target.sendAsync(m)); // runs the burst here, then waits
            // When the cork timer released the target mid-burst, the timer thread may still be
            // writing what followed: abort only once everything is out (or the guard ran out).
            WebSocketCloseTest.waitUntil(() -> out.texts().size() >= BURST);
            return out;
        } finally {
            source.abort();
            target.abort();
        }
    }

    // The cork timer (1 ms) may release a follower while a slow (cold, or loaded) run is still in
    // the burst: so the runs are warmed up first, and a few timer writes are tolerated.
    @Test
    void forEachAsyncRelaysABurstInAFewWrites() throws InterruptedException {
        for (int i = 0; i < 20; i++) {
            relayWithForEachAsync();
        }
        RecordingTransport out = relayWithForEachAsync();
        assertEquals(expected(), out.texts());
        List<Thread> writers = out.writers();
        assertTrue(writers.size() <= 5, "one write when the burst ended, not one per message: " + writers.size());
    }

    @Test
    void aBlockingHandlerRelaysABurstInAFewWritesWhenItWaitsForMore() throws Exception {
        try (ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor()) {
            relayBursts(handlers, null);
        }
    }

    /**
     * Ten relays of a burst, each by a blocking handler run on {@code handlers} (on
     * {@code handlerThread} when not null), the last one (warmed up) in a few writes.
     */
    private static void relayBursts(ExecutorService handlers, Thread handlerThread) throws Exception {
        for (int run = 0; run < 10; run++) {
            RecordingTransport out = new RecordingTransport();
            WebSocket source = withBurst(new RecordingTransport());
            WebSocket target = idle(out);
            Future<?> relay = handlers.submit(() -> {
                try {
                    for (Message m : source) {
                        target.send(m);
                    }
                } catch (RuntimeException | InterruptedException e) {
                    // ends when the test aborts the source
                }
            });
            try {
                WebSocketCloseTest.waitUntil(() -> out.texts().size() >= BURST);
                assertEquals(expected(), out.texts());
                if (run == 9) {
                    List<Thread> writers = out.writers();
                    if (handlerThread != null) {
                        assertTrue(writers.contains(handlerThread), "the batch's end wrote from the handler's thread: " + writers);
                    }
                    assertTrue(writers.size() <= 5, "one write when the burst ended, not one per message: " + writers.size());
                }
            } finally {
                source.abort();
                target.abort();
                relay.get(Loopback.GUARD_SECONDS, TimeUnit.SECONDS); // the handler ended
            }
        }
    }

    @Test
    void aHandlerThatStopsReceivingMidBurstStillDeliversThroughTheTimer() throws Exception {
        RecordingTransport in = new RecordingTransport();
        RecordingTransport out = new RecordingTransport();
        WebSocket source = withBurst(in);
        WebSocket target = idle(out);
        try {
            Thread handler = Thread.ofVirtual().start(() -> {
                try {
                    target.send(source.recv()); // one message of the burst, then it stops receiving
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            handler.join(TimeUnit.SECONDS.toMillis(Loopback.GUARD_SECONDS));
            WebSocketCloseTest.waitUntil(() -> !out.texts().isEmpty());
            assertEquals(List.of("m0"), out.texts());
        } finally {
            source.abort();
            target.abort();
        }
    }
    /**
     * A pooled thread outlives the connections it served: a batch left open by a handler that
     * stopped mid-burst ends with its connection, so the thread's next handler batches afresh
     * (its relayed burst goes out from the handler's own thread, not only from the cork timer).
     */
    @Test
    void aPooledThreadBatchesAgainAfterAConnectionEndedMidBatch() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Thread worker = pool.submit(Thread::currentThread).get();
            WebSocket first = withBurst(new RecordingTransport());
            WebSocket firstTarget = idle(new RecordingTransport());
            pool.submit(() -> {
                firstTarget.send(first.recv()); // opens a batch and never ends it
                return null;
            }).get(Loopback.GUARD_SECONDS, TimeUnit.SECONDS);
            first.abort();
            firstTarget.abort();
            relayBursts(pool, worker);
        } finally {
            pool.shutdownNow();
        }
    }
}
