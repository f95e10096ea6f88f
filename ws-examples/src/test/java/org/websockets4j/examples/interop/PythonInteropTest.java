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

/** Interop with Python websockets (Debian's python3-websockets), both ways, with and without compression. */
class PythonInteropTest {
    private static final Duration GUARD = Duration.ofSeconds(90);

    @ParameterizedTest
    @EnumSource(PeerCompression.class)
    void ourServerWithAPythonClient(PeerCompression compression) throws Exception {
        String python = Peers.require(Peers.python(), "Python websockets (Debian package python3-websockets)");
        assertTimeoutPreemptively(GUARD, () -> {
            try (Scenario.EchoServer server = new Scenario.EchoServer()) {
                List<String> command = new ArrayList<>(List.of(python,
                        Peers.SCRIPTS.resolve("python/client.py").toString(), server.uri(), Scenario.SIZES_ARGUMENT));
                command.addAll(compression.clientArgs);
                try (PeerProcess client = PeerProcess.start("python client", command, Map.of())) {
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
    void ourClientWithAPythonServer(PeerCompression compression) throws Exception {
        String python = Peers.require(Peers.python(), "Python websockets (Debian package python3-websockets)");
        assertTimeoutPreemptively(GUARD, () -> {
            List<String> command = new ArrayList<>(List.of(python, Peers.SCRIPTS.resolve("python/server.py").toString()));
            command.addAll(compression.serverArgs);
            try (PeerProcess server = PeerProcess.start("python server", command, Map.of())) {
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
