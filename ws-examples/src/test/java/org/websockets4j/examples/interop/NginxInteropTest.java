package org.websockets4j.examples.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.websockets4j.client.ClientOptions;
import org.websockets4j.client.WebSocketClient;
import org.websockets4j.protocol.ConnectionClosedOK;
import org.websockets4j.protocol.WebSocket;
import org.websockets4j.server.WebSocketServer;

/**
 * Our server behind nginx (Debian package nginx) as a reverse proxy, configured with the usual
 * {@code proxy_set_header Upgrade/Connection} lines, on a free loopback port, started and stopped
 * by the test: the upgrade passes, messages flow both ways, pings cross the proxy both ways, and
 * a close from either side reaches the other.
 */
class NginxInteropTest {
    private static final Duration GUARD = Duration.ofSeconds(90);

    @Test
    void theExchangeThroughTheProxyAndACloseFromTheClient(@TempDir Path prefix) throws Exception {
        String nginx = Peers.require(Peers.nginx(), "nginx (Debian package nginx)");
        assertTimeoutPreemptively(GUARD, () -> {
            try (Scenario.EchoServer server = new Scenario.EchoServer();
                 PeerProcess proxy = startProxy(nginx, prefix, server.port())) {
                ClientOptions options = ClientOptions.builder().maxSize(Scenario.MAX_SIZE).build();
                try (WebSocket ws = WebSocketClient.connect(proxyUri(prefix) + "/through/nginx", options)) {
                    PeerCompression.DEFAULTS.checkWithPeerServer(ws.responseHeaders().get("Sec-WebSocket-Extensions"));
                    Scenario.runAsClient(ws);
                }
                PeerCompression.DEFAULTS.checkWithPeerClient(server.nextNegotiated());
                assertEquals("1000 done", server.nextClose(), "the client's close reached the server");
            }
        });
    }

    @Test
    void aPingAndACloseFromTheServerCrossTheProxy(@TempDir Path prefix) throws Exception {
        String nginx = Peers.require(Peers.nginx(), "nginx (Debian package nginx)");
        assertTimeoutPreemptively(GUARD, () -> {
            try (WebSocketServer server = WebSocketServer.serve(ws -> {
                ws.send("path " + ws.path() + " host " + ws.requestHeaders().get("Host"));
                ws.ping("from the server").get(10, TimeUnit.SECONDS);
                ws.send("pong received");
                ws.close(1001, "going away");
            }, "127.0.0.1", 0);
                 PeerProcess proxy = startProxy(nginx, prefix, server.port())) {
                try (WebSocket ws = WebSocketClient.connect(proxyUri(prefix) + "/chat?room=1")) {
                    assertEquals("path /chat?room=1 host 127.0.0.1", ws.recvText()); // nginx passes $host: no port
                    assertEquals("pong received", ws.recvText());
                    assertThrows(ConnectionClosedOK.class, ws::recv);
                    assertEquals(1001, ws.closeCode());
                    assertEquals("going away", ws.closeReason());
                }
            }
        });
    }

    /** Writes the configuration for a free port in front of {@code backend} and starts nginx in the foreground. */
    private static PeerProcess startProxy(String nginx, Path prefix, int backend) throws Exception {
        return startProxy(nginx, prefix, "127.0.0.1:" + backend);
    }

    /**
     * Like {@link #startProxy(String, Path, int)} in front of any {@code proxy_pass} upstream:
     * {@code 127.0.0.1:PORT}, or {@code unix:/path/to/socket:} for a Unix domain socket.
     */
    static PeerProcess startProxy(String nginx, Path prefix, String upstream) throws Exception {
        return startProxy(nginx, prefix, upstream, "nginx/nginx.conf", Map.of());
    }

    /**
     * {@link #startProxy(String, Path, String)} from another template under src/test/peers, with
     * more {@code @NAME@} replacements; the proxy's port is in {@code prefix/port}.
     */
    static PeerProcess startProxy(String nginx, Path prefix, int backend, String template, Map<String, String> more)
            throws Exception {
        return startProxy(nginx, prefix, "127.0.0.1:" + backend, template, more);
    }

    /** The general form: any upstream, any template, more replacements. */
    static PeerProcess startProxy(String nginx, Path prefix, String upstream, String template, Map<String, String> more)
            throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Files.writeString(prefix.resolve("port"), Integer.toString(port));
        String config = Files.readString(Peers.SCRIPTS.resolve(template))
                .replace("@PREFIX@", prefix.toString())
                .replace("@PORT@", Integer.toString(port))
                .replace("127.0.0.1:@BACKEND@", upstream)
                .replace("@BACKEND@", upstream.substring(upstream.lastIndexOf(':') + 1));
        for (Map.Entry<String, String> entry : more.entrySet()) {
            config = config.replace("@" + entry.getKey() + "@", entry.getValue());
        }
        Path file = Files.writeString(prefix.resolve("nginx.conf"), config);
        PeerProcess process = PeerProcess.start("nginx",
                List.of(nginx, "-p", prefix.toString(), "-e", prefix.resolve("error.log").toString(), "-c", file.toString()), Map.of());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return process;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    String log = Files.exists(prefix.resolve("error.log")) ? Files.readString(prefix.resolve("error.log")) : "";
                    process.close();
                    throw new AssertionError("nginx did not listen on " + port + " within 20 s:\n" + process.transcript() + "\n" + log);
                }
                Thread.sleep(50);
            }
        }
    }

    static int proxyPort(Path prefix) throws IOException {
        return Integer.parseInt(Files.readString(prefix.resolve("port")));
    }

    static String proxyUri(Path prefix) throws IOException {
        return "ws://127.0.0.1:" + proxyPort(prefix);
    }
}
