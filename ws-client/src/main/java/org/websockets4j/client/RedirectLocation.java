package org.websockets4j.client;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.websockets4j.http.WebSocketUri;

/**
 * Resolves the {@code Location} of a redirect against the request URI (RFC 9110 §10.2.2,
 * RFC 3986 §5.2), as Python websockets' {@code urljoin} does before following it.
 *
 * <p>Hand-written rather than {@link java.net.URI#resolve(String)}, which follows RFC 2396: it
 * resolves {@code ?q} against {@code /a/b} to {@code /a/?q} instead of {@code /a/b?q}, and refuses
 * references holding characters that {@link WebSocketUri#parse(String)} accepts as an IRI. Nothing
 * is validated here: the result goes to {@link WebSocketUri#parse(String)} when the redirect is
 * followed, which refuses what is not a WebSocket URI.
 *
 * <p>Two deliberate departures: the base is the request URI <em>without</em> its user information,
 * so that a password never ends up in a {@link org.websockets4j.http.RedirectHandshake} message
 * or a log (whoever follows the redirect decides whether the credentials go along); and a fragment
 * in the {@code Location} is dropped, since a WebSocket URI may not have one (RFC 6455 §3) and a
 * fragment is never sent to a server anyway. Stateless and thread-safe.
 */
final class RedirectLocation {
    /** RFC 3986 Appendix B: scheme, authority, path, query and fragment of any URI reference. */
    private static final Pattern REFERENCE = Pattern.compile("^(([^:/?#]+):)?(//([^/?#]*))?([^?#]*)(\\?([^#]*))?(#(.*))?$",
            Pattern.DOTALL);

    private RedirectLocation() {
    }

    /**
     * The absolute URI that {@code location} designates, relative to {@code base}.
     *
     * @param base     the URI the request was sent to
     * @param location the {@code Location} header value, absolute or relative
     * @return the target, without a fragment
     */
    static String resolve(WebSocketUri base, String location) {
        String baseText = new WebSocketUri(base.secure(), base.host(), base.port(), base.resourceName(), null, null).toString();
        String baseScheme = base.scheme();
        String baseAuthority = baseText.substring(baseScheme.length() + 3, baseText.length() - base.resourceName().length());
        int question = base.resourceName().indexOf('?');
        String basePath = question < 0 ? base.resourceName() : base.resourceName().substring(0, question);
        String baseQuery = question < 0 ? null : base.resourceName().substring(question + 1);

        Matcher m = REFERENCE.matcher(location);
        if (!m.matches()) {
            throw new AssertionError("the RFC 3986 reference pattern matches every string");
        }
        String scheme = m.group(2);
        String authority = m.group(4);
        String path = m.group(5);
        String query = m.group(7);

        if (scheme == null) {
            scheme = baseScheme;
            if (authority == null) {
                authority = baseAuthority;
                if (path.isEmpty()) {
                    path = basePath;
                    if (query == null) {
                        query = baseQuery;
                    }
                } else if (!path.startsWith("/")) {
                    path = basePath.substring(0, basePath.lastIndexOf('/') + 1) + path;
                }
            }
        }
        StringBuilder target = new StringBuilder(scheme).append(':');
        if (authority != null) {
            target.append("//").append(authority);
        }
        target.append(removeDotSegments(path));
        if (query != null) {
            target.append('?').append(query);
        }
        return target.toString();
    }

    /** RFC 3986 §5.2.4. */
    static String removeDotSegments(String path) {
        StringBuilder input = new StringBuilder(path);
        StringBuilder output = new StringBuilder(path.length());
        while (!input.isEmpty()) {
            if (startsWith(input, "../")) {
                input.delete(0, 3);
            } else if (startsWith(input, "./")) {
                input.delete(0, 2);
            } else if (startsWith(input, "/./")) {
                input.delete(0, 2);
            } else if (input.toString().equals("/.")) {
                input.replace(0, 2, "/");
            } else if (startsWith(input, "/../")) {
                input.delete(0, 3);
                dropLastSegment(output);
            } else if (input.toString().equals("/..")) {
                input.replace(0, 3, "/");
                dropLastSegment(output);
            } else if (input.toString().equals(".") || input.toString().equals("..")) {
                input.setLength(0);
            } else {
                int next = input.indexOf("/", input.charAt(0) == '/' ? 1 : 0);
                int end = next < 0 ? input.length() : next;
                output.append(input, 0, end);
                input.delete(0, end);
            }
        }
        return output.toString();
    }

    private static boolean startsWith(StringBuilder s, String prefix) {
        return s.length() >= prefix.length() && s.substring(0, prefix.length()).equals(prefix);
    }

    private static void dropLastSegment(StringBuilder output) {
        int slash = output.lastIndexOf("/");
        output.setLength(Math.max(slash, 0));
    }
}
