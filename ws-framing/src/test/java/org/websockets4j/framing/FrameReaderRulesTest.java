package org.websockets4j.framing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.websockets4j.framing.TestBytes.bytes;
import static org.websockets4j.framing.TestBytes.concat;
import static org.websockets4j.framing.TestBytes.hex;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every framing rule the reader enforces, with the exception and close code it raises. */
class FrameReaderRulesTest {
    /** A frame of {@code length} zero bytes with first header byte {@code b0}, as a server would send it. */
    private static byte[] unmasked(int b0, int length) {
        return concat(TestBytes.expectedHeader(b0, length, null), new byte[length]);
    }

    /** The same frame as a client would send it, with an all-zero key so the payload stays zero. */
    private static byte[] masked(int b0, int length) {
        return concat(TestBytes.expectedHeader(b0, length, 0), new byte[length]);
    }

    /** Reads {@code wire} with {@code reader} and expects a plain ProtocolError (close code 1002). */
    private static ProtocolError protocolError(FrameReader reader, byte[] wire) {
        ProtocolError e = assertThrows(ProtocolError.class, () -> reader.read(ByteBuffer.wrap(wire)));
        assertSame(ProtocolError.class, e.getClass());
        assertEquals(1002, e.closeCode());
        return e;
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 4, 5, 6, 7, 11, 12, 13, 14, 15})
    void reservedOpcodes(int opcode) {
        ProtocolError e = protocolError(new FrameReader(Role.CLIENT), unmasked(0x80 | opcode, 0));
        assertEquals(true, e.getMessage().contains("opcode"), e.getMessage());
        protocolError(new FrameReader(Role.SERVER), masked(0x80 | opcode, 3));
        // The first two bytes are enough.
        protocolError(new FrameReader(Role.CLIENT), bytes(opcode, 0x7E));
    }

    @ParameterizedTest
    @ValueSource(ints = {0x40, 0x20, 0x10, 0x60, 0x50, 0x30, 0x70})
    void reservedBitsWithoutExtension(int rsv) {
        protocolError(new FrameReader(Role.CLIENT), unmasked(0x82 | rsv, 1));
        protocolError(new FrameReader(Role.SERVER), masked(0x81 | rsv, 1));
        protocolError(new FrameReader(Role.CLIENT), unmasked(0x89 | rsv, 0));
        protocolError(new FrameReader(Role.CLIENT), bytes(0x82 | rsv, 0x7E)); // the first two bytes are enough
    }

    @ParameterizedTest
    @ValueSource(ints = {0x8, 0x9, 0xA})
    void controlFrameWithoutFin(int opcode) {
        protocolError(new FrameReader(Role.CLIENT), unmasked(opcode, 0));
        protocolError(new FrameReader(Role.SERVER), masked(opcode, 2));
    }

    @ParameterizedTest
    @ValueSource(ints = {0x8, 0x9, 0xA})
    void controlFrameOf125BytesIsFine(int opcode) {
        byte[] payload = new byte[125];
        if (opcode == 0x8) {
            payload[0] = 0x03; // 1000
            payload[1] = (byte) 0xE8;
        }
        byte[] wire = concat(bytes(0x80 | opcode, 125), payload);
        assertEquals(125, new FrameReader(Role.CLIENT).read(ByteBuffer.wrap(wire)).length());
    }

    @ParameterizedTest
    @ValueSource(ints = {0x8, 0x9, 0xA})
    void controlFrameLongerThan125Bytes(int opcode) {
        // 126 in a 2-byte extended length, and in an 8-byte one: refused from the header alone.
        protocolError(new FrameReader(Role.CLIENT), bytes(0x80 | opcode, 0x7E, 0x00, 0x7E));
        protocolError(new FrameReader(Role.CLIENT), concat(bytes(0x80 | opcode, 0x7F), hex("000000000000007E")));
        protocolError(new FrameReader(Role.CLIENT), unmasked(0x80 | opcode, 126));
        protocolError(new FrameReader(Role.CLIENT), concat(bytes(0x80 | opcode, 0x7F), hex("000000000000007E"), new byte[126]));
        protocolError(new FrameReader(Role.SERVER), masked(0x80 | opcode, 126));
        ProtocolError e = protocolError(new FrameReader(Role.CLIENT), bytes(0x80 | opcode, 0x7E, 0x01, 0x00));
        assertEquals(true, e.getMessage().contains("256 bytes"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {0x9, 0xA})
    void controlFrameWithANonMinimalLengthIsAccepted(int opcode) {
        // As for data frames, a non-minimal length encoding is accepted; the decoded length counts.
        Frame twoByte = new FrameReader(Role.CLIENT).read(ByteBuffer.wrap(
                concat(bytes(0x80 | opcode, 0x7E, 0x00, 0x02), bytes(0x03, 0xE8))));
        assertEquals(2, twoByte.length());
        Frame eightByte = new FrameReader(Role.CLIENT).read(ByteBuffer.wrap(
                concat(bytes(0x80 | opcode, 0x7F), hex("0000000000000002"), bytes(0x03, 0xE8))));
        assertEquals(2, eightByte.length());
    }

    @Test
    void serverRejectsAnUnmaskedFrame() {
        ProtocolError e = protocolError(new FrameReader(Role.SERVER), unmasked(0x81, 5));
        assertEquals(true, e.getMessage().contains("mask"), e.getMessage());
        protocolError(new FrameReader(Role.SERVER), bytes(0x88, 0x00));
    }

    @Test
    void clientRejectsAMaskedFrame() {
        protocolError(new FrameReader(Role.CLIENT), masked(0x81, 5));
        protocolError(new FrameReader(Role.CLIENT), bytes(0x89, 0x80));
    }

    @Test
    void payloadTooBigIsRaisedFromTheHeader() {
        FrameReader reader = new FrameReader(Role.CLIENT, 100, List.of());
        assertEquals(100, reader.maxPayloadSize());
        // The header and the first payload bytes are there; the payload is never consumed.
        ByteBuffer in = ByteBuffer.wrap(concat(hex("82 65"), new byte[50]));
        PayloadTooBig e = assertThrows(PayloadTooBig.class, () -> reader.read(in));
        assertEquals(101, e.size());
        assertEquals(100, e.maxSize());
        assertEquals(1009, e.closeCode());
        assertEquals(2, in.position());
        assertEquals(true, e instanceof WebSocketException);
    }

    @Test
    void payloadTooBigWithExtendedLengthsAndMask() {
        FrameReader reader = new FrameReader(Role.SERVER, 1000, List.of());
        ByteBuffer in = ByteBuffer.wrap(hex("82 FE 03E9 01020304"));
        assertEquals(1001, assertThrows(PayloadTooBig.class, () -> reader.read(in)).size());
        FrameReader reader8 = new FrameReader(Role.CLIENT, 70_000, List.of());
        assertThrows(PayloadTooBig.class, () -> reader8.read(ByteBuffer.wrap(hex("82 7F 0000000000011171"))));
    }

    @Test
    void payloadAtTheLimitIsFine() {
        FrameReader reader = new FrameReader(Role.CLIENT, 100, List.of());
        assertEquals(100, reader.read(ByteBuffer.wrap(unmasked(0x82, 100))).length());
        FrameReader zero = new FrameReader(Role.CLIENT, 0, List.of());
        assertEquals(0, zero.read(ByteBuffer.wrap(unmasked(0x82, 0))).length());
        assertThrows(PayloadTooBig.class, () -> zero.read(ByteBuffer.wrap(unmasked(0x82, 1))));
    }

    @Test
    void limitCanChangeBetweenFrames() {
        FrameReader reader = new FrameReader(Role.CLIENT, 10, List.of());
        assertEquals(10, reader.read(ByteBuffer.wrap(unmasked(0x02, 10))).length());
        reader.maxPayloadSize(5);
        assertEquals(5, reader.maxPayloadSize());
        assertThrows(PayloadTooBig.class, () -> reader.read(ByteBuffer.wrap(unmasked(0x80, 6))));
    }

    @Test
    void limitValidation() {
        FrameReader reader = new FrameReader(Role.CLIENT);
        assertThrows(IllegalArgumentException.class, () -> reader.maxPayloadSize(-1));
        assertThrows(IllegalArgumentException.class, () -> reader.maxPayloadSize(Long.MIN_VALUE));
        assertEquals(FrameReader.NO_LIMIT, reader.maxPayloadSize());
        reader.maxPayloadSize(0);
        assertEquals(0, reader.maxPayloadSize());
        assertThrows(IllegalArgumentException.class, () -> new FrameReader(Role.SERVER, -1, List.of()));
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void unusableAfterAnError(Role role) {
        FrameReader reader = new FrameReader(role);
        assertThrows(ProtocolError.class, () -> reader.read(ByteBuffer.wrap(bytes(0x83, 0x00))));
        byte[] good = role == Role.CLIENT ? unmasked(0x81, 0) : masked(0x81, 0);
        assertThrows(IllegalStateException.class, () -> reader.read(ByteBuffer.wrap(good)));
        assertThrows(IllegalStateException.class, () -> reader.read(ByteBuffer.allocate(0)));
    }

    @Test
    void unusableAfterPayloadTooBig() {
        FrameReader reader = new FrameReader(Role.CLIENT, 1, List.of());
        assertThrows(PayloadTooBig.class, () -> reader.read(ByteBuffer.wrap(unmasked(0x82, 2))));
        assertThrows(IllegalStateException.class, () -> reader.read(ByteBuffer.wrap(unmasked(0x82, 1))));
    }

    @Test
    void errorInALaterFrameOfTheSameBuffer() {
        FrameReader reader = new FrameReader(Role.CLIENT);
        ByteBuffer in = ByteBuffer.wrap(concat(unmasked(0x81, 3), bytes(0xC1, 0x00)));
        assertEquals(3, reader.read(in).length());
        protocolErrorOn(reader, in);
        assertThrows(IllegalStateException.class, () -> reader.read(in));
    }

    private static void protocolErrorOn(FrameReader reader, ByteBuffer in) {
        assertEquals(1002, assertThrows(ProtocolError.class, () -> reader.read(in)).closeCode());
    }

    @Test
    void dataFramesNeedNoFin() {
        FrameReader reader = new FrameReader(Role.CLIENT);
        Frame frame = reader.read(ByteBuffer.wrap(unmasked(0x01, 2)));
        assertEquals(false, frame.fin());
        assertEquals(Opcode.TEXT, frame.opcode());
        assertNull(reader.read(ByteBuffer.allocate(0)));
    }
}
