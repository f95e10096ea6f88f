package org.websockets4j.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.websockets4j.client.ClientOptions;
import org.websockets4j.client.WebSocketClient;
import org.websockets4j.protocol.ConnectionClosedOK;
import org.websockets4j.protocol.Message;
import org.websockets4j.protocol.WebSocket;
import org.websockets4j.server.WebSocketServer;

/** The command-line test programs: argument parsing, the servers in-process, and one real run. */
class MainTest {
    private static final Duration GUARD = Duration.ofSeconds(20);

    /** Runs {@link Main#run} on arguments that must not start a server. */
    private static String[] runCapturing(int expectedCode, String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String[] result = {out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
        assertEquals(expectedCode, code, String.join("\n", result));
        return result;
    }

    @Test
    void helpOnTheProgramAndOnEachCommandExitsZero() throws Exception {
        String[] top = runCapturing(0, "--help");
        assertTrue(top[0].startsWith("Usage:"), top[0]);
        for (String command : List.of("echo-server", "broadcast-server", "chat-server", "autobahn-client", "echo-demo", "frame-demo")) {
            assertTrue(top[0].contains(command), command);
            String[] help = runCapturing(0, command, "--help");
            assertTrue(help[0].startsWith("Usage:") && help[0].contains(command), help[0]);
            assertEquals("", help[1]);
        }
        assertInstanceOf(Main.Help.class, Main.parse("echo-server", "--port", "1", "--help"));
    }

    @Test
    void usageErrorsGoToStderrWithExitCode2() throws Exception {
        assertTrue(runCapturing(2)[1].contains("no command"));
        assertTrue(runCapturing(2, "chess-server")[1].contains("unknown command chess-server"));
        assertTrue(runCapturing(2, "--verbose")[1].contains("unknown option --verbose"));
        String[] unknown = runCapturing(2, "echo-server", "--port", "8765", "--verbose");
        assertEquals("", unknown[0]);
        assertTrue(unknown[1].startsWith("error: ") && unknown[1].contains("unknown option --verbose"), unknown[1]);
        assertTrue(runCapturing(2, "echo-server", "--port", "8765", "extra")[1].contains("unexpected argument extra"));
        assertTrue(runCapturing(2, "echo-demo", "--port", "1")[1].contains("takes no arguments"));
    }

    @Test
    void thePortIsRequiredAndChecked() throws Exception {
        assertTrue(runCapturing(2, "echo-server")[1].contains("--port is required"));
        assertTrue(runCapturing(2, "broadcast-server", "--host", "127.0.0.1")[1].contains("--port is required"));
        assertTrue(runCapturing(2, "echo-server", "--port")[1].contains("--port needs a value"));
        for (String bad : List.of("abc", "-1", "65536", "", "80x")) {
            String err = runCapturing(2, "echo-server", "--port", bad)[1];
            assertTrue(err.contains("invalid port"), bad + ": " + err);
        }
        assertTrue(runCapturing(2, "echo-server", "--port", "1", "--port", "2")[1].contains("twice"));
        Main.UsageError e = assertThrows(Main.UsageError.class, () -> Main.parse("broadcast-server", "--port=x"));
        assertTrue(e.getMessage().contains("invalid port"), e.getMessage());
    }

    @Test
    void validArgumentsParse() throws Exception {
        assertEquals(new Main.Server(Main.Kind.ECHO, "127.0.0.1", 8765), Main.parse("echo-server", "--port", "8765"));
        assertEquals(new Main.Server(Main.Kind.BROADCAST, "::1", 0), Main.parse("broadcast-server", "--host=::1", "--port=0"));
        assertEquals(new Main.Server(Main.Kind.ECHO, "127.0.0.1", 1, false, false), Main.parse("echo-server", "--no-compression", "--port", "1"));
        assertEquals(new Main.Server(Main.Kind.ECHO, "127.0.0.1", 1, true, true), Main.parse("echo-server", "--async", "--port", "1"));
        assertThrows(Main.UsageError.class, () -> Main.parse("echo-server", "--port", "1", "--no-compression=yes"));
        assertThrows(Main.UsageError.class, () -> Main.parse("echo-server", "--port", "1", "--no-compression", "--no-compression"));
        assertEquals(new Main.Demo("frame-demo"), Main.parse("frame-demo"));
        assertEquals("ws://[::1]:80/", Main.uri("::1", 80));
        assertEquals("ws://127.0.0.1:80/", Main.uri("127.0.0.1", 80));
    }

    @ParameterizedTest(name = "async={0}")
    @ValueSource(booleans = {false, true})
    void echoServerEchoesTextAsTextAndBinaryAsBinary(boolean async) throws Exception {
        assertTimeoutPreemptively(GUARD, () -> {
            try (WebSocketServer server = Main.start((Main.Server) Main.parse(args("echo-server", async)))) {
                ClientOptions client = ClientOptions.builder().maxSize(16L << 20).build();
                try (WebSocket ws = WebSocketClient.connect("ws://127.0.0.1:" + server.port() + "/", client)) {
                    ws.send("héllo");
                    assertEquals(new Message.Text("héllo"), ws.recv());
                    byte[] big = new byte[2 << 20]; // above the default 1 MiB maxSize: the server takes 16 MiB
                    new java.util.Random(3).nextBytes(big);
                    ws.send(big);
                    assertArrayEquals(big, ws.recvBinary());
                    ws.send(new byte[0]);
                    assertEquals(new Message.Binary(new byte[0]), ws.recv());
                }
            }
        });
    }

    @Test
    void theServersCompressByDefaultAndNotWithNoCompression() throws Exception {
        assertTimeoutPreemptively(GUARD, () -> {
            for (String command : List.of("echo-server", "broadcast-server", "chat-server")) {
                for (boolean compression : List.of(true, false)) {
                    String[] args = compression
                            ? new String[] {command, "--port", "0"}
                            : new String[] {command, "--port", "0", "--no-compression"};
                    try (WebSocketServer server = Main.start((Main.Server) Main.parse(args));
                         WebSocket ws = WebSocketClient.connect("ws://127.0.0.1:" + server.port() + "/chat")) {
                        String negotiated = ws.responseHeaders().get("Sec-WebSocket-Extensions");
                        assertEquals(compression, negotiated != null && negotiated.startsWith("permessage-deflate"),
                                String.join(" ", args) + ": " + negotiated);
                    }
                }
            }
        });
    }

    @ParameterizedTest(name = "async={0}")
    @ValueSource(booleans = {false, true})
    void broadcastServerSendsEveryMessageToEveryClient(boolean async) throws Exception {
        assertTimeoutPreemptively(GUARD, () -> {
            try (WebSocketServer server = Main.start((Main.Server) Main.parse(args("broadcast-server", async)))) {
                String uri = "ws://127.0.0.1:" + server.port() + "/";
                try (WebSocket a = WebSocketClient.connect(uri); WebSocket b = WebSocketClient.connect(uri)) {
                    while (server.connections().size() < 2) {
                        Thread.sleep(5);
                    }
                    a.send("from a");
                    assertEquals(new Message.Text("from a"), a.recv());
                    assertEquals(new Message.Text("from a"), b.recv());
                    b.send(new byte[] {1, 2, 3});
                    assertArrayEquals(new byte[] {1, 2, 3}, a.recvBinary());
                    assertArrayEquals(new byte[] {1, 2, 3}, b.recvBinary());
                }
            }
        });
    }

    @Test
    void theRealProgramEchoesAndClosesWith1001OnSigterm() throws Exception {
        String modulePath = System.getProperty("jdk.module.path");
        assertTrue(modulePath != null && !modulePath.isEmpty(), "the tests run on the module path");
        String javaCommand = ProcessHandle.current().info().command().orElseThrow();
        List<String> command = new ArrayList<>(List.of(javaCommand, "-p", modulePath,
                "-m", "org.websockets4j.examples/org.websockets4j.examples.Main", "echo-server", "--host", "127.0.0.1", "--port", "0"));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                String line = out.readLine();
                assertTrue(line != null && line.startsWith("listening on ws://127.0.0.1:"), String.valueOf(line));
                String uri = line.substring("listening on ".length());
                WebSocket ws = WebSocketClient.connect(uri);
                ws.send("through a real process");
                assertEquals("through a real process", ws.recvText());
                ws.send(new byte[] {4, 5});
                assertArrayEquals(new byte[] {4, 5}, ws.recvBinary());
                CompletableFuture<Void> drained = CompletableFuture.runAsync(() -> {
                    try {
                        out.transferTo(java.io.Writer.nullWriter());
                    } catch (java.io.IOException e) {
                        // the process is gone
                    }
                });
                process.destroy(); // SIGTERM
                assertThrows(ConnectionClosedOK.class, ws::recv);
                assertEquals(1001, ws.closeCode());
                assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the process exits");
                drained.get(10, TimeUnit.SECONDS);
            });
        } finally {
            process.destroyForcibly();
        }
    }

    /** The server command's arguments on an ephemeral port, with --async when asked. */
    private static String[] args(String command, boolean async) {
        return async ? new String[] {command, "--port", "0", "--async"} : new String[] {command, "--port", "0"};
    }
}
