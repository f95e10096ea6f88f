package org.websockets4j.client;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.websockets4j.http.ProxyError;
import org.websockets4j.http.WebSocketUri;

/**
 * Chooses the proxy of one connection attempt, in this order: {@link ClientOptions#proxy()};
 * none when {@link ClientOptions#proxyDisabled()} or {@link ClientOptions#socketAddress()} is set;
 * {@link ClientOptions#proxySelector()}; the environment variables.
 *
 * <p><b>Environment</b>, as curl and Python's {@code urllib.request.getproxies()} read it: a
 * lower-case name wins over its upper-case variant, an empty value counts as unset, a value
 * without {@code scheme://} means {@code http://}. {@code ws://} uses {@code http_proxy},
 * {@code wss://} uses {@code https_proxy}, either falls back to {@code all_proxy}. The variable
 * names the scheme of the connection, not of the proxy: any of them may hold an {@code http://},
 * {@code https://} (TLS to the proxy), {@code socks5://} or {@code socks5h://} URI.
 * {@code no_proxy} is a comma-separated list: {@code *} bypasses every host; {@code name} or
 * {@code .name} bypasses that host and its subdomains (case-insensitive); {@code name:port} only
 * that port. Unlike Python, environment proxies never apply to {@code localhost},
 * {@code *.localhost} and loopback addresses (as Go and the JDK's default selector behave), so a
 * machine-wide {@code http_proxy} does not capture connections to local servers.
 *
 * <p>Immutable and thread-safe.
 */
final class ProxyConfig {
    private final Map<String, String> environment;

    private ProxyConfig(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /**
     * The configuration read from {@code environment} (a test's map, or the process's).
     *
     * @param environment variable names to values
     * @return the configuration
     */
    static ProxyConfig from(Map<String, String> environment) {
        return new ProxyConfig(environment);
    }

    /** {@return the configuration of this process's environment} */
    static ProxyConfig environment() {
        return from(System.getenv());
    }

    /**
     * The proxy for a connection to {@code target}, or null to connect directly.
     *
     * @param options the client's options
     * @param target  the WebSocket URI
     * @return the proxy, or null
     * @throws ProxyError when the selector or an environment variable gives an unusable proxy
     */
    ProxyUri choose(ClientOptions options, WebSocketUri target) {
        if (options.proxy() != null) {
            return ProxyUri.parse(options.proxy().toString()); // checked by build()
        }
        if (options.proxyDisabled() || options.socketAddress() != null) {
            return null;
        }
        if (options.proxySelector() != null) {
            return fromSelector(options.proxySelector(), target);
        }
        String text = fromEnvironment(target);
        if (text == null) {
            return null;
        }
        try {
            return ProxyUri.parse(text.contains("://") ? text : "http://" + text);
        } catch (IllegalArgumentException e) {
            throw new ProxyError(text, "unusable proxy from the environment: " + e.getMessage());
        }
    }

    /**
     * The proxy URI the environment gives for {@code target}, or null.
     *
     * @param target the WebSocket URI
     * @return the value of the variable that applies, or null
     */
    String fromEnvironment(WebSocketUri target) {
        String host = target.host().toLowerCase(Locale.ROOT);
        if (isLocal(host) || bypassed(host, target.port())) {
            return null;
        }
        String proxy = variable(target.secure() ? "https_proxy" : "http_proxy");
        return proxy != null ? proxy : variable("all_proxy");
    }

    private String variable(String lowerCase) {
        String value = environment.get(lowerCase);
        if (value == null || value.isBlank()) {
            value = environment.get(lowerCase.toUpperCase(Locale.ROOT));
        }
        return value == null || value.isBlank() ? null : value.strip();
    }

    private boolean bypassed(String host, int port) {
        String noProxy = variable("no_proxy");
        if (noProxy == null) {
            return false;
        }
        for (String raw : noProxy.split(",")) {
            String entry = raw.strip().toLowerCase(Locale.ROOT);
            if (entry.equals("*")) {
                return true;
            }
            int entryPort = -1;
            String portText = null;
            if (entry.startsWith("[") && entry.indexOf(']') > 0) {
                int close = entry.indexOf(']');
                portText = entry.startsWith(":", close + 1) ? entry.substring(close + 2) : null;
                entry = entry.substring(1, close);
            } else if (entry.indexOf(':') >= 0 && entry.indexOf(':') == entry.lastIndexOf(':')) {
                portText = entry.substring(entry.indexOf(':') + 1);
                entry = entry.substring(0, entry.indexOf(':'));
            }
            if (portText != null) {
                try {
                    entryPort = Integer.parseInt(portText);
                } catch (NumberFormatException e) {
                    continue;
                }
            }
            while (entry.startsWith(".")) {
                entry = entry.substring(1);
            }
            if (entry.isEmpty() || (entryPort >= 0 && entryPort != port)) {
                continue;
            }
            if (host.equals(entry) || host.endsWith("." + entry)) {
                return true;
            }
        }
        return false;
    }

    /** localhost, *.localhost (RFC 6761 §6.3), 127.0.0.0/8 and ::1, recognised without a lookup. */
    static boolean isLocal(String host) {
        return host.equals("localhost") || host.endsWith(".localhost")
                || host.matches("127\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}")
                || host.equals("::1") || host.equals("0:0:0:0:0:0:0:1");
    }

    /** The selector is asked about {@code http://} or {@code https://} host:port, as the JDK's own WebSocket client does. */
    private static ProxyUri fromSelector(ProxySelector selector, WebSocketUri target) {
        URI asked;
        try {
            asked = new URI(target.secure() ? "https" : "http", null, target.host(), target.port(), "/", null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot ask the proxy selector about " + target, e);
        }
        List<Proxy> proxies = selector.select(asked);
        if (proxies == null || proxies.isEmpty() || proxies.get(0).type() == Proxy.Type.DIRECT) {
            return null;
        }
        Proxy proxy = proxies.get(0);
        if (!(proxy.address() instanceof InetSocketAddress address)) {
            throw new ProxyError(String.valueOf(proxy), "the proxy selector gave an address that is not an InetSocketAddress");
        }
        String host = address.getHostString();
        String scheme = proxy.type() == Proxy.Type.SOCKS ? "socks5" : "http";
        String text = scheme + "://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
        return new ProxyUri(proxy.type() == Proxy.Type.SOCKS ? ProxyUri.Kind.SOCKS5 : ProxyUri.Kind.HTTP, false,
                host, address.getPort(), null, null, text);
    }
}
