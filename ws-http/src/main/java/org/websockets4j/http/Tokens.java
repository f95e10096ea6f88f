package org.websockets4j.http;

/** Character classes of RFC 9110 (tokens, field values) shared by the parsers and {@link Headers}. */
final class Tokens {
    private static final boolean[] TCHAR = new boolean[128];

    static {
        for (char c = '0'; c <= '9'; c++) TCHAR[c] = true;
        for (char c = 'a'; c <= 'z'; c++) TCHAR[c] = true;
        for (char c = 'A'; c <= 'Z'; c++) TCHAR[c] = true;
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) TCHAR[c] = true;
    }

    private Tokens() {
    }

    /** tchar: a character allowed in a token. */
    static boolean isTokenChar(char c) {
        return c < 128 && TCHAR[c];
    }

    /** True when {@code s} is a non-empty token. */
    static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTokenChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** field-vchar, SP or HTAB: visible ASCII, obs-text (0x80-0xFF as ISO-8859-1), space, tab. */
    static boolean isFieldValueChar(char c) {
        return (c >= 0x20 && c != 0x7F && c <= 0xFF) || c == '\t';
    }

    /** The string in quotes with control characters escaped, safe to put in an exception message. */
    static String quoteForMessage(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
