package org.websockets4j.framing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.websockets4j.framing.TestBytes.concat;
import static org.websockets4j.framing.TestBytes.hex;
import static org.websockets4j.framing.TestBytes.readAll;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Third-party extensions through the {@link ExtensionCodec} hook of the reader and the writer. */
class ExtensionCodecTest {
    private final List<String> calls = new ArrayList<>();

    /** Claims RSV1 and puts a marker byte in front of data payloads. */
    private final class Prefix implements ExtensionCodec {
        long lastMaxSize = -1;

        @Override
        public String name() {
            return "x-prefix";
        }

        @Override
        public int reservedBits() {
            return Frame.RSV1;
        }

        @Override
        public Frame encode(Frame frame) {
            calls.add("encode prefix");
            if (frame.opcode().isControl()) {
                return frame;
            }
            byte[] out = concat(new byte[] {'P'}, frame.payloadBytes());
            return frame.withPayload(ByteBuffer.wrap(out)).withRsvBits(frame.rsvBits() | Frame.RSV1);
        }

        @Override
        public Frame decode(Frame frame, long maxSize) {
            calls.add("decode prefix");
            lastMaxSize = maxSize;
            if (!frame.rsv1()) {
                return frame;
            }
            byte[] in = frame.payloadBytes();
            if (in.length == 0 || in[0] != 'P') {
                throw new ProtocolError("x-prefix: missing marker");
            }
            ByteBuffer out = ByteBuffer.wrap(in, 1, in.length - 1).slice();
            return frame.withPayload(out).withRsvBits(frame.rsvBits() & ~Frame.RSV1);
        }
    }

    /** Claims RSV2 and reverses data payloads. */
    private final class Reverse implements ExtensionCodec {
        @Override
        public String name() {
            return "x-reverse";
        }

        @Override
        public int reservedBits() {
            return Frame.RSV2;
        }

        private static ByteBuffer reversed(Frame frame) {
            byte[] in = frame.payloadBytes();
            byte[] out = new byte[in.length];
            for (int i = 0; i < in.length; i++) {
                out[i] = in[in.length - 1 - i];
            }
            return ByteBuffer.wrap(out);
        }

        @Override
        public Frame encode(Frame frame) {
            calls.add("encode reverse");
            return frame.opcode().isControl() ? frame
                    : frame.withPayload(reversed(frame)).withRsvBits(frame.rsvBits() | Frame.RSV2);
        }

        @Override
        public Frame decode(Frame frame, long maxSize) {
            calls.add("decode reverse");
            return frame.rsv2() ? frame.withPayload(reversed(frame)).withRsvBits(frame.rsvBits() & ~Frame.RSV2) : frame;
        }
    }

    /** A codec that claims a bit and forgets to clear it on decode. */
    private static ExtensionCodec sloppy(int bits) {
        return new ExtensionCodec() {
            @Override
            public String name() {
                return "x-sloppy";
            }

            @Override
            public int reservedBits() {
                return bits;
            }

            @Override
            public Frame encode(Frame frame) {
                return frame.withRsvBits(bits);
            }

            @Override
            public Frame decode(Frame frame, long maxSize) {
                return frame;
            }
        };
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void encodeRunsCodecsInOrder() {
        FrameWriter writer = new FrameWriter(Role.SERVER, null, List.of(new Prefix(), new Reverse()));
        byte[] wire = writer.toBytes(Frame.text("abc"));
        // Prefix first ("Pabc", RSV1), then reverse ("cbaP", RSV2): FIN|RSV1|RSV2|TEXT.
        assertEquals("e104" + TestBytes.hex(ascii("cbaP")), TestBytes.hex(wire));
        assertEquals(List.of("encode prefix", "encode reverse"), calls);
    }

    @Test
    void aHeaderBufferTooSmallIsRefusedBeforeAnyCodecRuns() {
        // A stateful codec cannot be rolled back, so the room is checked first.
        FrameWriter writer = new FrameWriter(Role.SERVER, null, List.of(new Prefix()));
        assertThrows(java.nio.BufferOverflowException.class,
                () -> writer.encode(Frame.text("abc"), ByteBuffer.allocate(FrameWriter.MAX_HEADER_LENGTH - 1)));
        assertEquals(List.of(), calls);
    }

    @Test
    void decodeRunsCodecsInReverseOrder() {
        FrameReader reader = new FrameReader(Role.CLIENT, FrameReader.NO_LIMIT, List.of(new Prefix(), new Reverse()));
        Frame frame = reader.read(ByteBuffer.wrap(concat(hex("e104"), ascii("cbaP"))));
        assertEquals(Frame.text("abc"), frame);
        assertEquals(List.of("decode reverse", "decode prefix"), calls);
    }

    @Test
    void listedInTheOtherOrderTheCodecsFail() {
        FrameReader reader = new FrameReader(Role.CLIENT, FrameReader.NO_LIMIT, List.of(new Reverse(), new Prefix()));
        ProtocolError e = assertThrows(ProtocolError.class, () -> reader.read(ByteBuffer.wrap(concat(hex("e104"), ascii("cbaP")))));
        assertEquals("x-prefix: missing marker", e.getMessage());
        assertThrows(IllegalStateException.class, () -> reader.read(ByteBuffer.allocate(0)));
    }

    @Test
    void maskedRoundTripThroughBothCodecs() {
        Random random = new Random(7);
        FrameWriter writer = new FrameWriter(Role.CLIENT, random::nextInt, List.of(new Prefix(), new Reverse()));
        FrameReader reader = new FrameReader(Role.SERVER, 1 << 20, List.of(new Prefix(), new Reverse()));
        List<Frame> sent = new ArrayList<>();
        List<Frame> received = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            byte[] data = new byte[random.nextInt(i % 10 == 0 ? 70_000 : 300)];
            random.nextBytes(data);
            Frame frame = i % 7 == 3 ? Frame.ping(data.length > 125 ? new byte[125] : data)
                    : new Frame(random.nextBoolean(), Opcode.BINARY, ByteBuffer.wrap(data));
            sent.add(TestBytes.copy(frame));
            received.addAll(readAll(reader, ByteBuffer.wrap(writer.toBytes(frame))));
        }
        assertEquals(sent, received);
    }

