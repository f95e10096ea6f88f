package org.websockets4j.framing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.websockets4j.framing.TestBytes.concat;
import static org.websockets4j.framing.TestBytes.direct;
import static org.websockets4j.framing.TestBytes.fixedKey;
import static org.websockets4j.framing.TestBytes.readAll;
import static org.websockets4j.framing.TestBytes.readByteByByte;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The reader given its input split anywhere, in heap, direct and read-only buffers. */
class FrameReaderSplitTest {
    /** How the bytes of one piece of input are handed to the reader. */
    enum Input {
        HEAP(ByteBuffer::wrap),
        HEAP_AT_OFFSET(b -> ByteBuffer.wrap(concat(new byte[7], b, new byte[5])).position(7).limit(7 + b.length)),
        HEAP_SLICE(b -> ByteBuffer.wrap(concat(new byte[3], b)).position(3).slice()),
        DIRECT(TestBytes::direct),
        READ_ONLY(b -> ByteBuffer.wrap(b).asReadOnlyBuffer()),
        READ_ONLY_DIRECT(b -> direct(b).asReadOnlyBuffer());

        final Function<byte[], ByteBuffer> wrap;

        Input(Function<byte[], ByteBuffer> wrap) {
            this.wrap = wrap;
        }
    }

    private static final Random SEED = new Random(0x5eed);

    /** A mixed sequence of frames of assorted sizes. */
    private static List<Frame> sampleFrames() {
        Random random = new Random(42);
        List<Frame> frames = new ArrayList<>();
        int[] lengths = {0, 5, 125, 126, 3000, 4096, 4097, 65535, 65536, 70000};
        for (int length : lengths) {
            byte[] data = new byte[length];
            random.nextBytes(data);
            frames.add(new Frame(length % 2 == 0, length == 0 ? Opcode.TEXT : Opcode.BINARY, ByteBuffer.wrap(data)));
            frames.add(Frame.ping(("ping " + length).getBytes(StandardCharsets.US_ASCII)));
        }
        frames.add(Frame.close(1000, "bye"));
        return frames;
    }

    private static byte[] encodeAll(List<Frame> frames, Role sender) {
        FrameWriter writer = new FrameWriter(sender, fixedKey(0x12345678), List.of());
        byte[][] parts = new byte[frames.size()][];
        for (int i = 0; i < frames.size(); i++) {
            Frame frame = frames.get(i);
            parts[i] = writer.toBytes(frame.withPayload(ByteBuffer.wrap(frame.payloadBytes())));
        }
        return concat(parts);
    }

