package org.websockets4j.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.websockets4j.protocol.Message;
import org.websockets4j.server.ServerOptions;
import org.websockets4j.server.WebSocketServer;

/** The interactive client's {@code --unix PATH}. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class UnixCliTest {
    @Test
    void unixOptionSetsTheSocketAddress() throws Exception {
        CliArguments arguments = CliArguments.parse("--unix", "/tmp/x.sock", "ws://localhost/");
        assertEquals(UnixDomainSocketAddress.of("/tmp/x.sock"), arguments.toOptions().socketAddress());
        assertEquals("/tmp/y.sock", CliArguments.parse("ws://localhost/", "--unix=/tmp/y.sock").unix());
        assertTrue(assertThrows(CliArguments.UsageError.class, () -> CliArguments.parse("ws://localhost/", "--unix"))
                .getMessage().contains("needs a value"));
        assertTrue(assertThrows(CliArguments.UsageError.class,
                () -> CliArguments.parse("--unix", "/a", "--unix", "/b", "ws://localhost/")).getMessage().contains("twice"));
    }

    @Test
    void talksToAUnixSocketServer() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "ws4j");
        Path socket = dir.resolve("cli.sock");
        try (WebSocketServer server = WebSocketServer.unixServe(ws -> {
            for (Message message : ws) {
                ws.send(message);
            }
        }, socket, ServerOptions.defaults())) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = new InteractiveClient(new ByteArrayInputStream("over unix\n".getBytes(StandardCharsets.UTF_8)),
                    StandardCharsets.UTF_8, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), false)
                    .run("--unix", socket.toString(), "ws://localhost/");
            String printed = out.toString(StandardCharsets.UTF_8);
            assertEquals(InteractiveClient.OK, code, err.toString(StandardCharsets.UTF_8));
            assertTrue(printed.startsWith("Connected to ws://localhost/."), printed);
            assertTrue(printed.contains("Connection closed: code = 1000"), printed);
        } finally {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(dir);
        }
    }
}
