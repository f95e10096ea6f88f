package org.websockets4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.UnresolvedAddressException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.websockets4j.http.InvalidProxyMessage;
import org.websockets4j.http.InvalidProxyStatus;
import org.websockets4j.http.ProxyError;
import org.websockets4j.http.SocksProxyError;
import org.websockets4j.protocol.Message;
import org.websockets4j.protocol.WebSocket;
import org.websockets4j.server.WebSocketServer;

/**
 * connect() through in-test proxies on loopback: a working CONNECT relay (with and without
 * Basic credentials), proxies that refuse (HTTP 407/403, SOCKS5 reply codes, refused SOCKS5
 * credentials), that answer nonsense, and one that never answers. Real proxies (tinyproxy,
 * microsocks) are in ws-examples' interop tests.
 */
class ProxyConnectTest {
    private static final Duration GUARD = Duration.ofSeconds(30);
    private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(5);

    private static WebSocketServer echo() throws Exception {
        return WebSocketServer.serve(ws -> {
            for (Message message : ws) {
                ws.send(message);
            }
        }, "127.0.0.1", 0);
    }

    private static ClientOptions through(String proxy) {
        return ClientOptions.builder().proxy(URI.create(proxy)).openTimeout(OPEN_TIMEOUT).build();
    }

    @Test
    void messagesFlowThroughAConnectTunnelWithBasicCredentials() {
        assertTimeoutPreemptively(GUARD, () -> {
            try (WebSocketServer server = echo();
                 FakeProxy proxy = new FakeProxy(p -> p.httpConnect("Basic YWxpY2U6czNjcmV0"))) {
                String uri = "ws://localhost:" + server.port() + "/chat";
                try (WebSocket ws = WebSocketClient.connect(uri, through(proxy.uri("http", "alice:s3cret")))) {
                    ws.send("through the tunnel");
                    assertEquals("through the tunnel", ws.recvText());
                    assertEquals("localhost:" + server.port(), ws.requestHeaders().get("Host"), "the Host header names the server, not the proxy");
                }
                String head = proxy.heads.poll(5, TimeUnit.SECONDS);
                assertTrue(head.startsWith("CONNECT localhost:" + server.port() + " HTTP/1.1\r\n"), head);
                assertTrue(head.contains("\r\nUser-Agent: " + ClientOptions.DEFAULT_USER_AGENT + "\r\n"), head);
            }
        });
    }

    @Test
    void a407WithoutCredentialsIsAnInvalidProxyStatus() {
        assertTimeoutPreemptively(GUARD, () -> {
            try (FakeProxy proxy = new FakeProxy(p -> p.httpConnect("Basic YWxpY2U6czNjcmV0"))) {
                InvalidProxyStatus e = assertThrows(InvalidProxyStatus.class,
                        () -> WebSocketClient.connect("ws://example.com/", through(proxy.uri("http", null))));
                assertEquals(407, e.statusCode());
                InvalidProxyStatus wrong = assertThrows(InvalidProxyStatus.class,
                        () -> WebSocketClient.connect("ws://example.com/", through(proxy.uri("http", "alice:wrong"))));
                assertEquals(407, wrong.statusCode());
                assertFalse(wrong.getMessage().contains("wrong"), wrong.getMessage());
                assertEquals(proxy.uri("http", "alice:***"), wrong.proxy());
            }
        });
    }

    @Test
    void a403IsAnInvalidProxyStatus() {
        assertTimeoutPreemptively(GUARD, () -> {
            byte[] forbidden = "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
            try (FakeProxy proxy = new FakeProxy(p -> FakeProxy.answer(forbidden))) {
                InvalidProxyStatus e = assertThrows(InvalidProxyStatus.class,
                        () -> WebSocketClient.connect("ws://example.com/", through(proxy.uri("http", null))));
                assertEquals(403, e.statusCode());
            }
        });
    }

    @Test
    void socksFailureRepliesAndRefusedCredentialsAreProxyErrors() {
        assertTimeoutPreemptively(GUARD, () -> {
            for (int code = 1; code <= 8; code++) {
                byte[] refusal = {5, (byte) code, 0, 1, 0, 0, 0, 0, 0, 0};
                try (FakeProxy proxy = new FakeProxy(p -> FakeProxy.script(new byte[] {5, 0}, refusal))) {
                    SocksProxyError e = assertThrows(SocksProxyError.class,
                            () -> WebSocketClient.connect("ws://example.com/", through(proxy.uri("socks5h", null))));
                    assertEquals(code, e.replyCode());
                }
            }
            try (FakeProxy proxy = new FakeProxy(p -> FakeProxy.script(new byte[] {5, 2}, new byte[] {1, 1}))) {
                ProxyError e = assertThrows(ProxyError.class,
                        () -> WebSocketClient.connect("ws://example.com/", through(proxy.uri("socks5", "bob:nope"))));
                assertTrue(e.getMessage().contains("refused the user name and password"), e.getMessage());
                assertFalse(e.getMessage().contains("nope"), e.getMessage());
            }
        });
    }

