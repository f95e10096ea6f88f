package org.websockets4j.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.websockets4j.client.HandshakeTestSupport.feedByteByByte;
import static org.websockets4j.client.HandshakeTestSupport.feedWhole;
import static org.websockets4j.client.HandshakeTestSupport.keyOf;
import static org.websockets4j.client.HandshakeTestSupport.switching;
import static org.websockets4j.testkit.WireBytes.concat;
import static org.websockets4j.testkit.WireBytes.latin1;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.websockets4j.http.Handshake;
import org.websockets4j.http.Headers;
import org.websockets4j.http.IncompleteMessage;
import org.websockets4j.http.InvalidHeader;
import org.websockets4j.http.InvalidHeaderFormat;
import org.websockets4j.http.InvalidHeaderValue;
import org.websockets4j.http.InvalidMessage;
import org.websockets4j.http.InvalidStatusCode;
import org.websockets4j.http.InvalidUpgrade;
import org.websockets4j.http.NegotiationError;
import org.websockets4j.http.Response;
import org.websockets4j.http.SecurityError;
import org.websockets4j.http.WebSocketUri;
import org.websockets4j.testkit.WireBytes;

class ClientResponseTest {
    /** An unmasked text frame "hi", as a server sends it right after its 101. */
    private static final byte[] FRAME = {(byte) 0x81, 0x02, 'h', 'i'};

    private static ClientHandshake handshake() {
        return handshake(ClientOptions.defaults());
    }

    private static ClientHandshake handshake(ClientOptions options) {
        return new ClientHandshake(WebSocketUri.parse("ws://example.com/chat"), options);
    }

    private static ClientHandshake offering(String... subprotocols) {
        return handshake(ClientOptions.builder().subprotocols(subprotocols).build());
    }

    // ---------------------------------------------------------------- accepted

    @Test
    void acceptedWholeKeepsTheFollowingFrame() {
        ClientHandshake handshake = handshake();
        byte[] response = switching(handshake);
        HandshakeTestSupport.Fed fed = feedWhole(handshake, concat(response, FRAME));
        assertArrayEquals(FRAME, fed.leftover());
        assertNull(fed.accepted().subprotocol());
        assertEquals("websocket", fed.accepted().responseHeaders().get("Upgrade"));
        assertEquals(handshake.requestHeaders(), fed.accepted().requestHeaders());
    }

    @Test
    void acceptedByteByByteConsumesNothingPastTheHead() {
        ClientHandshake handshake = handshake();
        HandshakeTestSupport.Fed fed = feedByteByByte(handshake, concat(switching(handshake), FRAME));
        // The outcome comes with the last byte of the head: the frame is all that is left.
        assertArrayEquals(FRAME, fed.leftover());
        assertNull(fed.accepted().subprotocol());

        ClientHandshake whole = handshake();
        byte[] data = concat(switching(whole), FRAME);
        ByteBuffer in = ByteBuffer.wrap(data, 0, 10);
        assertNull(whole.receiveData(in));
        assertEquals(0, in.remaining());
        in.limit(data.length);
        assertTrue(whole.receiveData(in) != null);
        assertEquals(FRAME.length, in.remaining());
        assertEquals(data.length - FRAME.length, in.position());
    }

    @Test
    void acceptedWithHandWrittenResponse() {
        ClientHandshake handshake = offering("chat", "superchat");
        String accept = Handshake.acceptKey(keyOf(handshake.request()));
        byte[] response = latin1("HTTP/1.1 101 Switching Protocols\r\n"
                + "upgrade: WebSocket\r\n"
                + "connection: keep-alive, Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept + "\r\n"
                + "Sec-WebSocket-Protocol: superchat\r\n"
                + "Server: test\r\n"
                + "\r\n");
        ClientHandshake.Accepted accepted = feedWhole(handshake, response).accepted();
        assertEquals("superchat", accepted.subprotocol());
        assertEquals("test", accepted.responseHeaders().get("Server"));
        assertThrows(UnsupportedOperationException.class, () -> accepted.responseHeaders().add("X", "y"));
    }

    @Test
    void noSubprotocolChosenAmongThoseOfferedIsAccepted() {
        ClientHandshake handshake = offering("chat");
        assertNull(feedWhole(handshake, switching(handshake)).accepted().subprotocol());
    }

