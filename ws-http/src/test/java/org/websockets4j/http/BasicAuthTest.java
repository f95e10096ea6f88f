package org.websockets4j.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** HTTP Basic authentication headers of {@link HeaderGrammar} (RFC 7617) and {@link BasicCredentials}. */
class BasicAuthTest {

    private static String basic(byte[] userPass) {
        return "Basic " + Base64.getEncoder().encodeToString(userPass);
    }

    private static String basic(String userPass) {
        return basic(userPass.getBytes(StandardCharsets.UTF_8));
    }

    private static InvalidHeaderFormat assertFormatError(String header, String error, int position) {
        InvalidHeaderFormat e = assertThrows(InvalidHeaderFormat.class, () -> HeaderGrammar.parseAuthorizationBasic(header));
        assertEquals("Authorization", e.name());
        assertEquals(error, e.error());
        assertEquals(position, e.position(), () -> "position in " + header);
        assertEquals(header.length(), e.value().length(), "the masked header keeps positions");
        return e;
    }

    private static InvalidHeaderValue valueError(String header) {
        InvalidHeaderValue e = assertThrows(InvalidHeaderValue.class, () -> HeaderGrammar.parseAuthorizationBasic(header));
        assertEquals("Authorization", e.name());
        return e;
    }

    @Test
    void rfc7617Examples() {
        // §2: Aladdin / open sesame.
        assertEquals("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==", HeaderGrammar.buildAuthorizationBasic("Aladdin", "open sesame"));
        assertEquals(new BasicCredentials("Aladdin", "open sesame"),
                HeaderGrammar.parseAuthorizationBasic("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="));
        // §2.1: test / 123£ in UTF-8.
        assertEquals("Basic dGVzdDoxMjPCow==", HeaderGrammar.buildAuthorizationBasic("test", "123\u00a3"));
        assertEquals(new BasicCredentials("test", "123\u00a3"), HeaderGrammar.parseAuthorizationBasic("Basic dGVzdDoxMjPCow=="));
    }

    @Test
    void roundTrips() {
        String[][] cases = {
            {"alice", "secret"},
            {"J\u00fcrgen", "p\u00e4ssw\u00f6rd"},
            {"\u7528\u6237", "\u5bc6\u7801\ud83d\ude00"},
            {"", ""},
            {"user", "pass:with:colons"},
            {"spaces ok", " leading and trailing "},
            {"a", "x"}, {"ab", "xy"}, {"abc", "xyz"}, // every padding length
        };
        for (String[] c : cases) {
            String header = HeaderGrammar.buildAuthorizationBasic(c[0], c[1]);
            assertEquals(new BasicCredentials(c[0], c[1]), HeaderGrammar.parseAuthorizationBasic(header), header);
            // Headers accept the value as is.
            assertEquals(header, Headers.of("Authorization", header).get("Authorization"));
        }
        BasicCredentials credentials = new BasicCredentials("bob", "hunter2");
        assertEquals(credentials, HeaderGrammar.parseAuthorizationBasic(HeaderGrammar.buildAuthorizationBasic(credentials)));
    }

    @Test
    void schemeIsCaseInsensitiveAndSeveralSpacesAreAllowed() {
        BasicCredentials expected = new BasicCredentials("Aladdin", "open sesame");
        assertEquals(expected, HeaderGrammar.parseAuthorizationBasic("basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="));
        assertEquals(expected, HeaderGrammar.parseAuthorizationBasic("BASIC QWxhZGRpbjpvcGVuIHNlc2FtZQ=="));
        // RFC 7235 §2.1: auth-scheme 1*SP token68.
        assertEquals(expected, HeaderGrammar.parseAuthorizationBasic("Basic   QWxhZGRpbjpvcGVuIHNlc2FtZQ=="));
    }

    @Test
    void splitsAtTheFirstColon() {
        assertEquals(new BasicCredentials("a", "b:c"), HeaderGrammar.parseAuthorizationBasic(basic("a:b:c")));
        assertEquals(new BasicCredentials("", "x"), HeaderGrammar.parseAuthorizationBasic(basic(":x")));
        assertEquals(new BasicCredentials("x", ""), HeaderGrammar.parseAuthorizationBasic(basic("x:")));
    }

    @Test
    void wrongScheme() {
        assertEquals("unsupported scheme: Bearer", valueError("Bearer abc.def.ghi").value());
        assertEquals("unsupported scheme: Digest", valueError("Digest username=\"a\", realm=\"b\"").value());
        assertEquals("unsupported scheme: Basically", valueError("Basically QWxh").value());
    }

    @Test
    void malformed() {
        assertFormatError("", "expected token", 0);
        assertFormatError(":", "expected token", 0);
        assertFormatError("Basic", "expected space after scheme", 5);
        assertFormatError("Basic\tQWxhZGRpbjpvcGVuIHNlc2FtZQ==", "expected space after scheme", 5);
        assertFormatError("Basic ", "expected token68", 6);
        assertFormatError("Basic !!!!", "expected token68", 6);
        assertFormatError("Basic ====", "expected token68", 6);
        assertFormatError("Basic QWxh ZGRp", "trailing data", 10);
        assertFormatError("Basic QWxhZGRp=n", "trailing data", 15);
        assertFormatError("Basic QWxh,", "trailing data", 10);
    }

