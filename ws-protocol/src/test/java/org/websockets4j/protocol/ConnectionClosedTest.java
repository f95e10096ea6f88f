package org.websockets4j.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.websockets4j.framing.ProtocolError;
import org.websockets4j.framing.WebSocketException;

class ConnectionClosedTest {
    @Test
    void messagesFollowPythonWebsockets8() {
        assertEquals("code = 1000 (OK), reason = bye", ConnectionClosed.of(1000, "bye").getMessage());
        assertEquals("code = 1006 (connection closed abnormally [internal]), no reason",
                ConnectionClosed.of(1006, "").getMessage());
        assertEquals("code = 1005 (no status code [internal]), no reason", ConnectionClosed.of(1005, null).getMessage());
        assertEquals("code = 3001 (registered), reason = x", ConnectionClosed.of(3001, "x").getMessage());
        assertEquals("code = 4000 (private use), no reason", ConnectionClosed.of(4000, "").getMessage());
        assertEquals("code = 1011 (unexpected error), reason = keepalive ping timeout",
                ConnectionClosed.of(1011, "keepalive ping timeout").getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {1000, 1001})
    void okCodes(int code) {
        ConnectionClosed e = ConnectionClosed.of(code, "r");
        assertInstanceOf(ConnectionClosedOK.class, e);
        assertEquals(code, e.code());
        assertEquals("r", e.reason());
        assertTrue(ConnectionClosed.isOK(code));
        assertEquals(e.getMessage(), new ConnectionClosedOK(code, "r").getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ConnectionClosedError(code, "r"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1002, 1003, 1005, 1006, 1007, 1009, 1011, 3000, 4999, 0})
    void errorCodes(int code) {
        ConnectionClosed e = ConnectionClosed.of(code, null);
        assertInstanceOf(ConnectionClosedError.class, e);
        assertEquals(code, e.code());
        assertEquals("", e.reason());
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class, () -> new ConnectionClosedOK(code, ""));
        assertTrue(wrong.getMessage().contains("ConnectionClosed.of"), wrong.getMessage());
    }

    @Test
    void causeAndHierarchy() {
        ProtocolError cause = new ProtocolError("bad");
        ConnectionClosed e = ConnectionClosed.of(1006, "", cause);
        assertSame(cause, e.getCause());
        assertNull(ConnectionClosed.of(1000, "").getCause());
        assertInstanceOf(WebSocketException.class, e);
        assertInstanceOf(RuntimeException.class, e);
    }
}
