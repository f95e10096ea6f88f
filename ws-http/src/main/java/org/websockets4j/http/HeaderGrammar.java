package org.websockets4j.http;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Parsers and builders for the header fields of the opening handshake (Python websockets'
 * {@code websockets.headers}).
 *
 * <p>Lists follow RFC 9110 §5.6.1: {@code 1#element} means one or more elements separated by
 * commas, with optional whitespace (OWS) around the commas and empty elements ({@code ", a , ,b"})
 * tolerated, as a recipient must. Leading whitespace before the first element is not part of the
 * grammar: {@link Headers} strips field values, so a parser never sees it in practice.
 *
 * <p>Every {@code parse*} method throws {@link InvalidHeaderFormat} naming the header, what was
 * expected ({@code "expected token"}, {@code "expected comma"}, ...) and the index in the value
 * where parsing failed. Every method throws {@link NullPointerException} on a null argument.
 * Every {@code build*} method produces a value its {@code parse*} counterpart reads back, and
 * throws {@link IllegalArgumentException} when its input cannot be represented.
 *
 * <p>Stateless and thread-safe.
 */
public final class HeaderGrammar {
    private static final String CONNECTION = "Connection";
    private static final String UPGRADE = "Upgrade";
    private static final String EXTENSIONS = "Sec-WebSocket-Extensions";
    private static final String PROTOCOL = "Sec-WebSocket-Protocol";
    private static final String AUTHORIZATION = "Authorization";

    private HeaderGrammar() {
    }

    /**
     * A position in one header value, with the grammar's building blocks: each reads what it
     * names at {@link #pos}, advances past it and returns it, or throws with the exact position.
     */
    private static final class Parser {
        final String header;
        final String name;
        int pos;

        Parser(String header, String name) {
            this.header = Objects.requireNonNull(header, "header");
            this.name = name;
        }

        /** The character at {@link #pos}, or 0 at the end (0 matches nothing in these grammars). */
        char peek() {
            return pos < header.length() ? header.charAt(pos) : 0;
        }

        boolean atEnd() {
            return pos == header.length();
        }

        InvalidHeaderFormat error(String error, int at) {
            return new InvalidHeaderFormat(name, error, header, at);
        }

        /** OWS = *( SP / HTAB ). */
        void ows() {
            while (peek() == ' ' || peek() == '\t') {
                pos++;
            }
        }

        /** Index after the run of token characters starting at {@code from}. */
        int tokenEnd(int from) {
            int end = from;
            while (end < header.length() && Tokens.isTokenChar(header.charAt(end))) {
                end++;
            }
            return end;
        }

        /** token = 1*tchar. */
        String token() {
            int end = tokenEnd(pos);
            if (end == pos) {
                throw error("expected token", pos);
            }
            String token = header.substring(pos, end);
            pos = end;
            return token;
        }
    }

    // ---------------------------------------------------------------- Connection, Upgrade, Protocol

    /**
     * Parses a {@code Connection} header value: {@code 1#token}. Options keep their case; compare
     * them case-insensitively.
     *
     * @param header one header value
     * @return the connection options, in order (never empty)
     * @throws InvalidHeaderFormat when the value does not match the grammar
     */
    public static List<String> parseConnection(String header) {
        return parseList(header, CONNECTION, Parser::token);
    }

    /**
     * Parses every {@code Connection} field line (as {@link Headers#getAll(String)} returns them)
     * as one list, as RFC 9110 §5.3 combines repeated fields.
     *
     * @param values the field lines, in order
     * @return the options of all lines, in order; empty when {@code values} is empty
     * @throws InvalidHeaderFormat when a line does not match the grammar
     */
    public static List<String> parseConnection(List<String> values) {
        return parseLines(values, HeaderGrammar::parseConnection);
    }

    /**
     * Parses an {@code Upgrade} header value: {@code 1#protocol} where
     * {@code protocol = token ["/" token]} (RFC 9110 §7.8).
     *
     * @param header one header value
     * @return the protocols, such as {@code websocket} or {@code HTTP/2.0}, in order (never empty)
     * @throws InvalidHeaderFormat when the value does not match the grammar
     */
    public static List<String> parseUpgrade(String header) {
        return parseList(header, UPGRADE, HeaderGrammar::upgradeProtocol);
    }

    /**
     * Parses every {@code Upgrade} field line as one list.
     *
     * @param values the field lines, in order
     * @return the protocols of all lines, in order; empty when {@code values} is empty
     * @throws InvalidHeaderFormat when a line does not match the grammar
     */
    public static List<String> parseUpgrade(List<String> values) {
        return parseLines(values, HeaderGrammar::parseUpgrade);
    }

    /**
     * Parses a {@code Sec-WebSocket-Protocol} header value: {@code 1#token} (RFC 6455 §4.3).
     *
     * @param header one header value
     * @return the subprotocols, in order (never empty)
     * @throws InvalidHeaderFormat when the value does not match the grammar
     */
    public static List<String> parseSubprotocol(String header) {
        return parseList(header, PROTOCOL, Parser::token);
    }

    /**
     * Parses every {@code Sec-WebSocket-Protocol} field line as one list.
     *
     * @param values the field lines, in order
     * @return the subprotocols of all lines, in order; empty when {@code values} is empty
     * @throws InvalidHeaderFormat when a line does not match the grammar
     */
    public static List<String> parseSubprotocol(List<String> values) {
        return parseLines(values, HeaderGrammar::parseSubprotocol);
    }

    /**
     * Builds a {@code Sec-WebSocket-Protocol} header value: the subprotocols joined with
     * {@code ", "}. The reverse of {@link #parseSubprotocol(String)}.
     *
     * @param protocols the subprotocols, in order of preference
     * @return the header value
     * @throws IllegalArgumentException when the list is empty or a subprotocol is not a token
     */
    public static String buildSubprotocol(List<String> protocols) {
        if (protocols.isEmpty()) {
            throw new IllegalArgumentException("expected at least one subprotocol");
        }
        for (String protocol : protocols) {
            if (!Tokens.isToken(protocol)) {
                throw new IllegalArgumentException("subprotocol must be a token: " + Tokens.quoteForMessage(protocol));
            }
        }
        return String.join(", ", protocols);
    }

    // ---------------------------------------------------------------- Sec-WebSocket-Extensions

    /**
     * Parses a {@code Sec-WebSocket-Extensions} header value (RFC 6455 §9.1):
     * {@code 1#(token *(";" param))} with {@code param = token ["=" (token / quoted-string)]}, OWS
     * allowed around {@code ;} and {@code =}. A quoted value is unescaped and must then be a token,
     * as §9.1 requires; otherwise the error is {@code "invalid quoted header content"} at its
     * opening quote. Repeated parameters are kept: rejecting them is negotiation's job
     * ({@link DuplicateParameter}).
     *
     * @param header one header value
     * @return the extensions, in order (never empty)
     * @throws InvalidHeaderFormat when the value does not match the grammar
     */
    public static List<ExtensionHeader> parseExtension(String header) {
        return parseList(header, EXTENSIONS, HeaderGrammar::extension);
    }

    /**
     * Parses every {@code Sec-WebSocket-Extensions} field line as one list.
     *
     * @param values the field lines, in order
     * @return the extensions of all lines, in order; empty when {@code values} is empty
     * @throws InvalidHeaderFormat when a line does not match the grammar
     */
    public static List<ExtensionHeader> parseExtension(List<String> values) {
        return parseLines(values, HeaderGrammar::parseExtension);
    }

    /**
     * Builds a {@code Sec-WebSocket-Extensions} header value, such as
     * {@code permessage-deflate; client_max_window_bits=10, x-foo}. The reverse of
     * {@link #parseExtension(String)}. Values are written bare: {@link ExtensionParameter}
     * guarantees they are tokens, so quoting is never needed.
     *
     * @param extensions the extensions, in order
     * @return the header value
     * @throws IllegalArgumentException when the list is empty
     */
    public static String buildExtension(List<ExtensionHeader> extensions) {
        if (extensions.isEmpty()) {
            throw new IllegalArgumentException("expected at least one extension");
        }
        StringBuilder out = new StringBuilder();
        for (ExtensionHeader extension : extensions) {
            if (!out.isEmpty()) {
                out.append(", ");
            }
            out.append(extension.name());
            for (ExtensionParameter parameter : extension.parameters()) {
                out.append("; ").append(parameter.name());
                if (parameter.value() != null) {
                    out.append('=').append(parameter.value());
                }
            }
        }
        return out.toString();
    }

    // ---------------------------------------------------------------- Basic authentication

    /**
     * Builds a {@code WWW-Authenticate} challenge for Basic authentication (RFC 7617 §2):
     * {@code Basic realm="...", charset="UTF-8"}, the realm quoted with {@code "} and {@code \}
     * escaped. The charset parameter tells clients to encode credentials in UTF-8.
     *
     * @param realm the protection space, shown to users
     * @return the header value
     * @throws IllegalArgumentException when the realm holds a character a quoted-string cannot
     *                                  carry (a control character other than tab, or above U+00FF)
     */
    public static String buildWwwAuthenticateBasic(String realm) {
        return "Basic realm=" + quote(realm) + ", charset=\"UTF-8\"";
    }

    /**
     * Parses an {@code Authorization} header value for Basic authentication (RFC 7235 §2.1,
     * RFC 7617 §2): {@code Basic <token68>}, the scheme compared case-insensitively, the token68
     * decoded as canonical padded base64, then as UTF-8, then split at the first colon (a user-id
     * cannot contain one; a password can).
     *
     * <p>Malformed credentials are still credentials and must not end up in logs: the header in
     * an {@link InvalidHeaderFormat} keeps the scheme and masks the rest with {@code *} (same
     * length, so the position stays exact), and an {@link InvalidHeaderValue}'s value is a
     * description such as {@code "expected base64-encoded credentials"}, as in Python websockets.
     *
     * @param header the {@code Authorization} header value
     * @return the user-id and password
     * @throws InvalidHeaderFormat when the value does not match {@code scheme 1*SP token68}
     *                             ({@code "expected token"}, {@code "expected space after scheme"},
     *                             {@code "expected token68"}, {@code "trailing data"})
     * @throws InvalidHeaderValue  when the scheme is not Basic, or the credentials are not valid
     *                             base64, not valid UTF-8, lack a colon, or hold a control character
     */
    public static BasicCredentials parseAuthorizationBasic(String header) {
        Parser parser = new Parser(header, AUTHORIZATION);
        String scheme;
        try {
            scheme = parser.token();
        } catch (InvalidHeaderFormat e) {
            throw maskedError(header, 0, e.error(), e.position());
        }
        if (!scheme.equalsIgnoreCase("Basic")) {
            throw new InvalidHeaderValue(AUTHORIZATION, "unsupported scheme: " + scheme);
        }
        int schemeEnd = parser.pos;
        if (parser.peek() != ' ') {
            throw maskedError(header, schemeEnd, "expected space after scheme", parser.pos);
        }
        // RFC 7235 §2.1: credentials = auth-scheme [ 1*SP ( token68 / #auth-param ) ].
        while (parser.peek() == ' ') {
            parser.pos++;
        }
        int start = parser.pos;
        while (isToken68Char(parser.peek())) {
            parser.pos++;
        }
        if (parser.pos == start) {
            throw maskedError(header, start, "expected token68", start);
        }
        while (parser.peek() == '=') {
            parser.pos++;
        }
        if (!parser.atEnd()) {
            throw maskedError(header, start, "trailing data", parser.pos);
        }
        byte[] decoded = decodeBase64Strictly(header.substring(start));
        if (decoded == null) {
            throw new InvalidHeaderValue(AUTHORIZATION, "expected base64-encoded credentials");
        }
        String userPass;
        try {
            userPass = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(decoded))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidHeaderValue(AUTHORIZATION, "expected UTF-8 credentials");
        }
        int colon = userPass.indexOf(':');
        if (colon < 0) {
            throw new InvalidHeaderValue(AUTHORIZATION, "expected username:password credentials");
        }
        if (hasControlCharacter(userPass)) {
            // RFC 7617 §2: "The user-id and password MUST NOT contain any control characters".
            throw new InvalidHeaderValue(AUTHORIZATION, "control character in credentials");
        }
        return new BasicCredentials(userPass.substring(0, colon), userPass.substring(colon + 1));
    }

    /**
     * Builds an {@code Authorization} header value for Basic authentication:
     * {@code Basic base64(utf8(username ":" password))}. The reverse of
     * {@link #parseAuthorizationBasic(String)}.
     *
     * @param username the user-id
     * @param password the password
     * @return the header value
     * @throws IllegalArgumentException when the username holds a colon, or either holds a control
     *                                  character (RFC 7617 §2)
     */
    public static String buildAuthorizationBasic(String username, String password) {
        return buildAuthorizationBasic(new BasicCredentials(username, password));
    }

    /**
     * Builds an {@code Authorization} header value for Basic authentication from
     * {@code credentials}; see {@link #buildAuthorizationBasic(String, String)}.
     *
     * @param credentials the user-id and password
     * @return the header value
     * @throws IllegalArgumentException when either part holds a control character (RFC 7617 §2)
     *                                  or an unpaired surrogate (which UTF-8 cannot encode)
     */
    public static String buildAuthorizationBasic(BasicCredentials credentials) {
        String userPass = credentials.username() + ":" + credentials.password();
        if (hasControlCharacter(userPass)) {
            throw new IllegalArgumentException("Basic credentials must not contain control characters (RFC 7617 §2)");
        }
        ByteBuffer utf8;
        try {
            // String.getBytes would silently turn an unpaired surrogate into '?'.
            utf8 = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(userPass));
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("Basic credentials must be valid UTF-16 (unpaired surrogate)", e);
        }
        byte[] bytes = new byte[utf8.remaining()];
        utf8.get(bytes);
        return "Basic " + Base64.getEncoder().encodeToString(bytes);
    }

    // ---------------------------------------------------------------- building blocks

    /**
     * The RFC 9110 §5.6.1 list rule, as Python websockets parses it:
     * {@code *( "," OWS ) element *( OWS "," [ OWS element ] )}.
     */
    private static <T> List<T> parseList(String header, String name, Function<Parser, T> element) {
        Parser parser = new Parser(header, name);
        // "A recipient MUST parse and ignore a reasonable number of empty list elements".
        skipDelimiters(parser);
        List<T> items = new ArrayList<>();
        while (true) {
            // An element must start here: this is what makes the list 1#, not #.
            items.add(element.apply(parser));
            parser.ows();
            if (parser.atEnd()) {
                return items;
            }
            if (parser.peek() != ',') {
                throw parser.error("expected comma", parser.pos);
            }
            skipDelimiters(parser);
            if (parser.atEnd()) {
                return items;
            }
        }
    }

    /** Skips {@code *( "," OWS )}. */
    private static void skipDelimiters(Parser parser) {
        while (parser.peek() == ',') {
            parser.pos++;
            parser.ows();
        }
    }

    private static <T> List<T> parseLines(List<String> values, Function<String, List<T>> line) {
        List<T> all = new ArrayList<>();
        for (String value : values) {
            all.addAll(line.apply(value));
        }
        return all;
    }

    /** protocol = protocol-name ["/" protocol-version], both tokens. */
    private static String upgradeProtocol(Parser parser) {
        int start = parser.pos;
        int end = parser.tokenEnd(start);
        if (end == start) {
            throw parser.error("expected protocol", start);
        }
        // A "/" without a token after it is not part of the protocol; the list rule rejects it.
        if (end < parser.header.length() && parser.header.charAt(end) == '/') {
            int versionEnd = parser.tokenEnd(end + 1);
            if (versionEnd > end + 1) {
                end = versionEnd;
            }
        }
        parser.pos = end;
        return parser.header.substring(start, end);
    }

    /** extension = token *( OWS ";" OWS param ); param = token [ OWS "=" OWS ( token / quoted-string ) ]. */
    private static ExtensionHeader extension(Parser parser) {
        String name = parser.token();
        List<ExtensionParameter> parameters = new ArrayList<>();
        parser.ows();
        while (parser.peek() == ';') {
            parser.pos++;
            parser.ows();
            String parameterName = parser.token();
            parser.ows();
            String value = null;
            if (parser.peek() == '=') {
                parser.pos++;
                parser.ows();
                if (parser.peek() == '"') {
                    int quoteStart = parser.pos;
                    value = quotedString(parser);
                    // RFC 6455 §9.1: "the value after quoted-string unescaping MUST conform to
                    // the 'token' ABNF".
                    if (!Tokens.isToken(value)) {
                        throw parser.error("invalid quoted header content", quoteStart);
                    }
                } else {
                    value = parser.token();
                }
                parser.ows();
            }
            parameters.add(new ExtensionParameter(parameterName, value));
        }
        return new ExtensionHeader(name, parameters);
    }

    /**
     * quoted-string = DQUOTE *( qdtext / quoted-pair ) DQUOTE (RFC 9110 §5.6.4); returns the
     * unescaped content. Fails at the opening quote when the string is malformed or unterminated.
     */
    private static String quotedString(Parser parser) {
        String header = parser.header;
        int start = parser.pos;
        if (parser.peek() != '"') {
            throw parser.error("expected quoted string", start);
        }
        StringBuilder content = new StringBuilder();
        int pos = start + 1;
        while (pos < header.length()) {
            char c = header.charAt(pos);
            if (c == '"') {
                parser.pos = pos + 1;
                return content.toString();
            }
            if (c == '\\' && pos + 1 < header.length() && isQuotedPairChar(header.charAt(pos + 1))) {
                content.append(header.charAt(pos + 1));
                pos += 2;
            } else if (isQdtext(c)) {
                content.append(c);
                pos++;
            } else {
                break;
            }
        }
        throw parser.error("expected quoted string", start);
    }

    /** qdtext = HTAB / SP / %x21 / %x23-5B / %x5D-7E / obs-text. */
    private static boolean isQdtext(char c) {
        return c == '\t' || c == ' ' || c == 0x21 || (c >= 0x23 && c <= 0x5B) || (c >= 0x5D && c <= 0x7E)
                || (c >= 0x80 && c <= 0xFF);
    }

    /** The character after a backslash: HTAB / SP / VCHAR / obs-text. */
    private static boolean isQuotedPairChar(char c) {
        return c == '\t' || (c >= 0x20 && c <= 0x7E) || (c >= 0x80 && c <= 0xFF);
    }

    /** Quotes {@code value} as a quoted-string, escaping {@code "} and {@code \}. */
    private static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!isQuotedPairChar(c)) {
                throw new IllegalArgumentException("cannot put U+" + String.format("%04X", (int) c)
                        + " in a quoted-string (index " + i + ")");
            }
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('"').toString();
    }

    /** token68 = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"=". */
    private static boolean isToken68Char(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
    }

    /**
     * Decodes standard padded base64, or returns null. The JDK decoder alone is lenient: it takes
     * missing padding and ignores the unused low bits of the last character, so several strings
     * would decode to the same bytes. Re-encoding and comparing accepts only the canonical form.
     */
    static byte[] decodeBase64Strictly(String text) {
        if (text.length() % 4 != 0) {
            return null;
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
        return Base64.getEncoder().encodeToString(decoded).equals(text) ? decoded : null;
    }

    /** CTL = %x00-1F / %x7F (RFC 5234 Appendix B.1). */
    private static boolean hasControlCharacter(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                return true;
            }
        }
        return false;
    }

    /**
     * An Authorization format error whose header keeps only {@code header[0, keep)} and masks the
     * rest with {@code *}.
     */
    private static InvalidHeaderFormat maskedError(String header, int keep, String error, int pos) {
        String masked = header.substring(0, keep) + "*".repeat(header.length() - keep);
        return new InvalidHeaderFormat(AUTHORIZATION, error, masked, pos);
    }
}