    @Test
    void formatErrorsMaskTheCredentials() {
        InvalidHeaderFormat e = assertFormatError("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ== x", "trailing data", 34);
        assertEquals("Basic " + "*".repeat(30), e.value());
        assertFalse(e.getMessage().contains("QWxh"), e.getMessage());
        e = assertFormatError("=QWxhZGRpbjpvcGVuIHNlc2FtZQ==", "expected token", 0);
        assertFalse(e.getMessage().contains("QWxh"), e.getMessage());
    }

    @Test
    void badBase64() {
        String expected = "expected base64-encoded credentials";
        assertEquals(expected, valueError("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ").value()); // padding missing
        assertEquals(expected, valueError("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=").value()); // padding short
        assertEquals(expected, valueError("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ===").value()); // padding long
        assertEquals(expected, valueError("Basic YTpi-w==").value()); // base64url alphabet
        assertEquals(expected, valueError("Basic YTpi_w==").value());
        assertEquals(expected, valueError("Basic YT.i").value());
        assertEquals(expected, valueError("Basic YT~i").value());
        // Non-canonical: "a:" is YTo=, and YTp= differs only in the two unused low bits, which the
        // JDK decoder alone would ignore.
        assertEquals("YTo=", Base64.getEncoder().encodeToString("a:".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(new BasicCredentials("a", ""), HeaderGrammar.parseAuthorizationBasic("Basic YTo="));
        assertEquals(expected, valueError("Basic YTp=").value());
        assertEquals(expected, valueError("Basic YTpiYx==").value()); // "a:bc" is YTpiYw==
    }

    @Test
    void badUtf8() {
        assertEquals("expected UTF-8 credentials", valueError(basic(new byte[] {'a', ':', (byte) 0xC3, 0x28})).value());
        assertEquals("expected UTF-8 credentials", valueError(basic(new byte[] {(byte) 0xE9, ':', 'x'})).value()); // ISO-8859-1 é
        assertEquals("expected UTF-8 credentials", valueError(basic(new byte[] {'a', ':', (byte) 0xED, (byte) 0xA0, (byte) 0x80})).value());
        assertEquals("expected UTF-8 credentials", valueError(basic(new byte[] {'a', ':', (byte) 0xC0, (byte) 0xBA})).value());
    }

    @Test
    void missingColonAndControlCharacters() {
        assertEquals("expected username:password credentials", valueError(basic("nocolon")).value());
        assertEquals("expected username:password credentials", valueError(basic("été")).value());
        assertEquals("control character in credentials", valueError(basic("user:pa\tss")).value());
        assertEquals("control character in credentials", valueError(basic("us\u0000er:pass")).value());
        assertEquals("control character in credentials", valueError(basic("user:pass\u007f")).value());
    }

    @Test
    void buildRejectsWhatCannotBeEncoded() {
        assertThrows(IllegalArgumentException.class, () -> HeaderGrammar.buildAuthorizationBasic("a:b", "c"));
        assertThrows(IllegalArgumentException.class, () -> HeaderGrammar.buildAuthorizationBasic("a", "b\nc"));
        assertThrows(IllegalArgumentException.class, () -> HeaderGrammar.buildAuthorizationBasic("a\u0000", "b"));
        assertThrows(IllegalArgumentException.class, () -> HeaderGrammar.buildAuthorizationBasic("a", "\ud83d"));
        assertThrows(NullPointerException.class, () -> HeaderGrammar.buildAuthorizationBasic(null, "b"));
        assertThrows(NullPointerException.class, () -> HeaderGrammar.buildAuthorizationBasic("a", null));
    }

    @Test
    void credentialsToStringHidesThePassword() {
        BasicCredentials credentials = new BasicCredentials("alice", "s3cr3t-p4ss");
        String text = credentials.toString();
        assertTrue(text.contains("alice"), text);
        assertFalse(text.contains("s3cr3t"), text);
        assertThrows(IllegalArgumentException.class, () -> new BasicCredentials("a:b", "c"));
    }

    @Test
    void wwwAuthenticate() {
        assertEquals("Basic realm=\"WallyWorld\", charset=\"UTF-8\"", HeaderGrammar.buildWwwAuthenticateBasic("WallyWorld"));
        assertEquals("Basic realm=\"foo@example.com\", charset=\"UTF-8\"", HeaderGrammar.buildWwwAuthenticateBasic("foo@example.com"));
        assertEquals("Basic realm=\"a \\\"quoted\\\" \\\\ realm\", charset=\"UTF-8\"",
                HeaderGrammar.buildWwwAuthenticateBasic("a \"quoted\" \\ realm"));
        assertEquals("Basic realm=\"\", charset=\"UTF-8\"", HeaderGrammar.buildWwwAuthenticateBasic(""));
        // The result is always a field value that Headers accepts.
        Headers.of("WWW-Authenticate", HeaderGrammar.buildWwwAuthenticateBasic("tab\there, caf\u00e9"));
        assertThrows(IllegalArgumentException.class, () -> HeaderGrammar.buildWwwAuthenticateBasic("a\r\nSet-Cookie: x=1"));
        assertThrows(IllegalArgumentException.class, () -> HeaderGrammar.buildWwwAuthenticateBasic("\u20ac"));
        assertThrows(IllegalArgumentException.class, () -> HeaderGrammar.buildWwwAuthenticateBasic("\u007f"));
    }
}