    @Test
    void theHandshakeIsOverOnceAccepted() {
        ClientHandshake handshake = handshake();
        feedWhole(handshake, switching(handshake));
        assertThrows(IllegalStateException.class, () -> handshake.receiveData(ByteBuffer.wrap(FRAME)));
        assertThrows(IllegalStateException.class, handshake::receiveEof);
    }

    // ---------------------------------------------------------------- invalid 101

    @Test
    void wrongAcceptKey() {
        ClientHandshake handshake = handshake();
        Headers headers = new Headers();
        Handshake.buildResponse(headers, "dGhlIHNhbXBsZSBub25jZQ==");
        byte[] response = new Response(101, "Switching Protocols", headers).serialize();
        InvalidHeaderValue e = assertThrows(InvalidHeaderValue.class, () -> feedWhole(handshake, response));
        assertEquals("Sec-WebSocket-Accept", e.name());
        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", e.value());
        assertThrows(IllegalStateException.class, () -> handshake.receiveData(ByteBuffer.allocate(0)));
    }

    @Test
    void missingAcceptKey() {
        ClientHandshake handshake = handshake();
        byte[] response = latin1("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n");
        InvalidHeader e = assertThrows(InvalidHeader.class, () -> feedWhole(handshake, response));
        assertEquals("Sec-WebSocket-Accept", e.name());
        assertNull(e.value());
    }

    @Test
    void missingUpgrade() {
        ClientHandshake handshake = handshake();
        String accept = Handshake.acceptKey(keyOf(handshake.request()));
        byte[] response = latin1("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n");
        InvalidUpgrade e = assertThrows(InvalidUpgrade.class, () -> feedWhole(handshake, response));
        assertEquals("Upgrade", e.name());
        assertNull(e.value());
    }

    @Test
    void missingConnection() {
        ClientHandshake handshake = handshake();
        String accept = Handshake.acceptKey(keyOf(handshake.request()));
        byte[] response = latin1("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n");
        InvalidUpgrade e = assertThrows(InvalidUpgrade.class, () -> feedWhole(handshake, response));
        assertEquals("Connection", e.name());
    }

    @Test
    void malformedResponse() {
        assertThrows(InvalidMessage.class, () -> feedWhole(handshake(), latin1("HTTP/1.0 101 OK\r\n\r\n")));
        assertThrows(InvalidMessage.class, () -> feedWhole(handshake(), latin1("SSH-2.0-OpenSSH_9.6\r\n")));
    }

    // ---------------------------------------------------------------- negotiation

    @Test
    void subprotocolNotOffered() {
        ClientHandshake handshake = offering("chat");
        NegotiationError e = assertThrows(NegotiationError.class,
                () -> feedWhole(handshake, switching(handshake, "Sec-WebSocket-Protocol", "superchat")));
        assertTrue(e.getMessage().contains("superchat"), e.getMessage());
    }

    @Test
    void subprotocolWhenNoneOffered() {
        ClientHandshake handshake = handshake();
        assertThrows(NegotiationError.class,
                () -> feedWhole(handshake, switching(handshake, "Sec-WebSocket-Protocol", "chat")));
    }

    @Test
    void subprotocolsAreCaseSensitive() {
        ClientHandshake handshake = offering("chat");
        assertThrows(NegotiationError.class,
                () -> feedWhole(handshake, switching(handshake, "Sec-WebSocket-Protocol", "Chat")));
    }

    @Test
    void severalSubprotocols() {
        ClientHandshake oneLine = offering("chat", "superchat");
        NegotiationError e = assertThrows(NegotiationError.class,
                () -> feedWhole(oneLine, switching(oneLine, "Sec-WebSocket-Protocol", "chat, superchat")));
        assertTrue(e.getMessage().contains("several"), e.getMessage());

        ClientHandshake twoLines = offering("chat", "superchat");
        assertThrows(NegotiationError.class, () -> feedWhole(twoLines,
                switching(twoLines, "Sec-WebSocket-Protocol", "chat", "Sec-WebSocket-Protocol", "chat")));
    }

    @Test
    void malformedSubprotocol() {
        ClientHandshake handshake = offering("chat");
        assertThrows(InvalidHeaderFormat.class,
                () -> feedWhole(handshake, switching(handshake, "Sec-WebSocket-Protocol", "chat;v=1")));
    }

