package org.websockets4j.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated header values through every parser, with a fixed seed: a parser may accept
 * or reject, but may only reject with {@link InvalidHeaderFormat} or {@link InvalidHeaderValue}
 * (never an index, null-pointer or base64 {@link IllegalArgumentException}), and an accepted
 * value must survive build → parse unchanged.
 */
class HeaderGrammarFuzzTest {
    private static final int CASES = 20_000;

    /** Valid values to mutate, and the characters that matter to the grammars. */
    private static final List<String> SEEDS = List.of(
            "Upgrade", "keep-alive, Upgrade", ", a , ,b", "websocket", "HTTP/2.0, SHTTP/1.3",
            "chat, superchat", "permessage-deflate; client_max_window_bits",
            "permessage-deflate; server_no_context_takeover; client_max_window_bits=\"10\", x-webkit-deflate-frame",
            "a; b=\"c\\d\"", "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==", "basic dGVzdDoxMjPCow==", "Basic Og==");
    private static final String ALPHABET = "aZ09-_.~+/=,;:\"\\ \t!#$%&'*^`|()<>@[]?{}\u00e9\u00ff\u0100\u20ac\u0000\u007f\ud83d";

    private static final List<Function<String, ?>> PARSERS = List.of(
            HeaderGrammar::parseConnection, HeaderGrammar::parseUpgrade, HeaderGrammar::parseSubprotocol,
            HeaderGrammar::parseExtension, HeaderGrammar::parseAuthorizationBasic);

    private static String mutate(Random random, String seed) {
        StringBuilder s = new StringBuilder(seed);
        int edits = 1 + random.nextInt(4);
        for (int i = 0; i < edits; i++) {
            int at = s.isEmpty() ? 0 : random.nextInt(s.length() + 1);
            char c = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
            switch (random.nextInt(4)) {
                case 0 -> s.insert(at, c);
                case 1 -> { if (at < s.length()) s.deleteCharAt(at); }
                case 2 -> { if (at < s.length()) s.setCharAt(at, c); }
                default -> s.setLength(Math.min(at, s.length())); // truncate
            }
        }
        return s.toString();
    }

    private static String random(Random random) {
        StringBuilder s = new StringBuilder();
        int length = random.nextInt(24);
        for (int i = 0; i < length; i++) {
            s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return s.toString();
    }

    @Test
    void parsersOnlyRaiseHeaderErrors() {
        Random random = new Random(0x6455);
        int accepted = 0;
        int rejected = 0;
        for (int i = 0; i < CASES; i++) {
            String header = random.nextBoolean() ? mutate(random, SEEDS.get(random.nextInt(SEEDS.size()))) : random(random);
            for (Function<String, ?> parser : PARSERS) {
                try {
                    Object result = parser.apply(header);
                    accepted++;
                    roundTrip(header, result);
                } catch (InvalidHeaderFormat e) {
                    rejected++;
                    assertTrue(e.position() >= 0 && e.position() <= header.length(), header);
                    assertEquals(header.length(), e.value().length(), header);
                } catch (InvalidHeaderValue e) {
                    rejected++;
                } catch (RuntimeException e) {
                    fail("unexpected " + e + " for " + Tokens.quoteForMessage(header), e);
                }
            }
        }
        // The mutations must exercise both outcomes, or the test proves little.
        assertTrue(accepted > CASES / 10, "accepted " + accepted);
        assertTrue(rejected > CASES, "rejected " + rejected);
    }

    @SuppressWarnings("unchecked")
    private static void roundTrip(String header, Object result) {
        if (result instanceof BasicCredentials credentials) {
            assertEquals(credentials, HeaderGrammar.parseAuthorizationBasic(HeaderGrammar.buildAuthorizationBasic(credentials)), header);
        } else if (!((List<?>) result).isEmpty() && ((List<?>) result).get(0) instanceof ExtensionHeader) {
            List<ExtensionHeader> extensions = (List<ExtensionHeader>) result;
            assertEquals(extensions, HeaderGrammar.parseExtension(HeaderGrammar.buildExtension(extensions)), header);
        } else {
            List<String> items = (List<String>) result;
            assertTrue(!items.isEmpty(), header);
            for (String item : items) {
                assertTrue(item.chars().allMatch(c -> Tokens.isTokenChar((char) c) || c == '/'), header);
            }
        }
    }
}
