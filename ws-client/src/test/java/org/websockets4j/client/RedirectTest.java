package org.websockets4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.websockets4j.client.HandshakeTestSupport.feedWhole;
import static org.websockets4j.testkit.WireBytes.latin1;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.websockets4j.http.InvalidHeader;
import org.websockets4j.http.InvalidStatusCode;
import org.websockets4j.http.RedirectHandshake;
import org.websockets4j.http.WebSocketUri;
import org.websockets4j.testkit.WireBytes;

class RedirectTest {
    private static RedirectHandshake redirect(String uri, int status, String location) {
        ClientHandshake handshake = new ClientHandshake(WebSocketUri.parse(uri), ClientOptions.defaults());
        byte[] response = latin1("HTTP/1.1 " + status + " Moved\r\nLocation: " + location + "\r\nContent-Length: 0\r\n\r\n");
        return assertThrows(RedirectHandshake.class, () -> feedWhole(handshake, response));
    }

    @ParameterizedTest
    @ValueSource(ints = {301, 302, 303, 307, 308})
    void everyRedirectStatus(int status) {
        assertEquals("wss://other.example/x", redirect("ws://example.com/chat", status, "wss://other.example/x").uri());
    }

    @Test
    void relativeLocationIsResolvedAgainstTheRequestUri() {
        assertEquals("ws://example.com:8080/new/path?q=1", redirect("ws://example.com:8080/old/chat", 302, "/new/path?q=1").uri());
        assertEquals("ws://example.com/old/sibling", redirect("ws://example.com/old/chat", 302, "sibling").uri());
        assertEquals("ws://example.com/up", redirect("ws://example.com/old/chat", 302, "../up").uri());
        assertEquals("ws://example.com/chat?room=2", redirect("ws://example.com/chat?room=1", 302, "?room=2").uri());
        assertEquals("wss://cdn.example/ws", redirect("wss://example.com/chat", 302, "//cdn.example/ws").uri());
    }

    @Test
    void absoluteLocationIsKeptAsIs() {
        RedirectHandshake e = redirect("ws://example.com/chat", 302, "wss://Secure.Example:8443/a/./b/../c?x");
        assertEquals("wss://Secure.Example:8443/a/c?x", e.uri());
    }

    @Test
    void credentialsAndFragmentAreNotCarriedOver() {
        RedirectHandshake e = redirect("ws://alice:secret@example.com/chat", 302, "/next#frag");
        assertEquals("ws://example.com/next", e.uri());
        assertTrue(!e.getMessage().contains("secret"), e.getMessage());
    }

    @Test
    void ipv6ZoneIsKeptForRelativeLocations() {
        assertEquals("ws://[fe80::1%25eth0]:8080/b", redirect("ws://[fe80::1%25eth0]:8080/a", 307, "/b").uri());
        assertEquals("ws://[fe80::1%25eth0]:8080/b", WebSocketUri.parse("ws://[fe80::1%25eth0]:8080/b").toString());
    }

    @Test
    void aPasswordInTheLocationIsNeverInTheMessage() {
        RedirectHandshake e = redirect("ws://h/", 302, "ws://eve:SECRETPASS@other.example/x");
        assertEquals("redirect to ws://eve:***@other.example/x", e.getMessage());
        assertEquals("ws://eve:SECRETPASS@other.example/x", e.uri());
    }

    @Test
    void tooManyRedirectsNamesTheLastWithoutItsPassword() throws Exception {
        try (var server = org.websockets4j.server.WebSocketServer.serve(ws -> { }, "127.0.0.1", 0,
                org.websockets4j.server.ServerOptions.builder().processRequest((path, headers) -> new org.websockets4j.server.HttpResponse(
                        302, org.websockets4j.http.Headers.of("Location", "ws://eve:SECRETPASS@127.0.0.1:" + headers.get("Host")
                                .substring(headers.get("Host").indexOf(':') + 1) + "/again"), new byte[0])).build())) {
            org.websockets4j.http.SecurityError e = assertThrows(org.websockets4j.http.SecurityError.class,
                    () -> WebSocketClient.connect("ws://127.0.0.1:" + server.port() + "/"));
            assertTrue(e.getMessage().startsWith("more than 10 redirects, the last to ws://eve:***@127.0.0.1:"), e.getMessage());
            assertTrue(!e.getMessage().contains("SECRETPASS"), e.getMessage());
        }
    }

