package org.websockets4j.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.websockets4j.testkit.WireBytes.MASKED_HELLO;
import static org.websockets4j.testkit.WireBytes.concat;
import static org.websockets4j.testkit.WireBytes.feedByteByByte;
import static org.websockets4j.testkit.WireBytes.feedWhole;
import static org.websockets4j.testkit.WireBytes.latin1;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.websockets4j.testkit.CapturedHandshakes;

class RequestReaderTest {

    static Stream<Arguments> realRequests() {
        return Stream.of(
                Arguments.of("chromium", CapturedHandshakes.CHROMIUM_REQUEST, "/chat?room=42", "dGhlIHNhbXBsZSBub25jZQ==", 14),
                Arguments.of("jdk25", CapturedHandshakes.JDK25_REQUEST, "/chat?x=1", "3KBBTHB6kS6ZytiMst3HQg==", 7),
                Arguments.of("jdk17", CapturedHandshakes.JDK17_REQUEST, "/chat?x=1", "M7iSUhRK53FIy4ENaj+F9w==", 8),
                Arguments.of("curl", CapturedHandshakes.CURL_REQUEST, "/ws", "x3JJHMbDL1EzLkh9GBhXDw==", 7),
                Arguments.of("python", CapturedHandshakes.PYTHON_REQUEST, "/echo?v=1", "IIL/yeE210AVVLoZxfOo/A==", 8));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("realRequests")
    void readsRealRequestWholeLeavingTheFirstFrame(String client, String raw, String path, String key, int fields) {
        var outcome = feedWhole(new RequestReader()::read, concat(latin1(raw), MASKED_HELLO));
        checkRequest(outcome.message(), path, key, fields);
        assertArrayEquals(MASKED_HELLO, outcome.leftover());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("realRequests")
    void readsRealRequestOneByteAtATime(String client, String raw, String path, String key, int fields) {
        RequestReader reader = new RequestReader();
        var outcome = feedByteByByte(reader::read, concat(latin1(raw), MASKED_HELLO));
        checkRequest(outcome.message(), path, key, fields);
        assertArrayEquals(MASKED_HELLO, outcome.leftover());
        assertTrue(reader.bufferedBytes() <= raw.length());
    }

    private static void checkRequest(Request request, String path, String key, int fields) {
        assertEquals("GET", request.method());
        assertEquals(path, request.path());
        assertEquals(key, request.headers().get("sec-websocket-key"));
        assertEquals("websocket", request.headers().get("Upgrade"));
        assertEquals("13", request.headers().get("Sec-WebSocket-Version"));
        assertEquals(fields, request.headers().size());
    }

    @Test
    void keepsChromiumCookiesAndExtensionsVerbatim() {
        Request request = new RequestReader().read(ByteBuffer.wrap(latin1(CapturedHandshakes.CHROMIUM_REQUEST)));
        assertEquals("session=3f2a9c1e; theme=dark; _ga=GA1.1.1542925283.1469426767", request.headers().get("Cookie"));
        assertEquals("permessage-deflate; client_max_window_bits", request.headers().get("Sec-WebSocket-Extensions"));
        assertEquals("chat, superchat", request.headers().get("Sec-WebSocket-Protocol"));
        assertEquals(List.of("Host", "Connection"), request.headers().rawItems().subList(0, 2).stream().map(Headers.Field::name).toList());
    }

    @Test
    void readsSplitAcrossSeveralBuffers() {
        byte[] raw = latin1(CapturedHandshakes.CURL_REQUEST);
        RequestReader reader = new RequestReader();
        assertNull(reader.read(ByteBuffer.wrap(raw, 0, 20)));
        assertNull(reader.read(ByteBuffer.wrap(raw, 20, 50)));
        ByteBuffer last = ByteBuffer.wrap(raw, 70, raw.length - 70);
        assertEquals("/ws", reader.read(last).path());
        assertEquals(0, last.remaining());
    }

    @Test
    void stripsOptionalWhitespaceAroundValuesAndKeepsEmptyValues() {
        Request request = read("GET / HTTP/1.1\r\nHost: \t example.com \t\r\nX-Empty:\r\nX-Blank:   \r\nX-Inner: a  \t b\r\n\r\n");
        assertEquals("example.com", request.headers().get("Host"));
        assertEquals("", request.headers().get("X-Empty"));
        assertEquals("", request.headers().get("X-Blank"));
        assertEquals("a  \t b", request.headers().get("X-Inner"));
    }

    @Test
    void keepsObsTextAsLatin1Characters() {
        byte[] raw = latin1("GET /caf\u00e9 HTTP/1.1\r\nX-Name: caf\u00e9 \u0080\u00ff\r\n\r\n");
        Request request = new RequestReader().read(ByteBuffer.wrap(raw));
        assertEquals("/caf\u00e9", request.path());
        assertEquals("caf\u00e9 \u0080\u00ff", request.headers().get("X-Name"));
    }

    @Test
    void acceptsAbsoluteFormAndRepeatedHeaders() {
        Request request = read("GET ws://example.com/chat HTTP/1.1\r\nCookie: a=1\r\ncookie: b=2\r\n\r\n");
        assertEquals("ws://example.com/chat", request.path());
        assertEquals("/chat", request.resourceName());
        assertEquals(List.of("a=1", "b=2"), request.headers().getAll("Cookie"));
    }

    // --- request-target forms (RFC 6455 §4.1, RFC 9112 §3.2) ---

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "*",                    // asterisk-form: OPTIONS only
        "127.0.0.1:80",         // authority-form: CONNECT only
        "example.com:443",
        "example.com",
        "x",
        "chat?room=1",
        "?x=1",
        "ftp://example.com/",   // absolute, but not a scheme a WebSocket can live at
        "file:///etc/passwd",
        "mailto:a@example.com",
        "http:/x",              // no authority
        "ws://",
        "ws:///chat",
        "ws://example.com#frag",
        "://example.com/",
    })
    void refusesATargetThatIsNeitherAPathNorAnAbsoluteUri(String target) {
        InvalidMessage e = assertThrows(InvalidMessage.class, () -> read("GET " + target + " HTTP/1.1\r\nHost: example.com\r\n\r\n"));
        assertTrue(e.getMessage().startsWith("invalid request-target "), e.getMessage());
        assertTrue(e.getMessage().contains("a path starting with / or an absolute http, https, ws or wss URI"), e.getMessage());
    }

