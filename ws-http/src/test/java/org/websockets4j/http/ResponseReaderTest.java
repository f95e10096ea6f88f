package org.websockets4j.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.websockets4j.testkit.WireBytes.UNMASKED_HELLO;
import static org.websockets4j.testkit.WireBytes.concat;
import static org.websockets4j.testkit.WireBytes.feedByteByByte;
import static org.websockets4j.testkit.WireBytes.feedWhole;
import static org.websockets4j.testkit.WireBytes.latin1;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.websockets4j.testkit.CapturedHandshakes;
import org.websockets4j.testkit.WireBytes;

class ResponseReaderTest {
    private static final long MAX_HELD = (long) HttpLimits.MAX_HEAD_SIZE + HttpLimits.MAX_BODY_SIZE + HttpLimits.MAX_LINE_LENGTH;

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void reads101LeavingTheFirstFrameInTheBuffer(boolean byteByByte) {
        byte[] raw = concat(latin1(CapturedHandshakes.SWITCHING_PROTOCOLS), UNMASKED_HELLO);
        ResponseReader reader = new ResponseReader();
        var outcome = byteByByte ? feedByteByByte(reader::read, raw) : feedWhole(reader::read, raw);
        Response response = outcome.message();
        assertEquals(101, response.status());
        assertEquals("Switching Protocols", response.reason());
        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", response.headers().get("Sec-WebSocket-Accept"));
        assertEquals(4, response.headers().size());
        assertEquals(0, response.body().length);
        assertArrayEquals(UNMASKED_HELLO, outcome.leftover());
    }

