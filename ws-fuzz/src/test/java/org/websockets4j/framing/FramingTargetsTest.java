package org.websockets4j.framing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.websockets4j.fuzz.Pieces;

/**
 * Coverage-guided targets for ws-framing: the frame reader, the UTF-8 validator and close
 * payloads. Each checks the documented contract, not just the absence of a crash.
 */
class FramingTargetsTest {
    private static final long[] LIMITS = {FrameReader.NO_LIMIT, 0, 1, 125, 126, 1000, 65_535, 65_536};

    /** A frame as read, with its payload copied (the reader's view is only valid until the next read). */
    record Read(boolean fin, int rsv, Opcode opcode, byte[] payload) {
        static Read of(Frame frame) {
            return new Read(frame.fin(), frame.rsvBits(), frame.opcode(), Pieces.bytes(frame.payload()));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Read r && fin == r.fin && rsv == r.rsv && opcode == r.opcode && Arrays.equals(payload, r.payload);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(payload);
        }
    }

    /** What reading a stream gave: the frames, then the exception class that ended it (or null). */
    record Outcome(List<Read> frames, Class<?> failure) {
    }

    /** An extension that claims some reserved bits and clears them, as a codec must. */
    private record ClearingCodec(int bits) implements ExtensionCodec {
        @Override
        public String name() {
            return "x-clearing";
        }

        @Override
        public int reservedBits() {
            return bits;
        }

        @Override
        public Frame encode(Frame frame) {
            return frame;
        }

        @Override
        public Frame decode(Frame frame, long maxSize) {
            return frame.withRsvBits(frame.rsvBits() & ~bits);
        }
    }

    /**
     * Bytes fed to {@link FrameReader}, whole and in random pieces of every buffer kind. Only
     * {@link ProtocolError} and {@link PayloadTooBig} may come out; a failed reader stays failed;
     * a returned frame obeys the rules (size within the limit, control frames whole and short, no
     * reserved bit left); the split and the whole stream read the same; each frame survives
     * write → read unchanged.
     */
    @FuzzTest
    void frameReader(FuzzedDataProvider data) {
        Role role = data.consumeBoolean() ? Role.SERVER : Role.CLIENT;
        long limit = LIMITS[data.consumeInt(0, LIMITS.length - 1)];
        int claimed = data.consumeInt(0, 7) << 4;
        int kind = data.consumeInt(0, 3);
        List<ExtensionCodec> codecs = claimed == 0 ? List.of() : List.of(new ClearingCodec(claimed));
        List<byte[]> pieces = Pieces.split(data, 300);
        byte[] whole = Pieces.join(pieces);

        Outcome split = read(role, limit, codecs, pieces, kind);
        Outcome once = read(role, limit, codecs, List.of(whole), 0);
        assertEquals(once, split, () -> "split and whole differ for " + Pieces.hex(whole));

        for (Read frame : split.frames) {
            assertTrue(frame.payload.length <= limit, "payload above the limit");
            assertEquals(0, frame.rsv, "a reserved bit survived");
            if (frame.opcode.isControl()) {
                assertTrue(frame.fin, "fragmented control frame");
                assertTrue(frame.payload.length <= Frame.MAX_CONTROL_PAYLOAD, "long control frame");
            }
            Role peer = role == Role.SERVER ? Role.CLIENT : Role.SERVER;
            byte[] wire = new FrameWriter(peer).toBytes(
                    new Frame(frame.fin, frame.opcode, ByteBuffer.wrap(frame.payload.clone()))); // a client masks in place
            Outcome again = read(role, limit, List.of(), List.of(wire), 0);
            assertEquals(new Outcome(List.of(frame), null), again, "write → read changed the frame");
        }
    }

    private static Outcome read(Role role, long limit, List<ExtensionCodec> codecs, List<byte[]> pieces, int kind) {
        FrameReader reader = new FrameReader(role, limit, codecs);
        List<Read> frames = new ArrayList<>();
        int i = 0;
        try {
            for (byte[] piece : pieces) {
                ByteBuffer in = Pieces.buffer(piece, kind + i++);
                Frame frame;
                while ((frame = reader.read(in)) != null) {
                    frames.add(Read.of(frame));
                }
                assertFalse(in.hasRemaining(), "null returned before all bytes were consumed");
            }
            return new Outcome(frames, null);
        } catch (PayloadTooBig e) {
            assertTrue(e.size() > e.maxSize(), "PayloadTooBig within the limit");
            assertTrue(e.maxSize() <= limit, "PayloadTooBig names another limit");
            assertEquals(CloseCodes.MESSAGE_TOO_BIG, e.closeCode());
            assertStaysFailed(reader);
            return new Outcome(frames, PayloadTooBig.class);
        } catch (ProtocolError e) {
            assertTrue(e.closeCode() == CloseCodes.PROTOCOL_ERROR || e.closeCode() == CloseCodes.INVALID_PAYLOAD_DATA);
            assertStaysFailed(reader);
            return new Outcome(frames, e.getClass());
        }
    }

