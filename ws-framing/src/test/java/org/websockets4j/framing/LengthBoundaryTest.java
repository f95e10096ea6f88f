package org.websockets4j.framing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.websockets4j.framing.TestBytes.concat;
import static org.websockets4j.framing.TestBytes.expectedHeader;
import static org.websockets4j.framing.TestBytes.fixedKey;
import static org.websockets4j.framing.TestBytes.hex;
import static org.websockets4j.framing.TestBytes.naiveMask;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Payload lengths at every encoding boundary, and lengths the reader must refuse from the header. */
class LengthBoundaryTest {
    private static final int KEY = 0xa1b2c3d4;

    private static byte[] random(int length) {
        byte[] data = new byte[length];
        new Random(length).nextBytes(data);
        return data;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 125, 126, 127, 128, 65535, 65536, 65537})
    void unmaskedHeaderAndRoundTrip(int length) {
        byte[] data = random(length);
        byte[] wire = new FrameWriter(Role.SERVER).toBytes(Frame.binary(data.clone()));
        byte[] header = expectedHeader(0x82, length, null);
        assertEquals(FrameWriter.headerLength(length, false), header.length);
        assertEquals(hex(header), hex(Arrays.copyOf(wire, header.length)));
        assertArrayEquals(concat(header, data), wire);

        Frame frame = new FrameReader(Role.CLIENT).read(ByteBuffer.wrap(wire));
        assertEquals(Frame.binary(data), frame);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 125, 126, 127, 128, 65535, 65536, 65537})
    void maskedHeaderAndRoundTrip(int length) {
        byte[] data = random(length);
        byte[] wire = new FrameWriter(Role.CLIENT, fixedKey(KEY), List.of()).toBytes(Frame.binary(data.clone()));
        byte[] header = expectedHeader(0x82, length, KEY);
        assertEquals(FrameWriter.headerLength(length, true), header.length);
        assertEquals(hex(header), hex(Arrays.copyOf(wire, header.length)));
        assertArrayEquals(concat(header, naiveMask(data, KEY, 0)), wire);

        Frame frame = new FrameReader(Role.SERVER).read(ByteBuffer.wrap(wire));
        assertEquals(Frame.binary(data), frame);
    }

    @ParameterizedTest
    @CsvSource({"0,2", "125,2", "126,4", "65535,4", "65536,10", "2147483647,10", "9223372036854775807,10"})
    void headerLength(long length, int unmasked) {
        assertEquals(unmasked, FrameWriter.headerLength(length, false));
        assertEquals(unmasked + 4, FrameWriter.headerLength(length, true));
    }

    @ParameterizedTest(name = "length {0}")
    @ValueSource(strings = {"0000000100000000", "00000000ffffffff", "000000007fffffff", "7fffffffffffffff"})
    void hugeLengthRejectedFromHeaderWithLimit(String length) {
        FrameReader reader = new FrameReader(Role.CLIENT, 1 << 20, List.of());
        ByteBuffer header = ByteBuffer.wrap(hex("82 7F" + length));
        PayloadTooBig e = assertThrows(PayloadTooBig.class, () -> reader.read(header));
        assertEquals(Long.parseUnsignedLong(length, 16), e.size());
        assertEquals(1 << 20, e.maxSize());
        assertEquals(1009, e.closeCode());
        assertFalse(header.hasRemaining());
    }

    @ParameterizedTest(name = "length {0}")
    @ValueSource(strings = {"0000000100000000", "00000000ffffffff", "000000007fffffff", "7fffffffffffffff"})
    void hugeLengthRejectedFromHeaderWithoutLimit(String length) {
        FrameReader reader = new FrameReader(Role.CLIENT);
        assertEquals(FrameReader.NO_LIMIT, reader.maxPayloadSize());
        PayloadTooBig e = assertThrows(PayloadTooBig.class, () -> reader.read(ByteBuffer.wrap(hex("82 7F" + length))));
        assertEquals(Long.parseUnsignedLong(length, 16), e.size());
        assertTrue(e.maxSize() < Integer.MAX_VALUE, "the limit reported is what can be buffered");
        assertEquals(1009, e.closeCode());
    }

    @Test
    void hugeMaskedLengthRejectedBeforeThePayload() {
        FrameReader reader = new FrameReader(Role.SERVER);
        // A full header (with masking key) followed by a few payload bytes: the payload is never consumed.
        ByteBuffer in = ByteBuffer.wrap(hex("82 FF 0000000100000000 01020304 aabbcc"));
        assertThrows(PayloadTooBig.class, () -> reader.read(in));
        assertEquals(14, in.position());
    }

    @ParameterizedTest(name = "length {0}")
    @ValueSource(strings = {"8000000000000000", "ffffffffffffffff", "8000000000000005"})
    void mostSignificantBitSetIsAProtocolError(String length) {
        for (long limit : new long[] {FrameReader.NO_LIMIT, 100}) {
            FrameReader reader = new FrameReader(Role.CLIENT, limit, List.of());
            ProtocolError e = assertThrows(ProtocolError.class, () -> reader.read(ByteBuffer.wrap(hex("82 7F" + length))));
            assertSame(ProtocolError.class, e.getClass());
            assertEquals(1002, e.closeCode());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"82 7E 0005", "82 7F 0000000000000005", "82 7E 0000", "82 7F 000000000000007d"})
    void nonMinimalLengthsAreAccepted(String header) {
        byte[] h = hex(header);
        int length = h[h.length - 1];
        byte[] data = random(length);
        Frame frame = new FrameReader(Role.CLIENT).read(ByteBuffer.wrap(concat(h, data)));
        assertEquals(Frame.binary(data), frame);
        // And the same with a mask, read by a server.
        h[1] |= (byte) 0x80;
        byte[] wire = concat(h, hex("01020304"), naiveMask(data, 0x01020304, 0));
        assertEquals(Frame.binary(data), new FrameReader(Role.SERVER).read(ByteBuffer.wrap(wire)));
    }
}
