package org.websockets4j.http;

import java.util.Locale;

/**
 * The forms of a request-target that a WebSocket handshake accepts (RFC 6455 §4.1, RFC 9112
 * §3.2): origin-form ({@code /chat?room=1}) and absolute-form with an http, https, ws or wss
 * scheme and an authority ({@code ws://example.com/chat?room=1}). Asterisk-form ({@code *}) is
 * for {@code OPTIONS} and authority-form ({@code example.com:80}) for {@code CONNECT}; neither
 * names a resource to open a WebSocket on. Stateless.
 */
final class RequestTarget {
    private RequestTarget() {
    }

    /**
     * The parts of an absolute-form target.
     *
     * @param scheme       the scheme, lower-case
     * @param authority    the authority as sent, never empty, without user information
     * @param resourceName the path and query, {@code /} when the path is empty
     */
    record Absolute(String scheme, String authority, String resourceName) {
    }

    /** Whether {@code target} is origin-form: an absolute path, maybe with a query. */
    static boolean isOriginForm(String target) {
        return target.startsWith("/");
    }

    /**
     * The parts of {@code target} when it is absolute-form with an accepted scheme, else null.
     * The authority is not checked beyond being non-empty; see {@link #hasUserInfo(Absolute)}.
     */
    static Absolute parseAbsolute(String target) {
        int colon = target.indexOf(':');
        if (colon <= 0 || !target.startsWith("//", colon + 1)) {
            return null;
        }
        String scheme = target.substring(0, colon).toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss") && !scheme.equals("http") && !scheme.equals("https")) {
            return null;
        }
        int start = colon + 3;
        int end = start;
        while (end < target.length() && target.charAt(end) != '/' && target.charAt(end) != '?' && target.charAt(end) != '#') {
            end++;
        }
        if (end == start || (end < target.length() && target.charAt(end) == '#')) {
            return null;
        }
        String rest = target.substring(end);
        return new Absolute(scheme, target.substring(start, end), rest.startsWith("/") ? rest : "/" + rest);
    }

    /** Whether the authority of {@code target} holds {@code user:password@}, which RFC 9110 §4.2.4 makes an error. */
    static boolean hasUserInfo(Absolute target) {
        return target.authority().indexOf('@') >= 0;
    }

    /**
     * The resource name {@code target} designates: the target itself in origin-form, the path and
     * query of an absolute-form target; null for any other form.
     */
    static String resourceName(String target) {
        if (isOriginForm(target)) {
            return target;
        }
        Absolute absolute = parseAbsolute(target);
        return absolute == null ? null : absolute.resourceName();
    }

    /**
     * Whether a {@code Host} value names the same host and port as the authority of
     * {@code target}: compared without regard to case, with the scheme's default port (80 for
     * http and ws, 443 for https and wss) the same as no port.
     */
    static boolean sameAuthority(Absolute target, String host) {
        return normalize(target.authority(), target.scheme()).equals(normalize(host.strip(), target.scheme()));
    }

    private static String normalize(String authority, String scheme) {
        String lower = authority.toLowerCase(Locale.ROOT);
        String defaultPort = scheme.equals("https") || scheme.equals("wss") ? ":443" : ":80";
        if (lower.endsWith(defaultPort)) {
            return lower.substring(0, lower.length() - defaultPort.length());
        }
        return lower.endsWith(":") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
