package org.websockets4j.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.module.ModuleReader;
import java.lang.module.ResolvedModule;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.websockets4j.framing.WebSocketException;

/**
 * The handshake exception family of {@code org.websockets4j.http}: parents as in Python
 * websockets 8 ({@code websockets.exceptions}), everything under {@link WebSocketException},
 * messages that say what was wrong, accessors that return what was given, defensive copies.
 */
class ExceptionHierarchyTest {

    /** Each exception and its direct parent, as in the Python reference (section "Exceptions"). */
    private static final Map<Class<?>, Class<?>> PARENTS = new LinkedHashMap<>();

    static {
        PARENTS.put(InvalidHandshake.class, WebSocketException.class);
        PARENTS.put(SecurityError.class, InvalidHandshake.class);
        PARENTS.put(InvalidMessage.class, InvalidHandshake.class);
        PARENTS.put(InvalidHeader.class, InvalidHandshake.class);
        PARENTS.put(InvalidHeaderFormat.class, InvalidHeader.class);
        PARENTS.put(InvalidHeaderValue.class, InvalidHeader.class);
        PARENTS.put(InvalidOrigin.class, InvalidHeader.class);
        PARENTS.put(InvalidUpgrade.class, InvalidHeader.class);
        PARENTS.put(InvalidStatusCode.class, InvalidHandshake.class);
        PARENTS.put(NegotiationError.class, InvalidHandshake.class);
        PARENTS.put(DuplicateParameter.class, NegotiationError.class);
        PARENTS.put(InvalidParameterName.class, NegotiationError.class);
        PARENTS.put(InvalidParameterValue.class, NegotiationError.class);
        PARENTS.put(AbortHandshake.class, InvalidHandshake.class);
        PARENTS.put(RedirectHandshake.class, InvalidHandshake.class);
        PARENTS.put(ProxyError.class, InvalidHandshake.class);
        PARENTS.put(InvalidProxyMessage.class, ProxyError.class);
        PARENTS.put(InvalidProxyStatus.class, ProxyError.class);
        PARENTS.put(SocksProxyError.class, ProxyError.class);
        PARENTS.put(InvalidState.class, WebSocketException.class);
        PARENTS.put(InvalidURI.class, WebSocketException.class);
        // In Python MultipleValuesError is a LookupError; here it joins the library's hierarchy
        // (docs/decisions.md) so that catching WebSocketException catches everything.
        PARENTS.put(MultipleValuesError.class, WebSocketException.class);
    }

    @Test
    void parentsFollowThePythonReference() {
        PARENTS.forEach((type, parent) -> assertEquals(parent, type.getSuperclass(), type.getSimpleName()));
    }

    @Test
    void everyExceptionInThePackageIsAPublicUncheckedWebSocketException() throws Exception {
        List<Class<?>> found = exceptionClassesOfTheModule();
        assertTrue(found.containsAll(PARENTS.keySet()), "found " + found);
        for (Class<?> type : found) {
            String name = type.getSimpleName();
            assertTrue(WebSocketException.class.isAssignableFrom(type), name + " must extend WebSocketException");
            assertTrue(RuntimeException.class.isAssignableFrom(type), name + " must be unchecked");
            assertTrue(Modifier.isPublic(type.getModifiers()), name + " must be public");
            Field uid = type.getDeclaredField("serialVersionUID");
            assertTrue(Modifier.isStatic(uid.getModifiers()) && uid.getType() == long.class, name);
        }
    }

    /** Every Throwable class of the module org.websockets4j.http, found by listing its contents. */
    private List<Class<?>> exceptionClassesOfTheModule() throws IOException, ClassNotFoundException {
        Module module = WebSocketUri.class.getModule();
        ResolvedModule resolved = module.getLayer().configuration().findModule(module.getName()).orElseThrow();
        List<Class<?>> result = new ArrayList<>();
        try (ModuleReader reader = resolved.reference().open()) {
            for (String entry : reader.list().toList()) {
                if (!entry.startsWith("org/websockets4j/http/") || !entry.endsWith(".class")
                        || entry.endsWith("module-info.class") || entry.endsWith("package-info.class")) {
                    continue;
                }
                String className = entry.substring(0, entry.length() - ".class".length()).replace('/', '.');
                Class<?> type = Class.forName(className, false, module.getClassLoader());
                if (Throwable.class.isAssignableFrom(type) && !type.getSimpleName().endsWith("Test")) {
                    result.add(type);
                }
            }
        }
        return result;
    }

    @Test
    void everythingIsAWebSocketExceptionAndHandshakeErrorsAreInvalidHandshake() {
        assertTrue(new InvalidUpgrade("Upgrade", "h2c") instanceof InvalidHandshake);
        assertTrue(new DuplicateParameter("x") instanceof InvalidHandshake);
        WebSocketException e = new InvalidHeaderFormat("Upgrade", "expected token", "a b", 1);
        assertTrue(e instanceof InvalidHeader);
        assertTrue(!InvalidHandshake.class.isAssignableFrom(InvalidURI.class));
        assertTrue(!InvalidHandshake.class.isAssignableFrom(InvalidState.class));
        assertTrue(!InvalidHandshake.class.isAssignableFrom(MultipleValuesError.class));
    }

