package org.websockets4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.websockets4j.http.ProxyError;
import org.websockets4j.http.WebSocketUri;

/** Which proxy a connection uses: options, selector, environment, no_proxy, precedence. */
class ProxyConfigTest {
    private static final WebSocketUri WS = WebSocketUri.parse("ws://example.com/chat");
    private static final WebSocketUri WSS = WebSocketUri.parse("wss://example.com/chat");

    private static String env(Map<String, String> environment, WebSocketUri target) {
        return ProxyConfig.from(environment).fromEnvironment(target);
    }

    @Test
    void wsUsesHttpProxyAndWssUsesHttpsProxyAndAllProxyIsTheFallbackOfBoth() {
        Map<String, String> both = Map.of("http_proxy", "http://plain:1", "https_proxy", "http://secure:2", "all_proxy", "socks5://all:3");
        assertEquals("http://plain:1", env(both, WS));
        assertEquals("http://secure:2", env(both, WSS));
        Map<String, String> all = Map.of("all_proxy", "socks5://all:3");
        assertEquals("socks5://all:3", env(all, WS));
        assertEquals("socks5://all:3", env(all, WSS));
        assertNull(env(Map.of("http_proxy", "http://plain:1"), WSS), "wss does not use http_proxy");
        assertNull(env(Map.of(), WS));
    }

    @Test
    void lowerCaseWinsOverUpperCaseAndEmptyCountsAsUnset() {
        assertEquals("http://lower:1", env(Map.of("http_proxy", "http://lower:1", "HTTP_PROXY", "http://upper:2"), WS));
        assertEquals("http://upper:2", env(Map.of("HTTP_PROXY", "http://upper:2"), WS));
        assertEquals("http://upper:2", env(Map.of("http_proxy", "", "HTTP_PROXY", "http://upper:2"), WS));
        assertEquals("http://ALL:3", env(Map.of("ALL_PROXY", "http://ALL:3", "https_proxy", " "), WSS));
    }

    @Test
    void noProxyMatchesHostsDomainSuffixesPortsAndStar() {
        String proxy = "http://p:1";
        assertNull(env(Map.of("http_proxy", proxy, "no_proxy", "*"), WS));
        assertNull(env(Map.of("http_proxy", proxy, "no_proxy", "other.org, example.com"), WS));
        assertNull(env(Map.of("http_proxy", proxy, "NO_PROXY", ".example.com"), WS), "a leading dot matches the domain itself");
        assertNull(env(Map.of("http_proxy", proxy, "no_proxy", "example.com"), WebSocketUri.parse("ws://api.EXAMPLE.com/")));
        assertEquals(proxy, env(Map.of("http_proxy", proxy, "no_proxy", "example.com"), WebSocketUri.parse("ws://notexample.com/")));
        assertNull(env(Map.of("http_proxy", proxy, "no_proxy", "example.com:80"), WS));
        assertEquals(proxy, env(Map.of("http_proxy", proxy, "no_proxy", "example.com:8080"), WS), "another port");
        assertNull(env(Map.of("http_proxy", proxy, "no_proxy", "[2001:db8::1]:80"), WebSocketUri.parse("ws://[2001:db8::1]/")));
        assertNull(env(Map.of("http_proxy", proxy, "no_proxy", "2001:db8::1"), WebSocketUri.parse("ws://[2001:db8::1]:9/")));
        assertEquals(proxy, env(Map.of("http_proxy", proxy, "no_proxy", ",, ,"), WS));
    }

    @Test
    void localhostAndLoopbackAddressesNeverGoThroughAnEnvironmentProxy() {
        Map<String, String> all = Map.of("all_proxy", "http://p:1");
        for (String uri : new String[] {"ws://localhost:8765/", "ws://LOCALHOST/", "ws://a.localhost/", "ws://127.0.0.1:9/",
                                        "ws://127.1.2.3/", "ws://[::1]:9/"}) {
            assertNull(env(all, WebSocketUri.parse(uri)), uri);
        }
        assertEquals("http://p:1", env(all, WebSocketUri.parse("ws://10.0.0.1/")));
    }

    @Test
    void precedenceIsExplicitThenNoProxyThenSelectorThenEnvironment() {
        ProxyConfig environment = ProxyConfig.from(Map.of("all_proxy", "http://env:1"));
        ProxySelector selector = fixed(new Proxy(Proxy.Type.SOCKS, InetSocketAddress.createUnresolved("selected", 2)));
        URI explicit = URI.create("http://explicit:3");

        assertEquals("explicit", environment.choose(ClientOptions.builder().proxy(explicit).noProxy().proxySelector(selector).build(), WS).host());
        assertNull(environment.choose(ClientOptions.builder().noProxy().proxySelector(selector).build(), WS));
        ProxyUri fromSelector = environment.choose(ClientOptions.builder().proxySelector(selector).build(), WS);
        assertEquals(new ProxyUri(ProxyUri.Kind.SOCKS5, false, "selected", 2, null, null, "socks5://selected:2"), fromSelector);
        assertEquals("env", environment.choose(ClientOptions.defaults(), WS).host());
        assertNull(environment.choose(ClientOptions.builder().connectTo("127.0.0.1", 9).build(), WS),
                "a connectTo destination is reached directly");
    }

    @Test
    void theSelectorIsAskedAboutHttpOrHttpsAndDirectMeansNone() {
        List<URI> asked = new ArrayList<>();
        ProxySelector selector = new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                asked.add(uri);
                return List.of(uri.getScheme().equals("https")
                        ? new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved("::1", 3128))
                        : Proxy.NO_PROXY);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress address, IOException failure) {
            }
        };
        ProxyConfig none = ProxyConfig.from(Map.of());
        ClientOptions options = ClientOptions.builder().proxySelector(selector).build();
        assertNull(none.choose(options, WebSocketUri.parse("ws://example.com:8080/x")));
        ProxyUri proxy = none.choose(options, WSS);
        assertEquals(ProxyUri.Kind.HTTP, proxy.kind());
        assertEquals("::1", proxy.host());
        assertEquals("http://[::1]:3128", proxy.text());
        assertEquals(List.of(URI.create("http://example.com:8080/"), URI.create("https://example.com:443/")), asked);
    }

    @Test
    void anUnusableEnvironmentProxyIsAProxyErrorWithoutItsPassword() {
        ProxyConfig bad = ProxyConfig.from(Map.of("https_proxy", "socks4://u:secret@proxy:1080"));
        ProxyError e = assertThrows(ProxyError.class, () -> bad.choose(ClientOptions.defaults(), WSS));
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
        assertTrue(e.getMessage().contains("scheme must be"), e.getMessage());
        ProxyUri https = ProxyConfig.from(Map.of("https_proxy", "https://u:secret@proxy")).choose(ClientOptions.defaults(), WSS);
        assertTrue(https.tls(), "https_proxy may name an https:// proxy (TLS to the proxy)");
        assertEquals(443, https.port());
        ProxyUri schemeless = ProxyConfig.from(Map.of("http_proxy", "proxy.corp:3128")).choose(ClientOptions.defaults(), WS);
        assertEquals(new ProxyUri(ProxyUri.Kind.HTTP, false, "proxy.corp", 3128, null, null, "http://proxy.corp:3128"), schemeless);
    }

    private static ProxySelector fixed(Proxy proxy) {
        return new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                return List.of(proxy);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress address, IOException failure) {
            }
        };
    }
}