    @Test
    void ignoresContentLengthAndTransferEncodingOn101() {
        String head = "HTTP/1.1 101 Switching Protocols\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n";
        var outcome = feedWhole(new ResponseReader()::read, concat(latin1(head), UNMASKED_HELLO));
        assertEquals(0, outcome.message().body().length);
        assertArrayEquals(UNMASKED_HELLO, outcome.leftover());
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 103, 204, 304})
    void otherStatusesWithoutContentHaveNoBody(int status) {
        String head = "HTTP/1.1 " + status + " X\r\nContent-Length: 3\r\n\r\n";
        var outcome = feedWhole(new ResponseReader()::read, latin1(head + "abc"));
        assertEquals(status, outcome.message().status());
        assertEquals(0, outcome.message().body().length);
        assertArrayEquals(latin1("abc"), outcome.leftover());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void reads403WithAContentLengthBody(boolean byteByByte) {
        byte[] raw = concat(latin1(CapturedHandshakes.FORBIDDEN), latin1("NEXT"));
        var outcome = byteByByte ? feedByteByByte(new ResponseReader()::read, raw) : feedWhole(new ResponseReader()::read, raw);
        assertEquals(403, outcome.message().status());
        assertEquals("Forbidden", outcome.message().reason());
        assertArrayEquals(latin1("Origin not allowed.\r\n"), outcome.message().body());
        assertArrayEquals(latin1("NEXT"), outcome.leftover());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void reads500WithAChunkedBody(boolean byteByByte) {
        byte[] raw = concat(latin1(CapturedHandshakes.CHUNKED_ERROR), latin1("NEXT"));
        var outcome = byteByByte ? feedByteByByte(new ResponseReader()::read, raw) : feedWhole(new ResponseReader()::read, raw);
        assertEquals(500, outcome.message().status());
        assertArrayEquals(latin1("Server error."), outcome.message().body());
        assertArrayEquals(latin1("NEXT"), outcome.leftover());
        // Trailer fields are dropped, not merged into the headers.
        assertEquals(null, outcome.message().headers().get("X-Trace"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"chunked", "Chunked", "CHUNKED", " chunked "})
    void acceptsChunkedInAnyCase(String coding) {
        String raw = "HTTP/1.1 500 X\r\nTransfer-Encoding: " + coding + "\r\n\r\n3\r\nabc\r\n0\r\n\r\n";
        assertArrayEquals(latin1("abc"), read(raw).body());
    }

    @Test
    void acceptsUppercaseHexAndChunkExtensions() {
        String raw = "HTTP/1.1 500 X\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "A ; name=\"quoted value\"\r\n0123456789\r\n0000;last\r\n\r\n";
        assertArrayEquals(latin1("0123456789"), read(raw).body());
    }

    @Test
    void reads404WithABodyUntilEndOfInput() {
        byte[] raw = latin1(CapturedHandshakes.NOT_FOUND_UNTIL_EOF);
        ResponseReader reader = new ResponseReader();
        ByteBuffer in = ByteBuffer.wrap(raw).limit(0);
        while (in.limit() < raw.length) {
            in.limit(in.limit() + 1);
            assertNull(reader.read(in));
            assertEquals(0, in.remaining());
        }
        Response response = reader.eof();
        assertEquals(404, response.status());
        assertArrayEquals(latin1("<h1>Not Found</h1>\n"), response.body());
        assertSame(response, reader.eof());
    }

    @Test
    void readsAnEmptyBodyUntilEndOfInput() {
        ResponseReader reader = new ResponseReader();
        assertNull(reader.read(ByteBuffer.wrap(latin1("HTTP/1.1 200 OK\r\n\r\n"))));
        assertEquals(0, reader.eof().body().length);
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP/1.1 200 \r\nContent-Length: 0\r\n\r\n", "HTTP/1.1 200\r\nContent-Length: 0\r\n\r\n"})
    void acceptsAnEmptyReason(String head) {
        Response response = read(head);
        assertEquals(200, response.status());
        assertEquals("", response.reason());
    }

    @Test
    void keepsReasonAndValuesWithObsTextAsLatin1() {
        Response response = read("HTTP/1.1 403 Interdit \u00e0 toi\r\nX-Msg: r\u00e9essayez\r\nContent-Length: 0\r\n\r\n");
        assertEquals("Interdit \u00e0 toi", response.reason());
        assertEquals("r\u00e9essayez", response.headers().get("X-Msg"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"7", "7, 7", "007"})
    void acceptsARepeatedIdenticalContentLength(String value) {
        assertArrayEquals(latin1("1234567"), read("HTTP/1.1 400 X\r\nContent-Length: " + value + "\r\n\r\n1234567").body());
        assertArrayEquals(latin1("1234567"),
                read("HTTP/1.1 400 X\r\nContent-Length: 7\r\nContent-Length: " + value + "\r\n\r\n1234567").body());
    }

    static Stream<Arguments> malformedResponses() {
        return Stream.of(
                Arguments.of("HTTP/1.0 200 OK\r\n\r\n", "HTTP/1.0"),
                Arguments.of("HTTP/2 200\r\n\r\n", "HTTP/2"),
                Arguments.of("HTTP/2.0 101 Switching Protocols\r\n\r\n", "HTTP/2.0"),
                Arguments.of("HTTP/1.1\r\n\r\n", "invalid HTTP status line"),
                Arguments.of("\r\n\r\n", "invalid HTTP status line"),
                Arguments.of("http/1.1 101 OK\r\n\r\n", "invalid HTTP status line"),
                Arguments.of("HTTP/1.1 20 OK\r\n\r\n", "invalid HTTP status line"),
                Arguments.of("HTTP/1.1 2000 OK\r\n\r\n", "invalid HTTP status line"),
                Arguments.of("HTTP/1.1  200 OK\r\n\r\n", "invalid HTTP status line"),
                Arguments.of("HTTP/1.1 2x0 OK\r\n\r\n", "invalid HTTP status line"),
                Arguments.of("HTTP/1.1 +20 OK\r\n\r\n", "invalid HTTP status line"),
                Arguments.of("HTTP/1.1 200\tOK\r\n\r\n", "invalid HTTP status line"),
                Arguments.of("HTTP/1.1 099 OK\r\n\r\n", "status code"),
                Arguments.of("HTTP/1.1 600 OK\r\n\r\n", "status code"),
                Arguments.of("HTTP/1.1 200 O\u0000K\r\n\r\n", "reason phrase"),
                Arguments.of("HTTP/1.1 200 OK\nX: 1\r\n\r\n", "bare LF"),
                Arguments.of("HTTP/1.1 200 OK\r\nX: 1\r\r\n", "bare CR"),
                Arguments.of("HTTP/1.1 200 OK\r\nX: 1\r\n  2\r\n\r\n", "obsolete line folding"),
                Arguments.of("HTTP/1.1 200 OK\r\nX : 1\r\n\r\n", "between header name and colon"),
                Arguments.of("HTTP/1.1 200 OK\r\nX\u00e9: 1\r\n\r\n", "not a token"),
                Arguments.of("HTTP/1.1 200 OK\r\nX: \u0007\r\n\r\n", "control character"),
                Arguments.of("HTTP/1.1 200 OK\r\nContent-Length: +5\r\n\r\n", "not a decimal"),
                Arguments.of("HTTP/1.1 200 OK\r\nContent-Length: 5 5\r\n\r\n", "not a decimal"),
                Arguments.of("HTTP/1.1 200 OK\r\nContent-Length: 0x5\r\n\r\n", "not a decimal"),
                Arguments.of("HTTP/1.1 200 OK\r\nContent-Length: \r\n\r\n", "empty Content-Length"),
                Arguments.of("HTTP/1.1 200 OK\r\nContent-Length: 5, 6\r\n\r\n", "conflicting"),
                Arguments.of("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n", "conflicting"),
                Arguments.of("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n", "both"),
                Arguments.of("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n", "unsupported Transfer-Encoding"),
                Arguments.of("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", "unsupported Transfer-Encoding"),
                Arguments.of("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n", "unsupported Transfer-Encoding"),
                Arguments.of("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nxyz\r\n", "chunk-size"),
                Arguments.of("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n\r\n", "chunk-size"),
                Arguments.of("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n-1\r\n", "chunk-size"),
                Arguments.of("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3 x\r\n", "chunk-size"),
                Arguments.of("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3;a\u0001\r\n", "chunk-size"),
                Arguments.of("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcd\r\n", "not followed by CRLF"),
                Arguments.of("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\nabc\r\n", "bare LF"),
                Arguments.of("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\n", "bare LF"),
                Arguments.of("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nBad Trailer\r\n\r\n", "trailer"),
                Arguments.of("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n folded\r\n\r\n", "obsolete line folding"));
    }

    @ParameterizedTest
    @MethodSource("malformedResponses")
    void rejectsMalformedResponsesWithInvalidMessage(String raw, String expected) {
        for (boolean byteByByte : new boolean[] {false, true}) {
            ResponseReader reader = new ResponseReader();
            InvalidMessage e = assertThrows(InvalidMessage.class, () -> feed(reader, latin1(raw), byteByByte));
            assertTrue(e.getMessage().contains(expected), e.getMessage());
            assertThrows(IllegalStateException.class, () -> reader.read(ByteBuffer.allocate(0)));
            assertThrows(IllegalStateException.class, reader::eof);
        }
    }

    // --- limits, fed incrementally ---

    @Test
    void acceptsAContentLengthBodyOfExactlyTheBodyLimit() {
        byte[] body = filler(HttpLimits.MAX_BODY_SIZE);
        byte[] raw = concat(concat(latin1("HTTP/1.1 500 X\r\nContent-Length: " + body.length + "\r\n\r\n"), body), UNMASKED_HELLO);
        ResponseReader reader = new ResponseReader();
        var outcome = feedInSteps(reader, raw, 1000);
        assertArrayEquals(body, outcome.message().body());
        assertArrayEquals(UNMASKED_HELLO, outcome.leftover());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1048577", "99999999999999999999999999", "0000000000000000000000000000001048577"})
    void rejectsAContentLengthOverTheBodyLimitBeforeTheBodyArrives(String length) {
        ResponseReader reader = new ResponseReader();
        SecurityError e = assertThrows(SecurityError.class,
                () -> feed(reader, latin1("HTTP/1.1 500 X\r\nContent-Length: " + length + "\r\n\r\n"), true));
        assertTrue(e.getMessage().contains("MAX_BODY_SIZE"), e.getMessage());
        assertTrue(reader.bufferedBytes() <= HttpLimits.MAX_HEAD_SIZE);
    }

    @Test
    void acceptsABodyUntilEndOfInputOfExactlyTheBodyLimit() {
        byte[] body = filler(HttpLimits.MAX_BODY_SIZE);
        ResponseReader reader = new ResponseReader();
        assertNull(feedInSteps(reader, concat(latin1("HTTP/1.1 404 X\r\n\r\n"), body), 777).message());
        assertArrayEquals(body, reader.eof().body());
    }

    @Test
    void rejectsABodyUntilEndOfInputOneByteOverTheLimit() {
        byte[] raw = concat(latin1("HTTP/1.1 404 X\r\n\r\n"), filler(HttpLimits.MAX_BODY_SIZE + 1));
        ResponseReader reader = new ResponseReader();
        SecurityError e = assertThrows(SecurityError.class, () -> feedInSteps(reader, raw, 1));
        assertTrue(e.getMessage().contains("MAX_BODY_SIZE"), e.getMessage());
        assertTrue(reader.bufferedBytes() <= MAX_HELD);
    }

    @Test
    void acceptsAChunkedBodyOfExactlyTheBodyLimit() {
        byte[] body = filler(HttpLimits.MAX_BODY_SIZE);
        ResponseReader reader = new ResponseReader();
        var outcome = feedInSteps(reader, concat(chunked(body, 0x10000), UNMASKED_HELLO), 997);
        assertArrayEquals(body, outcome.message().body());
        assertArrayEquals(UNMASKED_HELLO, outcome.leftover());
    }

    @Test
    void rejectsAChunkedBodyOneByteOverTheLimitAtItsChunkSize() {
        byte[] raw = chunked(filler(HttpLimits.MAX_BODY_SIZE + 1), 0x10000);
        ResponseReader reader = new ResponseReader();
        // The last chunk-size line announces the byte too many: no data of that chunk is read.
        SecurityError e = assertThrows(SecurityError.class, () -> feedInSteps(reader, raw, 4096));
        assertTrue(e.getMessage().contains("MAX_BODY_SIZE"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"100001", "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF", "0000000000000000000000000000000000100001"})
    void rejectsAHugeChunkSize(String size) {
        byte[] raw = latin1("HTTP/1.1 500 X\r\nTransfer-Encoding: chunked\r\n\r\n" + size + "\r\n");
        SecurityError e = assertThrows(SecurityError.class, () -> feed(new ResponseReader(), raw, true));
        assertTrue(e.getMessage().contains("MAX_BODY_SIZE"), e.getMessage());
    }

    @Test
    void boundsChunkSizeLinesByTheLineLimit() {
        String head = "HTTP/1.1 500 X\r\nTransfer-Encoding: chunked\r\n\r\n";
        String atLimit = "0".repeat(HttpLimits.MAX_LINE_LENGTH - 1) + "3";
        assertArrayEquals(latin1("abc"), readByteByByte(head + atLimit + "\r\nabc\r\n0\r\n\r\n").body());
        SecurityError e = assertThrows(SecurityError.class, () -> feed(new ResponseReader(), latin1(head + "0" + atLimit), true));
        assertTrue(e.getMessage().contains("MAX_LINE_LENGTH"), e.getMessage());
    }

    @Test
    void boundsTrailersByTheHeaderCountAndHeadSize() {
        String head = "HTTP/1.1 500 X\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n";
        String trailers = RequestReaderTest.requestWithHeaders(HttpLimits.MAX_HEADERS).substring("GET / HTTP/1.1\r\n".length());
        assertArrayEquals(latin1("abc"), readByteByByte(head + trailers).body());
        String tooMany = RequestReaderTest.requestWithHeaders(HttpLimits.MAX_HEADERS + 1).substring("GET / HTTP/1.1\r\n".length());
        SecurityError e = assertThrows(SecurityError.class, () -> feed(new ResponseReader(), latin1(head + tooMany), true));
        assertTrue(e.getMessage().contains("MAX_HEADERS"), e.getMessage());

        // A trailer section of exactly MAX_HEAD_SIZE bytes: a request head of that size minus its request line.
        String requestLine = "GET / HTTP/1.1\r\n";
        String atLimit = RequestReaderTest.requestOfSize(HttpLimits.MAX_HEAD_SIZE + requestLine.length()).substring(requestLine.length());
        assertArrayEquals(latin1("abc"), readByteByByte(head + atLimit).body());
        String over = RequestReaderTest.requestOfSize(HttpLimits.MAX_HEAD_SIZE + 1 + requestLine.length()).substring(requestLine.length());
        e = assertThrows(SecurityError.class, () -> feed(new ResponseReader(), latin1(head + over), true));
        assertTrue(e.getMessage().contains("MAX_HEAD_SIZE"), e.getMessage());
    }

    @Test
    void appliesTheHeadLimitsToResponses() {
        String statusAtLimit = "HTTP/1.1 403 " + "r".repeat(HttpLimits.MAX_LINE_LENGTH - "HTTP/1.1 403 ".length());
        assertEquals(403, readByteByByte(statusAtLimit + "\r\nContent-Length: 0\r\n\r\n").status());
        SecurityError e = assertThrows(SecurityError.class, () -> feed(new ResponseReader(), latin1(statusAtLimit + "r"), true));
        assertTrue(e.getMessage().contains("MAX_LINE_LENGTH"), e.getMessage());

        String fields = RequestReaderTest.requestWithHeaders(HttpLimits.MAX_HEADERS + 1).substring("GET / HTTP/1.1\r\n".length());
        e = assertThrows(SecurityError.class, () -> feed(new ResponseReader(), latin1("HTTP/1.1 101 OK\r\n" + fields), true));
        assertTrue(e.getMessage().contains("MAX_HEADERS"), e.getMessage());

        String requestLine = "GET / HTTP/1.1\r\n";
        String statusLine = "HTTP/1.1 101 Switching Protocols\r\n";
        String rest = RequestReaderTest.requestOfSize(HttpLimits.MAX_HEAD_SIZE - statusLine.length() + requestLine.length())
                .substring(requestLine.length());
        assertEquals(HttpLimits.MAX_HEAD_SIZE, (statusLine + rest).length());
        assertEquals(101, readByteByByte(statusLine + rest).status());
        e = assertThrows(SecurityError.class, () -> feed(new ResponseReader(), latin1(statusLine + "X: 1\r\n" + rest), true));
        assertTrue(e.getMessage().contains("MAX_HEAD_SIZE"), e.getMessage());
    }

    // --- end of input ---

    @Test
    void eofWithinTheHeadIsIncomplete() {
        ResponseReader reader = new ResponseReader();
        assertNull(reader.read(ByteBuffer.wrap(latin1("HTTP/1.1 101 Switching"))));
        IncompleteMessage e = assertThrows(IncompleteMessage.class, reader::eof);
        assertEquals(22, e.bytesReceived());
        assertTrue(e.getMessage().contains("head"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> reader.read(ByteBuffer.allocate(0)));
    }

    @Test
    void eofWithinAContentLengthBodyIsIncomplete() {
        ResponseReader reader = new ResponseReader();
        assertNull(reader.read(ByteBuffer.wrap(latin1("HTTP/1.1 403 X\r\nContent-Length: 10\r\n\r\nabc"))));
        IncompleteMessage e = assertThrows(IncompleteMessage.class, reader::eof);
        assertTrue(e.getMessage().contains("body (3 bytes of body"), e.getMessage());
    }

    @Test
    void eofWithinAChunkedBodyIsIncomplete() {
        for (String cut : new String[] {"3\r\nab", "3\r\nabc\r\n", "0\r\n", "0\r\nX: 1\r\n"}) {
            ResponseReader reader = new ResponseReader();
            assertNull(reader.read(ByteBuffer.wrap(latin1("HTTP/1.1 500 X\r\nTransfer-Encoding: chunked\r\n\r\n" + cut))));
            assertThrows(IncompleteMessage.class, reader::eof);
        }
    }

    @Test
    void eofAfterACompleteResponseReturnsIt() {
        ResponseReader reader = new ResponseReader();
        Response response = reader.read(ByteBuffer.wrap(latin1(CapturedHandshakes.FORBIDDEN)));
        assertSame(response, reader.eof());
        assertThrows(IllegalStateException.class, () -> reader.read(ByteBuffer.allocate(0)));
    }

    @Test
    void readAfterTheResponseReturnsItAgainAndConsumesNothing() {
        ResponseReader reader = new ResponseReader();
        Response response = reader.read(ByteBuffer.wrap(latin1(CapturedHandshakes.SWITCHING_PROTOCOLS)));
        ByteBuffer frames = ByteBuffer.wrap(UNMASKED_HELLO);
        assertSame(response, reader.read(frames));
        assertEquals(UNMASKED_HELLO.length, frames.remaining());
    }

    // --- helpers ---

    private static Response read(String raw) {
        return new ResponseReader().read(ByteBuffer.wrap(latin1(raw)));
    }

    private static Response readByteByByte(String raw) {
        ResponseReader reader = new ResponseReader();
        var outcome = feedInSteps(reader, latin1(raw), 1);
        assertEquals(0, outcome.leftover().length);
        return outcome.message();
    }

    private static void feed(ResponseReader reader, byte[] raw, boolean byteByByte) {
        feedInSteps(reader, raw, byteByByte ? 1 : raw.length);
    }

    /** Feeds {@code step} bytes at a time, checking the memory bound after each read; stops at the response. */
    private static WireBytes.Outcome<Response> feedInSteps(ResponseReader reader, byte[] raw, int step) {
        ByteBuffer in = ByteBuffer.wrap(raw).limit(0);
        while (in.limit() < raw.length) {
            in.limit(Math.min(raw.length, in.limit() + step));
            Response response = reader.read(in);
            assertTrue(reader.bufferedBytes() <= MAX_HELD, () -> "holds " + reader.bufferedBytes());
            if (response != null) {
                in.limit(raw.length);
                return new WireBytes.Outcome<>(response, Arrays.copyOfRange(raw, in.position(), raw.length));
            }
        }
        return new WireBytes.Outcome<>(null, new byte[0]);
    }

    private static byte[] filler(int length) {
        byte[] body = new byte[length];
        for (int i = 0; i < length; i++) {
            body[i] = (byte) (i * 31 + (i >> 8));
        }
        return body;
    }

    private static byte[] chunked(byte[] body, int chunkSize) {
        StringBuilder head = new StringBuilder("HTTP/1.1 500 X\r\nTransfer-Encoding: chunked\r\n\r\n");
        byte[] out = latin1(head.toString());
        for (int offset = 0; offset < body.length; offset += chunkSize) {
            int n = Math.min(chunkSize, body.length - offset);
            out = concat(out, latin1(Integer.toHexString(n) + "\r\n"));
            out = concat(out, Arrays.copyOfRange(body, offset, offset + n));
            out = concat(out, latin1("\r\n"));
        }
        return concat(out, latin1("0\r\n\r\n"));
    }
}
