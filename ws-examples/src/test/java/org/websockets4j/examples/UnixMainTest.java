package org.websockets4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.websockets4j.client.WebSocketClient;
import org.websockets4j.protocol.WebSocket;
import org.websockets4j.server.WebSocketServer;

/** The test servers' {@code --unix PATH}. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UnixMainTest {
    @Test
    void unixReplacesHostAndPort() throws Exception {
        assertEquals(new Main.Server(Main.Kind.ECHO, null, 0, true, false, "/tmp/e.sock"),
                Main.parse("echo-server", "--unix", "/tmp/e.sock"));
        assertEquals(new Main.Server(Main.Kind.CHAT, null, 0, false, true, "/tmp/c.sock"),
                Main.parse("chat-server", "--unix=/tmp/c.sock", "--async", "--no-compression"));
        Main.UsageError e = assertThrows(Main.UsageError.class, () -> Main.parse("echo-server", "--unix", "/tmp/e.sock", "--port", "1"));
        assertTrue(e.getMessage().contains("--unix replaces --port and --host"), e.getMessage());
        assertThrows(Main.UsageError.class, () -> Main.parse("echo-server", "--unix"));
        assertThrows(Main.UsageError.class, () -> Main.parse("echo-server", "--unix="));
    }

    @Test
    void everyServerRunsOnAUnixSocket() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "ws4j");
        Path socket = dir.resolve("m.sock");
        try {
            for (String command : new String[] {"echo-server", "broadcast-server", "chat-server"}) {
                for (boolean async : new boolean[] {false, true}) {
                    String[] args = async ? new String[] {command, "--unix", socket.toString(), "--async"}
                            : new String[] {command, "--unix", socket.toString()};
                    Main.Server invocation = (Main.Server) Main.parse(args);
                    WebSocketServer server = Main.start(invocation);
                    try (server) {
                        assertEquals("unix:" + socket, invocation.listen().describe(server, false));
                        try (WebSocket ws = WebSocketClient.unixConnect(socket, "ws://localhost/chat")) {
                            ws.send("hi there");
                            // The chat server says "* anonymous joined" first.
                            String got = ws.recvText();
                            if (!got.contains("hi there")) {
                                got = ws.recvText();
                            }
                            assertTrue(got.contains("hi there"), command + ": " + got);
                        }
                    }
                    server.awaitClosed();
                    assertFalse(Files.exists(socket), command);
                }
            }
        } finally {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(dir);
        }
    }
}
