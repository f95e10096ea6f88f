package org.websockets4j.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The list grammars of {@link HeaderGrammar}: Connection, Upgrade, Sec-WebSocket-Protocol, Sec-WebSocket-Extensions. */
class HeaderGrammarTest {

    /** Asserts that {@code parse} fails with {@code error} at {@code position} of {@code header} for header {@code name}. */
    static InvalidHeaderFormat assertFormatError(String name, String header, String error, int position, Executable parse) {
        InvalidHeaderFormat e = assertThrows(InvalidHeaderFormat.class, parse);
        assertEquals(name, e.name());
        assertEquals(header, e.value());
        assertEquals(error, e.error());
        assertEquals(position, e.position(), () -> "position in " + header);
        return e;
    }

    private static void connectionError(String header, String error, int position) {
        assertFormatError("Connection", header, error, position, () -> HeaderGrammar.parseConnection(header));
    }

    private static void upgradeError(String header, String error, int position) {
        assertFormatError("Upgrade", header, error, position, () -> HeaderGrammar.parseUpgrade(header));
    }

    private static void subprotocolError(String header, String error, int position) {
        assertFormatError("Sec-WebSocket-Protocol", header, error, position, () -> HeaderGrammar.parseSubprotocol(header));
    }

    private static void extensionError(String header, String error, int position) {
        assertFormatError("Sec-WebSocket-Extensions", header, error, position, () -> HeaderGrammar.parseExtension(header));
    }

    private static ExtensionHeader ext(String name, ExtensionParameter... parameters) {
        return ExtensionHeader.of(name, parameters);
    }

    private static ExtensionParameter param(String name, String value) {
        return new ExtensionParameter(name, value);
    }

    private static ExtensionParameter param(String name) {
        return new ExtensionParameter(name);
    }

    // ------------------------------------------------------------------ Connection

    @Test
    void connectionValid() {
        assertEquals(List.of("Upgrade"), HeaderGrammar.parseConnection("Upgrade"));
        assertEquals(List.of("keep-alive", "Upgrade"), HeaderGrammar.parseConnection("keep-alive, Upgrade"));
        assertEquals(List.of("close"), HeaderGrammar.parseConnection("close"));
        // Case is kept: comparing case-insensitively is the caller's business.
        assertEquals(List.of("UPGRADE", "upgrade"), HeaderGrammar.parseConnection("UPGRADE,upgrade"));
    }

    @Test
    void connectionEmptyElementsAndWhitespace() {
        // RFC 9110 §5.6.1: empty elements and OWS around commas are tolerated.
        assertEquals(List.of("a", "b"), HeaderGrammar.parseConnection(", a , ,b"));
        assertEquals(List.of("a", "b"), HeaderGrammar.parseConnection("a,b,"));
        assertEquals(List.of("a", "b"), HeaderGrammar.parseConnection("a\t,\tb"));
        assertEquals(List.of("a", "b"), HeaderGrammar.parseConnection(",,,a,,,b,,,"));
        assertEquals(List.of("a"), HeaderGrammar.parseConnection("a , "));
        assertEquals(List.of("a"), HeaderGrammar.parseConnection("a "));
    }

    @Test
    void connectionInvalid() {
        connectionError("", "expected token", 0);
        connectionError(",", "expected token", 1);
        connectionError(", ,", "expected token", 3);
        connectionError(" a", "expected token", 0);
        connectionError("a b", "expected comma", 2);
        connectionError("a;b", "expected comma", 1);
        connectionError("a, b c", "expected comma", 5);
        connectionError("a,\"b\"", "expected token", 2);
        connectionError("up/grade", "expected comma", 2);
        connectionError("caf\u00e9", "expected comma", 3);
        connectionError("\u00e9", "expected token", 0);
        connectionError("a,(b)", "expected token", 2);
    }

    @Test
    void connectionAcrossSeveralLines() {
        assertEquals(List.of("keep-alive", "Upgrade", "close"),
                HeaderGrammar.parseConnection(List.of("keep-alive", "Upgrade, close")));
        assertEquals(List.of(), HeaderGrammar.parseConnection(List.<String>of()));
        // The error names the faulty line and the position in it.
        assertFormatError("Connection", "Up grade", "expected comma", 3,
                () -> HeaderGrammar.parseConnection(List.of("keep-alive", "Up grade")));
    }

    // ------------------------------------------------------------------ Upgrade

    @Test
    void upgradeValid() {
        assertEquals(List.of("websocket"), HeaderGrammar.parseUpgrade("websocket"));
        assertEquals(List.of("WebSocket"), HeaderGrammar.parseUpgrade("WebSocket"));
        // The example of RFC 9110 §7.8.
        assertEquals(List.of("HTTP/2.0", "SHTTP/1.3", "IRC/6.9", "RTA/x11"),
                HeaderGrammar.parseUpgrade("HTTP/2.0, SHTTP/1.3, IRC/6.9, RTA/x11"));
        assertEquals(List.of("h2c", "websocket"), HeaderGrammar.parseUpgrade(",h2c ,websocket,"));
        assertEquals(List.of("websocket", "websocket"), HeaderGrammar.parseUpgrade(List.of("websocket", "websocket")));
    }

