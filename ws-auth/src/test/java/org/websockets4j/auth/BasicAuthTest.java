package org.websockets4j.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.websockets4j.http.HeaderGrammar;
import org.websockets4j.http.Headers;
import org.websockets4j.server.HandshakeContext;
import org.websockets4j.server.HttpResponse;

/** BasicAuth as a hook: the answers of RFC 7617 and 7235, and the user name it stores. */
class BasicAuthTest {
    private static final BasicAuth AUTH = BasicAuth.of("chat", Map.of("alice", "s3cret", "bob", "pa:ss wörd"));

    private static HandshakeContext request(String... headers) {
        return HandshakeContext.of("/", Headers.of(headers));
    }

    private static HandshakeContext basic(String user, String password) {
        return request("Authorization", HeaderGrammar.buildAuthorizationBasic(user, password));
    }

    private static void assertChallenged(HttpResponse response, String body) {
        assertEquals(401, response.status());
        assertEquals("Basic realm=\"chat\", charset=\"UTF-8\"", response.headers().get("WWW-Authenticate"));
        assertEquals(body, new String(response.body(), StandardCharsets.UTF_8));
    }

    @Test
    void validCredentialsGoOnAndStoreTheUserName() {
        HandshakeContext alice = basic("alice", "s3cret");
        assertNull(AUTH.process(alice));
        assertEquals("alice", alice.attribute(Authentication.USERNAME));
        HandshakeContext bob = basic("bob", "pa:ss wörd");
        assertNull(AUTH.process(bob), "colons and non-ASCII in a password, UTF-8 as the challenge says");
        assertEquals("bob", bob.attribute(Authentication.USERNAME));
        assertNull(AUTH.process(request("Authorization", "bAsIc " + b64("alice:s3cret"))), "the scheme is case-insensitive");
    }

    @Test
    void missingOrOtherSchemeOrWrongCredentialsAreChallenged() {
        assertChallenged(AUTH.process(request()), "Missing credentials\n");
        assertChallenged(AUTH.process(request("Authorization", "Bearer abc.def")), "Unsupported credentials\n");
        HandshakeContext wrong = basic("alice", "S3cret");
        assertChallenged(AUTH.process(wrong), "Invalid credentials\n");
        assertNull(wrong.attribute(Authentication.USERNAME));
        assertChallenged(AUTH.process(basic("carol", "s3cret")), "Invalid credentials\n");
        assertChallenged(AUTH.process(basic("alice", "")), "Invalid credentials\n");
        assertChallenged(AUTH.process(basic("bob", "s3cret")), "Invalid credentials\n");
    }

    @Test
    void malformedCredentialsAreABadRequest() {
        for (String value : List.of("Basic", "Basic !!!!", "Basic " + b64("no colon"), "Basic " + b64("a:b\u0001"),
                "Basic " + Base64.getEncoder().encodeToString(new byte[] {'a', ':', (byte) 0xff}))) {
            assertEquals(400, AUTH.process(request("Authorization", value)).status(), value);
        }
        assertEquals(400, AUTH.process(request("Authorization", HeaderGrammar.buildAuthorizationBasic("alice", "s3cret"),
                "Authorization", HeaderGrammar.buildAuthorizationBasic("bob", "x"))).status(), "two Authorization fields");
    }

    @Test
    void aCheckFunctionDecides() {
        List<String> seen = new ArrayList<>();
        BasicAuth auth = BasicAuth.of("ops", (user, password) -> {
            seen.add(user + "/" + password);
            return TimingSafe.equal(password, user.toUpperCase());
        });
        HandshakeContext ok = basic("dave", "DAVE");
        assertNull(auth.process(ok));
        assertEquals("dave", ok.attribute(Authentication.USERNAME));
        assertEquals(401, auth.process(basic("dave", "dave")).status());
        assertEquals(List.of("dave/DAVE", "dave/dave"), seen);
        assertEquals("Basic realm=\"ops\", charset=\"UTF-8\"",
                auth.process(request()).headers().get("WWW-Authenticate"));
    }

    @Test
    void theRealmIsQuoted() {
        BasicAuth auth = BasicAuth.of("say \"hi\" \\ there", Map.of("a", "b"));
        assertEquals("Basic realm=\"say \\\"hi\\\" \\\\ there\", charset=\"UTF-8\"",
                auth.process(request()).headers().get("WWW-Authenticate"));
        assertEquals("say \"hi\" \\ there", auth.realm());
        assertThrows(IllegalArgumentException.class, () -> BasicAuth.of("line\nbreak", Map.of("a", "b")));
    }

    @Test
    void badConfigurationIsRefusedAtOnce() {
        assertThrows(IllegalArgumentException.class, () -> BasicAuth.of("r", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> BasicAuth.of("r", Map.of("a:b", "c")));
        Map<String, String> withNull = new LinkedHashMap<>();
        withNull.put("a", null);
        assertThrows(NullPointerException.class, () -> BasicAuth.of("r", withNull));
        assertThrows(NullPointerException.class, () -> BasicAuth.of(null, Map.of("a", "b")));
        assertThrows(NullPointerException.class, () -> BasicAuth.of("r", (BasicAuth.CredentialsCheck) null));
    }

    @Test
    void nothingSecretIsShown() {
        assertEquals("BasicAuth[realm=chat]", AUTH.toString());
        assertFalse(AUTH.toString().contains("s3cret"));
        HandshakeContext alice = basic("alice", "s3cret");
        AUTH.process(alice);
        assertTrue(alice.requestHeaders().toString().contains("Basic ***"), alice.requestHeaders().toString());
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
