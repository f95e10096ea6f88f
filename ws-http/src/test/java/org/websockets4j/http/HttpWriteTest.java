package org.websockets4j.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.websockets4j.testkit.WireBytes.latin1;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.websockets4j.testkit.CapturedHandshakes;
import org.websockets4j.testkit.WireBytes;

/** Building and serializing requests and responses, and reading back what was written. */
class HttpWriteTest {

    @Test
    void serializesARequestExactly() {
        Request request = Request.get("/chat?room=1", Headers.of(
                "Host", "example.com", "Upgrade", "websocket", "Connection", "Upgrade",
                "Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version", "13"));
        assertArrayEquals(latin1("GET /chat?room=1 HTTP/1.1\r\n"
                + "Host: example.com\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "\r\n"), request.serialize());
    }

    @Test
    void serializesARequestWithoutHeaders() {
        assertArrayEquals(latin1("GET / HTTP/1.1\r\n\r\n"), Request.get("/", new Headers()).serialize());
    }

    @Test
    void serializesA101Exactly() {
        Response response = new Response(101, "Switching Protocols", Headers.of(
                "Upgrade", "websocket", "Connection", "Upgrade", "Sec-WebSocket-Accept", "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="));
        assertArrayEquals(latin1("HTTP/1.1 101 Switching Protocols\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"
                + "\r\n"), response.serialize());
    }

    @Test
    void serializesAResponseWithABodyExactly() {
        byte[] body = {'n', 'o', 0, (byte) 0xFF};
        Response response = new Response(403, "Forbidden", Headers.of("Content-Length", "4"), body);
        assertArrayEquals(WireBytes.concat(latin1("HTTP/1.1 403 Forbidden\r\nContent-Length: 4\r\n\r\n"), body),
                response.serialize());
    }

    @Test
    void serializesAnEmptyReasonWithItsSpace() {
        assertArrayEquals(latin1("HTTP/1.1 200 \r\n\r\n"), new Response(200, "", new Headers()).serialize());
    }

    @Test
    void requestRoundTrips() {
        Request request = Request.get("/a/b?c=d&e=%20", Headers.of(
                "Host", "example.com:8080", "Cookie", "a=1", "cookie", "b=2", "X-Empty", "", "X-Tab", "a\tb"));
        ByteBuffer in = ByteBuffer.wrap(request.serialize());
        Request read = new RequestReader().read(in);
        assertEquals(request, read);
        assertEquals(0, in.remaining());
        assertArrayEquals(request.serialize(), read.serialize());
    }

    @Test
    void readRequestsReserializeToTheirBytes() {
        for (String raw : new String[] {CapturedHandshakes.CHROMIUM_REQUEST, CapturedHandshakes.JDK25_REQUEST,
                CapturedHandshakes.JDK17_REQUEST, CapturedHandshakes.CURL_REQUEST, CapturedHandshakes.PYTHON_REQUEST}) {
            Request request = new RequestReader().read(ByteBuffer.wrap(latin1(raw)));
            assertArrayEquals(latin1(raw), request.serialize(), raw);
        }
    }

    @Test
    void responseRoundTrips() {
        Response response = new Response(400, "Bad Request", Headers.of("Content-Type", "text/plain", "Content-Length", "5"), latin1("oops\n"));
        ByteBuffer in = ByteBuffer.wrap(response.serialize());
        assertEquals(response, new ResponseReader().read(in));
        assertEquals(0, in.remaining());
        assertArrayEquals(latin1(CapturedHandshakes.SWITCHING_PROTOCOLS),
                new ResponseReader().read(ByteBuffer.wrap(latin1(CapturedHandshakes.SWITCHING_PROTOCOLS))).serialize());
    }

    @Test
    void obsTextRoundTripsAsSingleBytes() {
        String value = "caf\u00e9 \u0080\u00a0\u00ff";
        Request request = Request.get("/\u00e9t\u00e9", Headers.of("X-Latin", value));
        byte[] wire = request.serialize();
        assertArrayEquals(latin1("GET /\u00e9t\u00e9 HTTP/1.1\r\nX-Latin: " + value + "\r\n\r\n"), wire);
        assertEquals((byte) 0xE9, wire[5]);
        assertEquals(request, new RequestReader().read(ByteBuffer.wrap(wire)));

        Response response = new Response(403, "Acc\u00e8s refus\u00e9", Headers.of("X-Latin", value, "Content-Length", "0"));
        assertEquals(response, new ResponseReader().read(ByteBuffer.wrap(response.serialize())));
    }

    @Test
    void requestHoldsAnImmutableCopyOfItsHeaders() {
        Headers headers = Headers.of("Host", "a");
        Request request = Request.get("/", headers);
        headers.add("Host", "b");
        assertEquals(1, request.headers().size());
        assertThrows(UnsupportedOperationException.class, () -> request.headers().add("X", "y"));
    }

    @Test
    void responseCopiesItsBodyInAndOut() {
        byte[] body = latin1("abc");
        Headers headers = Headers.of("Content-Length", "3");
        Response response = new Response(500, "X", headers, body);
        body[0] = 'z';
        headers.clear();
        assertArrayEquals(latin1("abc"), response.body());
        response.body()[1] = 'z';
        assertArrayEquals(latin1("abc"), response.body());
        assertNotSame(response.body(), response.body());
        assertEquals(1, response.headers().size());
        assertThrows(UnsupportedOperationException.class, () -> response.headers().clear());
    }

    @Test
    void responseEqualityComparesBodyBytes() {
        Response a = new Response(500, "X", new Headers(), latin1("abc"));
        assertEquals(a, new Response(500, "X", new Headers(), latin1("abc")));
        assertEquals(a.hashCode(), new Response(500, "X", new Headers(), latin1("abc")).hashCode());
        assertNotEquals(a, new Response(500, "X", new Headers(), latin1("abd")));
        assertNotEquals(a, new Response(501, "X", new Headers(), latin1("abc")));
        assertTrue(a.toString().contains("3 bytes"), a.toString());
    }

    @ParameterizedTest
    @ValueSource(ints = {Integer.MIN_VALUE, -1, 0, 99, 600, 1000})
    void rejectsStatusesOutside100To599(int status) {
        assertThrows(IllegalArgumentException.class, () -> new Response(status, "X", new Headers()));
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 101, 599})
    void acceptsStatusesAtTheBounds(int status) {
        assertEquals(status, new Response(status, "", new Headers()).status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"OK\r\nSet-Cookie: x=1", "OK\n", "OK\r", "O\u0000K", "O\u007fK", "\u0100"})
    void rejectsReasonsThatCouldSplitTheMessage(String reason) {
        assertThrows(IllegalArgumentException.class, () -> new Response(200, reason, new Headers()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "GET /", "G\u00e9T", "GET\r\n", "(GET)"})
    void rejectsMethodsThatAreNotTokens(String method) {
        assertThrows(IllegalArgumentException.class, () -> new Request(method, "/", new Headers()));
    }

    @Test
    void acceptsAnyTokenMethod() {
        assertArrayEquals(latin1("OPTIONS * HTTP/1.1\r\n\r\n"), new Request("OPTIONS", "*", new Headers()).serialize());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "/a b", "/a\r\nHost: evil", "/a\n", "/a\r", "/a\tb", "/\u0000", "/\u007f", "/\u0100", "/\ud83d\ude00"})
    void rejectsPathsThatCouldSplitTheMessage(String path) {
        assertThrows(IllegalArgumentException.class, () -> Request.get(path, new Headers()));
    }

    @Test
    void rejectsNulls() {
        assertThrows(NullPointerException.class, () -> new Request(null, "/", new Headers()));
        assertThrows(NullPointerException.class, () -> new Request("GET", null, new Headers()));
        assertThrows(NullPointerException.class, () -> new Request("GET", "/", null));
        assertThrows(NullPointerException.class, () -> new Response(200, null, new Headers()));
        assertThrows(NullPointerException.class, () -> new Response(200, "", null));
        assertThrows(NullPointerException.class, () -> new Response(200, "", new Headers(), null));
    }
}
