package org.websockets4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.websockets4j.http.AbortHandshake;
import org.websockets4j.http.Headers;
import org.websockets4j.http.IncompleteMessage;
import org.websockets4j.http.InvalidHeader;
import org.websockets4j.http.InvalidHeaderValue;
import org.websockets4j.http.InvalidMessage;
import org.websockets4j.http.InvalidUpgrade;
import org.websockets4j.http.Response;
import org.websockets4j.http.SecurityError;
import org.websockets4j.http.UnsupportedMethod;
import org.websockets4j.http.UnsupportedVersion;
import org.websockets4j.testkit.WireBytes;

/** Every refusal with its exact status, headers and body; the end of input; shutting down. */
class RejectTest {
    private static final ServerOptions OPTIONS = ServerOptions.builder().serverHeader("test/1").build();
    private static final String UPGRADE_HINT = "\n\nYou cannot access a WebSocket server directly with a browser. You need a WebSocket client.\n";

    /**
     * Checks the whole response: status, reason, every header in order, the body, and that the
     * outcome's status and cause type agree.
     */
    private static HandshakeOutcome.Rejected assertRejected(String request, int status, String reason,
                                                            Class<? extends Throwable> cause, String body, String... specific) {
        HandshakeOutcome.Rejected rejected = Wire.feed(OPTIONS, request).rejected();
        assertEquals(status, rejected.status());
        assertInstanceOf(cause, rejected.cause());
        Response response = Wire.parse(rejected.responseBytes());
        assertEquals(status, response.status());
        assertEquals(reason, response.reason());
        Headers expected = Headers.of(specific);
        expected.add("Date", Wire.DATE).add("Server", "test/1")
                .add("Content-Type", "text/plain; charset=utf-8")
                .add("Content-Length", Integer.toString(body.getBytes(StandardCharsets.UTF_8).length))
                .add("Connection", expected.contains("Upgrade") ? "Upgrade, close" : "close");
        assertEquals(expected, response.headers());
        assertEquals(body, Wire.text(response));
        return rejected;
    }

    @Test
    void anotherMethodIs405WithAllowGet() {
        String request = Wire.request("").replace("GET", "POST");
        HandshakeOutcome.Rejected rejected = Wire.feed(OPTIONS, request).rejected();
        assertEquals("""
                HTTP/1.1 405 Method Not Allowed\r
                Allow: GET\r
                Date: Sat, 01 Jun 2024 12:34:56 GMT\r
                Server: test/1\r
                Content-Type: text/plain; charset=utf-8\r
                Content-Length: 103\r
                Connection: close\r
                \r
                Failed to open a WebSocket connection: the method POST is not allowed; a WebSocket handshake uses GET.
                """, new String(rejected.responseBytes(), StandardCharsets.UTF_8));
        assertEquals(405, rejected.status());
        assertInstanceOf(UnsupportedMethod.class, rejected.cause());
    }

    @Test
    void aRefusalAtTheRequestLineLeavesTheRestUnread() {
        Wire.Fed fed = Wire.feed(Wire.handshake(OPTIONS), WireBytes.latin1(Wire.request("").replace("GET", "PUT")));
        assertEquals(405, fed.rejected().status());
        assertTrue(new String(fed.leftover(), StandardCharsets.ISO_8859_1).startsWith("Host: example.com\r\n"));
    }

    @Test
    void anotherVersionIs426WithTheSupportedVersion() {
        assertRejected(Wire.request("").replace("Version: 13", "Version: 8"), 426, "Upgrade Required", UnsupportedVersion.class,
                "Failed to open a WebSocket connection: unsupported Sec-WebSocket-Version 8; this server speaks version 13.\n",
                "Upgrade", "websocket", "Sec-WebSocket-Version", "13");
    }

    @Test
    void aPlainHttpRequestIs426() {
        String browser = """
                GET / HTTP/1.1\r
                Host: example.com\r
                Accept: text/html\r
                \r
                """;
        assertRejected(browser, 426, "Upgrade Required", InvalidUpgrade.class,
                "Failed to open a WebSocket connection: missing Connection header." + UPGRADE_HINT,
                "Upgrade", "websocket", "Sec-WebSocket-Version", "13");
    }

    @Test
    void anUpgradeToAnotherProtocolIs426() {
        assertRejected(Wire.request("").replace("Upgrade: websocket", "Upgrade: h2c"), 426, "Upgrade Required", InvalidUpgrade.class,
                "Failed to open a WebSocket connection: invalid Upgrade header: h2c." + UPGRADE_HINT,
                "Upgrade", "websocket", "Sec-WebSocket-Version", "13");
    }

