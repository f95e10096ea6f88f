package org.websockets4j.client;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.websockets4j.http.BasicCredentials;

/** Proxy URIs, and the proxy options' checks in ClientOptions. */
class ProxyUriTest {
    @Test
    void schemesDefaultPortsAndDecodedCredentials() {
        ProxyUri http = ProxyUri.parse("http://al%40ice:p%3Ass:w@proxy.example/");
        assertEquals(ProxyUri.Kind.HTTP, http.kind());
        assertEquals(80, http.port());
        assertEquals(new BasicCredentials("al@ice", "p:ss:w"), http.credentials());
        assertEquals("http://al%40ice:***@proxy.example/", http.toString());

        ProxyUri socks = ProxyUri.parse("SOCKS5h://[::1]:1081");
        assertEquals(ProxyUri.Kind.SOCKS5, socks.kind());
        assertEquals("::1", socks.host());
        assertEquals(1081, socks.port());
        assertNull(socks.username());
        assertEquals(1080, ProxyUri.parse("socks5://h").port());
    }

    @Test
    void unsupportedOrMalformedProxyUrisAreRefusedWithoutTheirPassword() {
        for (String uri : new String[] {"socks4://u:pw@h", "ftp://u:pw@h", "u:pw@h:1",
                                        "http://u:pw@h/path", "http://u:pw@h?q", "http://u:pw@:80", "http://a:b@h:99999",
                                        "socks5://u@h", "http://a%3Ab:pw@h"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProxyUri.parse(uri), uri);
            assertFalse(e.getMessage().contains("pw"), e.getMessage());
        }
    }

    @Test
    void anHttpsProxyIsConnectInsideTlsOnPort443ByDefault() {
        ProxyUri https = ProxyUri.parse("https://u:pw@proxy.corp");
        assertEquals(ProxyUri.Kind.HTTP, https.kind());
        assertTrue(https.tls());
        assertEquals(443, https.port());
        assertEquals("u", https.username());
        assertFalse(ProxyUri.parse("http://proxy.corp").tls());
        assertEquals(8443, ProxyUri.parse("HTTPS://proxy.corp:8443").port());
    }

    @Test
    void theOptionsCheckTheProxyAtBuildTime() {
        assertEquals(URI.create("https://proxy:443"), ClientOptions.builder().proxy(URI.create("https://proxy:443")).build().proxy());
        javax.net.ssl.SSLContext context = assertDoesNotThrow(() -> javax.net.ssl.SSLContext.getDefault());
        IllegalArgumentException plain = assertThrows(IllegalArgumentException.class,
                () -> ClientOptions.builder().proxy(URI.create("http://u:pw@proxy:3128")).proxySsl(context).build());
        assertTrue(plain.getMessage().contains("not an https:// proxy"), plain.getMessage());
        assertFalse(plain.getMessage().contains("pw"), plain.getMessage());
        ClientOptions withProxySsl = ClientOptions.builder().proxy(URI.create("https://proxy")).proxySsl(context).build();
        assertEquals(context, withProxySsl.proxySsl());
        assertEquals(withProxySsl, withProxySsl.toBuilder().build());
        assertThrows(IllegalArgumentException.class,
                () -> ClientOptions.builder().proxy(URI.create("http://proxy:3128")).connectTo("127.0.0.1", 1).build());
    }

    @Test
    void theOptionsKeepTheProxySettingsAndNeverShowThePassword() {
        ClientOptions options = ClientOptions.builder().proxy(URI.create("http://u:secret@proxy:3128")).build();
        assertEquals(URI.create("http://u:secret@proxy:3128"), options.proxy());
        assertFalse(options.toString().contains("secret"), options.toString());
        assertTrue(options.toString().contains("proxy=http://u:***@proxy:3128"), options.toString());
        assertEquals(options, options.toBuilder().build());
        ClientOptions direct = ClientOptions.builder().noProxy().build();
        assertTrue(direct.proxyDisabled());
        assertTrue(direct.toBuilder().build().proxyDisabled());
        assertFalse(ClientOptions.defaults().proxyDisabled());
        assertNull(ClientOptions.defaults().proxy());
        assertNull(ClientOptions.defaults().proxySelector());
        assertFalse(direct.equals(ClientOptions.defaults()));
    }
}
