package org.websockets4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** originPatterns: regular expressions matched in full, besides the exact origins (websockets 15). */
class OriginPatternTest {
    private static final Pattern SUBDOMAINS = Pattern.compile("https://[a-z0-9-]+\\.example\\.com");

    @Test
    void aPatternMatchesInFullOnly() {
        ServerOptions options = ServerOptions.builder().originPatterns(SUBDOMAINS).build();
        assertTrue(options.acceptsOrigin("https://chat.example.com"));
        assertFalse(options.acceptsOrigin("https://chat.example.com.evil.net"), "a full match, not a find");
        assertFalse(options.acceptsOrigin("http://chat.example.com"));
        assertFalse(options.acceptsOrigin("https://example.com"));
        assertFalse(options.acceptsOrigin(null), "patterns alone refuse a request without Origin");
        assertEquals(List.of(SUBDOMAINS), options.originPatterns());
    }

    @Test
    void patternsCombineWithExactOriginsAndNull() {
        ServerOptions options = ServerOptions.builder()
                .origins(java.util.Arrays.asList("https://example.com", null))
                .originPatterns(SUBDOMAINS).build();
        assertTrue(options.acceptsOrigin("https://example.com"));
        assertTrue(options.acceptsOrigin("https://a.example.com"));
        assertTrue(options.acceptsOrigin(null));
        assertFalse(options.acceptsOrigin("https://evil.net"));
        assertEquals(options.originPatterns(), options.toBuilder().build().originPatterns(), "toBuilder keeps them");
    }

    @Test
    void noPatternAndNoOriginsAcceptsAnything() {
        assertTrue(ServerOptions.defaults().acceptsOrigin("https://anything"));
        assertTrue(ServerOptions.defaults().acceptsOrigin(null));
        assertTrue(ServerOptions.defaults().originPatterns().isEmpty());
        assertThrows(NullPointerException.class, () -> ServerOptions.builder().originPatterns((Pattern) null));
    }

    @Test
    void theHandshakeAnswers403ToAnOriginNoPatternMatches() {
        ServerOptions options = ServerOptions.builder().serverHeader(null).originPatterns(SUBDOMAINS).build();
        Wire.feed(options, Wire.request("Origin: https://chat.example.com\r\n")).accepted();
        assertEquals(403, Wire.feed(options, Wire.request("Origin: https://evil.net\r\n")).rejected().status());
        assertEquals(403, Wire.feed(options, Wire.request("")).rejected().status());
    }
}
