package org.websockets4j.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import org.websockets4j.http.BasicCredentials;
import org.websockets4j.http.WebSocketUri;

/**
 * A parsed proxy URI: {@code http://[user:password@]host[:port]} (CONNECT, default port 80),
 * {@code https://} (CONNECT inside TLS to the proxy, default port 443) or {@code socks5://} /
 * {@code socks5h://} (SOCKS5, default port 1080; both let the proxy resolve the destination's name).
 *
 * @param kind     how to talk to the proxy
 * @param tls      whether the connection to the proxy runs TLS first ({@code https://})
 * @param host     the proxy's host name or IP literal (IPv6 without brackets)
 * @param port     the proxy's port
 * @param username the user name from the URI's user information, percent-decoded, or null
 * @param password the password from the URI's user information, percent-decoded, or null
 * @param text     the URI as given, for messages (always shown redacted)
 */
record ProxyUri(Kind kind, boolean tls, String host, int port, String username, String password, String text) {
    /** The proxy protocols spoken. */
    enum Kind {
        /** HTTP {@code CONNECT}. */
        HTTP,
        /** SOCKS5 with remote name resolution. */
        SOCKS5
    }

    ProxyUri {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(text, "text");
    }

    /**
     * Parses a proxy URI.
     *
     * @param text the URI
     * @return the proxy
     * @throws IllegalArgumentException saying what is wrong (the URI redacted), for a syntax error,
     *                                  an unsupported scheme (socks4, ...), a path, query or
     *                                  fragment, a missing host, or credentials the scheme cannot carry
     */
    static ProxyUri parse(String text) {
        Objects.requireNonNull(text, "proxy URI");
        String shown = WebSocketUri.redact(text);
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("invalid proxy URI " + shown + ": " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        Kind kind;
        int defaultPort;
        switch (scheme) {
            case "http" -> {
                kind = Kind.HTTP;
                defaultPort = 80;
            }
            case "https" -> {
                kind = Kind.HTTP;
                defaultPort = 443;
            }
            case "socks5", "socks5h" -> {
                kind = Kind.SOCKS5;
                defaultPort = 1080;
            }
            default -> throw new IllegalArgumentException("unsupported proxy URI " + shown
                    + ": the scheme must be http, https, socks5 or socks5h");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("proxy URI " + shown + " has no host");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        String path = uri.getRawPath();
        if ((path != null && !path.isEmpty() && !path.equals("/")) || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("proxy URI " + shown + " must not have a path, query or fragment");
        }
        int port = uri.getPort() < 0 ? defaultPort : uri.getPort();
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("proxy URI " + shown + ": port must be 1-65535");
        }
        String username = null;
        String password = null;
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            // Split before decoding: an escaped colon (%3A) belongs to the user name.
            int colon = userInfo.indexOf(':');
            username = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? "" : decode(userInfo.substring(colon + 1));
        }
        ProxyUri proxy = new ProxyUri(kind, scheme.equals("https"), host, port, username, password, text);
        proxy.check();
        return proxy;
    }

    private static String decode(String raw) {
        // URLDecoder reads '+' as a space, which is form encoding, not URI encoding.
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The credentials must be sendable: Basic forbids a colon in the user name, SOCKS5 needs 1-255 bytes each. */
    private void check() {
        if (username == null) {
            return;
        }
        try {
            if (kind == Kind.HTTP) {
                org.websockets4j.http.HeaderGrammar.buildAuthorizationBasic(new BasicCredentials(username, password));
            } else {
                new Socks5Handshake(text, "example.invalid", 1, username, password);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("proxy URI " + redacted() + ": " + e.getMessage());
        }
    }

    /** {@return the Basic credentials for {@code Proxy-Authorization}, or null} */
    BasicCredentials credentials() {
        return username == null ? null : new BasicCredentials(username, password);
    }

    /** {@return the URI as given, with its password replaced by ***} */
    String redacted() {
        return WebSocketUri.redact(text);
    }

    /** The redacted URI: a record's default would show the password. */
    @Override
    public String toString() {
        return redacted();
    }
}
