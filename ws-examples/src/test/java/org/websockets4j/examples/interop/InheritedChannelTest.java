package org.websockets4j.examples.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.websockets4j.client.WebSocketClient;
import org.websockets4j.protocol.WebSocket;

/**
 * Socket activation: a launcher (Python, standing in for inetd or systemd with
 * {@code StandardInput=socket}) binds a loopback port, puts the listening socket on the standard
 * input of {@code echo-server --inherited}, and the server serves {@link System#inheritedChannel()}.
 */
class InheritedChannelTest {
    private static final Duration GUARD = Duration.ofSeconds(90);

    /** Binds 127.0.0.1:0, prints the port, makes the socket fd 0 and execs the rest of the command line. */
    private static final String LAUNCHER = """
            import os, socket, sys
            s = socket.socket()
            s.bind(("127.0.0.1", 0))
            s.listen(16)
            print("bound", s.getsockname()[1], flush=True)
            os.dup2(s.fileno(), 0)
            s.close()
            os.execvp(sys.argv[1], sys.argv[1:])
            """;

    @Test
    void theEchoServerServesAnInheritedListeningSocket() throws Exception {
        String python = Peers.require(Peers.python(), "Python 3 (Debian package python3-websockets)");
        String javaCommand = ProcessHandle.current().info().command().orElseThrow();
        assertTimeoutPreemptively(GUARD, () -> {
            try (PeerProcess server = PeerProcess.start("socket-activated echo-server", List.of(python, "-c", LAUNCHER,
                    javaCommand, "-p", System.getProperty("jdk.module.path"),
                    "-m", "org.websockets4j.examples/org.websockets4j.examples.Main", "echo-server", "--inherited"), Map.of())) {
                String port = server.awaitLine(line -> line.startsWith("bound "), GUARD).substring("bound ".length());
                String listening = server.awaitLine(line -> line.startsWith("listening on "), GUARD);
                assertEquals("listening on ws://127.0.0.1:" + port + "/", listening);
                try (WebSocket ws = WebSocketClient.connect("ws://127.0.0.1:" + port + "/inherited")) {
                    ws.send("through an inherited socket");
                    assertEquals("through an inherited socket", ws.recvText());
                    ws.send(new byte[] {1, 2, 3});
                    assertArrayEquals(new byte[] {1, 2, 3}, ws.recvBinary());
                }
            }
        });
    }
}
