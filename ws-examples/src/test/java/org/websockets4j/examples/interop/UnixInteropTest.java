package org.websockets4j.examples.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.websockets4j.client.ClientOptions;
import org.websockets4j.client.WebSocketClient;
import org.websockets4j.protocol.Message;
import org.websockets4j.protocol.WebSocket;
import org.websockets4j.server.ServerOptions;
import org.websockets4j.server.WebSocketServer;

/**
 * Unix domain sockets against real peers: Python websockets' {@code unix_connect} against our
 * {@code unixServe}, our {@code unixConnect} against Python's {@code unix_serve}, and nginx
 * ({@code proxy_pass http://unix:PATH:}) in front of our Unix server.
 */
class UnixInteropTest {
    private static final Duration GUARD = Duration.ofSeconds(90);

    /** A short directory for socket files: sun_path holds about 107 bytes, @TempDir paths may be long. */
    private Path dir;

    @BeforeEach
    void socketDir() throws Exception {
        dir = Files.createTempDirectory(Path.of("/tmp"), "ws4j");
    }

    @AfterEach
    void removeSocketDir() throws Exception {
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
        }
        Files.deleteIfExists(dir);
    }

    private static WebSocketServer echoServer(Path socket) throws Exception {
        return WebSocketServer.unixServe(ws -> {
            for (Message message : ws) {
                ws.send(message);
            }
        }, socket, ServerOptions.builder().maxSize(Scenario.MAX_SIZE).build());
    }

    @Test
    void pythonUnixConnectToOurUnixServe() throws Exception {
        String python = Peers.require(Peers.python(), "Python websockets (Debian package python3-websockets)");
        Path socket = dir.resolve("py.sock");
        assertTimeoutPreemptively(GUARD, () -> {
            try (WebSocketServer server = echoServer(socket);
                 PeerProcess client = PeerProcess.start("python unix client", List.of(python,
                         Peers.SCRIPTS.resolve("python/unix_client.py").toString(), socket.toString(), Scenario.SIZES_ARGUMENT),
                         Map.of())) {
                String result = client.awaitLine(line -> line.startsWith("OK ") || line.startsWith("FAILED"), GUARD);
                assertEquals("OK " + Scenario.MESSAGES + " messages", result, client.transcript());
            }
        });
    }

    @Test
    void ourUnixConnectToPythonUnixServe() throws Exception {
        String python = Peers.require(Peers.python(), "Python websockets (Debian package python3-websockets)");
        Path socket = dir.resolve("ours.sock");
        assertTimeoutPreemptively(GUARD, () -> {
            try (PeerProcess server = PeerProcess.start("python unix server", List.of(python,
                    Peers.SCRIPTS.resolve("python/unix_server.py").toString(), socket.toString()), Map.of())) {
                server.awaitLine(line -> line.equals("listening on unix:" + socket), GUARD);
                ClientOptions options = ClientOptions.builder().maxSize(Scenario.MAX_SIZE).build();
                try (WebSocket ws = WebSocketClient.unixConnect(socket, "ws://localhost/", options)) {
                    Scenario.runAsClient(ws);
                }
                server.awaitLine(line -> line.equals("closed 1000 done"), GUARD);
            }
        });
    }

    @Test
    void nginxProxiesToOurUnixServer(@TempDir Path prefix) throws Exception {
        String nginx = Peers.require(Peers.nginx(), "nginx (Debian package nginx)");
        Path socket = dir.resolve("ng.sock");
        assertTimeoutPreemptively(GUARD, () -> {
            try (WebSocketServer server = echoServer(socket)) {
                // nginx's workers run as another user (nobody) when started as root: they need to
                // reach the directory and write to the socket, as the README says.
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
                Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw-rw-"));
                try (PeerProcess proxy = NginxInteropTest.startProxy(nginx, prefix, "unix:" + socket + ":")) {
                    ClientOptions options = ClientOptions.builder().maxSize(Scenario.MAX_SIZE).build();
                    try (WebSocket ws = WebSocketClient.connect(NginxInteropTest.proxyUri(prefix) + "/via/unix", options)) {
                        assertTrue(ws.isOpen());
                        Scenario.runAsClient(ws);
                    }
                }
            }
        });
    }
}
