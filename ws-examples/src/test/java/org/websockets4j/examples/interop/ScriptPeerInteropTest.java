package org.websockets4j.examples.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.websockets4j.client.ClientOptions;
import org.websockets4j.client.WebSocketClient;
import org.websockets4j.protocol.WebSocket;

/**
 * Interop with Python websockets and Node ws, both ways, each with compression off, at the peer's
 * defaults, at the smallest windows and without context takeover ({@link PeerCompression}).
 */
class ScriptPeerInteropTest {
    private static final Duration GUARD = Duration.ofSeconds(90);

    static Stream<Arguments> cells() {
        return Arrays.stream(ScriptPeer.values())
                .flatMap(peer -> Arrays.stream(PeerCompression.values()).map(compression -> Arguments.of(peer, compression)));
    }

    @ParameterizedTest(name = "our server, {0} client, compression {1}")
    @MethodSource("cells")
    void ourServerWithAPeerClient(ScriptPeer peer, PeerCompression compression) throws Exception {
        assertTimeoutPreemptively(GUARD, () -> {
            try (Scenario.EchoServer server = new Scenario.EchoServer()) {
                try (PeerProcess client = peer.startClient(server.uri(), compression.clientArgs)) {
                    client.awaitLine(line -> line.startsWith("OK ") || line.startsWith("FAILED"), GUARD);
                    assertEquals(0, client.awaitExit(GUARD), client.transcript());
                }
                compression.checkWithPeerClient(server.nextNegotiated());
                assertEquals("1000 done", server.nextClose());
            }
        });
    }

    @ParameterizedTest(name = "our client, {0} server, compression {1}")
    @MethodSource("cells")
    void ourClientWithAPeerServer(ScriptPeer peer, PeerCompression compression) throws Exception {
        assertTimeoutPreemptively(GUARD, () -> {
            try (PeerProcess server = peer.startServer(compression.serverArgs)) {
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