    @Test
    void refusesTheTargetFormAsSoonAsTheRequestLineIsRead() {
        RequestReader reader = new RequestReader();
        assertThrows(InvalidMessage.class, () -> reader.read(ByteBuffer.wrap(latin1("GET * HTTP/1.1\r\n"))));
    }

    @Test
    void anotherMethodWithAnAsteriskIsStillUnsupportedMethod() {
        // OPTIONS * is a well-formed request: the method is what is wrong (405), not the target.
        assertEquals("OPTIONS", assertThrows(UnsupportedMethod.class, () -> read("OPTIONS * HTTP/1.1\r\n\r\n")).method());
        assertEquals("CONNECT", assertThrows(UnsupportedMethod.class, () -> read("CONNECT h:80 HTTP/1.1\r\n\r\n")).method());
    }

    @Test
    void refusesUserInformationInAnAbsoluteTargetWithoutRepeatingIt() {
        InvalidMessage e = assertThrows(InvalidMessage.class,
                () -> read("GET ws://alice:SECRETPASS@example.com/ HTTP/1.1\r\nHost: example.com\r\n\r\n"));
        assertTrue(e.getMessage().contains("user information"), e.getMessage());
        assertFalse(e.getMessage().contains("SECRETPASS"), e.getMessage());
        InvalidMessage other = assertThrows(InvalidMessage.class, () -> read("GET ftp://alice:SECRETPASS@example.com/ HTTP/1.1\r\n\r\n"));
        assertFalse(other.getMessage().contains("SECRETPASS"), other.getMessage());
        assertTrue(other.getMessage().contains("alice:***@example.com"), other.getMessage());
    }

