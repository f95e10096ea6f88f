package org.websockets4j.examples.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.websockets4j.client.ClientOptions;
import org.websockets4j.client.WebSocketClient;
import org.websockets4j.protocol.WebSocket;

/** Interop with Python websockets (Debian's python3-websockets), both ways. */
class PythonInteropTest {
    private static final Duration GUARD = Duration.ofSeconds(90);

    @Test
    void ourServerWithAPythonClient() throws Exception {
        String python = Peers.require(Peers.python(), "Python websockets (Debian package python3-websockets)");
        assertTimeoutPreemptively(GUARD, () -> {
            try (Scenario.EchoServer server = new Scenario.EchoServer();
                 PeerProcess client = PeerProcess.start("python client", List.of(python,
                         Peers.SCRIPTS.resolve("python/client.py").toString(), server.uri(), Scenario.SIZES_ARGUMENT), Map.of())) {
                client.awaitLine(line -> line.startsWith("OK ") || line.startsWith("FAILED"), GUARD);
                assertEquals(0, client.awaitExit(GUARD), client.transcript());
                assertEquals("1000 done", server.nextClose());
            }
        });
    }

    @Test
    void ourClientWithAPythonServer() throws Exception {
        String python = Peers.require(Peers.python(), "Python websockets (Debian package python3-websockets)");
        assertTimeoutPreemptively(GUARD, () -> {
            try (PeerProcess server = PeerProcess.start("python server", List.of(python,
                    Peers.SCRIPTS.resolve("python/server.py").toString()), Map.of())) {
                String port = server.awaitLine(line -> line.startsWith("listening on "), GUARD).substring("listening on ".length());
                ClientOptions options = ClientOptions.builder().maxSize(Scenario.MAX_SIZE).build();
                try (WebSocket ws = WebSocketClient.connect("ws://127.0.0.1:" + port + "/", options)) {
                    Scenario.runAsClient(ws);
                }
                server.awaitLine(line -> line.equals("closed 1000 done"), GUARD);
            }
        });
    }
}
