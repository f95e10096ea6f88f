package org.websockets4j.framing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.websockets4j.framing.TestBytes.bytes;
import static org.websockets4j.framing.TestBytes.concat;
import static org.websockets4j.framing.TestBytes.hex;
import static org.websockets4j.framing.TestBytes.remaining;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Close frame payloads ({@link Close}) and close codes ({@link CloseCodes}). */
class CloseTest {
    private static ByteBuffer payload(int code, byte[] reason) {
        return ByteBuffer.wrap(concat(bytes(code >> 8, code), reason));
    }

    /** What RFC 6455 §7.4 and the IANA registry allow in a close frame, written out independently. */
    private static boolean allowedOnWire(int code) {
        return code == 1000 || code == 1001 || code == 1002 || code == 1003
                || (code >= 1007 && code <= 1014)
                || (code >= 3000 && code <= 4999);
    }

    @Test
    void emptyPayloadMeansNoStatus() {
        Close close = Close.parse(ByteBuffer.allocate(0));
        assertSame(Close.NO_STATUS, close);
        assertEquals(1005, close.code());
        assertEquals("", close.reason());
    }

    @Test
    void oneBytePayloadIsAProtocolError() {
        ProtocolError e = assertThrows(ProtocolError.class, () -> Close.parse(ByteBuffer.wrap(bytes(0x03))));
        assertSame(ProtocolError.class, e.getClass());
        assertEquals(1002, e.closeCode());
    }

    @Test
    void payloadOver125BytesIsAProtocolError() {
        assertThrows(ProtocolError.class, () -> Close.parse(payload(1000, new byte[124])));
        assertEquals(123, Close.parse(payload(1000, "a".repeat(123).getBytes(StandardCharsets.US_ASCII))).reason().length());
    }

