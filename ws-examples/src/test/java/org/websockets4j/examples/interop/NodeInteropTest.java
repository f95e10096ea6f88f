package org.websockets4j.examples.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.websockets4j.client.ClientOptions;
import org.websockets4j.client.WebSocketClient;
import org.websockets4j.protocol.WebSocket;

/** Interop with the npm package ws (Node), both ways, with and without compression. */
class NodeInteropTest {
    private static final Duration GUARD = Duration.ofSeconds(90);

    @ParameterizedTest
    @EnumSource(PeerCompression.class)
    void ourServerWithANodeClient(PeerCompression compression) throws Exception {
        java.nio.file.Path modules = Peers.require(Peers.nodeModules(), "Node with the npm package ws");
        assertTimeoutPreemptively(GUARD, () -> {
            try (Scenario.EchoServer server = new Scenario.EchoServer()) {
                List<String> command = new ArrayList<>(List.of("node",
                        Peers.SCRIPTS.resolve("node/client.js").toString(), server.uri(), Scenario.SIZES_ARGUMENT));
                command.addAll(compression.clientArgs);
                try (PeerProcess client = PeerProcess.start("node client", command, Map.of("NODE_PATH", modules.toString()))) {
                    client.awaitLine(line -> line.startsWith("OK ") || line.startsWith("FAILED"), GUARD);
                    assertEquals(0, client.awaitExit(GUARD), client.transcript());
                }
                compression.checkWithPeerClient(server.nextNegotiated());
                assertEquals("1000 done", server.nextClose());
            }
        });
    }

    @ParameterizedTest
    @EnumSource(PeerCompression.class)
    void ourClientWithANodeServer(PeerCompression compression) throws Exception {
        java.nio.file.Path modules = Peers.require(Peers.nodeModules(), "Node with the npm package ws");
        assertTimeoutPreemptively(GUARD, () -> {
            List<String> command = new ArrayList<>(List.of("node", Peers.SCRIPTS.resolve("node/server.js").toString()));
            command.addAll(compression.serverArgs);
            try (PeerProcess server = PeerProcess.start("node server", command, Map.of("NODE_PATH", modules.toString()))) {
                String port = server.awaitLine(line -> line.startsWith("listening on "), GUARD).substring("listening on ".length());
                ClientOptions options = ClientOptions.builder().maxSize(Scenario.MAX_SIZE).build();
                try (WebSocket ws = WebSocketClient.connect("ws://127.0.0.1:" + port + "/", options)) {
                    compression.checkWithPeerServer(ws.responseHeaders().get("Sec-WebSocket-Extensions"));
                    Scenario.runAsClient(ws);
                }
                server.awaitLine(line -> line.equals("closed 1000 done"), GUARD);
            }
        });
    }
}
