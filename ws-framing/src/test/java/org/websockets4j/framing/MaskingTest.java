package org.websockets4j.framing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.websockets4j.framing.TestBytes.naiveMask;
import static org.websockets4j.framing.TestBytes.remaining;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link Masking} against the byte-at-a-time reference, on every kind of memory and alignment. */
class MaskingTest {
    /** Where the bytes to mask live. {@code lead} bytes of guard come before them, 9 after. */
    enum Memory {
        ARRAY, HEAP, HEAP_SLICE, DIRECT, DIRECT_SLICE;

        /** Masks {@code data} placed {@code lead} bytes in; returns the masked bytes and checks the guards. */
        byte[] mask(byte[] data, int lead, int key, int offset) {
            byte[] all = new byte[lead + data.length + 9];
            Arrays.fill(all, (byte) 0x5A);
            System.arraycopy(data, 0, all, lead, data.length);
            int next;
            byte[] after;
            if (this == ARRAY) {
                next = Masking.mask(all, lead, data.length, key, offset);
                after = all;
            } else {
                ByteBuffer buffer = this == DIRECT || this == DIRECT_SLICE
                        ? ByteBuffer.allocateDirect(all.length).put(all).clear() : ByteBuffer.wrap(all);
                ByteBuffer target;
                if (this == HEAP_SLICE || this == DIRECT_SLICE) {
                    target = buffer.slice(lead, data.length);
                } else {
                    target = buffer.duplicate().position(lead).limit(lead + data.length);
                }
                int position = target.position();
                int limit = target.limit();
                next = Masking.mask(target, key, offset);
                assertEquals(position, target.position(), "position unchanged");
                assertEquals(limit, target.limit(), "limit unchanged");
                after = new byte[all.length];
                buffer.get(0, after);
            }
            assertEquals((offset + data.length) & 3, next, "returned key offset");
            for (int i = 0; i < lead; i++) {
                assertEquals(0x5A, after[i], "guard before");
            }
            for (int i = lead + data.length; i < after.length; i++) {
                assertEquals(0x5A, after[i], "guard after");
            }
            return Arrays.copyOfRange(after, lead, lead + data.length);
        }
    }

    private static byte[] random(Random random, int length) {
        byte[] data = new byte[length];
        random.nextBytes(data);
        return data;
    }

    @ParameterizedTest
    @EnumSource(Memory.class)
    void matchesTheReference(Memory memory) {
        Random random = new Random(memory.ordinal() + 100);
        for (int round = 0; round < 1500; round++) {
            int length = round < 300 ? round : random.nextInt(20) == 0 ? 1000 + random.nextInt(70_000) : random.nextInt(301);
            byte[] data = random(random, length);
            int key = random.nextInt();
            int offset = random.nextInt(4);
            int lead = random.nextInt(17);
            assertArrayEquals(naiveMask(data, key, offset), memory.mask(data, lead, key, offset),
                    "length " + length + " offset " + offset + " lead " + lead);
        }
    }

    @ParameterizedTest
    @EnumSource(Memory.class)
    void onlyTheTwoLowBitsOfTheOffsetCount(Memory memory) {
        byte[] data = random(new Random(3), 37);
        for (int offset : new int[] {4, 5, 6, 7, 1001, -1}) {
            assertArrayEquals(naiveMask(data, 0x01020304, offset & 3), memory.mask(data, 3, 0x01020304, offset));
        }
    }

    @ParameterizedTest
    @EnumSource(Memory.class)
    void maskingTwiceRestoresTheData(Memory memory) {
        Random random = new Random(9);
        for (int length : new int[] {0, 1, 7, 8, 9, 100, 4099}) {
            byte[] data = random(random, length);
            int key = random.nextInt();
            int offset = random.nextInt(4);
            assertArrayEquals(data, memory.mask(memory.mask(data, 5, key, offset), 2, key, offset));
        }
    }

    @Test
    void maskingPieceByPieceEqualsMaskingWhole() {
        Random random = new Random(11);
        for (int round = 0; round < 500; round++) {
            byte[] data = random(random, random.nextInt(2000));
            int key = random.nextInt();
            byte[] whole = data.clone();
            Masking.mask(whole, 0, whole.length, key, 0);

            byte[] pieces = data.clone();
            ByteBuffer direct = TestBytes.direct(data);
            int offset = 0;
            int directOffset = 0;
            int at = 0;
            while (at < data.length) {
                int n = Math.min(data.length - at, random.nextInt(3) == 0 ? random.nextInt(4) : random.nextInt(300));
                offset = Masking.mask(pieces, at, n, key, offset);
                directOffset = Masking.mask(direct.slice(at, n), key, directOffset);
                at += n;
            }
            assertArrayEquals(whole, pieces);
            assertArrayEquals(whole, remaining(direct));
            assertEquals(data.length & 3, offset);
            assertEquals(offset, directOffset);
        }
    }

