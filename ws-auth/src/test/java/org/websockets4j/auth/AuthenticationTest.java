package org.websockets4j.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.websockets4j.http.AbortHandshake;
import org.websockets4j.http.Headers;
import org.websockets4j.protocol.AttributeKey;
import org.websockets4j.server.HandshakeContext;
import org.websockets4j.server.HttpResponse;
import org.websockets4j.server.RequestHook;

/** The general hook, the helpers that read credentials, and the timing-safe comparison. */
class AuthenticationTest {
    private static final Map<String, String> TOKENS = Map.of("t0k3n", "erin");

    private static String userOf(String token) {
        for (Map.Entry<String, String> entry : TOKENS.entrySet()) {
            if (TimingSafe.equal(entry.getKey(), token)) {
                return entry.getValue();
            }
        }
        return null;
    }

    @Test
    void requireStoresTheIdentityOrRefuses() {
        RequestHook hook = Authentication.require(request -> {
            String token = Authentication.queryParameter(request.path(), "token");
            return token == null ? null : userOf(token);
        });
        HandshakeContext ok = HandshakeContext.of("/chat?room=1&token=t0k3n", new Headers());
        assertNull(hook.process(ok));
        assertEquals("erin", ok.attribute(Authentication.USERNAME));
        assertEquals(403, hook.process(HandshakeContext.of("/chat?token=nope", new Headers())).status());
        assertEquals(403, hook.process(HandshakeContext.of("/chat", new Headers())).status());
    }

    @Test
    void requireTakesItsRefusalAndLetsTheAuthenticatorStoreMore() {
        AttributeKey<String> role = AttributeKey.of("role", String.class);
        HttpResponse bearer = new HttpResponse(401, Headers.of("WWW-Authenticate", "Bearer"), new byte[0]);
        RequestHook hook = Authentication.require(request -> {
            String value = request.requestHeaders().get("Authorization");
            if (value != null && !value.startsWith("Bearer ")) {
                throw new AbortHandshake(400, new Headers(), new byte[0]);
            }
            request.setAttribute(role, "admin");
            return value == null ? null : userOf(value.substring(7));
        }, bearer);
        assertSame(bearer, hook.process(HandshakeContext.of("/", new Headers())));
        HandshakeContext ok = HandshakeContext.of("/", Headers.of("Authorization", "Bearer t0k3n"));
        assertNull(hook.process(ok));
        assertEquals("erin", ok.attribute(Authentication.USERNAME));
        assertEquals("admin", ok.attribute(role));
        assertThrows(AbortHandshake.class, () -> hook.process(HandshakeContext.of("/", Headers.of("Authorization", "Digest x"))));
    }

    @Test
    void queryParameterDecodesAndFindsTheFirst() {
        assertEquals("a+b c", Authentication.queryParameter("/x?token=a%2Bb+c", "token"));
        assertEquals("1", Authentication.queryParameter("/x?a=1&a=2", "a"));
        assertEquals("", Authentication.queryParameter("/x?flag&b=2", "flag"));
        assertEquals("2", Authentication.queryParameter("/x?bad=%zz&b=2", "b"), "a malformed pair is skipped");
        assertNull(Authentication.queryParameter("/x?bad=%zz", "bad"));
        assertNull(Authentication.queryParameter("/x", "a"));
        assertNull(Authentication.queryParameter("/x?ab=1", "a"));
        assertEquals("é", Authentication.queryParameter("/?n%C3%A9=%C3%A9", "né"));
    }

    @Test
    void cookieReadsEveryCookieField() {
        Headers headers = Headers.of("Cookie", "theme=dark; session=\"abc\"", "Cookie", "token=xyz");
        assertEquals("abc", Authentication.cookie(headers, "session"));
        assertEquals("xyz", Authentication.cookie(headers, "token"));
        assertEquals("dark", Authentication.cookie(headers, "theme"));
        assertNull(Authentication.cookie(headers, "sess"));
        assertNull(Authentication.cookie(new Headers(), "token"));
    }

    @Test
    void timingSafeEqualIsEquality() {
        assertTrue(TimingSafe.equal("secret", "secret"));
        assertFalse(TimingSafe.equal("secret", "secreT"));
        assertFalse(TimingSafe.equal("secret", "secret2"));
        assertFalse(TimingSafe.equal("", "x"));
        assertTrue(TimingSafe.equal("", ""));
        assertTrue(TimingSafe.equal(new byte[] {1, 2}, new byte[] {1, 2}));
        assertFalse(TimingSafe.equal(new byte[] {1, 2}, new byte[] {1}));
        assertThrows(NullPointerException.class, () -> TimingSafe.equal((String) null, "x"));
    }
}
