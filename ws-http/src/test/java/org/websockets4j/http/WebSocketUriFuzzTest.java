package org.websockets4j.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Fixed-seed fuzzing of {@link WebSocketUri#parse(String)}: random and mutated URIs either parse
 * into a value that satisfies the invariants, or throw {@link InvalidURI} &mdash; never any other
 * exception (index out of bounds, number format, IDN's IllegalArgumentException, NPE...).
 */
class WebSocketUriFuzzTest {

    private static final String[] SEEDS = {
        "ws://example.com/", "wss://example.com:8443/chat?room=1", "ws://localhost:8765", "ws://[::1]:8080/",
        "ws://[fe80::1%25eth0]:9000/p?q", "ws://bücher.example/café?q=ü", "ws://us%40er:p%3Ass@h/",
        "wss://alice:s3cret@[2001:db8::1]/x", "ws://127.0.0.1:80/a/b/../c", "ws://h?x=1", "WS://H.EXAMPLE.:0080/%41",
        "ws://[::ffff:192.0.2.1]/", "ws://例え.テスト/日本?\uD83D\uDE00", "ws://my_host:1/;a=b,c",
    };

    /** Characters that matter to the grammar, plus some that never belong. */
    private static final String[] PIECES = {
        ":", "/", "//", "?", "#", "@", "[", "]", "%", "%2", "%25", "%zz", "%C3", "%FF", "%00", ".", "..", "-", "_",
        "~", "!", "'", "*", ";", "=", "+", "&", "$", ",", "(", ")", " ", "\t", "\r\n", "\u0000", "\u007F", "\\",
        "\"", "<", ">", "{", "}", "|", "^", "`", "0", "1", "9", "65535", "65536", "0x", "::", ":::", "1.2.3.4",
        "256", "v1.", "ws", "wss", "WS", "http", "xn--", "xn--bcher-kva", "ü", "é", "日本", "\u3002", "\uFF0E",
        "\uFF10", "\u00A0", "\u0085", "\u200E", "\u202E", "\u2024", "\u0378", "\u00AD", "\uD83D", "\uDE00",
        "\uD83D\uDE00", "\uE000", "\uFDD0", "\uFFFE", "\uFFFF", "\uDB80\uDC00", "\u0130", "\u212A", "ß", "ς",
        "\u200D", "a".repeat(64), "1".repeat(12),
    };

    @Test
    void mutatedUrisOnlyEverThrowInvalidUri() {
        Random random = new Random(0x5EED_CAFEL);
        int parsed = 0;
        for (int n = 0; n < 60_000; n++) {
            StringBuilder sb = new StringBuilder(SEEDS[random.nextInt(SEEDS.length)]);
            int mutations = 1 + random.nextInt(4);
            for (int m = 0; m < mutations; m++) {
                mutate(sb, random);
            }
            if (check(sb.toString())) {
                parsed++;
            }
        }
        assertTrue(parsed > 1_000, "the mutations should leave many URIs valid, got " + parsed);
    }

    @Test
    void randomStringsOnlyEverThrowInvalidUri() {
        Random random = new Random(42);
        for (int n = 0; n < 40_000; n++) {
            StringBuilder sb = new StringBuilder();
            if (random.nextInt(3) > 0) {
                sb.append(random.nextBoolean() ? "ws://" : "wss://");
            }
            int count = random.nextInt(12);
            for (int i = 0; i < count; i++) {
                if (random.nextInt(4) == 0) {
                    sb.appendCodePoint(randomCodePoint(random));
                } else {
                    sb.append(PIECES[random.nextInt(PIECES.length)]);
                }
            }
            check(sb.toString());
        }
    }

    @Test
    void randomCharactersOnlyEverThrowInvalidUri() {
        Random random = new Random(7);
        for (int n = 0; n < 30_000; n++) {
            char[] chars = new char[random.nextInt(24)];
            for (int i = 0; i < chars.length; i++) {
                chars[i] = random.nextInt(3) == 0 ? (char) random.nextInt(0x10000) : (char) (0x20 + random.nextInt(0x60));
            }
            check("ws://" + new String(chars));
            check(new String(chars));
        }
    }

    private static int randomCodePoint(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> random.nextInt(0x80);
            case 1 -> random.nextInt(0x800);
            case 2 -> random.nextInt(0x10000);
            default -> random.nextInt(Character.MAX_CODE_POINT + 1);
        };
    }

    private static void mutate(StringBuilder sb, Random random) {
        int position = sb.length() == 0 ? 0 : random.nextInt(sb.length() + 1);
        switch (random.nextInt(5)) {
            case 0 -> sb.insert(position, PIECES[random.nextInt(PIECES.length)]);
            case 1 -> {
                if (position < sb.length()) {
                    sb.deleteCharAt(position);
                }
            }
            case 2 -> {
                if (position < sb.length()) {
                    sb.setCharAt(position, PIECES[random.nextInt(PIECES.length)].charAt(0));
                }
            }
            case 3 -> sb.insert(position, new String(Character.toChars(randomCodePoint(random))));
            default -> {
                if (position < sb.length()) {
                    sb.delete(position, Math.min(sb.length(), position + 1 + random.nextInt(6)));
                }
            }
        }
    }

    /** Parses; on success checks the invariants and returns true; on InvalidURI returns false. */
    private static boolean check(String input) {
        WebSocketUri uri;
        try {
            uri = WebSocketUri.parse(input);
        } catch (InvalidURI e) {
            assertTrue(e.getMessage().contains(" isn't a valid WebSocket URI: "), e.getMessage());
            for (char c : e.getMessage().toCharArray()) {
                if (c < 0x20 || c == 0x7F) {
                    fail("raw control character in the message for " + escape(input) + ": " + escape(e.getMessage()));
                }
            }
            return false;
        } catch (RuntimeException e) {
            throw new AssertionError("unexpected " + e + " for " + escape(input), e);
        }
        try {
            assertInvariants(uri);
        } catch (RuntimeException | AssertionError e) {
            throw new AssertionError("invariant broken for " + escape(input) + " -> " + uri + ": " + e, e);
        }
        return true;
    }

    private static void assertInvariants(WebSocketUri uri) {
        assertTrue(uri.port() >= 1 && uri.port() <= 65535);
        assertTrue(uri.resourceName().startsWith("/"));
        assertFalse(uri.host().isEmpty());
        for (String s : new String[] {uri.host(), uri.resourceName(), uri.hostHeader(), uri.toString()}) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                assertTrue(c > 0x20 && c < 0x7F, () -> "not visible ASCII: " + escape(s));
            }
        }
        String address = uri.isIpv6() && uri.host().indexOf('%') >= 0
                ? uri.host().substring(0, uri.host().indexOf('%')) : uri.host();
        assertEquals(address.toLowerCase(Locale.ROOT), address, "host lower-case except an IPv6 zone");
        // The canonical constructor accepts what parse produced.
        WebSocketUri copy = new WebSocketUri(uri.secure(), uri.host(), uri.port(), uri.resourceName(),
                uri.username(), uri.password());
        assertEquals(uri, copy);
        // toString re-parses to the same value, except the masked password.
        WebSocketUri again = WebSocketUri.parse(uri.toString());
        assertEquals(uri.secure(), again.secure());
        assertEquals(uri.host(), again.host());
        assertEquals(uri.port(), again.port());
        assertEquals(uri.resourceName(), again.resourceName());
        assertEquals(uri.username(), again.username());
        assertEquals(uri.password() == null ? null : "***", again.password());
        assertEquals(uri.toString(), again.toString());
        // toUri never throws and re-parses to the same value without user information or zone.
        URI javaUri = uri.toUri();
        WebSocketUri fromJava = WebSocketUri.parse(javaUri.toString());
        String hostWithoutZone = uri.isIpv6() ? address : uri.host();
        assertEquals(new WebSocketUri(uri.secure(), hostWithoutZone, uri.port(), uri.resourceName(), null, null),
                fromJava);
        assertEquals(uri.hostHeader(), fromJava.hostHeader());
        if (uri.password() != null && uri.password().length() >= 4) {
            assertFalse(uri.toString().contains(":" + uri.password() + "@"));
        }
    }

    private static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c < 0x20 || c >= 0x7F) {
                sb.append(String.format("\\u%04X", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