    @Test
    void redirectWithoutLocation() {
        ClientHandshake handshake = new ClientHandshake(WebSocketUri.parse("ws://example.com/"), ClientOptions.defaults());
        InvalidHeader e = assertThrows(InvalidHeader.class,
                () -> feedWhole(handshake, latin1("HTTP/1.1 302 Found\r\nContent-Length: 0\r\n\r\n")));
        assertEquals("Location", e.name());
        assertNull(e.value());
    }

    @Test
    void redirectWithTwoLocations() {
        ClientHandshake handshake = new ClientHandshake(WebSocketUri.parse("ws://example.com/"), ClientOptions.defaults());
        assertThrows(InvalidHeader.class, () -> feedWhole(handshake,
                latin1("HTTP/1.1 302 Found\r\nLocation: /a\r\nLocation: /b\r\nContent-Length: 0\r\n\r\n")));
    }

    @Test
    void otherThreeHundredsAreRefusals() {
        ClientHandshake handshake = new ClientHandshake(WebSocketUri.parse("ws://example.com/"), ClientOptions.defaults());
        InvalidStatusCode e = assertThrows(InvalidStatusCode.class, () -> feedWhole(handshake,
                latin1("HTTP/1.1 300 Multiple Choices\r\nLocation: /a\r\nContent-Length: 0\r\n\r\n")));
        assertEquals(300, e.statusCode());
    }

    /** RFC 3986 §5.4, with the base's scheme made ws (and ";p" dropped from the base's last segment, which stays). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "g:h|g:h",
        "g|ws://a/b/c/g",
        "./g|ws://a/b/c/g",
        "g/|ws://a/b/c/g/",
        "/g|ws://a/g",
        "//g|ws://g",
        "?y|ws://a/b/c/d;p?y",
        "g?y|ws://a/b/c/g?y",
        "#s|ws://a/b/c/d;p?q",
        "g#s|ws://a/b/c/g",
        ";x|ws://a/b/c/;x",
        "g;x|ws://a/b/c/g;x",
        "''|ws://a/b/c/d;p?q",
        ".|ws://a/b/c/",
        "./|ws://a/b/c/",
        "..|ws://a/b/",
        "../|ws://a/b/",
        "../g|ws://a/b/g",
        "../..|ws://a/",
        "../../|ws://a/",
        "../../g|ws://a/g",
        "../../../g|ws://a/g",
        "../../../../g|ws://a/g",
        "/./g|ws://a/g",
        "/../g|ws://a/g",
        "g.|ws://a/b/c/g.",
        ".g|ws://a/b/c/.g",
        "g..|ws://a/b/c/g..",
        "..g|ws://a/b/c/..g",
        "./../g|ws://a/b/g",
        "./g/.|ws://a/b/c/g/",
        "g/./h|ws://a/b/c/g/h",
        "g/../h|ws://a/b/c/h",
        "g;x=1/./y|ws://a/b/c/g;x=1/y",
        "g;x=1/../y|ws://a/b/c/y",
        "g?y/./x|ws://a/b/c/g?y/./x",
        "g?y/../x|ws://a/b/c/g?y/../x",
    })
    void rfc3986Examples(String reference, String expected) {
        WebSocketUri base = WebSocketUri.parse("ws://a/b/c/d;p?q");
        assertEquals(expected, RedirectLocation.resolve(base, reference));
    }
}
