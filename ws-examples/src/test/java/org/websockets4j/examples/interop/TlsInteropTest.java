package org.websockets4j.examples.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.websockets4j.client.ClientOptions;
import org.websockets4j.client.WebSocketClient;
import org.websockets4j.http.Headers;
import org.websockets4j.protocol.Message;
import org.websockets4j.protocol.WebSocket;
import org.websockets4j.server.HttpResponse;
import org.websockets4j.server.ServerOptions;
import org.websockets4j.server.WebSocketServer;
import org.websockets4j.testkit.TestCertificates;

/**
 * wss:// interop, each way where the peer has both sides: Python websockets and Node ws (client
 * and server), the JDK's HttpClient WebSocket, nginx terminating TLS in front of our plain server,
 * and headless Chromium. The certificates are made at test time ({@link TestCertificates}); every
 * peer verifies them against the test CA, except Chromium, which is told to ignore certificate
 * errors (its trust store cannot be changed from the command line).
 */
class TlsInteropTest {
    private static final Duration GUARD = Duration.ofSeconds(120);
    private static TestCertificates certs;

    @BeforeAll
    static void certificates() {
        Peers.require(TestCertificates.available() ? java.util.Optional.of(true) : java.util.Optional.empty(), "openssl");
        certs = TestCertificates.get();
    }

    private static ServerOptions tlsServer() {
        return ServerOptions.builder().ssl(certs.serverContext()).build();
    }

    private static ClientOptions trusting() {
        return ClientOptions.builder().maxSize(Scenario.MAX_SIZE).ssl(certs.clientContext()).build();
    }

    @ParameterizedTest(name = "our wss server, {0} client")
    @EnumSource(ScriptPeer.class)
    void ourServerWithAPeerClient(ScriptPeer peer) throws Exception {
        assertTimeoutPreemptively(GUARD, () -> {
            try (Scenario.EchoServer server = new Scenario.EchoServer(tlsServer())) {
                String uri = "wss://localhost:" + server.port() + "/";
                try (PeerProcess client = peer.startClient(uri, List.of(), Map.of("WS_CAFILE", certs.caPem().toString()))) {
                    client.awaitLine(line -> line.startsWith("OK ") || line.startsWith("FAILED"), GUARD);
                    assertEquals(0, client.awaitExit(GUARD), client.transcript());
                }
                assertEquals("1000 done", server.nextClose());
            }
        });
    }

    @ParameterizedTest(name = "our client, {0} wss server")
    @EnumSource(ScriptPeer.class)
    void ourClientWithAPeerServer(ScriptPeer peer) throws Exception {
        assertTimeoutPreemptively(GUARD, () -> {
            Map<String, String> tls = Map.of("WS_CERT", certs.serverChainPem().toString(), "WS_KEY", certs.serverKeyPem().toString());
            try (PeerProcess server = peer.startServer(List.of(), tls)) {
                String port = server.awaitLine(line -> line.startsWith("listening on "), GUARD).substring("listening on ".length());
                try (WebSocket ws = WebSocketClient.connect("wss://localhost:" + port + "/", trusting())) {
                    Scenario.runAsClient(ws);
                }
                server.awaitLine(line -> line.equals("closed 1000 done"), GUARD);
            }
        });
    }

    @Test
    void theJdkHttpClientOverWss() throws Exception {
        assertTimeoutPreemptively(GUARD, () -> {
            try (Scenario.EchoServer server = new Scenario.EchoServer(tlsServer())) {
                JdkClient client = JdkClient.connect("wss://localhost:" + server.port() + "/", certs.clientContext());
                assertEquals("over tls", client.sendTextAndAwait("over tls"));
                byte[] big = Scenario.binary(1 << 20);
                assertArrayEquals(big, client.sendBinaryAndAwait(big));
                assertEquals(1000, client.closeAndAwait(1000, "done"));
                assertEquals("1000 done", server.nextClose());
            }
        });
    }

    @Test
    void nginxTerminatesTlsInFrontOfOurPlainServer(@TempDir Path prefix) throws Exception {
        String nginx = Peers.require(Peers.nginx(), "nginx (Debian package nginx)");
        assertTimeoutPreemptively(GUARD, () -> {
            try (Scenario.EchoServer server = new Scenario.EchoServer();
                 PeerProcess proxy = NginxInteropTest.startProxy(nginx, prefix, server.port(), "nginx/nginx-tls.conf",
                         Map.of("CERT", certs.serverChainPem().toString(), "KEY", certs.serverKeyPem().toString()))) {
                String uri = "wss://localhost:" + NginxInteropTest.proxyPort(prefix) + "/through/nginx";
                try (WebSocket ws = WebSocketClient.connect(uri, trusting())) {
                    Scenario.runAsClient(ws);
                }
                assertEquals("1000 done", server.nextClose(), "the client's close reached the server");
            }
        });
    }

    @Test
    void chromiumOverWss(@TempDir Path profile) throws Exception {
        String chromium = Peers.require(Peers.chromium(), "Chromium (Debian package chromium)");
        byte[] page = Files.readAllBytes(Peers.SCRIPTS.resolve("chromium/interop.html"));
        byte[] scenario = Files.readAllBytes(Peers.SCRIPTS.resolve("node/scenario.js"));
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        ServerOptions options = ServerOptions.builder()
                .ssl(certs.serverContext())
                .maxSize(Scenario.MAX_SIZE)
                .processRequest((path, headers) -> path.startsWith("/echo") ? null
                        : path.startsWith("/?") ? new HttpResponse(200, Headers.of("Content-Type", "text/html; charset=utf-8"), page)
                        : path.equals("/scenario.js") ? new HttpResponse(200, Headers.of("Content-Type", "text/javascript"), scenario)
                        : HttpResponse.of(404))
                .build();
        assertTimeoutPreemptively(GUARD, () -> {
            try (WebSocketServer server = WebSocketServer.serve(ws -> {
                ws.ping("from the server").get(10, TimeUnit.SECONDS);
                events.add("pong");
                for (Message message : ws) {
                    if (message instanceof Message.Text text && text.text().startsWith("RESULT ")) {
                        events.add(text.text());
                    } else {
                        ws.send(message);
                    }
                }
                ws.awaitClosed();
                events.add("closed " + ws.closeCode() + " " + ws.closeReason());
            }, "127.0.0.1", 0, options)) {
                List<String> command = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--disable-quic", "--no-first-run", "--ignore-certificate-errors",
                        "--user-data-dir=" + profile.resolve("profile"),
                        "https://127.0.0.1:" + server.port() + "/?sizes=" + Scenario.SIZES_ARGUMENT));
                Path tmp = Files.createDirectories(profile.resolve("tmp"));
                try (PeerProcess browser = PeerProcess.start("chromium", command, Map.of("TMPDIR", tmp.toString()))) {
                    assertEquals("pong", poll(events, browser));
                    String result = poll(events, browser);
                    assertTrue(result.startsWith("RESULT OK " + Scenario.MESSAGES), result);
                    assertEquals("closed 1000 done", poll(events, browser));
                }
            }
        });
    }

    private static String poll(BlockingQueue<String> events, PeerProcess browser) throws InterruptedException {
        String event = events.poll(60, TimeUnit.SECONDS);
        if (event == null) {
            throw new AssertionError("the page did not finish; Chromium printed:\n" + browser.transcript());
        }
        return event;
    }
}
