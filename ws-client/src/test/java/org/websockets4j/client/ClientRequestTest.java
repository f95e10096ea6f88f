package org.websockets4j.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.websockets4j.client.HandshakeTestSupport.keyOf;
import static org.websockets4j.client.HandshakeTestSupport.text;

import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.websockets4j.http.Headers;
import org.websockets4j.http.WebSocketUri;

class ClientRequestTest {
    private static final ClientOptions NO_AGENT = ClientOptions.builder().userAgent(null).build();
    /** permessage-deflate is offered by default (compression DEFLATE), as by Python websockets. */
    private static final String DEFLATE_OFFER = "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n";

    private static String request(String uri, ClientOptions options) {
        byte[] bytes = new ClientHandshake(WebSocketUri.parse(uri), options).request();
        return text(bytes).replace(keyOf(bytes), "KEY");
    }

    @Test
    void simpleUri() {
        assertEquals("GET /chat HTTP/1.1\r\n"
                + "Host: example.com\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: KEY\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + DEFLATE_OFFER
                + "User-Agent: " + ClientOptions.DEFAULT_USER_AGENT + "\r\n"
                + "\r\n", request("ws://example.com/chat", ClientOptions.defaults()));
    }

    @Test
    void emptyPathAndQueryGiveTheResourceName() {
        assertTrue(request("ws://example.com", NO_AGENT).startsWith("GET / HTTP/1.1\r\nHost: example.com\r\n"));
        assertTrue(request("wss://example.com?room=1&x=%20", NO_AGENT).startsWith("GET /?room=1&x=%20 HTTP/1.1\r\n"));
    }

    @ParameterizedTest
    @CsvSource({
        "ws://example.com:80/, example.com",
        "ws://example.com:8080/, example.com:8080",
        "wss://example.com:443/, example.com",
        "wss://example.com:80/, example.com:80",
        "ws://[::1]/, [::1]",
        "ws://[::1]:8080/, [::1]:8080",
        "wss://[fe80::1%25eth0]:8443/, [fe80::1]:8443",
        "ws://127.0.0.1:9000/, 127.0.0.1:9000",
    })
    void hostHeaderCarriesANonDefaultPortAndBracketsIpv6(String uri, String host) {
        assertEquals("GET / HTTP/1.1\r\n"
                + "Host: " + host + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: KEY\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + DEFLATE_OFFER
                + "\r\n", request(uri, NO_AGENT));
    }

    @Test
    void userInfoBecomesBasicAuthorization() {
        assertEquals("GET /chat HTTP/1.1\r\n"
                + "Host: example.com\r\n"
                + "Authorization: Basic YWxpY2U6c2VjcmV0\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: KEY\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + DEFLATE_OFFER
                + "\r\n", request("ws://alice:secret@example.com/chat", NO_AGENT));
        // Percent-decoded, then encoded as UTF-8.
        assertTrue(request("ws://alice:s3cr%C3%A9t@example.com/", NO_AGENT)
                .contains("\r\nAuthorization: Basic YWxpY2U6czNjcsOpdA==\r\n"));
    }

    @Test
    void originSubprotocolsUserAgentAndExtraHeadersInOrder() {
        ClientOptions options = ClientOptions.builder()
                .origin("https://example.com")
                .subprotocols("chat.v2", "chat")
                .userAgent("probe/1.0")
                .addHeader("Cookie", "a=1")
                .addHeader("X-Trace", "abc")
                .addHeader("cookie", "b=2")
                .build();
        assertEquals("GET /room HTTP/1.1\r\n"
                + "Host: example.com:8080\r\n"
                + "Authorization: Basic YWxpY2U6c2VjcmV0\r\n"
                + "Origin: https://example.com\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: KEY\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + DEFLATE_OFFER
                + "Sec-WebSocket-Protocol: chat.v2, chat\r\n"
                + "User-Agent: probe/1.0\r\n"
                + "Cookie: a=1\r\n"
                + "X-Trace: abc\r\n"
                + "cookie: b=2\r\n"
                + "\r\n", request("ws://alice:secret@example.com:8080/room", options));
    }

    @Test
    void authorizationExtraHeaderIsAllowedWithoutUserInfoOnly() {
        ClientOptions bearer = ClientOptions.builder().userAgent(null).addHeader("Authorization", "Bearer t0k3n").build();
        assertTrue(request("ws://example.com/", bearer).endsWith("Sec-WebSocket-Version: 13\r\n" + DEFLATE_OFFER + "Authorization: Bearer t0k3n\r\n\r\n"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ClientHandshake(WebSocketUri.parse("ws://a:b@example.com/"), bearer));
        assertTrue(e.getMessage().contains("Authorization"), e.getMessage());
    }

    @Test
    void keyIsSixteenRandomBytesFixedPerInstance() {
        WebSocketUri uri = WebSocketUri.parse("ws://example.com/");
        ClientHandshake handshake = new ClientHandshake(uri, NO_AGENT);
        byte[] first = handshake.request();
        byte[] second = handshake.request();
        assertArrayEquals(first, second);
        assertNotSame(first, second);
        assertEquals(16, Base64.getDecoder().decode(keyOf(first)).length);
        assertEquals(keyOf(first), handshake.requestHeaders().get("Sec-WebSocket-Key"));
        assertNotEquals(keyOf(first), keyOf(new ClientHandshake(uri, NO_AGENT).request()));
    }

    @Test
    void requestHeadersAreImmutableAndMatchTheBytes() {
        ClientHandshake handshake = new ClientHandshake(WebSocketUri.parse("ws://example.com/"), ClientOptions.defaults());
        Headers headers = handshake.requestHeaders();
        assertThrows(UnsupportedOperationException.class, () -> headers.add("X", "y"));
        StringBuilder expected = new StringBuilder("GET / HTTP/1.1\r\n");
        headers.forEach(field -> expected.append(field).append("\r\n"));
        assertEquals(expected.append("\r\n").toString(), text(handshake.request()));
    }

    @Test
    void nullArgumentsAreRefused() {
        assertThrows(NullPointerException.class, () -> new ClientHandshake(null, ClientOptions.defaults()));
        assertThrows(NullPointerException.class, () -> new ClientHandshake(WebSocketUri.parse("ws://h/"), null));
    }
}