    static Stream<Arguments> absoluteTargets() {
        return Stream.of(
                Arguments.of("ws://example.com/chat?room=1", "example.com", "/chat?room=1"),
                Arguments.of("wss://example.com/chat", "example.com", "/chat"),
                Arguments.of("http://example.com/a/b", "example.com", "/a/b"),
                Arguments.of("https://example.com:8443/", "example.com:8443", "/"),
                Arguments.of("WS://EXAMPLE.com", "example.COM", "/"),
                Arguments.of("ws://example.com?x=1", "example.com", "/?x=1"),
                Arguments.of("ws://example.com:80/", "example.com", "/"),       // the default port, either side
                Arguments.of("ws://example.com/", "example.com:80", "/"),
                Arguments.of("wss://example.com/", "example.com:443", "/"),
                Arguments.of("http://[::1]:8080/x", "[::1]:8080", "/x"),
                Arguments.of("ws://127.0.0.1:8765/chat", "127.0.0.1:8765", "/chat"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("absoluteTargets")
    void acceptsAnAbsoluteTargetAndGivesItsPathAndQuery(String target, String host, String resourceName) {
        Request request = read("GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
        assertEquals(target, request.path(), "the target is kept as sent");
        assertEquals(resourceName, request.resourceName());
    }

    @ParameterizedTest(name = "{0} / Host {1}")
    @CsvSource({
        "ws://example.com/, evil.example",
        "ws://example.com/, example.com:8080",
        "ws://example.com:8080/, example.com",
        "wss://example.com/, example.com:80",
        "ws://example.com/, example.com.",
    })
    void refusesAnAbsoluteTargetWhoseAuthorityIsNotTheHost(String target, String host) {
        InvalidMessage e = assertThrows(InvalidMessage.class, () -> read("GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n"));
        assertTrue(e.getMessage().contains("does not match the authority of the request-target"), e.getMessage());
    }

    @Test
    void theResourceNameOfAnOriginFormTargetIsTheTarget() {
        assertEquals("/chat?room=1", read("GET /chat?room=1 HTTP/1.1\r\n\r\n").resourceName());
        assertEquals("//x", read("GET //x HTTP/1.1\r\n\r\n").resourceName());
        assertNull(Request.get("*", new Headers()).resourceName(), "a request built by hand may hold any target");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0, 0", "000"})
    void acceptsAZeroContentLength(String value) {
        assertEquals("/", read("GET / HTTP/1.1\r\nContent-Length: " + value + "\r\n\r\n").path());
    }

    static Stream<Arguments> malformedRequests() {
        return Stream.of(
                Arguments.of("GET / HTTP/1.0\r\n\r\n", "HTTP/1.0"),
                Arguments.of("GET / HTTP/2.0\r\n\r\n", "HTTP/2.0"),
                Arguments.of("GET / HTTP/2\r\n\r\n", "HTTP/2"),
                Arguments.of("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", "HTTP/2.0"),
                Arguments.of("GET / http/1.1\r\n\r\n", "invalid HTTP request line"),
                Arguments.of("GET / HTTP/1.1x\r\n\r\n", "invalid HTTP request line"),
                Arguments.of("GET /\r\n\r\n", "invalid HTTP request line"),
                Arguments.of("GET\r\n\r\n", "invalid HTTP request line"),
                Arguments.of("\r\nGET / HTTP/1.1\r\n\r\n", "invalid HTTP request line"),
                Arguments.of("GET  / HTTP/1.1\r\n\r\n", "target"),
                Arguments.of("GET /  HTTP/1.1\r\n\r\n", "target"),
                Arguments.of(" GET / HTTP/1.1\r\n\r\n", "invalid HTTP request line"),
                Arguments.of("GET / HTTP/1.1 \r\n\r\n", "invalid HTTP request line"),
                Arguments.of("GET\t/ HTTP/1.1\r\n\r\n", "invalid HTTP request line"),
                Arguments.of("GET\t/ x HTTP/1.1\r\n\r\n", "not a token"),
                Arguments.of("G@T / HTTP/1.1\r\n\r\n", "not a token"),
                Arguments.of("GET /a\u0001b HTTP/1.1\r\n\r\n", "target"),
                Arguments.of("GET /a\u007fb HTTP/1.1\r\n\r\n", "target"),
                Arguments.of("GET / HTTP/1.1\nHost: a\r\n\r\n", "bare LF"),
                Arguments.of("GET / HTTP/1.1\r\nHost: a\n\r\n", "bare LF"),
                Arguments.of("GET / HTTP/1.1\r\nHost: a\r\n\n", "bare LF"),
                Arguments.of("GET / HTTP/1.1\rHost: a\r\n\r\n", "bare CR"),
                Arguments.of("GET / HTTP/1.1\r\nHost: a\rb\r\n\r\n", "bare CR"),
                Arguments.of("GET / HTTP/1.1\r\nHost: a\r\n folded\r\n\r\n", "obsolete line folding"),
                Arguments.of("GET / HTTP/1.1\r\nHost: a\r\n\tfolded\r\n\r\n", "obsolete line folding"),
                Arguments.of("GET / HTTP/1.1\r\nHost : a\r\n\r\n", "between header name and colon"),
                Arguments.of("GET / HTTP/1.1\r\nHost\t: a\r\n\r\n", "between header name and colon"),
                Arguments.of("GET / HTTP/1.1\r\n: a\r\n\r\n", "not a token"),
                Arguments.of("GET / HTTP/1.1\r\nHo@st: a\r\n\r\n", "not a token"),
                Arguments.of("GET / HTTP/1.1\r\nHost\r\n\r\n", "without a colon"),
                Arguments.of("GET / HTTP/1.1\r\nX: a\u0000b\r\n\r\n", "control character"),
                Arguments.of("GET / HTTP/1.1\r\nX: a\u0001b\r\n\r\n", "control character"),
                Arguments.of("GET / HTTP/1.1\r\nX: a\u007fb\r\n\r\n", "control character"),
                Arguments.of("GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n", "must not have a body"),
                Arguments.of("GET / HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello", "must not have a body"),
                Arguments.of("GET / HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n", "must not have a body"),
                Arguments.of("GET / HTTP/1.1\r\nContent-Length: abc\r\n\r\n", "not a decimal"),
                Arguments.of("GET / HTTP/1.1\r\nContent-Length: -0\r\n\r\n", "not a decimal"),
                Arguments.of("GET / HTTP/1.1\r\nContent-Length: 0\r\nContent-Length: 1\r\n\r\n", "conflicting"),
                Arguments.of("GET / HTTP/1.1\r\nContent-Length: 0,\r\n\r\n", "empty Content-Length"));
    }

    @ParameterizedTest
    @MethodSource("malformedRequests")
    void rejectsMalformedRequestsWithInvalidMessage(String raw, String expected) {
        for (boolean byteByByte : new boolean[] {false, true}) {
            RequestReader reader = new RequestReader();
            InvalidMessage e = assertThrows(InvalidMessage.class, () -> feed(reader, latin1(raw), byteByByte));
            assertEquals(InvalidMessage.class, e.getClass(), e.getMessage());
            assertTrue(e.getMessage().contains(expected), e.getMessage());
            assertThrows(IllegalStateException.class, () -> reader.read(ByteBuffer.allocate(0)));
            assertThrows(IllegalStateException.class, reader::eof);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "HEAD", "OPTIONS", "CONNECT", "get", "Get", "X-CUSTOM"})
    void rejectsOtherMethodsWithUnsupportedMethod(String method) {
        RequestReader reader = new RequestReader();
        UnsupportedMethod e = assertThrows(UnsupportedMethod.class,
                () -> reader.read(ByteBuffer.wrap(latin1(method + " /chat HTTP/1.1\r\nHost: a\r\n\r\n"))));
        assertEquals(method, e.method());
        assertEquals(405, e.status());
        assertEquals("GET", e.responseHeaders().get("Allow"));
        assertTrue(e.getMessage().contains(method), e.getMessage());
    }

    @Test
    void rejectsTheMethodBeforeReadingTheHeaders() {
        assertThrows(UnsupportedMethod.class, () -> new RequestReader().read(ByteBuffer.wrap(latin1("POST / HTTP/1.1\r\n"))));
    }

    @Test
    void rejectsHttp2PrefaceAtItsFirstLine() {
        InvalidMessage e = assertThrows(InvalidMessage.class,
                () -> new RequestReader().read(ByteBuffer.wrap(latin1("PRI * HTTP/2.0\r\n"))));
        assertTrue(e.getMessage().contains("HTTP/1.1"), e.getMessage());
    }

    // --- limits, fed one byte at a time: each is checked as the bytes arrive ---

    @Test
    void acceptsARequestLineOfExactlyTheLineLimit() {
        String line = requestLine(HttpLimits.MAX_LINE_LENGTH);
        Request request = readByteByByte(line + "\r\nHost: a\r\n\r\n");
        assertEquals(HttpLimits.MAX_LINE_LENGTH - "GET  HTTP/1.1".length(), request.path().length());
    }

    @Test
    void rejectsARequestLineOneByteOverTheLimitBeforeItsEnd() {
        String line = requestLine(HttpLimits.MAX_LINE_LENGTH + 1);
        RequestReader reader = new RequestReader();
        // No CRLF: the reader must not wait for one.
        SecurityError e = assertThrows(SecurityError.class, () -> feed(reader, latin1(line), true));
        assertTrue(e.getMessage().contains("MAX_LINE_LENGTH"), e.getMessage());
        assertTrue(reader.bufferedBytes() <= HttpLimits.MAX_LINE_LENGTH + 1);
    }

    @Test
    void appliesTheLineLimitToHeaderLines() {
        String name = "X-Long: ";
        String atLimit = name + "v".repeat(HttpLimits.MAX_LINE_LENGTH - name.length());
        assertEquals(HttpLimits.MAX_LINE_LENGTH - name.length(),
                readByteByByte("GET / HTTP/1.1\r\n" + atLimit + "\r\n\r\n").headers().get("X-Long").length());
        SecurityError e = assertThrows(SecurityError.class,
                () -> feed(new RequestReader(), latin1("GET / HTTP/1.1\r\n" + atLimit + "v"), true));
        assertTrue(e.getMessage().contains("MAX_LINE_LENGTH"), e.getMessage());
    }

    @Test
    void acceptsExactlyTheMaximumNumberOfHeaders() {
        assertEquals(HttpLimits.MAX_HEADERS, readByteByByte(requestWithHeaders(HttpLimits.MAX_HEADERS)).headers().size());
    }

    @Test
    void rejectsOneHeaderOverTheMaximum() {
        SecurityError e = assertThrows(SecurityError.class,
                () -> feed(new RequestReader(), latin1(requestWithHeaders(HttpLimits.MAX_HEADERS + 1)), true));
        assertTrue(e.getMessage().contains("MAX_HEADERS"), e.getMessage());
    }

    @Test
    void acceptsAHeadOfExactlyTheSizeLimit() {
        String raw = requestOfSize(HttpLimits.MAX_HEAD_SIZE);
        assertEquals(HttpLimits.MAX_HEAD_SIZE, raw.length());
        RequestReader reader = new RequestReader();
        var outcome = feedByteByByte(reader::read, concat(latin1(raw), MASKED_HELLO));
        assertEquals("/", outcome.message().path());
        assertArrayEquals(MASKED_HELLO, outcome.leftover());
        assertEquals(HttpLimits.MAX_HEAD_SIZE, reader.bufferedBytes());
    }

    @Test
    void rejectsAHeadOneByteOverTheSizeLimitWhenThatByteArrives() {
        byte[] raw = latin1(requestOfSize(HttpLimits.MAX_HEAD_SIZE + 1));
        RequestReader reader = new RequestReader();
        ByteBuffer in = ByteBuffer.wrap(raw).limit(0);
        SecurityError e = assertThrows(SecurityError.class, () -> {
            while (true) {
                in.limit(in.limit() + 1);
                reader.read(in);
                assertTrue(reader.bufferedBytes() <= HttpLimits.MAX_HEAD_SIZE);
            }
        });
        assertTrue(e.getMessage().contains("MAX_HEAD_SIZE"), e.getMessage());
        assertEquals(HttpLimits.MAX_HEAD_SIZE + 1, in.position());
    }

    // --- end of input and the failed state ---

    @Test
    void eofBeforeAnyByteSaysNothingWasReceived() {
        RequestReader reader = new RequestReader();
        assertNull(reader.read(ByteBuffer.allocate(0)));
        IncompleteMessage e = assertThrows(IncompleteMessage.class, reader::eof);
        assertEquals(0, e.bytesReceived());
        assertThrows(IllegalStateException.class, reader::eof);
    }

    @Test
    void eofWithinTheHeadIsIncomplete() {
        RequestReader reader = new RequestReader();
        assertNull(reader.read(ByteBuffer.wrap(latin1("GET / HTTP/1.1\r\nHost: a\r\n"))));
        IncompleteMessage e = assertThrows(IncompleteMessage.class, reader::eof);
        assertEquals(25, e.bytesReceived());
        assertTrue(e.getMessage().contains("25 bytes"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> reader.read(ByteBuffer.allocate(1)));
    }

    @Test
    void eofAfterTheRequestReturnsIt() {
        RequestReader reader = new RequestReader();
        Request request = reader.read(ByteBuffer.wrap(latin1(CapturedHandshakes.CURL_REQUEST)));
        assertSame(request, reader.eof());
        assertThrows(IllegalStateException.class, () -> reader.read(ByteBuffer.allocate(1)));
    }

    @Test
    void readAfterTheRequestReturnsItAgainAndConsumesNothing() {
        RequestReader reader = new RequestReader();
        Request request = reader.read(ByteBuffer.wrap(latin1(CapturedHandshakes.CURL_REQUEST)));
        ByteBuffer frames = ByteBuffer.wrap(MASKED_HELLO);
        assertSame(request, reader.read(frames));
        assertEquals(MASKED_HELLO.length, frames.remaining());
    }

    @Test
    void readOnlyBuffersWork() {
        ByteBuffer in = ByteBuffer.wrap(latin1(CapturedHandshakes.JDK25_REQUEST)).asReadOnlyBuffer();
        assertEquals("/chat?x=1", new RequestReader().read(in).path());
    }

    // --- helpers ---

    private static Request read(String raw) {
        return new RequestReader().read(ByteBuffer.wrap(latin1(raw)));
    }

    private static Request readByteByByte(String raw) {
        RequestReader reader = new RequestReader();
        ByteBuffer in = ByteBuffer.wrap(latin1(raw)).limit(0);
        Request request = null;
        while (request == null) {
            in.limit(in.limit() + 1);
            request = reader.read(in);
            assertTrue(reader.bufferedBytes() <= HttpLimits.MAX_HEAD_SIZE);
        }
        assertEquals(raw.length(), in.position());
        return request;
    }

    private static void feed(RequestReader reader, byte[] raw, boolean byteByByte) {
        if (!byteByByte) {
            reader.read(ByteBuffer.wrap(raw));
            return;
        }
        for (byte b : raw) {
            reader.read(ByteBuffer.wrap(new byte[] {b}));
        }
    }

    /** A request line of {@code length} characters, excluding CRLF. */
    static String requestLine(int length) {
        return "GET /" + "a".repeat(length - "GET / HTTP/1.1".length()) + " HTTP/1.1";
    }

    static String requestWithHeaders(int count) {
        StringBuilder raw = new StringBuilder("GET / HTTP/1.1\r\n");
        for (int i = 0; i < count; i++) {
            raw.append("X-H").append(i).append(": ").append(i).append("\r\n");
        }
        return raw.append("\r\n").toString();
    }

    /** A valid request of exactly {@code size} bytes, filled with long header lines. */
    static String requestOfSize(int size) {
        StringBuilder raw = new StringBuilder("GET / HTTP/1.1\r\n");
        int fill = 0;
        // Each filler line: "X-Fill-NN: " + value + CRLF, at most the line limit.
        while (true) {
            int left = size - raw.length() - 2;
            String prefix = "X-Fill-" + fill++ + ": ";
            int lineMax = HttpLimits.MAX_LINE_LENGTH;
            if (left <= lineMax + 2) {
                raw.append(prefix).append("f".repeat(left - 2 - prefix.length())).append("\r\n");
                break;
            }
            raw.append(prefix).append("f".repeat(lineMax / 2)).append("\r\n");
        }
        return raw.append("\r\n").toString();
    }
}
