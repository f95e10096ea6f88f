package org.websockets4j.auth;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.websockets4j.http.Headers;
import org.websockets4j.protocol.AttributeKey;
import org.websockets4j.protocol.WebSocket;
import org.websockets4j.server.HttpResponse;
import org.websockets4j.server.RequestHook;

/**
 * Authentication of WebSocket clients during the opening handshake: the attribute that carries
 * the user name to the handler (Python websockets' {@code username} attribute), a request hook
 * built from any {@link Authenticator}, and helpers to read the usual places a credential travels.
 * {@link BasicAuth} is the ready-made HTTP Basic scheme.
 *
 * <p>Stateless and thread-safe.
 */
public final class Authentication {
    /**
     * The authenticated user name, stored on the connection by {@link BasicAuth} and by
     * {@link #require(Authenticator)}: {@code ws.attribute(Authentication.USERNAME)}, or
     * {@link #username(WebSocket)}.
     */
    public static final AttributeKey<String> USERNAME = AttributeKey.of("username", String.class);

    private static final HttpResponse FORBIDDEN = HttpResponse.text(403, "Forbidden\n");

    private Authentication() {
    }

    /**
     * The user name a hook authenticated for this connection.
     *
     * @param ws the connection, not null
     * @return the user name, or null when the connection was not authenticated
     * @throws NullPointerException when {@code ws} is null
     */
    public static String username(WebSocket ws) {
        return ws.attribute(USERNAME);
    }

    /**
     * A request hook that lets only the requests {@code authenticator} names a user for through,
     * storing the name as {@link #USERNAME}; the others get {@code 403 Forbidden}. ({@code 401}
     * would need a {@code WWW-Authenticate} challenge, which a token in a query string or a cookie
     * does not have; pass your own refusal to {@link #require(Authenticator, HttpResponse)}.)
     *
     * @param authenticator decides, thread-safe
     * @return a hook for {@code ServerOptions.Builder.processRequest}, thread-safe; compose it with
     *         others through {@link org.websockets4j.server.RequestProcessor#chain}
     * @throws NullPointerException when {@code authenticator} is null
     */
    public static RequestHook require(Authenticator authenticator) {
        return require(authenticator, FORBIDDEN);
    }

    /**
     * A request hook that lets only the requests {@code authenticator} names a user for through,
     * storing the name as {@link #USERNAME}; the others get {@code refusal}.
     *
     * @param authenticator decides, thread-safe
     * @param refusal       the answer to a request refused, for example a {@code 401} with a
     *                      {@code WWW-Authenticate: Bearer} challenge
     * @return a hook for {@code ServerOptions.Builder.processRequest}, thread-safe
     * @throws NullPointerException when an argument is null
     */
    public static RequestHook require(Authenticator authenticator, HttpResponse refusal) {
        Objects.requireNonNull(authenticator, "authenticator");
        Objects.requireNonNull(refusal, "refusal");
        return context -> {
            String username = authenticator.authenticate(context);
            if (username == null) {
                return refusal;
            }
            context.setAttribute(USERNAME, username);
            return null;
        };
    }

    /**
     * The first value of a query-string parameter, decoded ({@code +} as a space, {@code %XX} as
     * UTF-8): {@code queryParameter("/chat?token=a%2Bb", "token")} is {@code "a+b"}. For tokens
     * in the URL, which browsers can send, unlike headers.
     *
     * @param path the path and query of a request, such as {@link WebSocket#path()}
     * @param name the parameter's name, compared exactly after decoding
     * @return the decoded value (empty for {@code ?name} or {@code ?name=}), or null when absent
     *         or not validly encoded
     * @throws NullPointerException when an argument is null
     */
    public static String queryParameter(String path, String name) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(name, "name");
        int query = path.indexOf('?');
        if (query < 0) {
            return null;
        }
        int fragment = path.indexOf('#', query);
        String[] pairs = path.substring(query + 1, fragment < 0 ? path.length() : fragment).split("&");
        for (String pair : pairs) {
            int equals = pair.indexOf('=');
            try {
                String key = decode(equals < 0 ? pair : pair.substring(0, equals));
                if (key.equals(name)) {
                    return equals < 0 ? "" : decode(pair.substring(equals + 1));
                }
            } catch (IllegalArgumentException e) {
                // a malformed %-escape: not the parameter we can read
            }
        }
        return null;
    }

    /**
     * The value of a cookie of the request ({@code Cookie: a=1; token=xyz}, RFC 6265 §5.4), its
     * surrounding double quotes removed; the first one named {@code name} across every
     * {@code Cookie} field.
     *
     * @param requestHeaders the request's headers
     * @param name           the cookie's name, compared exactly
     * @return the value, or null when no such cookie was sent
     * @throws NullPointerException when an argument is null
     */
    public static String cookie(Headers requestHeaders, String name) {
        Objects.requireNonNull(name, "name");
        for (String field : requestHeaders.getAll("Cookie")) {
            for (String pair : field.split(";")) {
                int equals = pair.indexOf('=');
                if (equals > 0 && pair.substring(0, equals).strip().equals(name)) {
                    String value = pair.substring(equals + 1).strip();
                    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                        value = value.substring(1, value.length() - 1);
                    }
                    return value;
                }
            }
        }
        return null;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