    private static Role receiver(Role sender) {
        return sender == Role.CLIENT ? Role.SERVER : Role.CLIENT;
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void manyFramesInOneBuffer(Role sender) {
        List<Frame> frames = sampleFrames();
        byte[] wire = encodeAll(frames, sender);
        for (Input input : Input.values()) {
            FrameReader reader = new FrameReader(receiver(sender));
            assertEquals(frames, readAll(reader, input.wrap.apply(wire.clone())), input.name());
            assertFalse(reader.hasPartialFrame());
        }
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void oneByteAtATime(Role sender) {
        List<Frame> frames = sampleFrames().subList(0, 9); // up to 4096 bytes: keeps it quick
        byte[] wire = encodeAll(frames, sender);
        assertEquals(frames, readByteByByte(new FrameReader(receiver(sender)), wire));
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void everySplitPointOfASmallSequence(Role sender) {
        List<Frame> frames = List.of(Frame.text("héllo"), Frame.pong(new byte[0]),
                new Frame(false, Opcode.BINARY, ByteBuffer.wrap(new byte[200])), Frame.close());
        byte[] wire = encodeAll(frames, sender);
        for (int cut = 0; cut <= wire.length; cut++) {
            for (Input input : Input.values()) {
                FrameReader reader = new FrameReader(receiver(sender));
                List<Frame> got = new ArrayList<>(readAll(reader, input.wrap.apply(Arrays.copyOfRange(wire, 0, cut))));
                got.addAll(readAll(reader, input.wrap.apply(Arrays.copyOfRange(wire, cut, wire.length))));
                assertEquals(frames, got, "cut at " + cut + ", " + input);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void randomSplitPoints(Role sender) {
        List<Frame> frames = sampleFrames();
        byte[] wire = encodeAll(frames, sender);
        java.util.Set<Integer> boundaries = new java.util.HashSet<>();
        int end = 0;
        for (Frame frame : frames) {
            boundaries.add(end);
            end += FrameWriter.headerLength(frame.length(), sender.masksOutgoing()) + frame.length();
        }
        assertEquals(wire.length, end);
        for (int round = 0; round < 50; round++) {
            FrameReader reader = new FrameReader(receiver(sender));
            List<Frame> got = new ArrayList<>();
            int at = 0;
            while (at < wire.length) {
                int n = Math.min(wire.length - at, SEED.nextInt(4) == 0 ? SEED.nextInt(5) : SEED.nextInt(20000));
                Input input = Input.values()[SEED.nextInt(Input.values().length)];
                got.addAll(readAll(reader, input.wrap.apply(Arrays.copyOfRange(wire, at, at + n))));
                at += n;
                assertEquals(!boundaries.contains(at) && at < wire.length, reader.hasPartialFrame(), "at " + at);
            }
            assertEquals(frames, got);
            assertFalse(reader.hasPartialFrame());
        }
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void largeFrameInUnevenPieces(Role sender) {
        byte[] data = new byte[3_000_003];
        new Random(99).nextBytes(data);
        List<Frame> frames = List.of(Frame.binary(data), Frame.text("after"));
        byte[] wire = encodeAll(frames, sender);
        // A tiny piece first (the gathering buffer starts small), then a piece far larger than it.
        int[] cuts = {3, 20, 2_000_000, 2_000_001, 2_500_000, wire.length};
        FrameReader reader = new FrameReader(receiver(sender));
        List<Frame> got = new ArrayList<>();
        int at = 0;
        for (int i = 0; i < cuts.length; i++) {
            Input input = Input.values()[i % Input.values().length];
            got.addAll(readAll(reader, input.wrap.apply(Arrays.copyOfRange(wire, at, cuts[i]))));
            at = cuts[i];
        }
        assertEquals(frames, got);
    }

    @Test
    void readOnlyInputIsLeftIntact() {
        byte[] wire = encodeAll(List.of(Frame.text("masked text"), Frame.binary(new byte[300])), Role.CLIENT);
        byte[] copy = wire.clone();
        List<Frame> frames = readAll(new FrameReader(Role.SERVER), ByteBuffer.wrap(wire).asReadOnlyBuffer());
        assertEquals(List.of(Frame.text("masked text"), Frame.binary(new byte[300])), frames);
        assertArrayEquals(copy, wire);
    }

    @Test
    void emptyInputReturnsNull() {
        FrameReader reader = new FrameReader(Role.CLIENT);
        assertNull(reader.read(ByteBuffer.allocate(0)));
        assertFalse(reader.hasPartialFrame());
        assertNull(reader.read(ByteBuffer.allocateDirect(0)));
    }

    @Test
    void partialFrameIsReported() {
        byte[] wire = encodeAll(List.of(Frame.binary(new byte[10])), Role.SERVER);
        FrameReader reader = new FrameReader(Role.CLIENT);
        assertFalse(reader.hasPartialFrame());
        assertNull(reader.read(ByteBuffer.wrap(wire, 0, 1)));
        assertTrue(reader.hasPartialFrame(), "one header byte");
        assertNull(reader.read(ByteBuffer.wrap(wire, 1, 1)));
        assertTrue(reader.hasPartialFrame(), "whole header, no payload");
        assertNull(reader.read(ByteBuffer.wrap(wire, 2, 5)));
        assertTrue(reader.hasPartialFrame(), "part of the payload");
        assertEquals(Frame.binary(new byte[10]), reader.read(ByteBuffer.wrap(wire, 7, 5)));
        assertFalse(reader.hasPartialFrame());
    }

    @Test
    void payloadIsValidUntilTheNextRead() {
        // Two split frames share the reader's gathering buffer: copy the first before reading on.
        byte[] wire = encodeAll(List.of(Frame.binary(new byte[] {1, 2, 3}), Frame.binary(new byte[] {4, 5, 6})), Role.SERVER);
        FrameReader reader = new FrameReader(Role.CLIENT);
        assertNull(reader.read(ByteBuffer.wrap(wire, 0, 3)));
        Frame first = reader.read(ByteBuffer.wrap(wire, 3, 2));
        byte[] kept = first.payloadBytes();
        assertArrayEquals(new byte[] {1, 2, 3}, kept);
        assertNull(reader.read(ByteBuffer.wrap(wire, 5, 3)));
        assertEquals(Frame.binary(new byte[] {4, 5, 6}), reader.read(ByteBuffer.wrap(wire, 8, 2)));
        assertArrayEquals(new byte[] {1, 2, 3}, kept);
    }

    @Test
    void framesLyingWholeInOneBufferShareOnePayloadViewEachReadingItsOwnBytes() {
        byte[] one = "first".getBytes(StandardCharsets.US_ASCII);
        byte[] two = "the second".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer in = ByteBuffer.wrap(encodeAll(List.of(Frame.text("first"), Frame.text("the second")), Role.CLIENT));
        FrameReader reader = new FrameReader(Role.SERVER);
        Frame first = reader.read(in);
        assertArrayEquals(one, first.payloadBytes());
        Frame second = reader.read(in);
        assertArrayEquals(two, second.payloadBytes());
        assertSame(first.payload(), second.payload(), "one view per input buffer, not a slice per frame");
        assertFalse(in.hasRemaining());
        assertNull(reader.read(in), "the input ran out");

        ByteBuffer other = ByteBuffer.wrap(encodeAll(List.of(Frame.text("first")), Role.CLIENT));
        assertArrayEquals(one, reader.read(other).payloadBytes());
    }

    @Test
    void aLargeMaskedFrameSplitAcrossReadsIsUnmaskedOnTheWayIntoAPayloadTheCallerMayKeep() {
        byte[] data = new byte[200_000];
        new Random(7).nextBytes(data);
        byte[] wire = encodeAll(List.of(Frame.binary(data)), Role.CLIENT);
        FrameReader reader = new FrameReader(Role.SERVER);
        Frame frame = null;
        // Odd chunk sizes: the key offset carries from one chunk to the next.
        for (int at = 0, chunk = 1; at < wire.length; at += chunk, chunk = chunk * 3 % 70_001 + 1) {
            int n = Math.min(chunk, wire.length - at);
            Frame read = reader.read(ByteBuffer.wrap(wire, at, n));
            if (read != null) {
                frame = read;
            } else {
                assertFalse(reader.payloadDetached());
            }
        }
        assertArrayEquals(data, frame.payloadBytes());
        assertTrue(reader.payloadDetached(), "a gathered payload is the frame's own buffer");
        ByteBuffer payload = frame.payload();
        assertEquals(data.length, payload.array().length, "exactly the payload's size");
        assertEquals(0, payload.arrayOffset());
    }

    @Test
    void payloadsThatAreViewsOrTheReusedSmallBufferAreNotDetached() {
        FrameReader reader = new FrameReader(Role.SERVER);
        ByteBuffer whole = ByteBuffer.wrap(encodeAll(List.of(Frame.binary(new byte[10_000])), Role.CLIENT));
        assertEquals(10_000, reader.read(whole).payload().remaining());
        assertFalse(reader.payloadDetached(), "a view of the input");

        byte[] small = encodeAll(List.of(Frame.binary(new byte[100])), Role.CLIENT);
        assertNull(reader.read(ByteBuffer.wrap(small, 0, 50)));
        assertEquals(100, reader.read(ByteBuffer.wrap(small, 50, small.length - 50)).payload().remaining());
        assertFalse(reader.payloadDetached(), "the spare buffer, reused by the next split frame");
    }

    @Test
    void theBufferKeptForSmallSplitFramesIsSizedToTheLargestSoFar() {
        FrameReader reader = new FrameReader(Role.SERVER);
        ByteBuffer first = readSplit(reader, 70);
        assertEquals(128, first.capacity(), "a connection of small messages keeps a small buffer");
        ByteBuffer larger = readSplit(reader, 3000);
        assertEquals(4096, larger.capacity());
        ByteBuffer small = readSplit(reader, 70);
        assertSame(larger.array(), small.array(), "kept, not made again for a smaller frame");
        assertEquals(128, readSplit(new FrameReader(Role.SERVER), 128).capacity());
        assertEquals(128, readSplit(new FrameReader(Role.SERVER), 1).capacity());
    }

    /** Reads one binary frame of {@code length} bytes split in the middle of its payload; returns its payload. */
    private static ByteBuffer readSplit(FrameReader reader, int length) {
        byte[] data = new byte[length];
        Arrays.fill(data, (byte) 7);
        byte[] wire = encodeAll(List.of(Frame.binary(data)), Role.CLIENT);
        int cut = wire.length - (length + 1) / 2;
        assertNull(reader.read(ByteBuffer.wrap(wire, 0, cut)));
        Frame frame = reader.read(ByteBuffer.wrap(wire, cut, wire.length - cut));
        assertArrayEquals(data, frame.payloadBytes());
        return frame.payload();
    }
}
