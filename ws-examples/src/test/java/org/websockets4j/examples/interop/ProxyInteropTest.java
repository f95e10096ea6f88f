package org.websockets4j.examples.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.websockets4j.client.ClientOptions;
import org.websockets4j.client.WebSocketClient;
import org.websockets4j.http.InvalidProxyStatus;
import org.websockets4j.http.ProxyError;
import org.websockets4j.protocol.WebSocket;
import org.websockets4j.server.ServerOptions;
import org.websockets4j.testkit.TestCertificates;

/**
 * Our client through real proxies started by the test on free loopback ports: tinyproxy (Debian
 * package tinyproxy) for HTTP {@code CONNECT}, with and without {@code BasicAuth}, and refusing by
 * its {@code ConnectPort} rule; microsocks (Debian package microsocks) for SOCKS5, with and without
 * RFC 1929 credentials; HAProxy (Debian package haproxy) terminating TLS in front of tinyproxy as
 * an {@code https://} proxy, with the throwaway certificates of {@link TestCertificates}. The
 * destination is named {@code localhost}, so the SOCKS5 proxy resolves it.
 */
class ProxyInteropTest {
    private static final Duration GUARD = Duration.ofSeconds(60);
    private static final String TINYPROXY = "tinyproxy (Debian package tinyproxy)";
    private static final String MICROSOCKS = "microsocks (Debian package microsocks)";
    private static final String HAPROXY = "haproxy (Debian package haproxy)";

    @Test
    void tinyproxyTunnelsTheConnection(@TempDir Path dir) throws Exception {
        String tinyproxy = Peers.require(Peers.tinyproxy(), TINYPROXY);
        assertTimeoutPreemptively(GUARD, () -> {
            try (Scenario.EchoServer server = new Scenario.EchoServer();
                 Started proxy = startTinyproxy(tinyproxy, dir, List.of())) {
                exchange(server, "http://127.0.0.1:" + proxy.port);
            }
        });
    }

    @Test
    void tinyproxyWithBasicAuthWantsTheCredentialsOfTheProxyUri(@TempDir Path dir) throws Exception {
        String tinyproxy = Peers.require(Peers.tinyproxy(), TINYPROXY);
        assertTimeoutPreemptively(GUARD, () -> {
            try (Scenario.EchoServer server = new Scenario.EchoServer();
                 Started proxy = startTinyproxy(tinyproxy, dir, List.of("BasicAuth alice s3cret"))) {
                exchange(server, "http://alice:s3cret@127.0.0.1:" + proxy.port);
                InvalidProxyStatus none = assertThrows(InvalidProxyStatus.class, () -> connect(server, "http://127.0.0.1:" + proxy.port));
                assertEquals(407, none.statusCode());
                assertTrue(none.getMessage().contains("user:password@"), none.getMessage());
                InvalidProxyStatus wrong = assertThrows(InvalidProxyStatus.class,
                        () -> connect(server, "http://alice:wrong@127.0.0.1:" + proxy.port));
                assertEquals(401, wrong.statusCode(), "tinyproxy 1.11 answers wrong credentials with 401, not 407");
                assertFalse(wrong.getMessage().contains("wrong"), wrong.getMessage());
            }
        });
    }

    @Test
    void tinyproxyRefusesAPortOutsideItsConnectPortsWith403(@TempDir Path dir) throws Exception {
        String tinyproxy = Peers.require(Peers.tinyproxy(), TINYPROXY);
        assertTimeoutPreemptively(GUARD, () -> {
            try (Scenario.EchoServer server = new Scenario.EchoServer();
                 Started proxy = startTinyproxy(tinyproxy, dir, List.of("ConnectPort 443"))) {
                InvalidProxyStatus e = assertThrows(InvalidProxyStatus.class, () -> connect(server, "http://127.0.0.1:" + proxy.port));
                assertEquals(403, e.statusCode());
            }
        });
    }

    @Test
    void microsocksTunnelsTheConnectionAndResolvesTheName() throws Exception {
        String microsocks = Peers.require(Peers.microsocks(), MICROSOCKS);
        assertTimeoutPreemptively(GUARD, () -> {
            try (Scenario.EchoServer server = new Scenario.EchoServer();
                 Started proxy = startMicrosocks(microsocks, List.of())) {
                exchange(server, "socks5h://127.0.0.1:" + proxy.port);
                exchange(server, "socks5://127.0.0.1:" + proxy.port);
            }
        });
    }

