package org.websockets4j.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.websockets4j.framing.Frame;
import org.websockets4j.framing.FrameWriter;
import org.websockets4j.framing.Opcode;
import org.websockets4j.framing.PayloadTooBig;
import org.websockets4j.framing.Role;

/**
 * What a hostile peer does over a real socket (issue 16, items 1 and 2): a message in tiny
 * fragments costs about its payload, a message in too many fragments is refused with 1009, and
 * pings from a peer that never reads cannot grow the pongs owed to it beyond the write limit.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WebSocketAbuseTest {
    private static final FrameWriter CLIENT = new FrameWriter(Role.CLIENT);

    private static byte[] frames(int count, Opcode first, byte[] payload, boolean finalLast) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(count * (payload.length + 6));
        for (int i = 0; i < count; i++) {
            Opcode opcode = i == 0 ? first : Opcode.CONTINUATION;
            out.writeBytes(CLIENT.toBytes(new Frame(finalLast && i == count - 1, opcode, ByteBuffer.wrap(payload))));
        }
        return out.toByteArray();
    }

    private static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    /** Sends a ping and waits for its pong: everything sent before has been processed. */
    private static void sync(RawPeer peer, String tag) throws IOException {
        peer.send(new Frame(true, Opcode.PING, ByteBuffer.wrap(tag.getBytes())));
        Frame frame;
        while ((frame = peer.readFrame()) != null) {
            if (frame.opcode() == Opcode.PONG && new String(frame.payloadBytes()).equals(tag)) {
                return;
            }
        }
        throw new AssertionError("no pong for " + tag);
    }

    @Test
    void aMessageInOneByteFragmentsCostsAboutItsPayload() throws Exception {
        int fragments = 400_000;
        ConnectionOptions options = Loopback.quiet().maxSize(1 << 20).maxFragments(ConnectionOptions.NO_LIMIT).build();
        try (Loopback.Raw raw = Loopback.raw(Role.SERVER, options)) {
            byte[] wire = frames(fragments, Opcode.BINARY, new byte[] {7}, false);
            sync(raw.peer(), "warm");
            long before = usedHeapAfterGc();
            raw.peer().sendRaw(wire);
            sync(raw.peer(), "all fragments processed");
            long grown = usedHeapAfterGc() - before;
            // Kept per fragment before the fix: about 85 bytes (34 MB here). Now: the payload, in
            // an array that grows by doubling (at most 1 MiB), plus noise.
            assertTrue(grown < 8L << 20, "heap grew by " + grown + " bytes while " + fragments + " one-byte fragments were pending");
            raw.peer().send(new Frame(true, Opcode.CONTINUATION, ByteBuffer.wrap(new byte[] {8})));
            byte[] message = raw.ws().recvBinary();
            assertEquals(fragments + 1, message.length);
            assertEquals(7, message[0]);
            assertEquals(8, message[fragments]);
        }
    }

    @Test
    void aMessageInMoreThanMaxFragmentsFramesIsRefusedWith1009() throws Exception {
        ConnectionOptions options = Loopback.quiet().maxFragments(1000).build();
        try (Loopback.Raw raw = Loopback.raw(Role.SERVER, options)) {
            raw.peer().sendRaw(frames(1000, Opcode.TEXT, new byte[0], true));
            assertEquals("", raw.ws().recvText());
            raw.peer().sendRaw(frames(1001, Opcode.TEXT, new byte[0], true));
            ConnectionClosedError error = assertThrows(ConnectionClosedError.class, raw.ws()::recv);
            PayloadTooBig cause = assertInstanceOf(PayloadTooBig.class, error.getCause());
            assertEquals(1001, cause.size());
            Frame frame;
            do {
                frame = raw.peer().readFrame();
            } while (frame != null && frame.opcode() != Opcode.CLOSE);
            assertEquals(1009, org.websockets4j.framing.Close.parse(frame.payload()).code());
        }
    }

    @Test
    void pingsFromAPeerThatNeverReadsStopTheReadingAtTheWriteLimit() throws Exception {
        int writeLimit = 16 * 1024;
        ConnectionOptions options = Loopback.quiet().writeLimit(writeLimit).build();
        try (Loopback.Raw raw = Loopback.raw(Role.SERVER, options)) {
            byte[] ping = CLIENT.toBytes(new Frame(true, Opcode.PING, ByteBuffer.wrap(new byte[125])));
            int batch = 100;
            int batches = 2_000; // 200,000 pings, 26 MB: far more than the kernel buffers hold
            ByteArrayOutputStream chunk = new ByteArrayOutputStream();
            for (int i = 0; i < batch; i++) {
                chunk.writeBytes(ping);
            }
            byte[] bytes = chunk.toByteArray();
            AtomicLong sent = new AtomicLong();
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    for (int i = 0; i < batches; i++) {
                        raw.peer().sendRaw(bytes);
                        sent.addAndGet(batch);
                    }
                } catch (IOException e) {
                    // the test closed the socket
                }
            });
            // Wait until the writer makes no progress: the server stopped reading.
            long last = -1;
            while (sent.get() != last) {
                last = sent.get();
                Thread.sleep(500);
            }
            assertTrue(writer.isAlive() && last < (long) batch * batches,
                    "the server kept reading pings it could not answer: " + last + " sent");
            long owed = raw.ws().bufferedBytes();
            // Pongs owed: bounded by the write limit plus what one read can produce (readLimit of pings).
            assertTrue(owed < writeLimit + 2L * ConnectionOptions.DEFAULT_READ_LIMIT, owed + " bytes of pongs queued");
            assertTrue(raw.ws().isOpen());

            // Once the peer reads, everything flows again and every ping is answered.
            Thread reader = raw.peer().discardInBackground();
            writer.join();
            assertEquals((long) batch * batches, sent.get());
            sync2(raw);
            long pongs = raw.peer().seen.stream().filter(f -> f.opcode() == Opcode.PONG && f.payload().remaining() == 125).count();
            assertEquals((long) batch * batches, pongs);
            raw.peer().close();
            reader.join();
        }
    }

    @Test
    void invalidUtf8IsRefusedAtItsFirstByteNotAfterTheFramesLast() throws Exception {
        try (Loopback.Raw raw = Loopback.raw(Role.SERVER, Loopback.quiet().maxSize(1 << 20).build())) {
            byte[] whole = CLIENT.toBytes(new Frame(true, Opcode.TEXT, ByteBuffer.wrap(new byte[1 << 20])));
            int header = FrameWriter.headerLength(1 << 20, true);
            byte[] start = java.util.Arrays.copyOf(whole, header + 1024);
            // Garbage at payload byte 100: masked on the wire, so unmask-xor it in place.
            byte[] key = java.util.Arrays.copyOfRange(whole, header - 4, header);
            start[header + 100] = (byte) (0xFF ^ key[100 % 4]);
            raw.peer().sendRaw(start); // the other 1 MiB - 1 KiB never comes
            ConnectionClosedError error = assertThrows(ConnectionClosedError.class, raw.ws()::recv);
            assertInstanceOf(org.websockets4j.framing.InvalidUtf8.class, error.getCause());
            Frame frame;
            do {
                frame = raw.peer().readFrame();
            } while (frame != null && frame.opcode() != Opcode.CLOSE);
            assertEquals(1007, org.websockets4j.framing.Close.parse(frame.payload()).code());
        }
    }

    /** Waits until the background reader has seen every pong (the server answers in order). */
    private static void sync2(Loopback.Raw raw) throws Exception {
        raw.peer().send(new Frame(true, Opcode.PING, ByteBuffer.wrap("last".getBytes())));
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            synchronized (raw.peer().seen) {
                if (!raw.peer().seen.isEmpty()) {
                    Frame lastSeen = raw.peer().seen.get(raw.peer().seen.size() - 1);
                    if (lastSeen.opcode() == Opcode.PONG && new String(lastSeen.payloadBytes()).equals("last")) {
                        return;
                    }
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the last pong never came");
    }
}
