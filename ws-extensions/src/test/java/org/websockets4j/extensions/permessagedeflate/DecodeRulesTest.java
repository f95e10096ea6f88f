package org.websockets4j.extensions.permessagedeflate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.websockets4j.extensions.permessagedeflate.Messages.hex;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.websockets4j.framing.CloseCodes;
import org.websockets4j.framing.Frame;
import org.websockets4j.framing.Opcode;
import org.websockets4j.framing.PayloadTooBig;
import org.websockets4j.framing.ProtocolError;

/** What the receiving side refuses: misplaced RSV1, corrupt data, too much output; and what it releases. */
class DecodeRulesTest {
    private static final CompressionSettings ALWAYS = CompressionSettings.builder().threshold(0).build();

    private static Frame compressed(boolean fin, Opcode opcode, byte[] payload) {
        return new Frame(fin, opcode != Opcode.CONTINUATION, false, false, opcode, ByteBuffer.wrap(payload));
    }

    /** {@code size} zero bytes deflated: a bomb of ratio about 1000:1. */
    private static byte[] bomb(int size) {
        Deflater deflater = new Deflater(9, true);
        deflater.setInput(new byte[size]);
        deflater.finish();
        byte[] out = new byte[size / 500 + 1024];
        int n = deflater.deflate(out);
        deflater.end();
        return Arrays.copyOf(out, n);
    }

    @Test
    void rsv1OnAContinuationFrameIsAProtocolError() {
        PerMessageDeflate extension = new PerMessageDeflate(false, false, 15, 15, ALWAYS);
        extension.decode(compressed(false, Opcode.TEXT, hex("f2 48 cd")), Long.MAX_VALUE);
        Frame continuation = new Frame(true, true, false, false, Opcode.CONTINUATION, ByteBuffer.wrap(hex("c9 c9 07 00")));
        ProtocolError error = assertThrows(ProtocolError.class, () -> extension.decode(continuation, Long.MAX_VALUE));
        assertEquals(CloseCodes.PROTOCOL_ERROR, error.closeCode());
    }

    @Test
    void rsv1OnAControlFrameIsAProtocolError() {
        PerMessageDeflate extension = new PerMessageDeflate(false, false, 15, 15, ALWAYS);
        for (Opcode opcode : new Opcode[] {Opcode.PING, Opcode.PONG, Opcode.CLOSE}) {
            Frame control = new Frame(true, true, false, false, opcode, ByteBuffer.allocate(0));
            assertEquals(CloseCodes.PROTOCOL_ERROR,
                    assertThrows(ProtocolError.class, () -> extension.decode(control, Long.MAX_VALUE)).closeCode());
        }
    }

    @Test
    void controlFramesBetweenCompressedFragmentsPassThrough() {
        PerMessageDeflate extension = new PerMessageDeflate(false, false, 15, 15, ALWAYS);
        Frame first = extension.decode(compressed(false, Opcode.TEXT, hex("f2 48 cd")), Long.MAX_VALUE);
        Frame ping = Frame.ping(new byte[] {1, 2});
        assertEquals(ping, extension.decode(ping, Long.MAX_VALUE));
        assertEquals(ping, extension.encode(ping));
        Frame last = extension.decode(new Frame(true, Opcode.CONTINUATION, ByteBuffer.wrap(hex("c9 c9 07 00"))), Long.MAX_VALUE);
        assertEquals("Hello", new String(Messages.bytes(first.payload())) + new String(Messages.bytes(last.payload())));
    }

    @Test
    void corruptDataFailsWith1007() {
        PerMessageDeflate extension = new PerMessageDeflate(false, false, 15, 15, ALWAYS);
        // Block type 3 is invalid.
        InvalidCompressedData error = assertThrows(InvalidCompressedData.class,
                () -> extension.decode(compressed(true, Opcode.BINARY, hex("ff ff ff")), Long.MAX_VALUE));
        assertEquals(CloseCodes.INVALID_PAYLOAD_DATA, error.closeCode());
        extension.release();
        assertFalse(extension.holdsNativeState());
    }