    // --------------------------------------------------------------------------------- messages

    @Test
    void invalidHeaderMissingEmptyInvalid() {
        InvalidHeader missing = new InvalidHeader("Upgrade", null);
        assertEquals("missing Upgrade header", missing.getMessage());
        assertEquals("Upgrade", missing.name());
        assertNull(missing.value());

        InvalidHeader empty = new InvalidHeader("Sec-WebSocket-Key", "");
        assertEquals("empty Sec-WebSocket-Key header", empty.getMessage());
        assertEquals("", empty.value());

        InvalidHeader invalid = new InvalidHeader("Upgrade", "h2c");
        assertEquals("invalid Upgrade header: h2c", invalid.getMessage());
        assertEquals("h2c", invalid.value());
    }

    @Test
    void invalidUpgrade() {
        assertEquals("missing Upgrade header", new InvalidUpgrade("Upgrade", null).getMessage());
        InvalidUpgrade e = new InvalidUpgrade("Upgrade", "h2c");
        assertEquals("invalid Upgrade header: h2c", e.getMessage());
        assertEquals("Upgrade", e.name());
        assertEquals("h2c", e.value());
        assertEquals("invalid Connection header: keep-alive",
                new InvalidUpgrade("Connection", "keep-alive").getMessage());
    }

    @Test
    void invalidHeaderValue() {
        InvalidHeaderValue e = new InvalidHeaderValue("Sec-WebSocket-Accept", "abc");
        assertEquals("invalid Sec-WebSocket-Accept header: abc", e.getMessage());
        assertEquals("Sec-WebSocket-Accept", e.name());
        assertEquals("abc", e.value());
        assertEquals("missing Sec-WebSocket-Accept header",
                new InvalidHeaderValue("Sec-WebSocket-Accept", null).getMessage());
    }

    @Test
    void invalidHeaderFormatSaysWhatAndWhere() {
        InvalidHeaderFormat e = new InvalidHeaderFormat("Sec-WebSocket-Protocol", "expected token", "a,,b", 3);
        assertEquals("invalid Sec-WebSocket-Protocol header: expected token at 3 in a,,b", e.getMessage());
        assertEquals("Sec-WebSocket-Protocol", e.name());
        assertEquals("a,,b", e.value());
        assertEquals("expected token", e.error());
        assertEquals(3, e.position());
    }

    @Test
    void invalidOrigin() {
        InvalidOrigin missing = new InvalidOrigin(null);
        assertEquals("missing Origin header", missing.getMessage());
        assertNull(missing.origin());
        assertEquals("Origin", missing.name());
        InvalidOrigin bad = new InvalidOrigin("https://evil.example");
        assertEquals("invalid Origin header: https://evil.example", bad.getMessage());
        assertEquals("https://evil.example", bad.origin());
        assertEquals("https://evil.example", bad.value());
    }

    @Test
    void invalidStatusCode() {
        InvalidStatusCode e = new InvalidStatusCode(403);
        assertEquals("server rejected WebSocket connection: HTTP 403", e.getMessage());
        assertEquals(403, e.statusCode());
        assertArrayEquals(new byte[0], e.body());
    }

    @Test
    void invalidStatusCodeCopiesTheBody() {
        byte[] body = "forbidden".getBytes(StandardCharsets.US_ASCII);
        InvalidStatusCode e = new InvalidStatusCode(401, body);
        body[0] = 'X';
        assertEquals("forbidden", new String(e.body(), StandardCharsets.US_ASCII));
        e.body()[0] = 'Y';
        assertEquals("forbidden", new String(e.body(), StandardCharsets.US_ASCII));
        assertNotSame(e.body(), e.body());
        assertEquals(401, e.statusCode());
    }

    @Test
    void negotiationErrors() {
        assertEquals("no acceptable subprotocol", new NegotiationError("no acceptable subprotocol").getMessage());

        DuplicateParameter duplicate = new DuplicateParameter("server_max_window_bits");
        assertEquals("duplicate parameter: server_max_window_bits", duplicate.getMessage());
        assertEquals("server_max_window_bits", duplicate.name());

        InvalidParameterName name = new InvalidParameterName("foo");
        assertEquals("invalid parameter name: foo", name.getMessage());
        assertEquals("foo", name.name());

        InvalidParameterValue value = new InvalidParameterValue("client_max_window_bits", "16");
        assertEquals("invalid value for parameter client_max_window_bits: 16", value.getMessage());
        assertEquals("client_max_window_bits", value.name());
        assertEquals("16", value.value());
        assertNull(new InvalidParameterValue("server_no_context_takeover", null).value());
    }

    @Test
    void redirectHandshake() {
        RedirectHandshake e = new RedirectHandshake("wss://other.example/chat");
        assertEquals("redirect to wss://other.example/chat", e.getMessage());
        assertEquals("wss://other.example/chat", e.uri());
    }