    private static void assertStaysFailed(FrameReader reader) {
        assertThrows(IllegalStateException.class, () -> reader.read(ByteBuffer.allocate(2)));
    }

    private static CharsetDecoder strict() {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /**
     * {@link Utf8Validator} against the JDK's strict decoder, fed whole (array, each buffer kind)
     * and in pieces: the same verdict everywhere, the same failure offset however the bytes
     * arrive, and an offset within the text.
     */
    @FuzzTest
    void utf8Validator(FuzzedDataProvider data) {
        int kind = data.consumeInt(0, 3);
        List<byte[]> pieces = Pieces.split(data, 40);
        byte[] whole = Pieces.join(pieces);

        CharBuffer chars = CharBuffer.allocate(2 * whole.length + 2);
        CharsetDecoder decoder = strict();
        CoderResult result = decoder.decode(ByteBuffer.wrap(whole), chars, true);
        boolean jdk = !result.isError() && !decoder.flush(chars).isError();

        assertEquals(jdk, Utf8Validator.isValid(Pieces.buffer(whole, kind)), () -> Pieces.hex(whole));
        Long wholeOffset = offset(List.of(whole), 0, true);
        assertEquals(jdk, wholeOffset == null, () -> Pieces.hex(whole));
        for (int k = 0; k < 4; k++) {
            Long offset = offset(pieces, k, k % 2 == 0);
            assertEquals(wholeOffset, offset, () -> "offset differs when split: " + Pieces.hex(whole));
        }
        if (wholeOffset != null) {
            assertTrue(wholeOffset >= 0 && wholeOffset <= whole.length, "offset outside the text");
        }
    }

    /** Validates the pieces with one validator; the failure offset, or null when valid. */
    private static Long offset(List<byte[]> pieces, int kind, boolean arrays) {
        Utf8Validator validator = new Utf8Validator();
        try {
            int i = 0;
            for (byte[] piece : pieces) {
                if (arrays) {
                    byte[] padded = new byte[piece.length + 5];
                    System.arraycopy(piece, 0, padded, 2, piece.length);
                    validator.update(padded, 2, piece.length);
                } else {
                    ByteBuffer buffer = Pieces.buffer(piece, kind + i++);
                    int position = buffer.position();
                    validator.update(buffer);
                    assertEquals(position, buffer.position(), "update moved the position");
                }
            }
            boolean complete = validator.isComplete();
            try {
                validator.finish();
                assertTrue(complete);
            } catch (InvalidUtf8 e) {
                assertFalse(complete);
                throw e;
            }
            return null;
        } catch (InvalidUtf8 e) {
            assertEquals(CloseCodes.INVALID_PAYLOAD_DATA, e.closeCode());
            return e.offset();
        }
    }

    /**
     * {@link Close#parse}: accepts exactly the payloads RFC 6455 allows (empty, or a code that may
     * appear on the wire and a valid UTF-8 reason, at most 125 bytes in all), leaves the position
     * alone, rejects with {@link ProtocolError} only, and what it accepts serializes back to the
     * same bytes.
     */
    @FuzzTest
    void closeParse(FuzzedDataProvider data) {
        int kind = data.consumeInt(0, 3);
        byte[] payload = data.consumeRemainingAsBytes();
        ByteBuffer buffer = Pieces.buffer(payload, kind);
        int position = buffer.position();
        boolean allowed = payload.length == 0 || payload.length >= 2 && payload.length <= 125
                && CloseCodes.isValidOnWire(((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF))
                && Utf8Validator.isValid(ByteBuffer.wrap(payload, 2, payload.length - 2));
        Close close;
        try {
            close = Close.parse(buffer);
        } catch (ProtocolError e) {
            assertFalse(allowed, () -> "rejected " + Pieces.hex(payload) + ": " + e);
            return;
        }
        assertTrue(allowed, () -> "accepted " + Pieces.hex(payload));
        assertEquals(position, buffer.position());
        if (payload.length == 0) {
            assertSame(Close.NO_STATUS, close);
        } else {
            assertArrayEquals(payload, Pieces.bytes(close.serialize()));
        }
    }
}