    @Test
    void microsocksWithCredentialsWantsThemAndRefusesWrongOnes() throws Exception {
        String microsocks = Peers.require(Peers.microsocks(), MICROSOCKS);
        assertTimeoutPreemptively(GUARD, () -> {
            try (Scenario.EchoServer server = new Scenario.EchoServer();
                 Started proxy = startMicrosocks(microsocks, List.of("-u", "bob", "-P", "hunter2"))) {
                exchange(server, "socks5h://bob:hunter2@127.0.0.1:" + proxy.port);
                ProxyError none = assertThrows(ProxyError.class, () -> connect(server, "socks5h://127.0.0.1:" + proxy.port));
                assertTrue(none.getMessage().contains("requires authentication"), none.getMessage());
                ProxyError wrong = assertThrows(ProxyError.class, () -> connect(server, "socks5h://bob:nope@127.0.0.1:" + proxy.port));
                assertFalse(wrong.getMessage().contains("nope"), wrong.getMessage());
            }
        });
    }

    @Test
    void anHttpsProxyCarriesWsAndWssWithTheServersTlsInsideTheProxys(@TempDir Path dir) throws Exception {
        String tinyproxy = Peers.require(Peers.tinyproxy(), TINYPROXY);
        String haproxy = Peers.require(Peers.haproxy(), HAPROXY);
        TestCertificates certs = certificates();
        assertTimeoutPreemptively(GUARD, () -> {
            try (Scenario.EchoServer plain = new Scenario.EchoServer();
                 Scenario.EchoServer secure = new Scenario.EchoServer(ServerOptions.builder().ssl(certs.serverContext()).build());
                 Started proxy = startTinyproxy(tinyproxy, dir, List.of());
                 TlsFront front = startTlsFront(haproxy, dir, certs, proxy.port)) {
                ClientOptions trusting = ClientOptions.builder().proxySsl(certs.clientContext())
                        .openTimeout(Duration.ofSeconds(10)).build();
                // By IP address (checked against the certificate's IP SAN, no SNI) and by name (SNI).
                exchange(plain, "ws://localhost:" + plain.port() + "/",
                        trusting.toBuilder().proxy(URI.create("https://127.0.0.1:" + front.goodPort)).build());
                exchange(secure, "wss://localhost:" + secure.port() + "/", trusting.toBuilder().ssl(certs.clientContext())
                        .proxy(URI.create("https://localhost:" + front.goodPort)).build());
            }
        });
    }

    @Test
    void aWrongOrUntrustedProxyCertificateFailsTheTlsHandshakeNamingTheProxy(@TempDir Path dir) throws Exception {
        String tinyproxy = Peers.require(Peers.tinyproxy(), TINYPROXY);
        String haproxy = Peers.require(Peers.haproxy(), HAPROXY);
        TestCertificates certs = certificates();
        assertTimeoutPreemptively(GUARD, () -> {
            try (Scenario.EchoServer plain = new Scenario.EchoServer();
                 Started proxy = startTinyproxy(tinyproxy, dir, List.of());
                 TlsFront front = startTlsFront(haproxy, dir, certs, proxy.port)) {
                String target = "ws://localhost:" + plain.port() + "/";
                ClientOptions wrongName = ClientOptions.builder().proxySsl(certs.clientContext())
                        .proxy(URI.create("https://localhost:" + front.wrongPort)).openTimeout(Duration.ofSeconds(10)).build();
                SSLHandshakeException e = assertThrows(SSLHandshakeException.class, () -> WebSocketClient.connect(target, wrongName));
                assertTrue(e.getMessage().contains("TLS handshake with the proxy https://localhost:" + front.wrongPort),
                        e.getMessage());
                ClientOptions untrusted = ClientOptions.builder() // the JDK's trust store: not the test CA
                        .proxy(URI.create("https://localhost:" + front.goodPort)).openTimeout(Duration.ofSeconds(10)).build();
                e = assertThrows(SSLHandshakeException.class, () -> WebSocketClient.connect(target, untrusted));
                assertTrue(e.getMessage().contains("proxySsl"), e.getMessage());
                // Turning hostname verification off accepts the wrong name from the trusted CA.
                exchange(plain, target, wrongName.toBuilder().verifyHostname(false).build());
            }
        });
    }

    private static TestCertificates certificates() {
        Peers.require(TestCertificates.available() ? java.util.Optional.of(true) : java.util.Optional.empty(), "openssl");
        return TestCertificates.get();
    }