    @Test
    void upgradeInvalid() {
        upgradeError("", "expected protocol", 0);
        upgradeError("/2", "expected protocol", 0);
        upgradeError("HTTP/", "expected comma", 4);
        upgradeError("a/b/c", "expected comma", 3);
        upgradeError("web socket", "expected comma", 4);
        upgradeError("websocket, ;", "expected protocol", 11);
        upgradeError("HTTP/ 2", "expected comma", 4);
    }

    // ------------------------------------------------------------------ Sec-WebSocket-Protocol

    @Test
    void subprotocolValid() {
        assertEquals(List.of("chat"), HeaderGrammar.parseSubprotocol("chat"));
        assertEquals(List.of("chat", "superchat"), HeaderGrammar.parseSubprotocol("chat, superchat"));
        assertEquals(List.of("graphql-ws", "graphql-transport-ws", "v1.json.api"),
                HeaderGrammar.parseSubprotocol("graphql-ws,graphql-transport-ws , v1.json.api"));
        assertEquals(List.of("a", "b", "c"), HeaderGrammar.parseSubprotocol(List.of("a, b", "c")));
    }

    @Test
    void subprotocolInvalid() {
        subprotocolError("", "expected token", 0);
        subprotocolError("chat superchat", "expected comma", 5);
        subprotocolError("chat;", "expected comma", 4);
        subprotocolError("chat, [v2]", "expected token", 6);
        subprotocolError("chat, \"v2\"", "expected token", 6);
    }

    @Test
    void subprotocolBuild() {
        assertEquals("chat", HeaderGrammar.buildSubprotocol(List.of("chat")));
        assertEquals("chat, superchat", HeaderGrammar.buildSubprotocol(List.of("chat", "superchat")));
        List<String> protocols = List.of("graphql-ws", "v1.json.api", "mqtt");
        assertEquals(protocols, HeaderGrammar.parseSubprotocol(HeaderGrammar.buildSubprotocol(protocols)));
        assertThrows(IllegalArgumentException.class, () -> HeaderGrammar.buildSubprotocol(List.of()));
        assertThrows(IllegalArgumentException.class, () -> HeaderGrammar.buildSubprotocol(List.of("a b")));
        assertThrows(IllegalArgumentException.class, () -> HeaderGrammar.buildSubprotocol(List.of("a,b")));
        assertThrows(IllegalArgumentException.class, () -> HeaderGrammar.buildSubprotocol(List.of("")));
    }

    // ------------------------------------------------------------------ Sec-WebSocket-Extensions

    @Test
    void extensionOffersOfRealClients() {
        // Chromium, Safari, Python websockets.
        assertEquals(List.of(ext("permessage-deflate", param("client_max_window_bits"))),
                HeaderGrammar.parseExtension("permessage-deflate; client_max_window_bits"));
        // Firefox.
        assertEquals(List.of(ext("permessage-deflate")), HeaderGrammar.parseExtension("permessage-deflate"));
        // A server's answer.
        assertEquals(List.of(ext("permessage-deflate", param("server_no_context_takeover"),
                        param("client_max_window_bits", "15"))),
                HeaderGrammar.parseExtension("permessage-deflate; server_no_context_takeover; client_max_window_bits=15"));
    }

    @Test
    void extensionSeveralWithParameters() {
        // RFC 7692 §5.1 style offer with a fallback, plus an old WebKit extension.
        String header = "permessage-deflate; client_no_context_takeover; client_max_window_bits=10,"
                + " permessage-deflate; server_max_window_bits=\"12\", x-webkit-deflate-frame";
        assertEquals(List.of(
                        ext("permessage-deflate", param("client_no_context_takeover"), param("client_max_window_bits", "10")),
                        ext("permessage-deflate", param("server_max_window_bits", "12")),
                        ext("x-webkit-deflate-frame")),
                HeaderGrammar.parseExtension(header));
        // Several lines are one list.
        assertEquals(List.of(ext("a"), ext("b", param("c"))), HeaderGrammar.parseExtension(List.of("a", "b;c")));
    }

    @Test
    void extensionWhitespaceAndEmptyElements() {
        assertEquals(List.of(ext("foo", param("bar", "baz"), param("qux"))),
                HeaderGrammar.parseExtension("foo ; bar = baz ;\tqux"));
        assertEquals(List.of(ext("foo", param("bar", "baz"), param("qux"))),
                HeaderGrammar.parseExtension("foo;bar=baz;qux"));
        assertEquals(List.of(ext("a"), ext("b")), HeaderGrammar.parseExtension(", a ,, b ,"));
        // Repeated parameters are kept for negotiation to reject (DuplicateParameter).
        assertEquals(List.of(ext("a", param("x", "1"), param("x", "2"))), HeaderGrammar.parseExtension("a; x=1; x=2"));
    }

