package org.websockets4j.framing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The exception hierarchy and the close code each exception carries. */
class ExceptionsTest {
    @Test
    void protocolError() {
        ProtocolError e = new ProtocolError("bad frame");
        assertEquals("bad frame", e.getMessage());
        assertEquals(CloseCodes.PROTOCOL_ERROR, e.closeCode());
        assertInstanceOf(WebSocketException.class, e);
        assertInstanceOf(RuntimeException.class, e);
    }

    @Test
    void invalidUtf8() {
        InvalidUtf8 e = new InvalidUtf8("bad text", 17);
        assertEquals(CloseCodes.INVALID_PAYLOAD_DATA, e.closeCode());
        assertEquals(17, e.offset());
        assertInstanceOf(ProtocolError.class, e);
    }

    @Test
    void payloadTooBig() {
        PayloadTooBig e = new PayloadTooBig(10, 5);
        assertEquals(10, e.size());
        assertEquals(5, e.maxSize());
        assertEquals(CloseCodes.MESSAGE_TOO_BIG, e.closeCode());
        assertInstanceOf(WebSocketException.class, e);
        assertTrue(e.getMessage().contains("10") && e.getMessage().contains("5"), e.getMessage());
    }

    @Test
    void webSocketExceptionKeepsItsCause() {
        Throwable cause = new IllegalStateException("root");
        WebSocketException e = new WebSocketException("wrapped", cause);
        assertSame(cause, e.getCause());
        assertEquals("wrapped", e.getMessage());
    }
}
