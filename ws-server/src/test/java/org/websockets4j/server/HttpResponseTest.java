package org.websockets4j.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.websockets4j.http.Headers;

class HttpResponseTest {
    @Test
    void textIsUtf8PlainText() {
        HttpResponse response = HttpResponse.text(200, "café\n");
        assertEquals(200, response.status());
        assertEquals(Headers.of("Content-Type", "text/plain; charset=utf-8"), response.headers());
        assertArrayEquals("café\n".getBytes(StandardCharsets.UTF_8), response.body());
        assertEquals("HttpResponse[200, headers={Content-Type: text/plain; charset=utf-8}, body=6 bytes]", response.toString());
    }

    @Test
    void itIsImmutable() {
        Headers headers = Headers.of("X-A", "1");
        byte[] body = {1, 2};
        HttpResponse response = new HttpResponse(200, headers, body);
        headers.add("X-B", "2");
        body[0] = 9;
        response.body()[1] = 9;
        assertEquals(Headers.of("X-A", "1"), response.headers());
        assertArrayEquals(new byte[] {1, 2}, response.body());
        assertThrows(UnsupportedOperationException.class, () -> response.headers().add("X", "y"));
        assertEquals(new HttpResponse(200, Headers.of("X-A", "1"), new byte[] {1, 2}), response);
        assertEquals(new HttpResponse(200, Headers.of("X-A", "1"), new byte[] {1, 2}).hashCode(), response.hashCode());
    }

    @Test
    void invalidResponsesAreRefused() {
        assertEquals("HttpResponse status must be 200-599, got 101 (a 1xx response cannot end a connection)",
                assertThrows(IllegalArgumentException.class, () -> HttpResponse.of(101)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> HttpResponse.of(600));
        assertEquals("HttpResponse headers must not hold Transfer-Encoding: the body is sent as it is, with a Content-Length computed from it",
                assertThrows(IllegalArgumentException.class,
                        () -> new HttpResponse(200, Headers.of("Transfer-Encoding", "chunked"), new byte[0])).getMessage());
        assertEquals("a 204 response has no body, got 1 bytes",
                assertThrows(IllegalArgumentException.class, () -> HttpResponse.text(204, "x")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> HttpResponse.text(304, "x"));
        assertThrows(NullPointerException.class, () -> new HttpResponse(200, null, new byte[0]));
        assertThrows(NullPointerException.class, () -> new HttpResponse(200, new Headers(), null));
    }
}