    @ParameterizedTest
    @ValueSource(ints = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999, 4000, 4999})
    void allowedCodes(int code) {
        assertEquals(new Close(code, ""), Close.parse(payload(code, new byte[0])));
        assertEquals(new Close(code, "why"), Close.parse(Close.serialize(code, "why")));
        assertTrue(CloseCodes.isValidOnWire(code));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 9999, 65535})
    void refusedCodes(int code) {
        ProtocolError e = assertThrows(ProtocolError.class, () -> Close.parse(payload(code, new byte[0])));
        assertSame(ProtocolError.class, e.getClass());
        assertEquals(1002, e.closeCode());
        assertThrows(IllegalArgumentException.class, () -> new Close(code, "").serialize());
        assertThrows(IllegalArgumentException.class, () -> Close.serialize(code, "x"));
        assertThrows(IllegalArgumentException.class, () -> Frame.close(code, ""));
    }

    @Test
    void everyCodeOnTheWire() {
        for (int code = 0; code <= 0xFFFF; code++) {
            assertEquals(allowedOnWire(code), CloseCodes.isValidOnWire(code), "code " + code);
            ByteBuffer wire = payload(code, bytes('o', 'k'));
            if (allowedOnWire(code)) {
                assertEquals(new Close(code, "ok"), Close.parse(wire));
            } else {
                int c = code;
                assertThrows(ProtocolError.class, () -> Close.parse(wire), () -> "code " + c);
            }
        }
        // Codes that do not fit in 16 bits are never valid.
        assertEquals(false, CloseCodes.isValidOnWire(-1));
        assertEquals(false, CloseCodes.isValidOnWire(65536 + 1000));
        assertThrows(IllegalArgumentException.class, () -> Close.serialize(65536 + 1000, ""));
    }

    @Test
    void invalidUtf8Reason() {
        InvalidUtf8 e = assertThrows(InvalidUtf8.class, () -> Close.parse(payload(1000, bytes('o', 'k', 0xC0, 0x80))));
        assertEquals(1007, e.closeCode());
        assertEquals(2, e.offset(), "counted from the start of the reason");
        assertThrows(InvalidUtf8.class, () -> Close.parse(payload(1000, bytes(0xE2, 0x82)))); // cut short
        assertThrows(InvalidUtf8.class, () -> Close.parse(payload(1000, bytes(0xED, 0xA0, 0x80)))); // surrogate
    }

    @Test
    void reasonLength() {
        String ascii123 = "r".repeat(123);
        assertEquals(125, Close.serialize(1000, ascii123).remaining());
        assertThrows(IllegalArgumentException.class, () -> Close.serialize(1000, ascii123 + "r"));
        // Bytes count, not characters: 61 two-byte characters and one ASCII letter make 123 bytes.
        String accents = "é".repeat(61);
        assertEquals(125, Close.serialize(1000, accents + "a").remaining());
        assertThrows(IllegalArgumentException.class, () -> Close.serialize(1000, accents + "é"));
        assertEquals(Close.MAX_REASON_BYTES, 123);
        // The longest reason still makes a valid close frame.
        assertEquals(125, Frame.close(1000, ascii123).length());
    }

    @Test
    void serializedBytes() {
        assertEquals("03e8", hex(remaining(Close.serialize(1000, ""))));
        assertEquals("0fa0627965", hex(remaining(Close.serialize(4000, "bye"))));
        assertEquals("03f1c3a9", hex(remaining(new Close(1009, "é").serialize())));
        assertThrows(IllegalArgumentException.class, () -> Close.serialize(1000, "bad \uD800"));
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            1000, ''
            1001, going away
            1011, 'unexpected condition: é€😀'
            3000, registered code
            4999, private
            """)
    void roundTrip(int code, String reason) {
        Close close = new Close(code, reason);
        ByteBuffer wire = close.serialize();
        assertEquals(close, Close.parse(wire));
        assertEquals(0, wire.position(), "parse leaves the position alone");
        // Through a frame, as a connection would send and read it.
        byte[] frame = new FrameWriter(Role.SERVER).toBytes(Frame.close(code, reason));
        Frame read = new FrameReader(Role.CLIENT).read(ByteBuffer.wrap(frame));
        assertEquals(close, Close.parse(read.payload()));
    }

    @Test
    void parseReadsFromThePosition() {
        ByteBuffer wire = ByteBuffer.wrap(concat(bytes(0xFF, 0xFF, 0xFF), bytes(0x03, 0xE9, 'h', 'i'))).position(3);
        assertEquals(new Close(1001, "hi"), Close.parse(wire));
        assertEquals(3, wire.position());
        assertEquals(new Close(1001, "hi"), Close.parse(TestBytes.direct(bytes(0x03, 0xE9, 'h', 'i'))));
        assertEquals(new Close(1001, "hi"), Close.parse(ByteBuffer.wrap(bytes(0x03, 0xE9, 'h', 'i')).asReadOnlyBuffer()));
    }

    @Test
    void anyCodeCanBeHeldButNullReasonCannot() {
        assertEquals(1006, new Close(1006, "").code());
        assertThrows(NullPointerException.class, () -> new Close(1000, null));
    }

    @Test
    void toStringShowsCodeMeaningAndReason() {
        assertEquals("1000 (OK) bye", new Close(1000, "bye").toString());
        assertEquals("1005 (no status code [internal])", Close.NO_STATUS.toString());
        assertEquals("4321 (private use) x", new Close(4321, "x").toString());
    }

    @ParameterizedTest
    @CsvSource({
        "1000, OK", "1001, going away", "1002, protocol error", "1003, unsupported type", "1004, reserved",
        "1005, no status code [internal]", "1006, connection closed abnormally [internal]", "1007, invalid data",
        "1008, policy violation", "1009, message too big", "1010, extension required", "1011, unexpected error",
        "1012, service restart", "1013, try again later", "1014, bad gateway", "1015, TLS failure [internal]",
        "3000, registered", "3999, registered", "4000, private use", "4999, private use",
        "0, unknown", "999, unknown", "1016, unknown", "2999, unknown", "5000, unknown", "-1, unknown",
    })
    void describe(int code, String description) {
        assertEquals(description, CloseCodes.describe(code));
    }

    @Test
    void namedConstants() {
        assertEquals(1000, CloseCodes.NORMAL_CLOSURE);
        assertEquals(1002, CloseCodes.PROTOCOL_ERROR);
        assertEquals(1005, CloseCodes.NO_STATUS_RECEIVED);
        assertEquals(1006, CloseCodes.ABNORMAL_CLOSURE);
        assertEquals(1007, CloseCodes.INVALID_PAYLOAD_DATA);
        assertEquals(1009, CloseCodes.MESSAGE_TOO_BIG);
        assertEquals(1015, CloseCodes.TLS_HANDSHAKE);
    }
}