    enum Copy {
        HEAP_TO_HEAP, HEAP_TO_DIRECT, DIRECT_TO_HEAP, DIRECT_TO_DIRECT, READ_ONLY_TO_HEAP, READ_ONLY_TO_DIRECT;

        ByteBuffer source(byte[] data, int lead) {
            byte[] all = new byte[lead + data.length + 3];
            System.arraycopy(data, 0, all, lead, data.length);
            ByteBuffer buffer = switch (this) {
                case DIRECT_TO_HEAP, DIRECT_TO_DIRECT -> ByteBuffer.allocateDirect(all.length).put(all).clear();
                case READ_ONLY_TO_HEAP, READ_ONLY_TO_DIRECT -> ByteBuffer.wrap(all).asReadOnlyBuffer();
                default -> ByteBuffer.wrap(all);
            };
            return buffer.position(lead).limit(lead + data.length);
        }

        ByteBuffer target(int capacity) {
            return switch (this) {
                case HEAP_TO_DIRECT, DIRECT_TO_DIRECT, READ_ONLY_TO_DIRECT -> ByteBuffer.allocateDirect(capacity);
                default -> ByteBuffer.allocate(capacity);
            };
        }
    }

    @ParameterizedTest
    @EnumSource(Copy.class)
    void maskCopyMatchesTheReference(Copy copy) {
        Random random = new Random(copy.ordinal() + 500);
        for (int round = 0; round < 600; round++) {
            int length = random.nextInt(10) == 0 ? random.nextInt(70_000) : random.nextInt(300);
            byte[] data = random(random, length);
            int key = random.nextInt();
            int offset = random.nextInt(4);
            int lead = random.nextInt(9);
            int targetLead = random.nextInt(9);
            ByteBuffer source = copy.source(data, lead);
            ByteBuffer target = copy.target(targetLead + length + 4);
            // A heap target seen through a slice has a non-zero array offset.
            if (random.nextBoolean()) {
                target = target.position(1).slice();
            }
            target.position(targetLead);
            int next = Masking.maskCopy(source, target, key, offset);
            assertEquals((offset + length) & 3, next);
            assertEquals(lead + length, source.position());
            assertEquals(targetLead + length, target.position());
            byte[] out = new byte[length];
            target.get(targetLead, out);
            assertArrayEquals(naiveMask(data, key, offset), out);
            for (int i = 0; i < targetLead; i++) {
                assertEquals(0, target.get(i));
            }
            for (int i = targetLead + length; i < target.limit(); i++) {
                assertEquals(0, target.get(i));
            }
            source.position(lead);
            assertArrayEquals(data, remaining(source), "source unchanged");
        }
    }

    @Test
    void maskCopyPieceByPiece() {
        Random random = new Random(21);
        byte[] data = random(random, 10_000);
        int key = random.nextInt();
        ByteBuffer source = ByteBuffer.wrap(data);
        ByteBuffer target = ByteBuffer.allocateDirect(data.length);
        int offset = 0;
        while (source.hasRemaining()) {
            int n = Math.min(source.remaining(), random.nextInt(50));
            offset = Masking.maskCopy(source.slice(source.position(), n), target, key, offset);
            source.position(source.position() + n);
        }
        assertArrayEquals(naiveMask(data, key, 0), remaining(target.flip()));
    }

    @Test
    void refusesReadOnlyBuffersAndShortTargets() {
        assertThrows(ReadOnlyBufferException.class, () -> Masking.mask(ByteBuffer.allocate(8).asReadOnlyBuffer(), 1, 0));
        assertThrows(ReadOnlyBufferException.class, () -> Masking.mask(ByteBuffer.allocateDirect(8).asReadOnlyBuffer(), 1, 0));
        assertThrows(ReadOnlyBufferException.class, () -> Masking.mask(ByteBuffer.allocate(0).asReadOnlyBuffer(), 1, 0));
        assertThrows(ReadOnlyBufferException.class,
                () -> Masking.maskCopy(ByteBuffer.allocate(4), ByteBuffer.allocate(4).asReadOnlyBuffer(), 1, 0));
        ByteBuffer source = ByteBuffer.allocate(5);
        ByteBuffer target = ByteBuffer.allocate(4);
        assertThrows(BufferOverflowException.class, () -> Masking.maskCopy(source, target, 1, 0));
        assertEquals(0, source.position());
        assertEquals(0, target.position());
        assertThrows(IndexOutOfBoundsException.class, () -> Masking.mask(new byte[4], 2, 3, 1, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> Masking.mask(new byte[4], -1, 1, 1, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> Masking.mask(new byte[4], 0, -1, 1, 0));
    }

    @Test
    void rfcExampleKey() {
        byte[] masked = "Hello".getBytes(StandardCharsets.US_ASCII);
        Masking.mask(masked, 0, 5, TestBytes.RFC_KEY, 0);
        assertEquals("7f9f4d5158", TestBytes.hex(masked));
    }
}