    @Test
    void aProxyThatSpeaksSomethingElseIsAnInvalidProxyMessage() {
        assertTimeoutPreemptively(GUARD, () -> {
            byte[] ssh = "SSH-2.0-OpenSSH_9.2\r\n".getBytes(StandardCharsets.ISO_8859_1);
            try (FakeProxy proxy = new FakeProxy(p -> FakeProxy.answer(ssh))) {
                assertThrows(InvalidProxyMessage.class,
                        () -> WebSocketClient.connect("ws://example.com/", through(proxy.uri("http", null))));
                assertThrows(InvalidProxyMessage.class,
                        () -> WebSocketClient.connect("ws://example.com/", through(proxy.uri("socks5", null))));
            }
            byte[] chatty = "HTTP/1.1 200 OK\r\n\r\nHTTP/1.1 101 Switching Protocols\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
            try (FakeProxy proxy = new FakeProxy(p -> FakeProxy.answer(chatty))) {
                InvalidProxyMessage e = assertThrows(InvalidProxyMessage.class,
                        () -> WebSocketClient.connect("ws://example.com/", through(proxy.uri("http", null))));
                assertTrue(e.getMessage().contains("unexpected bytes"), e.getMessage());
            }
        });
    }

    @Test
    void aProxyThatNeverAnswersIsBoundedByTheOpenTimeout() {
        assertTimeoutPreemptively(GUARD, () -> {
            try (FakeProxy proxy = new FakeProxy(p -> FakeProxy.silent())) {
                for (String scheme : new String[] {"http", "socks5"}) {
                    ClientOptions options = ClientOptions.builder().proxy(URI.create(proxy.uri(scheme, null)))
                            .openTimeout(Duration.ofMillis(300)).build();
                    long start = System.nanoTime();
                    assertThrows(SocketTimeoutException.class, () -> WebSocketClient.connect("ws://example.com/", options));
                    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10), "bounded by the open timeout");
                }
            }
        });
    }

    @Test
    void aSocksProxyThatAcceptsGivesAWorkingTunnel() {
        assertTimeoutPreemptively(GUARD, () -> {
            try (WebSocketServer server = echo();
                 FakeProxy proxy = new FakeProxy(p -> p.socksConnect("bob", "hunter2"))) {
                String uri = "ws://localhost:" + server.port() + "/";
                try (WebSocket ws = WebSocketClient.connect(uri, through(proxy.uri("socks5h", "bob:hunter2")))) {
                    ws.send("socks");
                    assertEquals("socks", ws.recvText());
                }
                assertEquals("localhost:" + server.port(), proxy.heads.poll(5, TimeUnit.SECONDS), "the name went to the proxy unresolved");
            }
        });
    }

    @Test
    void theEnvironmentsProxyIsUsedByDefaultAndNoProxyOrNoProxyOptionBypassIt() {
        assertTimeoutPreemptively(GUARD, () -> {
            try (WebSocketServer server = echo();
                 FakeProxy proxy = new FakeProxy(p -> p.httpConnect(null))) {
                // The fake proxy relays every CONNECT to 127.0.0.1 at the port asked, so a name
                // that does not resolve here still reaches our server through it.
                String uri = "ws://ws4j.invalid:" + server.port() + "/";
                ProxyConfig environment = ProxyConfig.from(Map.of("HTTP_PROXY", proxy.uri("http", null)));
                ClientOptions options = ClientOptions.builder().openTimeout(OPEN_TIMEOUT).build();
                try (WebSocket ws = WebSocketClient.connect(uri, options, environment)) {
                    ws.send("from the environment");
                    assertEquals("from the environment", ws.recvText());
                }
                assertTrue(proxy.heads.poll(5, TimeUnit.SECONDS).startsWith("CONNECT ws4j.invalid:" + server.port() + " "));

                ProxyConfig bypassed = ProxyConfig.from(Map.of("http_proxy", proxy.uri("http", null), "no_proxy", ".invalid"));
                assertThrows(UnresolvedAddressException.class, () -> WebSocketClient.connect(uri, options, bypassed), "direct: the name does not resolve");
                assertThrows(UnresolvedAddressException.class, () -> WebSocketClient.connect(uri, options.toBuilder().noProxy().build(), environment));
                assertEquals(0, proxy.heads.size(), "neither went through the proxy");
            }
        });
    }
}
