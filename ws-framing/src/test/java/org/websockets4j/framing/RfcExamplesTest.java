package org.websockets4j.framing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.websockets4j.framing.TestBytes.RFC_KEY;
import static org.websockets4j.framing.TestBytes.bytes;
import static org.websockets4j.framing.TestBytes.concat;
import static org.websockets4j.framing.TestBytes.fixedKey;
import static org.websockets4j.framing.TestBytes.hex;
import static org.websockets4j.framing.TestBytes.readAll;
import static org.websockets4j.framing.TestBytes.readByteByByte;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The example frames of RFC 6455 §5.7, byte for byte, decoded and encoded. */
class RfcExamplesTest {
    private static final byte[] HELLO = "Hello".getBytes(StandardCharsets.US_ASCII);

    private static byte[] pattern(int length) {
        byte[] data = new byte[length];
        for (int i = 0; i < length; i++) {
            data[i] = (byte) (i * 7 + 3);
        }
        return data;
    }

    /** name, wire bytes, frame, masked (sent by a client) or not (sent by a server). */
    static Stream<Arguments> examples() {
        byte[] b256 = pattern(256);
        byte[] b64k = pattern(65536);
        return Stream.of(
                Arguments.of("single-frame unmasked text", hex("81 05 48 65 6c 6c 6f"),
                        new Frame(true, Opcode.TEXT, ByteBuffer.wrap(HELLO)), false),
                Arguments.of("single-frame masked text", hex("81 85 37 fa 21 3d 7f 9f 4d 51 58"),
                        new Frame(true, Opcode.TEXT, ByteBuffer.wrap(HELLO)), true),
                Arguments.of("fragmented text, first", hex("01 03 48 65 6c"),
                        new Frame(false, Opcode.TEXT, ByteBuffer.wrap(hex("48656c"))), false),
                Arguments.of("fragmented text, last", hex("80 02 6c 6f"),
                        new Frame(true, Opcode.CONTINUATION, ByteBuffer.wrap(hex("6c6f"))), false),
                Arguments.of("unmasked ping", hex("89 05 48 65 6c 6c 6f"),
                        new Frame(true, Opcode.PING, ByteBuffer.wrap(HELLO)), false),
                Arguments.of("masked pong", hex("8a 85 37 fa 21 3d 7f 9f 4d 51 58"),
                        new Frame(true, Opcode.PONG, ByteBuffer.wrap(HELLO)), true),
                Arguments.of("256 bytes binary", concat(hex("82 7E 0100"), b256),
                        new Frame(true, Opcode.BINARY, ByteBuffer.wrap(b256)), false),
                Arguments.of("64KiB binary", concat(hex("82 7F 0000000000010000"), b64k),
                        new Frame(true, Opcode.BINARY, ByteBuffer.wrap(b64k)), false));
    }

    private static FrameReader readerFor(boolean masked) {
        return new FrameReader(masked ? Role.SERVER : Role.CLIENT);
    }

    private static FrameWriter writerFor(boolean masked) {
        return masked ? new FrameWriter(Role.CLIENT, fixedKey(RFC_KEY), List.of()) : new FrameWriter(Role.SERVER);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void decodes(String name, byte[] wire, Frame expected, boolean masked) {
        FrameReader reader = readerFor(masked);
        ByteBuffer in = ByteBuffer.wrap(wire.clone());
        Frame frame = reader.read(in);
        assertEquals(expected, frame);
        assertEquals(wire.length, in.position());
        assertEquals(false, reader.hasPartialFrame());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void decodesOneByteAtATime(String name, byte[] wire, Frame expected, boolean masked) {
        assertEquals(List.of(expected), readByteByByte(readerFor(masked), wire));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void encodes(String name, byte[] wire, Frame expected, boolean masked) {
        Frame frame = expected.withPayload(ByteBuffer.wrap(expected.payloadBytes()));
        assertEquals(hex(wire), hex(writerFor(masked).toBytes(frame)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void encodesIntoHeaderAndPayload(String name, byte[] wire, Frame expected, boolean masked) {
        Frame frame = expected.withPayload(ByteBuffer.wrap(expected.payloadBytes()));
        ByteBuffer header = ByteBuffer.allocate(FrameWriter.MAX_HEADER_LENGTH);
        ByteBuffer payload = writerFor(masked).encode(frame, header);
        byte[] out = new byte[header.position() + payload.remaining()];
        header.flip().get(out, 0, header.remaining());
        payload.get(payload.position(), out, out.length - payload.remaining(), payload.remaining());
        assertArrayEquals(wire, out);
    }

    @Test
    void fragmentedMessageInOneBuffer() {
        byte[] wire = hex("01 03 48 65 6c 80 02 6c 6f");
        List<Frame> frames = readAll(new FrameReader(Role.CLIENT), ByteBuffer.wrap(wire));
        assertEquals(List.of(new Frame(false, Opcode.TEXT, ByteBuffer.wrap(bytes('H', 'e', 'l'))),
                new Frame(true, Opcode.CONTINUATION, ByteBuffer.wrap(bytes('l', 'o')))), frames);
    }
}