    @Test
    void extensionNotOffered() {
        // permessage-deflate is offered by default: turn compression off to offer nothing.
        ClientHandshake handshake = handshake(ClientOptions.builder()
                .compression(org.websockets4j.extensions.Compression.NONE).build());
        NegotiationError e = assertThrows(NegotiationError.class, () -> feedWhole(handshake,
                switching(handshake, "Sec-WebSocket-Extensions", "permessage-deflate; server_no_context_takeover")));
        assertTrue(e.getMessage().contains("permessage-deflate; server_no_context_takeover"), e.getMessage());
    }

    // ---------------------------------------------------------------- refusals

    @Test
    void forbiddenWithBody() {
        ClientHandshake handshake = handshake();
        byte[] body = "<h1>Forbidden</h1>\n".getBytes(StandardCharsets.UTF_8);
        byte[] response = new Response(403, "Forbidden",
                Headers.of("Content-Type", "text/html", "Content-Length", Integer.toString(body.length)), body).serialize();
        InvalidStatusCode e = assertThrows(InvalidStatusCode.class, () -> feedByteByByte(handshake, response));
        assertEquals(403, e.statusCode());
        assertArrayEquals(body, e.body());
    }

    @Test
    void refusalBodyDelimitedByTheEndOfTheConnection() {
        ClientHandshake handshake = handshake();
        byte[] response = latin1("HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\n\r\nserver is shutting down");
        assertNull(feedWhole(handshake, response).accepted());
        InvalidStatusCode e = assertThrows(InvalidStatusCode.class, handshake::receiveEof);
        assertEquals(503, e.statusCode());
        assertEquals("server is shutting down", new String(e.body(), StandardCharsets.ISO_8859_1));
    }

    @Test
    void refusalWithChunkedBodyAndNoBody() {
        ClientHandshake chunked = handshake();
        InvalidStatusCode e = assertThrows(InvalidStatusCode.class, () -> feedWhole(chunked, latin1(
                "HTTP/1.1 400 Bad Request\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nnope!\r\n0\r\n\r\n")));
        assertEquals(400, e.statusCode());
        assertEquals("nope!", new String(e.body(), StandardCharsets.ISO_8859_1));

        ClientHandshake empty = handshake();
        e = assertThrows(InvalidStatusCode.class, () -> feedWhole(empty, latin1("HTTP/1.1 426 Upgrade Required\r\n"
                + "Sec-WebSocket-Version: 13\r\nContent-Length: 0\r\n\r\n")));
        assertEquals(426, e.statusCode());
        assertEquals(0, e.body().length);
    }

    @Test
    void okIsARefusal() {
        ClientHandshake handshake = handshake();
        InvalidStatusCode e = assertThrows(InvalidStatusCode.class,
                () -> feedWhole(handshake, latin1("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi")));
        assertEquals(200, e.statusCode());
    }

    @Test
    void oversizedRefusalBodyIsASecurityError() {
        ClientHandshake handshake = handshake();
        assertThrows(SecurityError.class, () -> feedWhole(handshake,
                latin1("HTTP/1.1 500 Internal Server Error\r\nContent-Length: 2000000\r\n\r\n")));
    }

    // ---------------------------------------------------------------- end of input

    @Test
    void eofMidResponse() {
        ClientHandshake handshake = handshake();
        byte[] response = switching(handshake);
        assertNull(feedWhole(handshake, java.util.Arrays.copyOf(response, response.length - 3)).accepted());
        IncompleteMessage e = assertThrows(IncompleteMessage.class, handshake::receiveEof);
        assertEquals(response.length - 3, e.bytesReceived());
        assertThrows(IllegalStateException.class, handshake::receiveEof);
    }

    @Test
    void eofBeforeAnything() {
        IncompleteMessage e = assertThrows(IncompleteMessage.class, handshake()::receiveEof);
        assertEquals(0, e.bytesReceived());
    }

    @Test
    void eofMidBody() {
        ClientHandshake handshake = handshake();
        assertNull(feedWhole(handshake, latin1("HTTP/1.1 403 Forbidden\r\nContent-Length: 10\r\n\r\nabc")).accepted());
        assertInstanceOf(IncompleteMessage.class, assertThrows(IncompleteMessage.class, handshake::receiveEof));
    }
}