    @Test
    void invalidUri() {
        InvalidURI e = new InvalidURI("http://example.com/", "scheme must be ws or wss");
        assertEquals("http://example.com/ isn't a valid WebSocket URI: scheme must be ws or wss", e.getMessage());
        assertEquals("http://example.com/", e.uri());
    }

    @Test
    void multipleValuesError() {
        MultipleValuesError e = new MultipleValuesError("Sec-WebSocket-Key");
        assertEquals("more than one Sec-WebSocket-Key header found", e.getMessage());
        assertEquals("Sec-WebSocket-Key", e.name());
    }

    @Test
    void headersGetThrowsMultipleValuesError() {
        Headers headers = Headers.of("Sec-WebSocket-Key", "a", "sec-websocket-key", "b");
        MultipleValuesError e = assertThrows(MultipleValuesError.class, () -> headers.get("Sec-WebSocket-Key"));
        assertTrue(e.name().equalsIgnoreCase("Sec-WebSocket-Key"), e.name());
        assertTrue(e.getMessage().startsWith("more than one "), e.getMessage());
    }

    @Test
    void messageOnlyExceptionsKeepMessageAndCause() {
        IOException cause = new IOException("boom");
        assertMessageAndCause(new InvalidHandshake("handshake failed", cause), "handshake failed", cause);
        assertMessageAndCause(new InvalidMessage("did not receive a valid HTTP request", cause),
                "did not receive a valid HTTP request", cause);
        assertMessageAndCause(new SecurityError("line too long", cause), "line too long", cause);
        assertMessageAndCause(new InvalidState("cannot write to a WebSocket in the CLOSED state", cause),
                "cannot write to a WebSocket in the CLOSED state", cause);
        assertEquals("handshake failed", new InvalidHandshake("handshake failed").getMessage());
        assertEquals("line too long", new SecurityError("line too long").getMessage());
        assertEquals("bad request line", new InvalidMessage("bad request line").getMessage());
        assertEquals("bad state", new InvalidState("bad state").getMessage());
        assertNull(new InvalidState("bad state").getCause());
    }

    private static void assertMessageAndCause(Throwable e, String message, Throwable cause) {
        assertEquals(message, e.getMessage());
        assertSame(cause, e.getCause());
    }

    // --------------------------------------------------------------------------------- AbortHandshake
    @Test
    void abortHandshakeSurvivesSerialization() throws Exception {
        AbortHandshake e = new AbortHandshake(403, Headers.of("Content-Type", "text/plain"), new byte[] {1, 2});
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(e);
        }
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            AbortHandshake back = (AbortHandshake) in.readObject();
            assertEquals(403, back.status());
            assertEquals(e.headers(), back.headers());
            assertArrayEquals(new byte[] {1, 2}, back.body());
        }
    }


    @Test
    void abortHandshakeKeepsStatusHeadersAndBody() {
        Headers headers = Headers.of("Content-Type", "text/plain", "Retry-After", "5");
        byte[] body = "go away".getBytes(StandardCharsets.US_ASCII);
        AbortHandshake e = new AbortHandshake(503, headers, body);
        assertEquals(503, e.status());
        assertEquals("HTTP 503, 2 headers, 7 bytes", e.getMessage());
        assertEquals(headers, e.headers());
        assertArrayEquals(body, e.body());
    }

    @Test
    void abortHandshakeCopiesHeaders() {
        Headers headers = Headers.of("Content-Type", "text/plain");
        AbortHandshake e = new AbortHandshake(403, headers, new byte[0]);
        headers.add("X-Later", "1");
        headers.set("Content-Type", "text/html");
        assertEquals(Headers.of("Content-Type", "text/plain"), e.headers());
        assertThrows(UnsupportedOperationException.class, () -> e.headers().add("X-Injected", "1"));
        assertEquals(1, e.headers().size());
    }

    @Test
    void abortHandshakeCopiesTheBody() {
        byte[] body = {1, 2, 3};
        AbortHandshake e = new AbortHandshake(400, new Headers(), body);
        body[0] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, e.body());
        e.body()[1] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, e.body());
        assertNotSame(e.body(), e.body());
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 101, 200, 403, 599})
    void abortHandshakeAcceptsValidStatuses(int status) {
        assertEquals(status, new AbortHandshake(status, new Headers(), new byte[0]).status());
    }

    @ParameterizedTest
    @ValueSource(ints = {Integer.MIN_VALUE, -1, 0, 99, 600, 1000, Integer.MAX_VALUE})
    void abortHandshakeValidatesTheStatus(int status) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new AbortHandshake(status, new Headers(), new byte[0]));
        assertTrue(e.getMessage().contains(String.valueOf(status)), e.getMessage());
    }

    @Test
    void abortHandshakeRejectsNulls() {
        assertThrows(NullPointerException.class, () -> new AbortHandshake(403, null, new byte[0]));
        assertThrows(NullPointerException.class, () -> new AbortHandshake(403, new Headers(), null));
    }
}
