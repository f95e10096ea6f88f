package org.websockets4j.http;

import java.io.ByteArrayOutputStream;
import java.net.IDN;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed and validated {@code ws://} or {@code wss://} URI (RFC 6455 §3), the counterpart of
 * Python websockets' {@code WebSocketURI} and {@code parse_uri()}.
 *
 * <p>{@link #parse(String)} is a strict hand-written parser for the subset of RFC 3986 that a
 * WebSocket URI may use, extended with RFC 3987 (IRIs: non-ASCII characters) and IDNA for host
 * names. It never relies on {@link java.net.URI}, whose RFC 2396 grammar accepts some things
 * RFC 3986 forbids and rejects some that it allows. The rules:
 *
 * <ul>
 *   <li><b>Scheme</b>: {@code ws} or {@code wss}, in any case ({@code WS://} is accepted), followed
 *       by {@code //} and an authority.
 *   <li><b>Fragment</b>: refused, even empty ({@code #} anywhere): RFC 6455 §3 says fragment
 *       identifiers MUST NOT be used on WebSocket URIs.
 *   <li><b>Host</b>: required. A registered name is percent-decoded (as UTF-8), converted to ASCII
 *       with {@link IDN#toASCII(String, int)} and {@link IDN#USE_STD3_ASCII_RULES} when it holds
 *       non-ASCII characters ({@code bücher.example} becomes {@code xn--bcher-kva.example}) and
 *       lower-cased ({@link IDN} implements IDNA2003, RFC 3490, not IDNA2008, RFC 5890: it maps
 *       {@code ß} to {@code ss} where IDNA2008 keeps it; the JDK has nothing newer and this library
 *       takes no dependencies). Each label must be 1 to 63 letters, digits, hyphens or underscores, not
 *       starting or ending with a hyphen; the name is at most 253 characters, plus one optional
 *       trailing dot which is kept. Underscores are allowed in ASCII labels (RFC 2181 §11; they
 *       occur in container and service names) although STD3 host names forbid them. A name made
 *       only of digits and dots must be a dotted-quad IPv4 address, each part 0-255 without
 *       leading zeros ({@code ws://127.1/} and {@code ws://0127.0.0.1/} are refused rather than
 *       handed to a resolver that may read them as octal or shorthand).
 *   <li><b>IPv6</b>: a literal in brackets, {@code ws://[::1]:8080/}, checked against the RFC 3986
 *       {@code IPv6address} grammar (an embedded IPv4 tail included). {@link #host()} holds it
 *       <em>without</em> brackets, lower-cased but otherwise as written (not compressed), which is
 *       the form {@link java.net.InetAddress#getByName(String)} takes; {@link #hostHeader()} puts
 *       the brackets back. {@code IPvFuture} literals ({@code [v1.x]}) are refused.
 *   <li><b>Zone identifiers</b> (RFC 6874): accepted, written {@code [fe80::1%25eth0]}. The zone
 *       must be letters, digits, {@code -._~} (percent-encoded forms of those are decoded) and is
 *       kept in its case. {@link #host()} gives {@code fe80::1%eth0}, the form the JDK resolves;
 *       {@link #hostHeader()} leaves the zone out, since RFC 6874 §4 says it has meaning only on
 *       the sending host; {@link #toString()} writes it back as {@code %25eth0}, while
 *       {@link #toUri()} leaves it out ({@link java.net.URI} misreads RFC 6874 zones). A bare
 *       {@code %} ({@code [fe80::1%eth0]}) is refused with a hint.
 *   <li><b>Port</b>: decimal digits, 1 to 65535 (leading zeros allowed: {@code :0080} is 80). An
 *       empty port ({@code ws://h:/}) is valid RFC 3986 and means the default. <b>Port 0 is
 *       refused</b>: nothing can be reached on it, and Python's {@code parsed.port or 80} silently
 *       turning it into the default port would hide a typo. Without a port, 80 for {@code ws} and
 *       443 for {@code wss}; {@link #port()} is always set.
 *   <li><b>User information</b>: {@code user:password@}, both parts percent-decoded as UTF-8. As in
 *       Python websockets, a password is required ({@code ws://user@h/} is refused; it may be
 *       empty, {@code ws://user:@h/}), since the only use is HTTP Basic authentication. The
 *       decoded user name may not contain {@code :} and neither part may contain control
 *       characters (RFC 7617 §2). A literal {@code @} must be percent-encoded.
 *   <li><b>Path and query</b>: every ASCII character must be one RFC 3986 allows there (no space,
 *       control character, {@code "<>\^`{|}[]} or backslash) and each {@code %} must start a
 *       two-hex-digit escape. Non-ASCII characters allowed in IRIs (RFC 3987 {@code ucschar}, and
 *       {@code iprivate} in the query) are accepted and percent-encoded as UTF-8, so that a URI
 *       pasted with {@code /café} works and sends {@code /caf%C3%A9}. Bidirectional formatting
 *       characters (U+200E, U+200F, U+202A-U+202E, U+2066-U+2069) are refused anywhere (RFC 3987
 *       §4.1). Unlike Python websockets, {@code ;} in the last path segment is allowed.
 *   <li><b>Resource name</b>: the path as given (not normalised, not decoded; {@code /} when
 *       empty), then {@code ?} and the query when the query is not empty (RFC 6455 §3):
 *       {@code ws://h?x=1} gives {@code /?x=1}.
 *   <li>Nothing is trimmed: leading or trailing whitespace makes the URI invalid.
 * </ul>
 *
 * <p>Error messages never repeat a password: the URI given to {@link InvalidURI} has the password
 * replaced by {@code ***} and control and bidirectional formatting characters written as Java
 * unicode escapes (backslash, {@code u}, four hex digits), so
 * {@link InvalidURI#uri()} is that redacted text.
 *
 * <p>The record's canonical constructor checks the same invariants on already-normalised values
 * (throwing {@link IllegalArgumentException}), so that {@link #hostHeader()} and
 * {@link #resourceName()} can go into a request head without risk of header injection.
 *
 * <p>Instances are immutable and thread-safe; {@link #parse(String)} is thread-safe.
 *
 * @param secure       true for {@code wss}
 * @param host         the lower-case ASCII host name, IPv4 address, or IPv6 address without
 *                     brackets (with {@code %zone} when it had one)
 * @param port         the port, 1-65535, always set (80 or 443 when the URI had none)
 * @param resourceName the path and optional query, starting with {@code /}
 * @param username     the percent-decoded user name, or null when the URI had no user information
 * @param password     the percent-decoded password, or null when the URI had no user information
 */
public record WebSocketUri(boolean secure, String host, int port, String resourceName, String username,
        String password) {

    /** Default port of {@code ws}. */
    public static final int DEFAULT_PORT = 80;
    /** Default port of {@code wss}. */
    public static final int DEFAULT_SECURE_PORT = 443;

    /**
     * The user information of a URI, percent-decoded: Python websockets' {@code user_info} tuple.
     * Immutable; {@link #toString()} does not show the password.
     *
     * @param username the user name, never containing {@code :}
     * @param password the password, possibly empty
     */
    public record UserInfo(String username, String password) {
        /**
         * Checks the parts; {@link WebSocketUri#parse(String)} produces only valid ones.
         *
         * @throws NullPointerException     when either part is null
         * @throws IllegalArgumentException when the user name contains {@code :} or either part a
         *                                  control character
         */
        public UserInfo {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
            checkCredentials(username, password);
        }

        /** {@code username:***}: the password is never shown. */
        @Override
        public String toString() {
            return username + ":***";
        }
    }

    /**
     * Checks the invariants; see the type's documentation. Prefer {@link #parse(String)}.
     *
     * @throws NullPointerException     when host or resourceName is null
     * @throws IllegalArgumentException when the host is not a normalised host (lower-case ASCII
     *                                  name, IPv4 or bracket-less IPv6 literal), the port is not in
     *                                  1-65535, the resource name is not {@code /} followed by
     *                                  RFC 3986 path and query characters, only one of username and
     *                                  password is null, or they break the rules of {@link UserInfo}
     */
    public WebSocketUri {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(resourceName, "resourceName");
        if (!isNormalisedHost(host)) {
            throw new IllegalArgumentException("not a normalised host: " + escape(host));
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1-65535, got " + port);
        }
        if (!isResourceName(resourceName)) {
            throw new IllegalArgumentException("not a valid resource name: " + escape(resourceName));
        }
        if ((username == null) != (password == null)) {
            throw new IllegalArgumentException("username and password must both be null or both be set");
        }
        if (username != null) {
            checkCredentials(username, password);
        }
    }

    /**
     * Parses and validates a WebSocket URI (Python websockets' {@code parse_uri}); see the type's
     * documentation for the rules.
     *
     * @param uri the URI, for example {@code wss://example.com/chat?room=1}
     * @return the parsed URI
     * @throws NullPointerException when {@code uri} is null (a programming error, not bad input)
     * @throws InvalidURI           when {@code uri} is not a valid WebSocket URI; the message holds
     *                              the URI (password masked) and what is wrong with it
     */
    public static WebSocketUri parse(String uri) {
        Objects.requireNonNull(uri, "uri");
        return new Parser(uri).parse();
    }

    /**
     * The user information, when the URI had some.
     *
     * @return the user name and password, or empty when {@link #username()} is null
     */
    public Optional<UserInfo> userInfo() {
        return username == null ? Optional.empty() : Optional.of(new UserInfo(username, password));
    }

    /**
     * The scheme, in lower case.
     *
     * @return {@code wss} when secure, else {@code ws}
     */
    public String scheme() {
        return secure ? "wss" : "ws";
    }

    /**
     * The default port of this URI's scheme.
     *
     * @return 443 for {@code wss}, 80 for {@code ws}
     */
    public int defaultPort() {
        return secure ? DEFAULT_SECURE_PORT : DEFAULT_PORT;
    }

    /**
     * Whether the host is an IPv6 address.
     *
     * @return true when {@link #host()} is an IPv6 address (possibly with a zone)
     */
    public boolean isIpv6() {
        return host.indexOf(':') >= 0;
    }

    /**
     * The value of the {@code Host} header of the opening handshake (RFC 6455 §4.1, RFC 9110 §7.2):
     * the host, in brackets when it is an IPv6 address (without its zone identifier, RFC 6874 §4),
     * followed by {@code :port} only when the port is not the scheme's default.
     *
     * @return for example {@code example.com}, {@code example.com:8080} or {@code [::1]:8080}
     */
    public String hostHeader() {
        return authorityHost(false) + portSuffix();
    }

    /**
     * The normalised URI as a {@link URI}, <em>without</em> user information (so that it is safe to
     * log and to resolve redirects against) and without an IPv6 zone identifier: lower-case scheme
     * and host, default port left out, the resource name as is. The zone is left out because
     * {@link URI} does not implement RFC 6874: it would read {@code %25eth0} as the scope
     * {@code 25eth0} and refuses scopes holding {@code -} or {@code ~}.
     *
     * @return the URI; never throws for a valid instance
     */
    public URI toUri() {
        return URI.create(scheme() + "://" + authorityHost(false) + portSuffix() + resourceName);
    }

    /**
     * The normalised URI, for example {@code wss://alice:***@example.com:8443/chat?x=1}: lower-case
     * scheme and host, the default port left out, the user name percent-encoded and the password
     * replaced by {@code ***} (never printed). Passing the result to {@link #parse(String)} gives
     * the same URI except for the password.
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(scheme()).append("://");
        if (username != null) {
            sb.append(encodeUserInfo(username)).append(":***@");
        }
        return sb.append(authorityHost(true)).append(portSuffix()).append(resourceName).toString();
    }

    private String authorityHost(boolean withZone) {
        if (!isIpv6()) {
            return host;
        }
        int percent = host.indexOf('%');
        if (percent < 0) {
            return "[" + host + "]";
        }
        String address = host.substring(0, percent);
        return withZone ? "[" + address + "%25" + host.substring(percent + 1) + "]" : "[" + address + "]";
    }

    private String portSuffix() {
        return port == defaultPort() ? "" : ":" + port;
    }

    // ---------------------------------------------------------------------------------------------
    // Character classes (RFC 3986 §2, RFC 3987 §2.2)

    private static boolean isAlpha(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHexDigit(int c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean isUnreserved(int c) {
        return isAlpha(c) || isDigit(c) || c == '-' || c == '.' || c == '_' || c == '~';
    }

    private static boolean isSubDelim(int c) {
        return c == '!' || c == '$' || c == '&' || c == '\'' || c == '(' || c == ')' || c == '*'
                || c == '+' || c == ',' || c == ';' || c == '=';
    }

    private static boolean isPchar(int c) {
        return isUnreserved(c) || isSubDelim(c) || c == ':' || c == '@';
    }

    /** RFC 3987 {@code ucschar}. */
    private static boolean isUcschar(int c) {
        return (c >= 0xA0 && c <= 0xD7FF) || (c >= 0xF900 && c <= 0xFDCF) || (c >= 0xFDF0 && c <= 0xFFEF)
                || (c >= 0x10000 && c <= 0xDFFFD && (c & 0xFFFF) <= 0xFFFD)
                || (c >= 0xE1000 && c <= 0xEFFFD);
    }

    /** RFC 3987 {@code iprivate}, allowed in the query only. */
    private static boolean isIprivate(int c) {
        return (c >= 0xE000 && c <= 0xF8FF) || (c >= 0xF0000 && c <= 0xFFFFD) || (c >= 0x100000 && c <= 0x10FFFD);
    }

    /** Bidirectional formatting characters, which RFC 3987 §4.1 forbids in IRIs (plus the isolates). */
    private static boolean isBidiFormatting(int c) {
        return c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
    }

    private static boolean isControl(int c) {
        return c < 0x20 || (c >= 0x7F && c <= 0x9F);
    }

    // ---------------------------------------------------------------------------------------------
    // Invariant checks for the canonical constructor

    private static void checkCredentials(String username, String password) {
        if (username.indexOf(':') >= 0) {
            throw new IllegalArgumentException("the user name must not contain ':' (RFC 7617 §2)");
        }
        if (hasControl(username) || hasControl(password)) {
            throw new IllegalArgumentException("user information must not contain control characters");
        }
    }

    private static boolean hasControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (isControl(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isNormalisedHost(String host) {
        if (host.indexOf(':') >= 0) {
            int percent = host.indexOf('%');
            String address = percent < 0 ? host : host.substring(0, percent);
            if (!address.equals(address.toLowerCase(Locale.ROOT)) || !isIpv6Address(address)) {
                return false;
            }
            return percent < 0 || isZone(host.substring(percent + 1));
        }
        return normalisedHostError(host) == null;
    }

    private static boolean isZone(String zone) {
        if (zone.isEmpty()) {
            return false;
        }
        for (int i = 0; i < zone.length(); i++) {
            if (!isUnreserved(zone.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Checks a lower-case ASCII host name or IPv4 address; returns what is wrong, or null.
     */
    private static String normalisedHostError(String host) {
        if (host.isEmpty()) {
            return "empty host";
        }
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (name.isEmpty()) {
            return "empty label in host name";
        }
        boolean digitsAndDots = true;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!isDigit(c) && c != '.') {
                digitsAndDots = false;
                break;
            }
        }
        if (digitsAndDots) {
            return host.equals(name) && isIpv4Address(name) ? null
                    : "invalid IPv4 address " + name + " (expected four numbers 0-255 without leading zeros)";
        }
        if (name.length() > 253) {
            return "host name longer than 253 characters";
        }
        int start = 0;
        while (start <= name.length()) {
            int dot = name.indexOf('.', start);
            int end = dot < 0 ? name.length() : dot;
            String error = labelError(name, start, end);
            if (error != null) {
                return error;
            }
            start = end + 1;
        }
        return null;
    }

    private static String labelError(String name, int start, int end) {
        if (start == end) {
            return "empty label in host name";
        }
        if (end - start > 63) {
            return "host name label longer than 63 characters";
        }
        for (int i = start; i < end; i++) {
            char c = name.charAt(i);
            if (!((c >= 'a' && c <= 'z') || isDigit(c) || c == '-' || c == '_')) {
                return "invalid character " + describe(c) + " in host name";
            }
        }
        if (name.charAt(start) == '-' || name.charAt(end - 1) == '-') {
            return "host name label starts or ends with '-'";
        }
        return null;
    }

    /** RFC 3986 {@code IPv4address}: four dec-octets without leading zeros. */
    private static boolean isIpv4Address(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (!isDecOctet(part)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDecOctet(String part) {
        if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.charAt(0) == '0')) {
            return false;
        }
        int value = 0;
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (!isDigit(c)) {
                return false;
            }
            value = value * 10 + (c - '0');
        }
        return value <= 255;
    }

    /** RFC 3986 {@code IPv6address}, in any case. */
    static boolean isIpv6Address(String s) {
        int doubleColon = s.indexOf("::");
        if (doubleColon >= 0 && s.indexOf("::", doubleColon + 1) >= 0) {
            return false;
        }
        int groups;
        if (doubleColon < 0) {
            groups = countGroups(s, true);
            return groups == 8;
        }
        String head = s.substring(0, doubleColon);
        String tail = s.substring(doubleColon + 2);
        int headGroups = head.isEmpty() ? 0 : countGroups(head, false);
        int tailGroups = tail.isEmpty() ? 0 : countGroups(tail, true);
        if (headGroups < 0 || tailGroups < 0) {
            return false;
        }
        return headGroups + tailGroups <= 7;
    }

    /** Counts the 16-bit groups of {@code h16 *(":" h16)}, an IPv4 tail counting two; -1 when invalid. */
    private static int countGroups(String s, boolean ipv4TailAllowed) {
        String[] pieces = s.split(":", -1);
        int groups = 0;
        for (int i = 0; i < pieces.length; i++) {
            String piece = pieces[i];
            if (i == pieces.length - 1 && ipv4TailAllowed && piece.indexOf('.') >= 0) {
                if (!isIpv4Address(piece)) {
                    return -1;
                }
                groups += 2;
            } else {
                if (piece.isEmpty() || piece.length() > 4) {
                    return -1;
                }
                for (int j = 0; j < piece.length(); j++) {
                    if (!isHexDigit(piece.charAt(j))) {
                        return -1;
                    }
                }
                groups++;
            }
        }
        return groups;
    }

    private static boolean isResourceName(String s) {
        if (s.isEmpty() || s.charAt(0) != '/') {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length() || !isHexDigit(s.charAt(i + 1)) || !isHexDigit(s.charAt(i + 2))) {
                    return false;
                }
                i += 2;
            } else if (!(isPchar(c) || c == '/' || c == '?')) {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------------------------------------
    // Output helpers

    private static String encodeUserInfo(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c < 0x80 && (isUnreserved(c) || isSubDelim(c))) {
                sb.append((char) c);
            } else {
                appendPercent(sb, c);
            }
        }
        return sb.toString();
    }

    private static void appendPercent(StringBuilder sb, int octet) {
        sb.append('%').append(Character.toUpperCase(Character.forDigit(octet >> 4, 16)))
                .append(Character.toUpperCase(Character.forDigit(octet & 0xF, 16)));
    }

    /** A character for an error message: {@code 'x'} when visible ASCII, else {@code U+XXXX}. */
    private static String describe(int c) {
        return c > 0x20 && c < 0x7F ? "'" + (char) c + "'" : String.format("U+%04X", c);
    }

    /** Escapes control and bidirectional formatting characters so that a message is safe to log. */
    static String escape(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (isControl(c) || isBidiFormatting(c) || c == '\u2028' || c == '\u2029') {
                if (sb == null) {
                    sb = new StringBuilder(s.length() + 16).append(s, 0, i);
                }
                sb.append(String.format("\\u%04X", (int) c));
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? s : sb.toString();
    }

    /**
     * The URI as it may appear in a message or a log line: the password of
     * {@code user:password@} replaced by {@code ***}, the user name kept
     * ({@code ws://alice:***@example.com/}), and control and bidirectional formatting characters
     * written as Java unicode escapes (backslash, {@code u}, four hex digits). Best effort on any
     * text, valid URI or not: it never throws, and text without user information comes back
     * unchanged but for the escapes; redacting twice changes nothing more. Use it wherever a URI
     * that a user typed may be printed.
     *
     * @param uri any text, typically a URI as given
     * @return the text, safe to print
     * @throws NullPointerException when {@code uri} is null
     */
    public static String redact(String uri) {
        int slashes = uri.indexOf("//");
        int start = slashes < 0 ? 0 : slashes + 2;
        int end = uri.length();
        for (int i = start; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                end = i;
                break;
            }
        }
        int at = uri.lastIndexOf('@', end - 1);
        String result = uri;
        if (at >= start) {
            int colon = uri.indexOf(':', start);
            if (colon >= 0 && colon < at) {
                result = uri.substring(0, colon + 1) + "***" + uri.substring(at);
            }
        }
        return escape(result);
    }

    // ---------------------------------------------------------------------------------------------
    // The parser

    /** One parse of one string; not shared. */
    private static final class Parser {
        private final String input;

        Parser(String input) {
            this.input = input;
        }

        private InvalidURI fail(String reason) {
            return new InvalidURI(redact(input), reason);
        }

        WebSocketUri parse() {
            if (input.isEmpty()) {
                throw fail("empty URI");
            }
            if (isSpace(input.charAt(0)) || isSpace(input.charAt(input.length() - 1))) {
                throw fail("leading or trailing whitespace");
            }
            int hash = input.indexOf('#');
            if (hash >= 0) {
                throw fail("fragment at index " + hash + ": WebSocket URIs must not have a fragment (RFC 6455 §3)");
            }

            // scheme "://"
            int colon = input.indexOf(':');
            if (colon <= 0 || !isScheme(colon)) {
                throw fail("missing scheme: expected ws:// or wss://");
            }
            String scheme = input.substring(0, colon).toLowerCase(Locale.ROOT);
            boolean secure;
            if (scheme.equals("ws")) {
                secure = false;
            } else if (scheme.equals("wss")) {
                secure = true;
            } else {
                throw fail("scheme must be ws or wss, got " + input.substring(0, colon));
            }
            if (!input.startsWith("//", colon + 1)) {
                throw fail("expected // after " + input.substring(0, colon + 1));
            }

            // authority
            int authorityStart = colon + 3;
            int authorityEnd = input.length();
            for (int i = authorityStart; i < input.length(); i++) {
                char c = input.charAt(i);
                if (c == '/' || c == '?') {
                    authorityEnd = i;
                    break;
                }
            }
            String username = null;
            String password = null;
            int hostStart = authorityStart;
            int at = input.indexOf('@', authorityStart);
            if (at >= 0 && at < authorityEnd) {
                int second = input.indexOf('@', at + 1);
                if (second >= 0 && second < authorityEnd) {
                    throw fail("'@' at index " + at + " in user information must be percent-encoded as %40");
                }
                int separator = input.indexOf(':', authorityStart);
                if (separator < 0 || separator > at) {
                    throw fail("user information without a password: expected user:password@"
                            + " (the password may be empty)");
                }
                username = decodeUserInfo(authorityStart, separator, "user name");
                password = decodeUserInfo(separator + 1, at, "password");
                if (username.indexOf(':') >= 0) {
                    throw fail("the user name contains ':' (percent-encoded), which HTTP Basic credentials"
                            + " cannot carry (RFC 7617 §2)");
                }
                hostStart = at + 1;
            }

            // host [":" port]
            String host;
            int portStart; // index of ':' before the port, or -1
            if (hostStart < authorityEnd && input.charAt(hostStart) == '[') {
                int close = input.indexOf(']', hostStart);
                if (close < 0 || close > authorityEnd) {
                    throw fail("missing ']' after the IPv6 literal starting at index " + hostStart);
                }
                host = parseIpLiteral(hostStart + 1, close);
                if (close + 1 == authorityEnd) {
                    portStart = -1;
                } else if (input.charAt(close + 1) == ':') {
                    portStart = close + 1;
                } else {
                    throw fail("unexpected " + describe(input.codePointAt(close + 1)) + " at index " + (close + 1)
                            + " after the IPv6 literal: expected ':' and a port, '/', '?' or the end");
                }
            } else {
                int separator = input.indexOf(':', hostStart);
                int hostEnd = separator >= 0 && separator < authorityEnd ? separator : authorityEnd;
                if (hostEnd < authorityEnd && input.indexOf(':', hostEnd + 1) >= 0
                        && input.indexOf(':', hostEnd + 1) < authorityEnd) {
                    throw fail("more than one ':' in the authority; IPv6 addresses must be in brackets, "
                            + "as in ws://[::1]:8080/");
                }
                if (hostStart == hostEnd) {
                    throw fail("missing host");
                }
                host = parseRegName(hostStart, hostEnd);
                portStart = hostEnd < authorityEnd ? hostEnd : -1;
            }
            int port = portStart < 0 ? (secure ? DEFAULT_SECURE_PORT : DEFAULT_PORT)
                    : parsePort(portStart + 1, authorityEnd, secure);

            // path ["?" query]
            int queryMark = input.indexOf('?', authorityEnd);
            int pathEnd = queryMark < 0 ? input.length() : queryMark;
            StringBuilder resource = new StringBuilder(input.length() - authorityEnd + 8);
            if (pathEnd == authorityEnd) {
                resource.append('/');
            } else {
                appendComponent(resource, authorityEnd, pathEnd, false);
            }
            if (queryMark >= 0 && queryMark + 1 < input.length()) {
                resource.append('?');
                appendComponent(resource, queryMark + 1, input.length(), true);
            }
            return new WebSocketUri(secure, host, port, resource.toString(), username, password);
        }

        private static boolean isSpace(char c) {
            return Character.isWhitespace(c) || Character.isSpaceChar(c);
        }

        private boolean isScheme(int end) {
            if (!isAlpha(input.charAt(0))) {
                return false;
            }
            for (int i = 1; i < end; i++) {
                char c = input.charAt(i);
                if (!(isAlpha(c) || isDigit(c) || c == '+' || c == '-' || c == '.')) {
                    return false;
                }
            }
            return true;
        }

        private int parsePort(int start, int end, boolean secure) {
            if (start == end) {
                return secure ? DEFAULT_SECURE_PORT : DEFAULT_PORT; // RFC 3986 §3.2.3: empty port
            }
            int value = 0;
            for (int i = start; i < end; i++) {
                char c = input.charAt(i);
                if (!isDigit(c)) {
                    throw fail("invalid port \"" + escape(input.substring(start, end))
                            + "\": expected a number from 1 to 65535");
                }
                value = Math.min(value * 10 + (c - '0'), 100_000);
            }
            if (value == 0) {
                throw fail("port 0 is not a port one can connect to: expected a number from 1 to 65535");
            }
            if (value > 65535) {
                throw fail("port " + escape(input.substring(start, end)) + " is out of range:"
                        + " expected a number from 1 to 65535");
            }
            return value;
        }

        /** Parses {@code IPv6address ["%25" ZoneID]} between the brackets. */
        private String parseIpLiteral(int start, int end) {
            if (start == end) {
                throw fail("empty IPv6 literal []");
            }
            char first = input.charAt(start);
            if (first == 'v' || first == 'V') {
                throw fail("IPvFuture literals are not supported");
            }
            int percent = input.indexOf('%', start);
            int addressEnd = percent >= 0 && percent < end ? percent : end;
            String address = input.substring(start, addressEnd);
            if (!isIpv6Address(address)) {
                throw fail("invalid IPv6 address " + escape(address));
            }
            address = address.toLowerCase(Locale.ROOT);
            if (addressEnd == end) {
                return address;
            }
            if (!input.startsWith("%25", percent) || percent + 3 > end) {
                throw fail("a zone identifier must be written %25zone (RFC 6874), as in [fe80::1%25eth0]");
            }
            if (percent + 3 == end) {
                throw fail("empty zone identifier");
            }
            byte[] zone = decode(percent + 3, end, "zone identifier", false);
            StringBuilder sb = new StringBuilder(zone.length);
            for (byte b : zone) {
                if (!isUnreserved(b & 0xFF)) {
                    throw fail("zone identifiers may only hold letters, digits and -._~");
                }
                sb.append((char) b);
            }
            return address + "%" + sb;
        }

        /** Parses, decodes, IDNA-converts and checks a registered name or IPv4 address. */
        private String parseRegName(int start, int end) {
            byte[] bytes = decode(start, end, "host", true);
            String decoded = utf8(bytes, "host");
            StringBuilder ascii = new StringBuilder(decoded.length());
            int labelStart = 0;
            for (int i = 0; i <= decoded.length(); i++) {
                char c = i < decoded.length() ? decoded.charAt(i) : '.';
                boolean separator = c == '.' || c == '\u3002' || c == '\uFF0E' || c == '\uFF61';
                if (!separator) {
                    continue;
                }
                if (i == decoded.length() && labelStart == i && labelStart > 0) {
                    break; // one trailing dot
                }
                String label = decoded.substring(labelStart, i);
                if (label.isEmpty()) {
                    throw fail("empty label in host name");
                }
                if (ascii.length() > 0) {
                    ascii.append('.');
                }
                ascii.append(toAsciiLabel(label));
                labelStart = i + 1;
            }
            if (labelStart == decoded.length() && labelStart > 0) {
                ascii.append('.');
            }
            String host = ascii.toString();
            String error = normalisedHostError(host);
            if (error != null) {
                throw fail(error);
            }
            return host;
        }

        private String toAsciiLabel(String label) {
            boolean isAscii = true;
            for (int i = 0; i < label.length(); i++) {
                if (label.charAt(i) >= 0x80) {
                    isAscii = false;
                    break;
                }
            }
            if (isAscii) {
                return label.toLowerCase(Locale.ROOT);
            }
            String converted;
            try {
                converted = IDN.toASCII(label, IDN.USE_STD3_ASCII_RULES);
            } catch (RuntimeException e) {
                String why = String.valueOf(e.getMessage()).replace("java.text.ParseException: ", "");
                throw fail("invalid internationalised host name label " + escape(label) + ": " + escape(why));
            }
            if (converted.isEmpty()) {
                throw fail("empty label in host name");
            }
            return converted.toLowerCase(Locale.ROOT);
        }

        private String decodeUserInfo(int start, int end, String what) {
            String decoded = utf8(decode(start, end, what, true), what);
            for (int i = 0; i < decoded.length(); i++) {
                if (isControl(decoded.charAt(i))) {
                    throw fail("the " + what + " contains a control character (RFC 7617 §2)");
                }
            }
            return decoded;
        }

        /**
         * Percent-decodes {@code input[start, end)} of the user information, host or zone: ASCII
         * must be unreserved, a sub-delim, or (user information) ':'; non-ASCII must be an RFC 3987
         * ucschar when allowed and is encoded as UTF-8.
         */
        private byte[] decode(int start, int end, String what, boolean nonAsciiAllowed) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(end - start);
            for (int i = start; i < end; ) {
                int c = input.codePointAt(i);
                if (c == '%') {
                    out.write(percentOctet(i, end, what));
                    i += 3;
                    continue;
                }
                if (c < 0x80) {
                    boolean ok = isUnreserved(c) || (!what.equals("zone identifier")
                            && (isSubDelim(c) || (c == ':' && what.equals("password"))));
                    if (!ok) {
                        throw fail("invalid character " + describe(c) + " at index " + i + " in the " + what);
                    }
                    out.write(c);
                } else {
                    checkNonAscii(c, i, what, false);
                    if (!nonAsciiAllowed) {
                        throw fail("invalid character " + describe(c) + " at index " + i + " in the " + what);
                    }
                    byte[] utf8 = new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8);
                    out.write(utf8, 0, utf8.length);
                }
                i += Character.charCount(c);
            }
            return out.toByteArray();
        }

        private int percentOctet(int i, int end, String what) {
            if (i + 2 >= end || !isHexDigit(input.charAt(i + 1)) || !isHexDigit(input.charAt(i + 2))) {
                throw fail("invalid percent-encoding at index " + i + " in the " + what
                        + ": '%' must be followed by two hexadecimal digits");
            }
            return Character.digit(input.charAt(i + 1), 16) * 16 + Character.digit(input.charAt(i + 2), 16);
        }

        private String utf8(byte[] bytes, String what) {
            try {
                return StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                throw fail("invalid percent-encoding in the " + what + ": not UTF-8");
            }
        }

        /** Refuses lone surrogates, characters outside RFC 3987's sets, and bidi formatting. */
        private void checkNonAscii(int c, int index, String what, boolean query) {
            if (Character.isSurrogate((char) c) && c <= 0xFFFF) {
                throw fail("unpaired surrogate at index " + index + " in the " + what);
            }
            if (isBidiFormatting(c)) {
                throw fail("bidirectional formatting character " + describe(c) + " at index " + index
                        + " in the " + what + " (RFC 3987 §4.1)");
            }
            if (!(isUcschar(c) || (query && isIprivate(c)))) {
                throw fail("invalid character " + describe(c) + " at index " + index + " in the " + what);
            }
        }

        /** Appends the path or query, checking RFC 3986 characters and percent-encoding non-ASCII. */
        private void appendComponent(StringBuilder out, int start, int end, boolean query) {
            String what = query ? "query" : "path";
            for (int i = start; i < end; ) {
                int c = input.codePointAt(i);
                if (c == '%') {
                    percentOctet(i, end, what);
                    out.append(input, i, i + 3);
                    i += 3;
                    continue;
                }
                if (c < 0x80) {
                    if (!(isPchar(c) || c == '/' || (query && c == '?'))) {
                        throw fail("invalid character " + describe(c) + " at index " + i + " in the " + what);
                    }
                    out.append((char) c);
                } else {
                    checkNonAscii(c, i, what, query);
                    for (byte b : new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8)) {
                        appendPercent(out, b & 0xFF);
                    }
                }
                i += Character.charCount(c);
            }
        }
    }
}