    @Test
    void aMissingKeyIs400() {
        assertRejected(Wire.request("").replace("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n", ""), 400, "Bad Request",
                InvalidHeader.class, "Failed to open a WebSocket connection: missing Sec-WebSocket-Key header.\n");
    }

    @Test
    void aBadKeyIs400() {
        assertRejected(Wire.request("").replace("dGhlIHNhbXBsZSBub25jZQ==", "c2hvcnQ="), 400, "Bad Request",
                InvalidHeaderValue.class, "Failed to open a WebSocket connection: invalid Sec-WebSocket-Key header: c2hvcnQ=.\n");
    }

    @Test
    void twoKeysAre400() {
        assertRejected(Wire.request("Sec-WebSocket-Key: x3JJHMbDL1EzLkh9GBhXDw==\r\n"), 400, "Bad Request", InvalidHeader.class,
                "Failed to open a WebSocket connection: invalid Sec-WebSocket-Key header: more than one Sec-WebSocket-Key header found.\n");
    }

    @Test
    void aMissingHostIs400() {
        assertRejected(Wire.request("").replace("Host: example.com\r\n", ""), 400, "Bad Request", InvalidHeader.class,
                "Failed to open a WebSocket connection: missing Host header.\n");
    }

    @Test
    void twoHostsAre400() {
        assertRejected(Wire.request("Host: evil.example\r\n"), 400, "Bad Request", InvalidHeader.class,
                "Failed to open a WebSocket connection: invalid Host header: more than one Host header found.\n");
    }

