package org.websockets4j.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.websockets4j.http.Handshake;
import org.websockets4j.http.Headers;
import org.websockets4j.http.Request;
import org.websockets4j.http.RequestReader;
import org.websockets4j.http.Response;
import org.websockets4j.testkit.CapturedHandshakes;
import org.websockets4j.testkit.WireBytes;

/** Requests from real clients accepted, whole and byte by byte, with the bytes after the head kept. */
class AcceptTest {
    private static final ServerOptions CHAT = ServerOptions.builder().subprotocols("chat").build();

    @ParameterizedTest
    @ValueSource(strings = {"chromium", "jdk25", "jdk17", "curl", "python"})
    void realClientsAreAcceptedWhole(String client) {
        check(client, Wire.feed(Wire.handshake(CHAT), WireBytes.concat(WireBytes.latin1(CapturedHandshakes.request(client)), WireBytes.MASKED_HELLO)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"chromium", "jdk25", "jdk17", "curl", "python"})
    void realClientsAreAcceptedByteByByte(String client) {
        check(client, Wire.feedByteByByte(Wire.handshake(CHAT), WireBytes.concat(WireBytes.latin1(CapturedHandshakes.request(client)), WireBytes.MASKED_HELLO)));
    }

    private static void check(String client, Wire.Fed fed) {
        HandshakeOutcome.Accepted accepted = fed.accepted();
        assertArrayEquals(WireBytes.MASKED_HELLO, fed.leftover(), "the first frame stays for the connection");

        Request request = new RequestReader().read(ByteBuffer.wrap(WireBytes.latin1(CapturedHandshakes.request(client))));
        assertEquals(request.path(), accepted.path());
        assertEquals(request.headers(), accepted.requestHeaders());

        Response response = Wire.parse(accepted.responseBytes());
        assertEquals(101, response.status());
        assertEquals("Switching Protocols", response.reason());
        assertEquals(accepted.responseHeaders(), response.headers());
        assertEquals(Handshake.acceptKey(request.headers().get("Sec-WebSocket-Key")), response.headers().get("Sec-WebSocket-Accept"));
        String expected = client.equals("curl") ? null : "chat";
        assertEquals(expected, accepted.subprotocol());
        assertEquals(expected, response.headers().get("Sec-WebSocket-Protocol"));
        // permessage-deflate is on by default: accepted when offered (Chromium and Python offer it).
        String offer = request.headers().get("Sec-WebSocket-Extensions");
        assertEquals(offer == null ? null : "permessage-deflate", response.headers().get("Sec-WebSocket-Extensions"));
        assertEquals(offer == null ? 0 : 1, accepted.extensions().size());
        assertEquals(0, response.body().length);
    }

    @Test
    void theResponseIsExactlyThis() {
        ServerOptions options = ServerOptions.builder().serverHeader("test/1").build();
        HandshakeOutcome.Accepted accepted = Wire.feed(options, Wire.request("/chat?room=1", "")).accepted();
        assertEquals("""
                HTTP/1.1 101 Switching Protocols\r
                Upgrade: websocket\r
                Connection: Upgrade\r
                Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r
                Date: Sat, 01 Jun 2024 12:34:56 GMT\r
                Server: test/1\r
                \r
                """, new String(accepted.responseBytes(), StandardCharsets.ISO_8859_1));
        assertEquals("/chat?room=1", accepted.path());
        assertNull(accepted.subprotocol());
        assertEquals(Headers.of("Upgrade", "websocket", "Connection", "Upgrade", "Sec-WebSocket-Accept", CapturedHandshakes.SAMPLE_ACCEPT,
                "Date", Wire.DATE, "Server", "test/1"), accepted.responseHeaders());
    }

    @Test
    void theDefaultServerHeaderNamesTheLibraryAndNoneCanBeSent() {
        Response response = Wire.parse(Wire.feed(ServerOptions.defaults(), Wire.request("")).accepted().responseBytes());
        assertEquals(ServerOptions.DEFAULT_SERVER_HEADER, response.headers().get("Server"));
        assertTrue(ServerOptions.DEFAULT_SERVER_HEADER.startsWith("websockets4j"));

        ServerOptions anonymous = ServerOptions.builder().serverHeader(null).build();
        Response bare = Wire.parse(Wire.feed(anonymous, Wire.request("")).accepted().responseBytes());
        assertFalse(bare.headers().contains("Server"));
        assertEquals(Wire.DATE, bare.headers().get("Date"));
    }

    @Test
    void theDateComesFromTheSystemClockByDefault() {
        ServerHandshake handshake = new ServerHandshake(ServerOptions.defaults());
        HandshakeOutcome outcome = handshake.receiveData(ByteBuffer.wrap(WireBytes.latin1(Wire.request(""))));
        String date = Wire.parse(((HandshakeOutcome.Accepted) outcome).responseBytes()).headers().get("Date");
        assertTrue(date.matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT"), date);
    }

    @Test
    void upgradeAndConnectionMayCarryOtherTokensInAnyCase() {
        String request = """
                GET / HTTP/1.1\r
                Host: example.com\r
                Connection: keep-alive, UPGRADE\r
                Upgrade: WebSocket\r
                Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r
                Sec-WebSocket-Version: 13\r
                \r
                """;
        Wire.feed(ServerOptions.defaults(), request).accepted();
    }

    @Test
    void onceDecidedEveryCallReturnsTheSameOutcomeAndConsumesNothing() {
        ServerHandshake handshake = Wire.handshake(ServerOptions.defaults());
        assertNull(handshake.outcome());
        Wire.Fed fed = Wire.feed(handshake, WireBytes.concat(WireBytes.latin1(Wire.request("")), WireBytes.MASKED_HELLO));
        HandshakeOutcome outcome = fed.accepted();
        assertSame(outcome, handshake.outcome());

        ByteBuffer frames = ByteBuffer.wrap(WireBytes.MASKED_HELLO);
        assertSame(outcome, handshake.receiveData(frames));
        assertEquals(WireBytes.MASKED_HELLO.length, frames.remaining());
        assertSame(outcome, handshake.receiveEof());
        handshake.shuttingDown();
        assertSame(outcome, handshake.receiveData(frames), "shutting down does not undo a decided handshake");
    }

    @Test
    void anAbsoluteFormTargetIsAcceptedAndItsPathAndQueryReported() {
        java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        ServerOptions options = ServerOptions.builder()
                .processRequest((path, headers) -> {
                    seen.add(path);
                    return null;
                })
                .extraHeaders((path, headers) -> {
                    seen.add(path);
                    return null;
                })
                .build();
        HandshakeOutcome.Accepted accepted = Wire.feed(options, Wire.request("ws://EXAMPLE.com:80/chat?room=1", "")).accepted();
        assertEquals("/chat?room=1", accepted.path());
        assertEquals(java.util.List.of("/chat?room=1", "/chat?room=1"), seen);
        assertEquals("/", Wire.feed(options, Wire.request("http://example.com", "")).accepted().path());
    }

    @Test
    void anEmptyBufferWaits() {
        ServerHandshake handshake = Wire.handshake(ServerOptions.defaults());
        assertNull(handshake.receiveData(ByteBuffer.allocate(0)));
        assertNull(handshake.outcome());
    }

    @Test
    void outcomesCopyTheirBytes() {
        HandshakeOutcome.Accepted accepted = Wire.feed(ServerOptions.defaults(), Wire.request("")).accepted();
        byte[] bytes = accepted.responseBytes();
        bytes[0] = 'X';
        assertEquals('H', accepted.responseBytes()[0]);
        assertEquals(accepted, new HandshakeOutcome.Accepted(accepted.responseBytes(), accepted.path(),
                accepted.requestHeaders(), accepted.responseHeaders(), null));
        assertTrue(accepted.toString().contains("path=/"));
    }
}