    @Test
    void aDistanceBeyondTheNegotiatedWindowIsCorrupt() {
        // The peer negotiated an 8-bit window, with no context takeover, but refers 1000 bytes back.
        byte[] data = new byte[2000];
        byte[] random = new byte[1000];
        new java.util.Random(1).nextBytes(random);
        System.arraycopy(random, 0, data, 0, 1000);
        System.arraycopy(random, 0, data, 1000, 1000);
        Deflater deflater = new Deflater(6, true);
        deflater.setInput(data);
        byte[] out = new byte[4000];
        int n = deflater.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
        deflater.end();
        PerMessageDeflate receiver = new PerMessageDeflate(true, false, 8, 15, ALWAYS);
        // The inflater's own window is 32 KiB, so within one message zlib accepts it: the window is
        // the sender's promise. Across messages the context is only ever the last 2^bits bytes.
        Frame whole = receiver.decode(compressed(true, Opcode.BINARY, Arrays.copyOf(out, n - 4)), Long.MAX_VALUE);
        assertArrayEquals(data, Messages.bytes(whole.payload()));

        PerMessageDeflate small = new PerMessageDeflate(false, false, 8, 15, ALWAYS);
        small.decode(compressed(true, Opcode.BINARY, deflateAlone(random)), Long.MAX_VALUE);
        // A second message repeating the first 1000 bytes refers 1000 back: beyond 256.
        byte[] second = deflateAfter(random, random);
        assertThrows(InvalidCompressedData.class,
                () -> small.decode(compressed(true, Opcode.BINARY, second), Long.MAX_VALUE));
    }

    private static byte[] deflateAlone(byte[] data) {
        return deflateAfter(null, data);
    }

    private static byte[] deflateAfter(byte[] dictionary, byte[] data) {
        Deflater deflater = new Deflater(6, true);
        if (dictionary != null) {
            deflater.setDictionary(dictionary);
        }
        deflater.setInput(data);
        byte[] out = new byte[data.length * 2 + 64];
        int n = deflater.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
        deflater.end();
        return Arrays.copyOf(out, n - 4);
    }

    @Test
    void aBombStopsAtTheBudget() {
        byte[] bomb = bomb(64 * 1024 * 1024); // 64 MiB of zeros in about 64 KiB
        assertTrue(bomb.length < 100_000, "bomb of " + bomb.length + " bytes");
        PerMessageDeflate extension = new PerMessageDeflate(false, false, 15, 15, ALWAYS);
        PayloadTooBig error = assertThrows(PayloadTooBig.class,
                () -> extension.decode(compressed(true, Opcode.BINARY, bomb), 1 << 20));
        assertEquals(1 << 20, error.maxSize());
        assertEquals((1 << 20) + 1, error.size(), "stopped one byte past the budget");
        assertEquals(CloseCodes.MESSAGE_TOO_BIG, error.closeCode());
        extension.release();
        assertFalse(extension.holdsNativeState());
    }

    /**
     * Bytes allocated on the heap by this thread so far ({@code com.sun.management.ThreadMXBean},
     * reached reflectively: this module reads neither java.management nor jdk.management).
     */
    static long allocatedByThisThread() {
        try {
            Object threads = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
            return (long) Class.forName("com.sun.management.ThreadMXBean").getMethod("getCurrentThreadAllocatedBytes").invoke(threads);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("this test needs a HotSpot JVM's com.sun.management.ThreadMXBean", e);
        }
    }