    @Test
    void extensionQuotedValues() {
        assertEquals(List.of(ext("foo", param("bar", "baz"))), HeaderGrammar.parseExtension("foo; bar=\"baz\""));
        // quoted-pair: any escaped character stands for itself.
        assertEquals(List.of(ext("foo", param("bar", "baz"))), HeaderGrammar.parseExtension("foo; bar=\"b\\az\""));
        assertEquals(List.of(ext("foo", param("bar", "10"))), HeaderGrammar.parseExtension("foo; bar=\"\\1\\0\""));
        assertEquals(List.of(ext("foo", param("bar", "1"), param("q"))), HeaderGrammar.parseExtension("foo; bar = \"1\" ; q"));
    }

    @Test
    void extensionQuotedValueMustBeATokenOnceUnquoted() {
        // RFC 6455 §9.1; the error points at the opening quote.
        extensionError("foo; bar=\"b z\"", "invalid quoted header content", 9);
        extensionError("foo; bar=\"\"", "invalid quoted header content", 9);
        extensionError("foo; bar=\"a\\\"b\"", "invalid quoted header content", 9);
        extensionError("foo; bar=\"a,b\"", "invalid quoted header content", 9);
        extensionError("foo; bar=\"caf\u00e9\"", "invalid quoted header content", 9);
        extensionError("a, foo; bar = \"a\\\\b\"", "invalid quoted header content", 14);
    }

    @Test
    void extensionInvalid() {
        extensionError("", "expected token", 0);
        extensionError("foo;", "expected token", 4);
        extensionError("foo; =1", "expected token", 5);
        extensionError("foo; bar=", "expected token", 9);
        extensionError("foo; bar==1", "expected token", 9);
        extensionError("foo bar", "expected comma", 4);
        extensionError("foo; bar=baz qux", "expected comma", 13);
        extensionError("foo; bar=\"unterminated", "expected quoted string", 9);
        extensionError("foo; bar=\"a\\", "expected quoted string", 9);
        extensionError("foo; bar=\"a\u0001\"", "expected quoted string", 9);
        extensionError("foo; bar=\"a\"b", "expected comma", 12);
        extensionError("foo; bar=a=b", "expected comma", 10);
        extensionError(";foo", "expected token", 0);
        extensionError("foo, ;bar", "expected token", 5);
        extensionError("foo; b@r", "expected comma", 6);
    }

    @Test
    void extensionBuildAndRoundTrip() {
        assertEquals("permessage-deflate; client_max_window_bits",
                HeaderGrammar.buildExtension(List.of(ext("permessage-deflate", param("client_max_window_bits")))));
        List<ExtensionHeader> extensions = List.of(
                ext("permessage-deflate", param("server_no_context_takeover"), param("client_max_window_bits", "10")),
                ext("permessage-deflate"),
                ext("x-foo", param("a", "1"), param("b"), param("a", "2")));
        String header = HeaderGrammar.buildExtension(extensions);
        assertEquals("permessage-deflate; server_no_context_takeover; client_max_window_bits=10, permessage-deflate,"
                + " x-foo; a=1; b; a=2", header);
        assertEquals(extensions, HeaderGrammar.parseExtension(header));
        // And parse -> build normalizes quoting and whitespace.
        assertEquals("a; b=1; c", HeaderGrammar.buildExtension(HeaderGrammar.parseExtension(",a ;b = \"1\";c ,")));
        assertThrows(IllegalArgumentException.class, () -> HeaderGrammar.buildExtension(List.of()));
    }

    @Test
    void extensionRecords() {
        assertEquals("permessage-deflate; client_max_window_bits=10",
                ext("permessage-deflate", param("client_max_window_bits", "10")).toString());
        assertEquals("b", param("b").toString());
        assertEquals("b=1", param("b", "1").toString());
        assertThrows(IllegalArgumentException.class, () -> param("a b"));
        assertThrows(IllegalArgumentException.class, () -> param("", null));
        assertThrows(IllegalArgumentException.class, () -> param("a", "b c"));
        assertThrows(IllegalArgumentException.class, () -> param("a", ""));
        assertThrows(NullPointerException.class, () -> param(null, "1"));
        assertThrows(IllegalArgumentException.class, () -> ext("a;b"));
        assertThrows(NullPointerException.class, () -> new ExtensionHeader("a", null));
        // The parameter list is an immutable copy.
        java.util.ArrayList<ExtensionParameter> list = new java.util.ArrayList<>(List.of(param("x")));
        ExtensionHeader header = new ExtensionHeader("a", list);
        list.add(param("y"));
        assertEquals(List.of(param("x")), header.parameters());
        assertThrows(UnsupportedOperationException.class, () -> header.parameters().add(param("z")));
    }
}
