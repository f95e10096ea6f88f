package org.websockets4j.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** {@link Handshake} against RFC 6455 §4 and the requests real clients send. */
class HandshakeTest {
    private static final String SAMPLE_KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    private static final String SAMPLE_ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

    /** Headers from a request or response head as captured on the wire (the first line is skipped). */
    static Headers head(String text) {
        Headers headers = new Headers();
        String[] lines = text.split("\r\n");
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.add(lines[i].substring(0, colon), lines[i].substring(colon + 1));
        }
        return headers;
    }

    private static Headers validRequest() {
        return Headers.of("Host", "example.com", "Upgrade", "websocket", "Connection", "Upgrade",
                "Sec-WebSocket-Key", SAMPLE_KEY, "Sec-WebSocket-Version", "13");
    }

    private static Headers validResponse() {
        return Headers.of("Upgrade", "websocket", "Connection", "Upgrade", "Sec-WebSocket-Accept", SAMPLE_ACCEPT);
    }

    // ------------------------------------------------------------------ accept key

    @Test
    void rfc6455SampleKey() {
        // RFC 6455 §1.3.
        assertEquals(SAMPLE_ACCEPT, Handshake.acceptKey(SAMPLE_KEY));
        assertEquals("258EAFA5-E914-47DA-95CA-C5AB0DC85B11", Handshake.GUID);
        Headers response = new Headers();
        Handshake.buildResponse(response, SAMPLE_KEY);
        assertEquals(validResponse(), response);
        Handshake.checkResponse(response, SAMPLE_KEY);
    }

    @Test
    void acceptKeyRejectsCharactersNoWireCanCarry() {
        assertThrows(IllegalArgumentException.class, () -> Handshake.acceptKey("\u20ac"));
        assertEquals(28, Handshake.acceptKey("").length());
    }

    // ------------------------------------------------------------------ requests of real clients

    @Test
    void acceptsChromium() {
        Headers headers = head("GET /chat HTTP/1.1\r\n"
                + "Host: example.com:8000\r\n"
                + "Connection: Upgrade\r\n"
                + "Pragma: no-cache\r\n"
                + "Cache-Control: no-cache\r\n"
                + "User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36\r\n"
                + "Upgrade: websocket\r\n"
                + "Origin: http://example.com:8000\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "Accept-Encoding: gzip, deflate, br, zstd\r\n"
                + "Accept-Language: en-US,en;q=0.9\r\n"
                + "Sec-WebSocket-Key: DVqRpbDEv+q64+ABHCX0Rw==\r\n"
                + "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n");
        assertEquals("DVqRpbDEv+q64+ABHCX0Rw==", Handshake.checkRequest(headers));
        assertEquals(List.of(ExtensionHeader.of("permessage-deflate", new ExtensionParameter("client_max_window_bits"))),
                HeaderGrammar.parseExtension(headers.getAll("Sec-WebSocket-Extensions")));
    }

    @Test
    void acceptsFirefox() {
        // Firefox keeps the connection alive as well: Connection lists two options.
        Headers headers = head("GET /chat HTTP/1.1\r\n"
                + "Host: example.com\r\n"
                + "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:126.0) Gecko/20100101 Firefox/126.0\r\n"
                + "Accept: */*\r\n"
                + "Accept-Language: en-US,en;q=0.5\r\n"
                + "Accept-Encoding: gzip, deflate, br, zstd\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "Origin: https://example.com\r\n"
                + "Sec-WebSocket-Extensions: permessage-deflate\r\n"
                + "Sec-WebSocket-Key: 3pCAqc4ytfj5MCXKhB2xDw==\r\n"
                + "Connection: keep-alive, Upgrade\r\n"
                + "Sec-Fetch-Dest: empty\r\n"
                + "Sec-Fetch-Mode: websocket\r\n"
                + "Sec-Fetch-Site: same-origin\r\n"
                + "Pragma: no-cache\r\n"
                + "Cache-Control: no-cache\r\n"
                + "Upgrade: websocket\r\n");
        assertEquals("3pCAqc4ytfj5MCXKhB2xDw==", Handshake.checkRequest(headers));
    }

    @Test
    void acceptsJdkHttpClient() {
        // Captured from java.net.http.HttpClient (JDK 25) with subprotocols("chat").
        Headers headers = head("GET /chat HTTP/1.1\r\n"
                + "Connection: Upgrade\r\n"
                + "Host: 127.0.0.1:38659\r\n"
                + "Upgrade: websocket\r\n"
                + "User-Agent: Java-http-client/25.0.3\r\n"
                + "Sec-WebSocket-Key: gm2gjQ4u5BCJmymoS/nYWg==\r\n"
                + "Sec-WebSocket-Protocol: chat\r\n"
                + "Sec-WebSocket-Version: 13\r\n");
        assertEquals("gm2gjQ4u5BCJmymoS/nYWg==", Handshake.checkRequest(headers));
        assertEquals(List.of("chat"), HeaderGrammar.parseSubprotocol(headers.getAll("Sec-WebSocket-Protocol")));
    }

    @Test
    void acceptsCurl() {
        // curl's own ws:// support (8.x).
        Headers headers = head("GET /chat HTTP/1.1\r\n"
                + "Host: localhost:8765\r\n"
                + "User-Agent: curl/8.5.0\r\n"
                + "Accept: */*\r\n"
                + "Upgrade: websocket\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Key: jpK2gE0jWr8b0vsmRpYXFw==\r\n"
                + "Connection: Upgrade\r\n");
        assertEquals("jpK2gE0jWr8b0vsmRpYXFw==", Handshake.checkRequest(headers));
    }

    @Test
    void rejectsTheKeyOfTheUsualCurlRecipe() {
        // curl -H "Sec-WebSocket-Key: SGVsbG8sIHdvcmxkIQ==" (captured from curl 7.88) is popular,
        // but that key is "Hello, world!": 13 bytes, not the 16 that RFC 6455 §4.1 requires.
        Headers headers = head("GET /chat HTTP/1.1\r\n"
                + "Host: 127.0.0.1:18766\r\n"
                + "User-Agent: curl/7.88.1\r\n"
                + "Accept: */*\r\n"
                + "Connection: Upgrade\r\n"
                + "Upgrade: websocket\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Key: SGVsbG8sIHdvcmxkIQ==\r\n");
        InvalidHeaderValue e = assertThrows(InvalidHeaderValue.class, () -> Handshake.checkRequest(headers));
        assertEquals("Sec-WebSocket-Key", e.name());
        assertEquals("SGVsbG8sIHdvcmxkIQ==", e.value());
    }

    @Test
    void acceptsPythonWebsockets() {
        Headers headers = head("GET / HTTP/1.1\r\n"
                + "Host: localhost:8765\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: x3JJHMbDL1EzLkh9GBhXDw==\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n"
                + "User-Agent: Python/3.8 websockets/8.1\r\n");
        assertEquals("x3JJHMbDL1EzLkh9GBhXDw==", Handshake.checkRequest(headers));
    }

    @Test
    void acceptsLenientSpellings() {
        // Case-insensitive names and values, options in any order, Connection over several lines.
        Headers headers = Headers.of("host", "a", "upgrade", "WebSocket", "connection", "keep-alive",
                "CONNECTION", "UPGRADE", "sec-websocket-key", SAMPLE_KEY, "SEC-WEBSOCKET-VERSION", "13");
        assertEquals(SAMPLE_KEY, Handshake.checkRequest(headers));
        // Upgrade listing websocket among other protocols (RFC 6455 §4.2.1: "containing").
        Headers several = validRequest().set("Upgrade", "h2c, websocket");
        assertEquals(SAMPLE_KEY, Handshake.checkRequest(several));
        assertEquals(SAMPLE_KEY, Handshake.checkRequest(validRequest().set("Connection", ", Upgrade ,")));
    }

    // ------------------------------------------------------------------ request rejections

    private static <T extends Throwable> T rejected(Class<T> type, Headers headers) {
        return assertThrows(type, () -> Handshake.checkRequest(headers));
    }

    private static void assertHeaderError(InvalidHeader e, String name, String value) {
        assertEquals(name, e.name());
        assertEquals(value, e.value());
    }

    @Test
    void rejectsMissingOrWrongConnection() {
        assertHeaderError(rejected(InvalidUpgrade.class, validRequest().remove("Connection")), "Connection", null);
        assertHeaderError(rejected(InvalidUpgrade.class, validRequest().set("Connection", "keep-alive")), "Connection", "keep-alive");
        assertHeaderError(rejected(InvalidUpgrade.class, validRequest().set("Connection", "close").add("Connection", "keep-alive")),
                "Connection", "close, keep-alive");
        assertHeaderError(rejected(InvalidUpgrade.class, validRequest().set("Connection", "websocket")), "Connection", "websocket");
        InvalidHeaderFormat format = rejected(InvalidHeaderFormat.class, validRequest().set("Connection", "Upgrade;"));
        assertEquals("expected comma", format.error());
        assertEquals(7, format.position());
    }

    @Test
    void rejectsMissingOrWrongUpgrade() {
        assertHeaderError(rejected(InvalidUpgrade.class, validRequest().remove("Upgrade")), "Upgrade", null);
        assertHeaderError(rejected(InvalidUpgrade.class, validRequest().set("Upgrade", "h2c")), "Upgrade", "h2c");
        assertHeaderError(rejected(InvalidUpgrade.class, validRequest().set("Upgrade", "websocket/13")), "Upgrade", "websocket/13");
        assertHeaderError(rejected(InvalidUpgrade.class, validRequest().set("Upgrade", "web-socket")), "Upgrade", "web-socket");
        InvalidHeaderFormat format = rejected(InvalidHeaderFormat.class, validRequest().set("Upgrade", "web socket"));
        assertEquals("Upgrade", format.name());
        assertEquals(4, format.position()); // after "web" and its OWS
    }

    @Test
    void rejectsMissingDuplicateOrBadKey() {
        assertHeaderError(rejected(InvalidHeader.class, validRequest().remove("Sec-WebSocket-Key")), "Sec-WebSocket-Key", null);
        InvalidHeader duplicate = rejected(InvalidHeader.class, validRequest().add("Sec-WebSocket-Key", SAMPLE_KEY));
        assertEquals("Sec-WebSocket-Key", duplicate.name());
        assertEquals("more than one Sec-WebSocket-Key header found", duplicate.value());
        for (String bad : List.of("", "not base64!", "dGhlIHNhbXBsZSBub25jZQ", "dGhlIHNhbXBsZSBub25jZQ=", "dGhlIHNhbXBsZSBub25jZR==",
                "dGhlIHNhbXBsZSBub25jZQ==dGhl", "AAAAAAAAAAAAAAAAAAAAAAAAAA==", "AAAAAAAAAAAAAAAAAAA=", "dGhl-HNhbXBsZSBub25jZQ==",
                "dGhl IHNhbXBsZSBub25jZQ==")) {
            InvalidHeaderValue e = rejected(InvalidHeaderValue.class, validRequest().set("Sec-WebSocket-Key", bad));
            assertEquals(bad, e.value(), bad);
            assertEquals("Sec-WebSocket-Key", e.name());
        }
    }

    @Test
    void rejectsOtherVersionsWith426() {
        for (String version : List.of("8", "14", "0", "13, 8", "13.0", "hybi-13", "")) {
            UnsupportedVersion e = rejected(UnsupportedVersion.class, validRequest().set("Sec-WebSocket-Version", version));
            assertEquals(version, e.version());
            assertEquals("Sec-WebSocket-Version", e.name());
            assertEquals(426, e.status());
            assertEquals(Headers.of("Sec-WebSocket-Version", "13"), e.responseHeaders());
            assertTrue(e.getMessage().contains("426"), e.getMessage());
            assertTrue(e instanceof InvalidHeaderValue);
        }
        // The version is checked before the key: an old client gets 426, whatever its key looks like.
        Headers hybi = validRequest().set("Sec-WebSocket-Version", "8").set("Sec-WebSocket-Key", "short");
        assertEquals("8", rejected(UnsupportedVersion.class, hybi).version());
    }

    @Test
    void rejectsMissingOrDuplicateVersionWith400() {
        InvalidHeader missing = rejected(InvalidHeader.class, validRequest().remove("Sec-WebSocket-Version"));
        assertHeaderError(missing, "Sec-WebSocket-Version", null);
        assertEquals(InvalidHeader.class, missing.getClass());
        InvalidHeader duplicate = rejected(InvalidHeader.class, validRequest().add("Sec-WebSocket-Version", "13"));
        assertEquals("more than one Sec-WebSocket-Version header found", duplicate.value());
        assertEquals(InvalidHeader.class, duplicate.getClass());
    }

    // ------------------------------------------------------------------ client side

    @Test
    void buildRequestAddsFreshValidKeys() {
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            Headers headers = Headers.of("Host", "example.com");
            String key = Handshake.buildRequest(headers);
            assertEquals(16, Base64.getDecoder().decode(key).length);
            assertEquals(key, headers.get("Sec-WebSocket-Key"));
            assertEquals("websocket", headers.get("Upgrade"));
            assertEquals("Upgrade", headers.get("Connection"));
            assertEquals("13", headers.get("Sec-WebSocket-Version"));
            // What a client builds, a server accepts; what the server answers, the client accepts.
            assertEquals(key, Handshake.checkRequest(headers));
            Headers response = new Headers();
            Handshake.buildResponse(response, key);
            Handshake.checkResponse(response, key);
            assertTrue(keys.add(key), "key repeated: " + key);
        }
    }

    @Test
    void buildRequestReplacesRatherThanDuplicates() {
        Headers headers = new Headers();
        String first = Handshake.buildRequest(headers);
        String second = Handshake.buildRequest(headers);
        assertNotEquals(first, second);
        assertEquals(4, headers.size());
        assertEquals(second, Handshake.checkRequest(headers));
        assertThrows(UnsupportedOperationException.class, () -> Handshake.buildRequest(new Headers().immutableCopy()));
    }

    @Test
    void checkResponseFailures() {
        // Connection.
        assertThrows(InvalidUpgrade.class, () -> Handshake.checkResponse(validResponse().remove("Connection"), SAMPLE_KEY));
        assertThrows(InvalidUpgrade.class, () -> Handshake.checkResponse(validResponse().set("Connection", "keep-alive"), SAMPLE_KEY));
        assertThrows(InvalidHeaderFormat.class, () -> Handshake.checkResponse(validResponse().set("Connection", "Up grade"), SAMPLE_KEY));
        Handshake.checkResponse(validResponse().set("Connection", "keep-alive, upgrade"), SAMPLE_KEY);
        // Upgrade: exactly websocket (RFC 6455 §4.1), any case.
        Handshake.checkResponse(validResponse().set("Upgrade", "WebSocket"), SAMPLE_KEY);
        InvalidUpgrade upgrade = assertThrows(InvalidUpgrade.class,
                () -> Handshake.checkResponse(validResponse().set("Upgrade", "websocket, h2c"), SAMPLE_KEY));
        assertHeaderError(upgrade, "Upgrade", "websocket, h2c");
        assertThrows(InvalidUpgrade.class, () -> Handshake.checkResponse(validResponse().add("Upgrade", "websocket"), SAMPLE_KEY));
        assertThrows(InvalidUpgrade.class, () -> Handshake.checkResponse(validResponse().remove("Upgrade"), SAMPLE_KEY));
        assertThrows(InvalidUpgrade.class, () -> Handshake.checkResponse(validResponse().set("Upgrade", "h2c"), SAMPLE_KEY));
        // Sec-WebSocket-Accept.
        InvalidHeader missing = assertThrows(InvalidHeader.class,
                () -> Handshake.checkResponse(validResponse().remove("Sec-WebSocket-Accept"), SAMPLE_KEY));
        assertHeaderError(missing, "Sec-WebSocket-Accept", null);
        InvalidHeader duplicate = assertThrows(InvalidHeader.class,
                () -> Handshake.checkResponse(validResponse().add("Sec-WebSocket-Accept", SAMPLE_ACCEPT), SAMPLE_KEY));
        assertEquals("more than one Sec-WebSocket-Accept header found", duplicate.value());
        InvalidHeaderValue wrong = assertThrows(InvalidHeaderValue.class,
                () -> Handshake.checkResponse(validResponse(), "AAAAAAAAAAAAAAAAAAAAAA=="));
        assertHeaderError(wrong, "Sec-WebSocket-Accept", SAMPLE_ACCEPT);
        // The comparison is exact: base64 is case-sensitive.
        assertThrows(InvalidHeaderValue.class, () -> Handshake.checkResponse(
                validResponse().set("Sec-WebSocket-Accept", SAMPLE_ACCEPT.toLowerCase(java.util.Locale.ROOT)), SAMPLE_KEY));
    }

    @Test
    void buildResponseReplacesExistingValues() {
        Headers headers = Headers.of("Server", "test", "Connection", "close");
        Handshake.buildResponse(headers, SAMPLE_KEY);
        assertEquals("Upgrade", headers.get("Connection"));
        assertEquals(SAMPLE_ACCEPT, headers.get("Sec-WebSocket-Accept"));
        assertEquals("test", headers.get("Server"));
        assertNull(headers.get("Sec-WebSocket-Key"));
    }

    @Test
    void everyRejectionIsAnInvalidHandshake() {
        List<Executable> failures = List.of(
                () -> Handshake.checkRequest(new Headers()),
                () -> Handshake.checkRequest(validRequest().set("Sec-WebSocket-Version", "8")),
                () -> Handshake.checkResponse(new Headers(), SAMPLE_KEY));
        for (Executable failure : failures) {
            assertThrows(InvalidHandshake.class, failure);
        }
    }
}
