package org.websockets4j.client;

import java.util.Locale;
import org.websockets4j.http.Headers;
import org.websockets4j.http.SecurityError;
import org.websockets4j.http.WebSocketUri;

/**
 * What following one redirect carries to the next request, and what it refuses (websockets 16.1's
 * rule, which curl and Node's {@code ws} follow too).
 *
 * <ul>
 *   <li>{@code wss} to {@code ws} is refused with a {@link SecurityError}: the rest of the
 *       handshake, and then the messages, would travel in clear.</li>
 *   <li>A <em>same-origin</em> redirect (same scheme, host, compared without case, and port) keeps
 *       everything: the extra headers and the credentials of the URI's user information, which
 *       {@link RedirectLocation} leaves out of the resolved {@code Location}.</li>
 *   <li>A <em>cross-origin</em> redirect drops the headers that carry credentials:
 *       {@code Authorization} (whether it came from the URI's user information or from the extra
 *       headers), {@code Cookie} and {@code Proxy-Authorization}. Once dropped they stay dropped,
 *       even if a later redirect comes back to the first origin. A user information written in the
 *       {@code Location} itself is the new origin's own, and is used.</li>
 *   <li>A cross-origin redirect while {@link ClientOptions#socketAddress()} overrides the
 *       destination (connectTo) is refused: the connection would go to the overriding address
 *       while the request names another host, and whether the override was meant for that host
 *       cannot be known. Python websockets refuses it too.</li>
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
final class RedirectPolicy {
    /** Headers that carry credentials, dropped on a cross-origin redirect. */
    private static final String[] CREDENTIAL_HEADERS = {"Authorization", "Cookie", "Proxy-Authorization"};

    /**
     * Where the next request goes and with which options.
     *
     * @param uri     the URI to connect to next
     * @param options the options to connect with
     */
    record Hop(WebSocketUri uri, ClientOptions options) {
    }

    private RedirectPolicy() {
    }

    /**
     * Decides how to follow a redirect from {@code from} (the URI the request went to, with its
     * user information) to {@code to} (the resolved {@code Location}).
     *
     * @param from    the URI of the request that was redirected
     * @param options the options that request was made with
     * @param to      the redirect's target
     * @return the next request's URI and options
     * @throws SecurityError when the redirect goes from {@code wss} to {@code ws}, or crosses
     *                       origins while the destination address is overridden
     */
    static Hop follow(WebSocketUri from, ClientOptions options, WebSocketUri to) {
        if (from.secure() && !to.secure()) {
            throw new SecurityError("refusing a redirect from a wss:// URI to a ws:// one: " + WebSocketUri.redact(to.toString()));
        }
        if (sameOrigin(from, to)) {
            if (to.username() == null && from.username() != null) {
                to = new WebSocketUri(to.secure(), to.host(), to.port(), to.resourceName(), from.username(), from.password());
            }
            return new Hop(to, options);
        }
        if (options.socketAddress() != null) {
            throw new SecurityError("refusing a cross-origin redirect to " + WebSocketUri.redact(to.toString())
                    + " while connectTo/socketAddress sends the connection to " + options.socketAddress()
                    + ": the override was set for " + from.host() + ":" + from.port());
        }
        return new Hop(to, withoutCredentials(options));
    }

    /**
     * Whether two URIs have the same origin: scheme, host (without case) and port.
     *
     * @param a a URI
     * @param b another
     * @return true when they share the origin
     */
    static boolean sameOrigin(WebSocketUri a, WebSocketUri b) {
        return a.secure() == b.secure() && a.port() == b.port()
                && a.host().toLowerCase(Locale.ROOT).equals(b.host().toLowerCase(Locale.ROOT));
    }

    private static ClientOptions withoutCredentials(ClientOptions options) {
        Headers extra = options.extraHeaders();
        boolean any = false;
        for (String name : CREDENTIAL_HEADERS) {
            any |= extra.contains(name);
        }
        if (!any) {
            return options;
        }
        Headers kept = extra.copy();
        for (String name : CREDENTIAL_HEADERS) {
            kept.remove(name);
        }
        return options.toBuilder().extraHeaders(kept).build();
    }
}