    @Test
    void aBombCostsItsBudgetInOutputAndNothingMore() {
        byte[] bomb = bomb(64 * 1024 * 1024); // 64 MiB of zeros in about 64 KiB
        int budget = (8 << 20) + 3;
        PerMessageDeflate extension = new PerMessageDeflate(false, false, 15, 15, ALWAYS);
        Frame frame = compressed(true, Opcode.BINARY, bomb);
        long before = allocatedByThisThread();
        PayloadTooBig error = assertThrows(PayloadTooBig.class, () -> extension.decode(frame, budget));
        long allocated = allocatedByThisThread() - before;
        assertEquals(budget + 1L, error.size(), "stopped one byte past the budget");
        // Growing one array by doubling allocated about twice the budget (16 MiB here) and copied
        // half of it; the output now grows by adding arrays, so what is allocated is the budget.
        assertTrue(allocated < budget + (1 << 20), "allocated " + allocated + " bytes to refuse a budget of " + budget);
        extension.release();
        assertFalse(extension.holdsNativeState());
    }

    /** {@code size} bytes that deflate far better than 4:1 (runs with a few random bytes), so the output takes several arrays. */
    private static byte[] runs(int size, long seed) {
        java.util.Random random = new java.util.Random(seed);
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) {
            data[i] = (i & 4095) < 64 ? (byte) random.nextInt() : (byte) (i >>> 12);
        }
        return data;
    }

    @Test
    void aMessageLargerThanItsFirstOutputArrayDecodesIntactWithinAnExactBudget() {
        byte[] data = runs(3_000_001, 1);
        byte[] payload = deflateAlone(data);
        assertTrue(4L * payload.length < data.length / 4, "compressed to " + payload.length + " bytes: too few arrays");
        PerMessageDeflate extension = new PerMessageDeflate(false, false, 15, 15, ALWAYS);
        assertArrayEquals(data, Messages.bytes(extension.decode(compressed(true, Opcode.BINARY, payload), data.length).payload()));
        PerMessageDeflate other = new PerMessageDeflate(false, false, 15, 15, ALWAYS);
        PayloadTooBig error = assertThrows(PayloadTooBig.class,
                () -> other.decode(compressed(true, Opcode.BINARY, payload), data.length - 1));
        assertEquals(data.length, error.size());
    }

    @Test
    void fragmentsSpanningSeveralArraysKeepTheContextForTheNextMessage() {
        byte[] first = runs(2_500_000, 2);
        byte[] second = Arrays.copyOfRange(first, first.length - 20_000, first.length); // all of it back-references
        Deflater deflater = new Deflater(6, true);
        byte[] stream1 = deflateOn(deflater, first);
        byte[] stream2 = deflateOn(deflater, second);
        deflater.end();
        PerMessageDeflate extension = new PerMessageDeflate(false, false, 15, 15, ALWAYS);
        java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream();
        int third = stream1.length / 3;
        long left = first.length;
        for (int i = 0; i < 3; i++) {
            byte[] part = Arrays.copyOfRange(stream1, i * third, i == 2 ? stream1.length : (i + 1) * third);
            Frame frame = i == 0 ? compressed(false, Opcode.BINARY, part)
                    : new Frame(i == 2, Opcode.CONTINUATION, ByteBuffer.wrap(part));
            byte[] out = Messages.bytes(extension.decode(frame, left).payload());
            left -= out.length;
            received.writeBytes(out);
        }
        assertArrayEquals(first, received.toByteArray());
        assertArrayEquals(second, Messages.bytes(extension.decode(compressed(true, Opcode.BINARY, stream2), second.length).payload()));
        assertTrue(stream2.length < 1000, "the second message refers to the first: " + stream2.length + " bytes");
    }

    /** {@code data} deflated with SYNC_FLUSH on {@code deflater}, which keeps its stream, without the tail. */
    private static byte[] deflateOn(Deflater deflater, byte[] data) {
        deflater.setInput(data);
        byte[] out = new byte[data.length + 64];
        int n = deflater.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
        return Arrays.copyOf(out, n - 4);
    }

    @Test
    void exactlyTheBudgetIsAccepted() {
        byte[] data = new byte[5000];
        byte[] payload = deflateAlone(data);
        PerMessageDeflate extension = new PerMessageDeflate(false, false, 15, 15, ALWAYS);
        assertEquals(5000, extension.decode(compressed(true, Opcode.BINARY, payload), 5000).length());
        PerMessageDeflate other = new PerMessageDeflate(false, false, 15, 15, ALWAYS);
        assertThrows(PayloadTooBig.class, () -> other.decode(compressed(true, Opcode.BINARY, payload), 4999));
    }

    @Test
    void theBudgetAppliesPerFrameAsTheConnectionLowersIt() {
        byte[] payload = deflateAlone(new byte[3000]);
        PerMessageDeflate extension = new PerMessageDeflate(false, false, 15, 15, ALWAYS);
        int half = payload.length / 2;
        Frame first = extension.decode(compressed(false, Opcode.BINARY, Arrays.copyOf(payload, half)), 3000);
        long left = 3000 - first.length();
        Frame last = extension.decode(new Frame(true, Opcode.CONTINUATION,
                ByteBuffer.wrap(Arrays.copyOfRange(payload, half, payload.length))), left);
        assertEquals(3000, first.length() + last.length());
    }

    @Test
    void nativeStateIsLentPerMessageAndReleased() {
        ZlibPool pool = new ZlibPool(1);
        PerMessageDeflate a = new PerMessageDeflate(false, false, 15, 15, ALWAYS, pool);
        PerMessageDeflate b = new PerMessageDeflate(false, false, 15, 15, ALWAYS, pool);
        Frame start = a.encode(new Frame(false, Opcode.TEXT, ByteBuffer.wrap("Hel".getBytes())));
        assertFalse(a.holdsNativeState(), "a deflater is lent for one frame only");
        b.decode(start, Long.MAX_VALUE);
        assertTrue(b.holdsNativeState(), "an inflater is held until the message ends");
        Frame end = a.encode(new Frame(true, Opcode.CONTINUATION, ByteBuffer.wrap("lo".getBytes())));
        b.decode(end, Long.MAX_VALUE);
        assertFalse(b.holdsNativeState());
        assertTrue(a.contextFootprint() > 0 && b.contextFootprint() > 0, "the context lives on the heap");

        // A connection closing in the middle of a message hands its inflater back.
        b.decode(a.encode(new Frame(false, Opcode.TEXT, ByteBuffer.wrap("x".getBytes()))), Long.MAX_VALUE);
        PerMessageDeflate c = new PerMessageDeflate(false, false, 15, 15, ALWAYS, pool);
        c.decode(a.encode(new Frame(true, Opcode.TEXT, ByteBuffer.wrap("y".repeat(50).getBytes()))), Long.MAX_VALUE);
        assertTrue(b.holdsNativeState());
        b.release();
        assertFalse(b.holdsNativeState());
        assertEquals(pool.idle(), pool.live(), "nothing is lent once every connection released");
        assertTrue(pool.idle() <= 2, "one idle deflater and one inflater at most: " + pool.idle());
        assertThrows(IllegalStateException.class, () -> b.decode(Frame.ping(new byte[0]), 1));
    }

    @Test
    void dedicatedDeflatersAreEndedOnRelease() {
        ZlibPool pool = new ZlibPool(4);
        CompressionSettings dedicated = ALWAYS.toBuilder().dedicatedDeflater(true).build();
        PerMessageDeflate[] connections = new PerMessageDeflate[10];
        for (int i = 0; i < connections.length; i++) {
            connections[i] = new PerMessageDeflate(false, false, 15, 15, dedicated, pool);
            connections[i].encode(Frame.text("hello, hello, hello " + i));
        }
        assertEquals(10, pool.live());
        long endedBefore = pool.ended();
        for (PerMessageDeflate connection : connections) {
            connection.release();
            connection.release(); // idempotent
        }
        assertEquals(10, pool.ended() - endedBefore, "each dedicated deflater ended exactly once");
        assertEquals(0, pool.live());
    }
}