    @Test
    void anAsteriskTargetIs400WithAShortBody() {
        assertRejected(Wire.request("*", ""), 400, "Bad Request", InvalidMessage.class,
                "Failed to open a WebSocket connection: invalid request-target \"*\": a WebSocket handshake asks for a path"
                        + " starting with / or an absolute http, https, ws or wss URI (RFC 6455 §4.1).\n");
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"*", "x", "127.0.0.1:80", "example.com", "ftp://example.com/",
        "ws://user:pass@example.com/", "ws://other.example/"})
    void aTargetThatIsNotAPathOrAnAbsoluteUriForThisHostIs400(String target) {
        HandshakeOutcome.Rejected rejected = Wire.feed(OPTIONS, Wire.request(target, "")).rejected();
        assertEquals(400, rejected.status());
        assertInstanceOf(InvalidMessage.class, rejected.cause());
        String body = Wire.text(Wire.parse(rejected.responseBytes()));
        assertTrue(body.startsWith("Failed to open a WebSocket connection: ") && body.length() < 300, body);
        assertFalse(body.contains("pass@"), body);
    }

    @Test
    void http10Is400() {
        assertRejected(Wire.request("").replace("HTTP/1.1", "HTTP/1.0"), 400, "Bad Request", InvalidMessage.class,
                "Failed to open a WebSocket connection: unsupported HTTP version HTTP/1.0 in HTTP request line:"
                        + " a WebSocket handshake needs HTTP/1.1.\n");
    }

    @Test
    void aBareLfIs400() {
        assertRejected(Wire.request("").replace("Host: example.com\r\n", "Host: example.com\n"), 400, "Bad Request",
                InvalidMessage.class, "Failed to open a WebSocket connection: bare LF in HTTP request head: lines must end with CRLF.\n");
    }

    @Test
    void aRequestWithABodyIs400() {
        assertRejected(Wire.request("Content-Length: 5\r\n"), 400, "Bad Request", InvalidMessage.class,
                "Failed to open a WebSocket connection: a WebSocket handshake request must not have a body,"
                        + " but its Content-Length is 5.\n");
    }

    @Test
    void anOverlongHeaderLineIs431() {
        assertRejected(Wire.request("Cookie: " + "a".repeat(9000) + "\r\n"), 431, "Request Header Fields Too Large",
                SecurityError.class, "Failed to open a WebSocket connection: the request is too large:"
                        + " line of HTTP request head is longer than 8192 bytes (HttpLimits.MAX_LINE_LENGTH).\n");
    }

    @Test
    void tooManyHeadersAre431() {
        assertRejected(Wire.request("X-A: 1\r\n".repeat(300)), 431, "Request Header Fields Too Large", SecurityError.class,
                "Failed to open a WebSocket connection: the request is too large:"
                        + " HTTP request head has more than 256 header fields (HttpLimits.MAX_HEADERS).\n");
    }

    @Test
    void anOverlongRequestLineIs431Too() {
        assertEquals(431, Wire.feed(OPTIONS, Wire.request("/" + "a".repeat(10_000), "")).rejected().status());
    }

    @Test
    void longDetailsAreCutShort() {
        String key = "A".repeat(1000);
        HandshakeOutcome.Rejected rejected = Wire.feed(OPTIONS, Wire.request("").replace("dGhlIHNhbXBsZSBub25jZQ==", key)).rejected();
        String body = Wire.text(Wire.parse(rejected.responseBytes()));
        assertTrue(body.length() < 300, body);
        assertTrue(body.endsWith("....\n"), body);
    }

    @Test
    void theEndOfInputBeforeAnyByteAbandonsSilently() {
        ServerHandshake handshake = Wire.handshake(OPTIONS);
        HandshakeOutcome.Abandoned abandoned = assertInstanceOf(HandshakeOutcome.Abandoned.class, handshake.receiveEof());
        assertEquals(0, abandoned.cause().bytesReceived());
        assertSame(abandoned, handshake.receiveEof());
        assertSame(abandoned, handshake.receiveData(ByteBuffer.wrap(WireBytes.latin1(Wire.request("")))));
    }

    @Test
    void theEndOfInputInTheMiddleOfTheHeadAbandons() {
        ServerHandshake handshake = Wire.handshake(OPTIONS);
        byte[] half = WireBytes.latin1(Wire.request("").substring(0, 40));
        assertNull(handshake.receiveData(ByteBuffer.wrap(half)));
        HandshakeOutcome.Abandoned abandoned = assertInstanceOf(HandshakeOutcome.Abandoned.class, handshake.receiveEof());
        assertEquals(40, abandoned.cause().bytesReceived());
        assertInstanceOf(IncompleteMessage.class, abandoned.cause());
        assertSame(abandoned, handshake.outcome());
    }

    @Test
    void shuttingDownAnswers503WithoutRunningHooks() {
        AtomicInteger calls = new AtomicInteger();
        ServerOptions options = OPTIONS.toBuilder().processRequest((path, headers) -> {
            calls.incrementAndGet();
            return null;
        }).build();
        ServerHandshake handshake = Wire.handshake(options);
        byte[] request = WireBytes.latin1(Wire.request(""));
        assertNull(handshake.receiveData(ByteBuffer.wrap(request, 0, 20)));
        handshake.shuttingDown();
        handshake.shuttingDown();
        HandshakeOutcome.Rejected rejected = Wire.feed(handshake, java.util.Arrays.copyOfRange(request, 20, request.length)).rejected();
        assertEquals(0, calls.get());
        assertEquals("""
                HTTP/1.1 503 Service Unavailable\r
                Content-Type: text/plain; charset=utf-8\r
                Date: Sat, 01 Jun 2024 12:34:56 GMT\r
                Server: test/1\r
                Content-Length: 25\r
                Connection: close\r
                \r
                Server is shutting down.
                """, new String(rejected.responseBytes(), StandardCharsets.UTF_8));
        assertEquals(503, rejected.status());
        assertEquals(503, assertInstanceOf(AbortHandshake.class, rejected.cause()).status());
    }

    @Test
    void shuttingDownWhileTheHookRunsAnswers503() {
        ServerHandshake[] holder = new ServerHandshake[1];
        ServerOptions options = OPTIONS.toBuilder().processRequest((path, headers) -> {
            holder[0].shuttingDown();
            return null;
        }).build();
        holder[0] = Wire.handshake(options);
        assertEquals(503, Wire.feed(holder[0], WireBytes.latin1(Wire.request(""))).rejected().status());
    }

    @Test
    void rejectedOutcomesCopyTheirBytesAndTellWhy() {
        HandshakeOutcome.Rejected rejected = Wire.feed(OPTIONS, Wire.request("").replace("GET", "POST")).rejected();
        rejected.responseBytes()[0] = 'X';
        assertEquals('H', rejected.responseBytes()[0]);
        assertTrue(rejected.toString().startsWith("Rejected[405, UnsupportedMethod: "), rejected.toString());
        assertFalse(rejected.equals(Wire.feed(OPTIONS, Wire.request("").replace("GET", "POST")).rejected()),
                "causes are compared by identity");
    }
}
