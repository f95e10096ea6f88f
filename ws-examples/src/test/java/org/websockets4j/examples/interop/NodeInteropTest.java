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

/** Interop with the npm package ws (Node), both ways. */
class NodeInteropTest {
    private static final Duration GUARD = Duration.ofSeconds(90);

    @Test
    void ourServerWithANodeClient() throws Exception {
        java.nio.file.Path modules = Peers.require(Peers.nodeModules(), "Node with the npm package ws");
        assertTimeoutPreemptively(GUARD, () -> {
            try (Scenario.EchoServer server = new Scenario.EchoServer();
                 PeerProcess client = PeerProcess.start("node client", List.of("node",
                         Peers.SCRIPTS.resolve("node/client.js").toString(), server.uri(), Scenario.SIZES_ARGUMENT), Map.of("NODE_PATH", modules.toString()))) {
                client.awaitLine(line -> line.startsWith("OK ") || line.startsWith("FAILED"), GUARD);
                assertEquals(0, client.awaitExit(GUARD), client.transcript());
                assertEquals("1000 done", server.nextClose());
            }
        });
    }

    @Test
    void ourClientWithANodeServer() throws Exception {
        java.nio.file.Path modules = Peers.require(Peers.nodeModules(), "Node with the npm package ws");
        assertTimeoutPreemptively(GUARD, () -> {
            try (PeerProcess server = PeerProcess.start("node server", List.of("node",
                    Peers.SCRIPTS.resolve("node/server.js").toString()), Map.of("NODE_PATH", modules.toString()))) {
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
