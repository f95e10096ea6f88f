package org.websockets4j.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.websockets4j.framing.Frame;
import org.websockets4j.framing.Opcode;
import org.websockets4j.framing.PayloadTooBig;
import org.websockets4j.framing.Role;

/** recvStream(): a message read fragment by fragment as it arrives (websockets' recv_streaming). */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RecvStreamTest {

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    private static byte[] readFully(InputStream in, int length) throws IOException {
        byte[] bytes = new byte[length];
        int read = 0;
        while (read < length) {
            int n = in.read(bytes, read, length - read);
            if (n < 0) {
                throw new AssertionError("end after " + read + " bytes");
            }
            read += n;
        }
        return bytes;
    }

    @Test
    void eachFragmentIsReadableBeforeTheNextIsSent() throws Exception {
        try (Loopback.Pair pair = Loopback.pair()) {
            MessageWriter writer = pair.client().sendStream(false);
            writer.write(filled(10, 1));
            MessageStream stream = pair.server().recvStream(); // returns with the first fragment only
            assertFalse(stream.isText());
            assertArrayEquals(filled(10, 1), readFully(stream, 10));
            writer.write(filled(5, 2));
            assertArrayEquals(filled(5, 2), readFully(stream, 5));
            writer.close();
            assertEquals(-1, stream.read());
            pair.client().send("next");
            assertEquals("next", pair.server().recvText(), "recv works again once the stream ended");
        }
    }

    @Test
    void textIsReadThroughTheReaderAcrossSplitCharacters() throws Exception {
        try (Loopback.Raw raw = Loopback.raw(Role.CLIENT, Loopback.quiet().build())) {
            raw.peer().send(new Frame(false, Opcode.TEXT, ByteBuffer.wrap(new byte[] {'c', 'a', 'f', (byte) 0xC3})));
            MessageStream stream = raw.ws().recvStream();
            assertTrue(stream.isText());
            raw.peer().send(new Frame(true, Opcode.CONTINUATION, ByteBuffer.wrap(new byte[] {(byte) 0xA9, '!'})));
            Reader reader = stream.reader();
            StringBuilder text = new StringBuilder();
            char[] buffer = new char[16];
            for (int n; (n = reader.read(buffer)) >= 0; ) {
                text.append(buffer, 0, n);
            }
            assertEquals("caf\u00e9!", text.toString());
            assertThrows(IllegalStateException.class, () -> MessageStream.of(new Message.Binary(new byte[1])).reader());
        }
    }

    @Test
    void maxSizeDoesNotBoundAStreamedMessageButMaxFrameSizeDoes() throws Exception {
        ConnectionOptions small = Loopback.quiet().maxSize(1000).build(); // maxFrameSize follows: 1000
        try (Loopback.Pair pair = Loopback.pair(small, Loopback.quiet().build())) {
            // maxSize stops applying once recvStream waits: fragments that came before would count.
            CompletableFuture<MessageStream> receiving = waitingStream(pair.server());
            Thread sender = Thread.ofVirtual().start(() -> {
                try (MessageWriter writer = pair.client().sendStream(false)) {
                    for (int i = 0; i < 100; i++) {
                        writer.write(filled(1000, i));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            MessageStream stream = receiving.get(10, TimeUnit.SECONDS);
            byte[] all = stream.readAllBytes();
            assertEquals(100_000, all.length, "100 times maxSize, in fragments of maxFrameSize");
            assertEquals(99, all[99_999]);
            sender.join();
            pair.client().send("after"); // back to messages, and to maxSize
            assertEquals("after", pair.server().recvText());

            Thread.ofVirtual().start(() -> {
                try (MessageWriter writer = pair.client().sendStream(false)) {
                    writer.write(new byte[1001]);
                } catch (Exception ignored) {
                    // the server fails the connection
                }
            });
            MessageStream tooBig = assertThrowsOrStream(pair.server());
            if (tooBig != null) {
                IOException e = assertThrows(IOException.class, tooBig::readAllBytes);
                assertInstanceOf(ConnectionClosedError.class, e.getCause());
            }
            assertEquals(1009, assertThrows(ConnectionClosedError.class, pair.client()::recv).code(), "the sender is told 1009");
        }
    }

    /** Calls recvStream in another thread and returns once it waits for the message. */
    private static CompletableFuture<MessageStream> waitingStream(WebSocket ws) throws InterruptedException {
        CompletableFuture<MessageStream> stream = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                stream.complete(ws.recvStream());
            } catch (Throwable e) {
                stream.completeExceptionally(e);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!ws.receiverWaiting() && !stream.isDone() && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        return stream;
    }

    /** recvStream for a message whose first frame fails the connection: it throws, since no fragment arrived. */
    private static MessageStream assertThrowsOrStream(WebSocket ws) throws InterruptedException {
        try {
            return ws.recvStream();
        } catch (ConnectionClosedError e) {
            assertInstanceOf(PayloadTooBig.class, e.getCause());
            return null;
        }
    }

    @Test
    void aSlowReaderStopsTheSocketReadsSoTheSenderWaits() throws Exception {
        int fragment = 64 * 1024;
        int count = 512; // 32 MiB: more than the sockets' buffers hold
        ConnectionOptions options = Loopback.quiet().maxFrameSize(fragment).build();
        try (Loopback.Pair pair = Loopback.pair(options, Loopback.quiet().build())) {
            CompletableFuture<MessageStream> receiving = waitingStream(pair.server()); // before maxSize is reached
            CompletableFuture<Void> sent = new CompletableFuture<>();
            Thread.ofVirtual().start(() -> {
                try (MessageWriter writer = pair.client().sendStream(false)) {
                    for (int i = 0; i < count; i++) {
                        writer.write(filled(fragment, i));
                    }
                    sent.complete(null);
                } catch (Throwable e) {
                    sent.completeExceptionally(e);
                }
            });
            MessageStream stream = receiving.get(10, TimeUnit.SECONDS);
            Thread.sleep(500);
            assertFalse(sent.isDone(), "the sender must wait for the reader");
            // Bounded by a few fragments (those parsed from the socket reads before reading stopped),
            // not by the 32 MiB on its way, even when the receiving thread is slow to be scheduled.
            assertTrue(stream.available() <= 4L * (fragment + options.readLimit()), "held: " + stream.available());
            long total = 0;
            byte[] buffer = new byte[8192];
            for (int n; (n = stream.read(buffer)) >= 0; ) {
                total += n;
            }
            assertEquals((long) fragment * count, total);
            sent.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void recvWhileAStreamIsUnfinishedThrowsAndCloseSkipsTheRest() throws Exception {
        try (Loopback.Pair pair = Loopback.pair()) {
            MessageWriter writer = pair.client().sendStream(true);
            writer.write("first part, ");
            MessageStream stream = pair.server().recvStream();
            assertThrows(IllegalStateException.class, pair.server()::recv);
            assertThrows(IllegalStateException.class, pair.server()::recvAsync);
            assertThrows(IllegalStateException.class, pair.server()::recvStream);
            stream.close();
            assertThrows(IOException.class, stream::read);
            writer.write("skipped");
            writer.close();
            pair.client().send("the next message");
            assertEquals("the next message", pair.server().recvText());
        }
    }

    @Test
    void oneReceiveAtATime() throws Exception {
        try (Loopback.Pair pair = Loopback.pair()) {
            CountDownLatch waiting = new CountDownLatch(1);
            CompletableFuture<Message> first = new CompletableFuture<>();
            Thread.ofVirtual().start(() -> {
                waiting.countDown();
                try {
                    first.complete(pair.server().recv());
                } catch (Throwable e) {
                    first.completeExceptionally(e);
                }
            });
            waiting.await();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!pair.server().receiverWaiting() && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            assertThrows(IllegalStateException.class, pair.server()::recvStream);
            pair.client().send("x");
            assertEquals(new Message.Text("x"), first.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void aMessageAlreadyQueuedIsStreamedFromMemory() throws Exception {
        try (Loopback.Pair pair = Loopback.pair()) {
            pair.client().send(new byte[] {1, 2, 3});
            pair.client().send("two");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (pair.server().queuedMessages() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            MessageStream stream = pair.server().recvStream();
            assertArrayEquals(new byte[] {1, 2, 3}, stream.readAllBytes());
            assertEquals("two", pair.server().recvText());
        }
    }

    @Test
    void aMessageAlreadyBegunGoesOnFromWhatArrived() throws Exception {
        ConnectionOptions small = Loopback.quiet().maxSize(100).build();
        try (Loopback.Raw raw = Loopback.raw(Role.CLIENT, small)) {
            raw.peer().send(new Frame(false, Opcode.BINARY, ByteBuffer.wrap(filled(60, 1))));
            raw.peer().send(Frame.ping(new byte[] {9}));
            assertEquals(Opcode.PONG, raw.peer().readFrame().opcode()); // the fragment was processed before the ping
            MessageStream stream = raw.ws().recvStream();
            raw.peer().send(new Frame(true, Opcode.CONTINUATION, ByteBuffer.wrap(filled(60, 2)))); // 120 > maxSize: streamed
            byte[] all = stream.readAllBytes();
            assertEquals(120, all.length);
            assertEquals(1, all[0]);
            assertEquals(2, all[119]);
        }
    }

    @Test
    void theConnectionClosingMidMessageEndsTheStreamWithAnIOException() throws Exception {
        try (Loopback.Pair pair = Loopback.pair()) {
            MessageWriter writer = pair.client().sendStream(false);
            writer.write(filled(3, 7));
            MessageStream stream = pair.server().recvStream();
            pair.client().abort();
            assertArrayEquals(filled(3, 7), readFully(stream, 3), "what arrived is still read");
            IOException e = assertThrows(IOException.class, stream::read);
            assertInstanceOf(ConnectionClosed.class, e.getCause());
            assertThrows(ConnectionClosed.class, pair.server()::recvStream);
        }
    }
}
