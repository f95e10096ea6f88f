package org.websockets4j.framing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.websockets4j.framing.TestBytes.RFC_KEY;
import static org.websockets4j.framing.TestBytes.fixedKey;
import static org.websockets4j.framing.TestBytes.hex;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link FrameWriter#encodeCopy}: the same bytes as {@code encode(Frame)}, the caller's payload untouched. */
class FrameWriterEncodeCopyTest {
    private static byte[] data(int length) {
        byte[] data = new byte[length];
        for (int i = 0; i < length; i++) {
            data[i] = (byte) (i * 31 + 7);
        }
        return data;
    }

    private static byte[] copy(FrameWriter writer, boolean fin, Opcode opcode, ByteBuffer payload) {
        ByteBuffer out = ByteBuffer.allocate(200_000);
        out.put(new byte[3]); // not at position 0
        writer.encodeCopy(fin, opcode, payload, out);
        return Arrays.copyOfRange(out.array(), 3, out.position());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 125, 126, 65535, 65536})
    void theSameBytesAsEncodeForAServer(int length) {
        FrameWriter writer = new FrameWriter(Role.SERVER);
        byte[] data = data(length);
        ByteBuffer payload = ByteBuffer.wrap(data).position(0);
        assertEquals(hex(writer.toBytes(new Frame(false, Opcode.BINARY, ByteBuffer.wrap(data.clone())))),
                hex(copy(writer, false, Opcode.BINARY, payload)));
        assertEquals(0, payload.position(), "position untouched");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 5, 126, 1000})
    void theSameBytesAsEncodeForAClientAndTheCallersBytesUnmasked(int length) {
        byte[] data = data(length);
        byte[] expected = new FrameWriter(Role.CLIENT, fixedKey(RFC_KEY), List.of())
                .toBytes(new Frame(true, Opcode.TEXT, ByteBuffer.wrap(data.clone())));
        byte[] actual = copy(new FrameWriter(Role.CLIENT, fixedKey(RFC_KEY), List.of()), true, Opcode.TEXT, ByteBuffer.wrap(data));
        assertEquals(hex(expected), hex(actual));
        assertArrayEquals(data(length), data, "the caller's bytes are not masked");
    }

    @Test
    void aSliceAndADirectBufferAreReadFromTheirPosition() {
        FrameWriter writer = new FrameWriter(Role.SERVER);
        ByteBuffer direct = ByteBuffer.allocateDirect(10).put(new byte[] {0, 0, 7, 8, 9, 0}).position(2).limit(5);
        assertEquals("8203070809", hex(copy(writer, true, Opcode.BINARY, direct)));
        ByteBuffer out = ByteBuffer.allocateDirect(64);
        new FrameWriter(Role.CLIENT, fixedKey(RFC_KEY), List.of()).encodeCopy(true, Opcode.BINARY, ByteBuffer.wrap(data(9)), out);
        byte[] wire = new byte[out.flip().remaining()];
        out.get(wire);
        assertEquals(hex(new FrameWriter(Role.CLIENT, fixedKey(RFC_KEY), List.of()).toBytes(Frame.binary(data(9)))), hex(wire));
    }

    @Test
    void refusesWhatEncodeRefusesAndWritesNothingWhenTooSmall() {
        FrameWriter writer = new FrameWriter(Role.SERVER);
        assertThrows(ProtocolError.class, () -> copy(writer, false, Opcode.PING, ByteBuffer.allocate(1)));
        assertThrows(ProtocolError.class, () -> copy(writer, true, Opcode.CLOSE, ByteBuffer.allocate(126)));
        ByteBuffer small = ByteBuffer.allocate(10);
        assertThrows(BufferOverflowException.class, () -> writer.encodeCopy(true, Opcode.TEXT, ByteBuffer.allocate(9), small));
        assertEquals(0, small.position());
    }

    @Test
    void refusedWhenExtensionsRun() {
        ExtensionCodec identity = new ExtensionCodec() {
            @Override
            public String name() {
                return "x-identity";
            }

            @Override
            public int reservedBits() {
                return 0;
            }

            @Override
            public Frame encode(Frame frame) {
                return frame;
            }

            @Override
            public Frame decode(Frame frame, long maxSize) {
                return frame;
            }
        };
        FrameWriter writer = new FrameWriter(Role.SERVER, null, List.of(identity));
        assertThrows(IllegalStateException.class, () -> copy(writer, true, Opcode.TEXT, ByteBuffer.allocate(1)));
    }
}