    @Test
    void decodeIsToldTheLimit() {
        Prefix prefix = new Prefix();
        FrameReader reader = new FrameReader(Role.CLIENT, 1234, List.of(prefix));
        reader.read(ByteBuffer.wrap(concat(hex("c102"), ascii("Px"))));
        assertEquals(1234, prefix.lastMaxSize);
    }

    @Test
    void claimedBitsAreAcceptedUnclaimedOnesNot() {
        FrameReader reader = new FrameReader(Role.CLIENT, FrameReader.NO_LIMIT, List.of(new Prefix()));
        assertEquals(Frame.text("x"), reader.read(ByteBuffer.wrap(concat(hex("c102"), ascii("Px")))));
        ProtocolError e = assertThrows(ProtocolError.class, () -> reader.read(ByteBuffer.wrap(hex("a100"))));
        assertEquals(1002, e.closeCode());
    }

    @Test
    void reservedBitLeftAfterDecodeIsRejected() {
        FrameReader reader = new FrameReader(Role.CLIENT, FrameReader.NO_LIMIT, List.of(sloppy(Frame.RSV3)));
        ProtocolError e = assertThrows(ProtocolError.class, () -> reader.read(ByteBuffer.wrap(hex("9100"))));
        assertSame(ProtocolError.class, e.getClass());
        assertEquals(1002, e.closeCode());
    }

    @Test
    void writerRejectsBitsNoCodecClaimed() {
        ExtensionCodec liar = new ExtensionCodec() {
            @Override
            public String name() {
                return "x-liar";
            }

            @Override
            public int reservedBits() {
                return Frame.RSV1;
            }

            @Override
            public Frame encode(Frame frame) {
                return frame.withRsvBits(Frame.RSV2);
            }

            @Override
            public Frame decode(Frame frame, long maxSize) {
                return frame;
            }
        };
        FrameWriter writer = new FrameWriter(Role.SERVER, null, List.of(liar));
        assertThrows(ProtocolError.class, () -> writer.toBytes(Frame.text("x")));
        assertEquals("c100", TestBytes.hex(new FrameWriter(Role.SERVER, null, List.of(sloppy(Frame.RSV1))).toBytes(Frame.text(""))));
    }

    @Test
    void frameGivenToTheWriterMayNotCarryReservedBitsItself() {
        FrameWriter writer = new FrameWriter(Role.SERVER, null, List.of(new Prefix()));
        assertThrows(ProtocolError.class, () -> writer.toBytes(Frame.text("x").withRsvBits(Frame.RSV1)));
    }

    @Test
    void codecsMustClaimDistinctReservedBits() {
        List<ExtensionCodec> clash = List.of(sloppy(Frame.RSV1), sloppy(Frame.RSV1 | Frame.RSV2));
        assertThrows(IllegalArgumentException.class, () -> new FrameReader(Role.CLIENT, 10, clash));
        assertThrows(IllegalArgumentException.class, () -> new FrameWriter(Role.SERVER, null, clash));
        List<ExtensionCodec> outside = List.of(sloppy(0x80));
        assertThrows(IllegalArgumentException.class, () -> new FrameReader(Role.CLIENT, 10, outside));
        assertThrows(IllegalArgumentException.class, () -> new FrameWriter(Role.SERVER, null, outside));
        // Claiming nothing, or all three bits between two codecs, is fine.
        new FrameReader(Role.CLIENT, 10, List.of(sloppy(0), sloppy(Frame.RSV1 | Frame.RSV2 | Frame.RSV3)));
    }

    @Test
    void codecErrorsPropagateAndFailTheReader() {
        ExtensionCodec inflater = new ExtensionCodec() {
            @Override
            public String name() {
                return "x-inflate";
            }

            @Override
            public int reservedBits() {
                return Frame.RSV1;
            }

            @Override
            public Frame encode(Frame frame) {
                return frame;
            }

            @Override
            public Frame decode(Frame frame, long maxSize) {
                throw new PayloadTooBig(maxSize + 1, maxSize);
            }
        };
        FrameReader reader = new FrameReader(Role.CLIENT, 10, List.of(inflater));
        assertEquals(10, assertThrows(PayloadTooBig.class, () -> reader.read(ByteBuffer.wrap(hex("c100")))).maxSize());
        assertThrows(IllegalStateException.class, () -> reader.read(ByteBuffer.wrap(hex("8100"))));
    }
}