    /** Text and a large binary message through the given options' proxy, then a clean close. */
    private static void exchange(Scenario.EchoServer server, String uri, ClientOptions options) throws Exception {
        try (WebSocket ws = WebSocketClient.connect(uri, options.toBuilder().maxSize(Scenario.MAX_SIZE).build())) {
            ws.send("through " + options.proxy());
            assertEquals("through " + options.proxy(), ws.recvText());
            byte[] big = new byte[256 * 1024];
            for (int i = 0; i < big.length; i++) {
                big[i] = (byte) (i * 17);
            }
            ws.send(big);
            assertArrayEquals(big, ws.recvBinary());
            ws.close();
        }
        assertEquals("1000 ", server.closes.poll(10, TimeUnit.SECONDS), "the close crossed the proxy");
    }

    /** HAProxy terminating TLS in front of a proxy: with the localhost certificate on one port, wrong.example's on the other. */
    private record TlsFront(PeerProcess process, int goodPort, int wrongPort) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            process.close();
        }
    }

    private static TlsFront startTlsFront(String haproxy, Path dir, TestCertificates certs, int proxyPort) throws Exception {
        // HAProxy wants the chain and the key in one file.
        Path good = Files.writeString(dir.resolve("good.pem"),
                Files.readString(certs.serverChainPem()) + Files.readString(certs.serverKeyPem()));
        Path wrong = Files.writeString(dir.resolve("wrong.pem"),
                Files.readString(certs.dir().resolve("wrong-chain.pem")) + Files.readString(certs.dir().resolve("wrong-key.pem")));
        int goodPort = freePort();
        int wrongPort = freePort();
        Path config = Files.write(dir.resolve("haproxy.cfg"), List.of(
                "global", "  maxconn 100",
                "defaults", "  mode tcp", "  timeout connect 5s", "  timeout client 30s", "  timeout server 30s",
                "frontend good", "  bind 127.0.0.1:" + goodPort + " ssl crt " + good, "  default_backend proxy",
                "frontend wrong", "  bind 127.0.0.1:" + wrongPort + " ssl crt " + wrong, "  default_backend proxy",
                "backend proxy", "  server tinyproxy 127.0.0.1:" + proxyPort));
        // -db: stay in the foreground, so that the test owns the process.
        PeerProcess process = PeerProcess.start("haproxy", List.of(haproxy, "-db", "-f", config.toString()), Map.of());
        await(process, goodPort);
        await(process, wrongPort);
        return new TlsFront(process, goodPort, wrongPort);
    }

    private static WebSocket connect(Scenario.EchoServer server, String proxy) throws Exception {
        ClientOptions options = ClientOptions.builder().proxy(URI.create(proxy)).openTimeout(Duration.ofSeconds(10)).build();
        return WebSocketClient.connect("ws://localhost:" + server.port() + "/through/proxy", options);
    }

    /** Text and a binary message larger than a proxy's buffers, both ways, then a clean close. */
    private static void exchange(Scenario.EchoServer server, String proxy) throws Exception {
        try (WebSocket ws = connect(server, proxy)) {
            ws.send("through " + proxy);
            assertEquals("through " + proxy, ws.recvText());
            byte[] big = new byte[256 * 1024];
            for (int i = 0; i < big.length; i++) {
                big[i] = (byte) (i * 31);
            }
            ws.send(big);
            assertArrayEquals(big, ws.recvBinary());
            ws.close();
        }
        assertEquals("1000 ", server.closes.poll(10, TimeUnit.SECONDS), "the close crossed the proxy");
    }

    /** A proxy process and its port; closing stops it. */
    private record Started(PeerProcess process, int port) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            process.close();
        }
    }

    private static Started startTinyproxy(String tinyproxy, Path dir, List<String> extra) throws Exception {
        int port = freePort();
        List<String> lines = new ArrayList<>(List.of("Port " + port, "Listen 127.0.0.1", "Timeout 30", "LogLevel Info",
                "MaxClients 20", "Allow 127.0.0.1"));
        lines.addAll(extra);
        Path config = Files.write(dir.resolve("tinyproxy.conf"), lines);
        // -d: stay in the foreground, logging to stderr, so that the test owns the process.
        return await(PeerProcess.start("tinyproxy", List.of(tinyproxy, "-d", "-c", config.toString()), Map.of()), port);
    }

    private static Started startMicrosocks(String microsocks, List<String> extra) throws Exception {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(microsocks, "-i", "127.0.0.1", "-p", Integer.toString(port)));
        command.addAll(extra);
        return await(PeerProcess.start("microsocks", command, Map.of()), port);
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    /** Waits until the proxy accepts connections on {@code port} (20 s at most). */
    private static Started await(PeerProcess process, int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return new Started(process, port);
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    String transcript = process.transcript();
                    process.close();
                    throw new AssertionError("the proxy did not listen on " + port + " within 20 s:\n" + transcript);
                }
                Thread.sleep(50);
            }
        }
    }
}
