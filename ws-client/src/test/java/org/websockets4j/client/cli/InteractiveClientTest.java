package org.websockets4j.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The interactive client in-process, through its streams, against our server on loopback. */
class InteractiveClientTest {
    private static final Duration GUARD = Duration.ofSeconds(30);
    private static TestServer server;

    @BeforeAll
    static void start() throws IOException {
        server = new TestServer();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        server.close();
    }

    /** One client run: its input pipe, its output and error streams. */
    private static final class Session {
        final PipedOutputStream typing = new PipedOutputStream();
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final InteractiveClient client;
        final CompletableFuture<Integer> exit;

        Session(boolean terminal, String... args) throws IOException {
            PipedInputStream input = new PipedInputStream(typing, 1 << 16);
            client = new InteractiveClient(input, StandardCharsets.UTF_8, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), terminal);
            exit = CompletableFuture.supplyAsync(() -> client.run(args), command -> Thread.ofPlatform().daemon().start(command));
        }

        void type(String line) throws IOException {
            typing.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            typing.flush();
        }

        String out() {
            return out.toString(StandardCharsets.UTF_8);
        }

        /** Waits until the output holds {@code text} (the guard bounds the wait). */
        void awaitOutput(String text) throws InterruptedException {
            while (!out().contains(text)) {
                if (exit.isDone()) {
                    throw new AssertionError("exited without printing " + text + ":\n" + out() + err.toString(StandardCharsets.UTF_8));
                }
                Thread.sleep(5);
            }
        }

        int endInput() throws Exception {
            typing.close();
            return exit.get(GUARD.toSeconds(), TimeUnit.SECONDS);
        }
    }

    private static String[] runToEnd(String input, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = assertTimeoutPreemptively(GUARD, () -> new InteractiveClient(
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), false).run(args));
        return new String[] {Integer.toString(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void echoesTypedLinesThenClosesNormallyAtEndOfInput() {
        assertTimeoutPreemptively(GUARD, () -> {
            String uri = server.uri("/echo");
            Session session = new Session(false, uri);
            session.awaitOutput("Connected to " + uri + ".");
            session.type("hello");
            session.awaitOutput("< hello\n");
            session.type("héllo wörld ✓");
            session.awaitOutput("< héllo wörld ✓\n");
            assertEquals(InteractiveClient.OK, session.endInput());
            assertEquals(List.of("Connected to " + uri + ".", "< hello", "< héllo wörld ✓",
                    "Connection closed: code = 1000 (OK), no reason."), session.out().lines().toList());
            assertEquals("", session.err.toString(StandardCharsets.UTF_8));
            assertEquals(1000, server.closeCode("/echo"));
        });
    }

    @Test
    void aProxyThatRefusesIsReportedWithItsStatusAndWithoutThePassword() throws Exception {
        try (java.net.ServerSocket proxy = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Thread answer = Thread.ofPlatform().daemon().start(() -> {
                try (java.net.Socket client = proxy.accept()) {
                    client.getOutputStream().write("HTTP/1.1 407 Proxy Authentication Required\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    client.getInputStream().read();
                } catch (IOException e) {
                    // the test is over
                }
            });
            String[] result = runToEnd("", "--proxy", "http://u:secret@127.0.0.1:" + proxy.getLocalPort(), server.uri("/proxied"));
            answer.join(GUARD.toMillis());
            assertEquals(Integer.toString(InteractiveClient.FAILED), result[0], result[2]);
            assertTrue(result[2].contains("HTTP 407"), result[2]);
            assertFalse(result[2].contains("secret"), result[2]);
        }
    }

    @Test
    void emptyInputConnectsAndCloses() throws Exception {
        String[] result = runToEnd("", server.uri("/empty"));
        assertEquals("0", result[0], result[2]);
        assertTrue(result[1].endsWith("Connection closed: code = 1000 (OK), no reason.\n"), result[1]);
        assertEquals(1000, server.closeCode("/empty"));
    }

    @Test
    void binaryMessagesAreSummarisedInHex() {
        assertTimeoutPreemptively(GUARD, () -> {
            Session session = new Session(false, server.uri("/binary"));
            session.type("binary:20");
            session.awaitOutput("< (binary) 20 bytes: 00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f ...\n");
            session.type("binary:1");
            session.awaitOutput("< (binary) 1 byte: 00\n");
            assertEquals(InteractiveClient.OK, session.endInput());
        });
    }

    @Test
    void theServerClosingEndsTheSessionWithItsCodeAndReason() {
        assertTimeoutPreemptively(GUARD, () -> {
            Session session = new Session(false, server.uri("/server-close"));
            session.type("close");
            // The input is still open: the close alone ends the run.
            assertEquals(InteractiveClient.OK, session.exit.get());
            assertTrue(session.out().endsWith("Connection closed: code = 4000 (private use), reason = bye.\n"), session.out());
            assertEquals(4000, server.closeCode("/server-close"));
            session.typing.close();
        });
    }

    @Test
    void stopClosesWithNormalClosureLikeCtrlC() {
        assertTimeoutPreemptively(GUARD, () -> {
            Session session = new Session(false, server.uri("/stop"));
            session.awaitOutput("Connected to");
            session.client.stop();
            assertEquals(InteractiveClient.OK, session.exit.get());
            assertTrue(session.client.awaitFinished(Duration.ZERO));
            assertTrue(session.out().endsWith("Connection closed: code = 1000 (OK), no reason.\n"), session.out());
            assertEquals(1000, server.closeCode("/stop"));
            session.typing.close();
        });
    }

    @Test
    void headersAndSubprotocolsAreSent() {
        assertTimeoutPreemptively(GUARD, () -> {
            Session session = new Session(false, "--header", "X-Test: forty two", "--subprotocol", "superchat",
                    "--no-compression", server.uri("/headers"));
            session.type("whoami");
            session.awaitOutput("< X-Test=forty two subprotocol=superchat\n");
            assertEquals(InteractiveClient.OK, session.endInput());
        });
    }

    @Test
    void onATerminalAPromptIsShownAndMessagesArePrintedAboveTheInputLine() {
        assertTimeoutPreemptively(GUARD, () -> {
            Session session = new Session(true, server.uri("/terminal"));
            session.type("hi");
            session.awaitOutput("< hi\n");
            assertEquals(InteractiveClient.OK, session.endInput());
            String out = session.out();
            assertTrue(out.contains("> "), out);
            assertTrue(out.contains("\u001b7\n\u001b[A\u001b[L< hi\n\u001b8\u001b[B"), out);
            assertTrue(out.endsWith("\r\u001b[KConnection closed: code = 1000 (OK), no reason.\n"), out);
        });
    }

    // ------------------------------------------------------------------ failures: one line, exit 1

    private static void assertFailure(String expectedError, String... args) {
        String[] result = runToEnd("never sent\n", args);
        assertEquals(Integer.toString(InteractiveClient.FAILED), result[0], result[1] + result[2]);
        assertEquals("", result[1]);
        assertEquals(List.of(expectedError), result[2].lines().toList());
    }

    @Test
    void aRefusedConnectionIsOneLineAndExit1() throws IOException {
        String uri = "ws://127.0.0.1:" + TestServer.closedPort() + "/";
        assertFailure("Failed to connect to " + uri + ": connection refused.", uri);
    }

    @Test
    void aFailureNeverPrintsThePasswordOfTheUri() throws IOException {
        // Issue 16 item 8: this line printed ws://user:SECRETPASS@...
        String port = Integer.toString(TestServer.closedPort());
        assertFailure("Failed to connect to ws://user:***@127.0.0.1:" + port + "/: connection refused.",
                "ws://user:SECRETPASS@127.0.0.1:" + port + "/");
        assertFailure("Failed to connect to ws://user:***@exa mple.com/: ws://user:***@exa mple.com/ isn't a valid WebSocket URI:"
                + " invalid character U+0020 at index 24 in the host.", "ws://user:SECRETPASS@exa mple.com/");
    }

    @Test
    void theConnectedLineNeverPrintsThePassword() {
        String uri = server.uri("/credentials").replace("ws://", "ws://user:SECRETPASS@");
        String[] result = runToEnd("", uri);
        assertEquals("0", result[0], result[2]);
        assertTrue(result[1].startsWith("Connected to " + server.uri("/credentials").replace("ws://", "ws://user:***@") + ".\n"),
                result[1]);
        assertFalse(result[1].contains("SECRETPASS") || result[2].contains("SECRETPASS"), result[1] + result[2]);
    }

    @Test
    void aBadUriIsOneLineAndExit1() {
        assertFailure("Failed to connect to http://localhost/: http://localhost/ isn't a valid WebSocket URI: scheme must be ws or wss, got http.",
                "http://localhost/");
    }

    @Test
    void aRefusedHandshakeIsOneLineAndExit1() {
        String uri = server.uri("/forbidden");
        assertFailure("Failed to connect to " + uri + ": server rejected WebSocket connection: HTTP 403.", uri);
    }

    @Test
    void aServerThatIsNotAWebSocketServerIsOneLineAndExit1() throws IOException {
        try (TestServer.HttpOnly http = new TestServer.HttpOnly()) {
            assertFailure("Failed to connect to " + http.uri() + ": server rejected WebSocket connection: HTTP 200.", http.uri());
        }
    }

    // ------------------------------------------------------------------ usage: exit 2

    private static String usageError(String... args) {
        String[] result = runToEnd("", args);
        assertEquals(Integer.toString(InteractiveClient.USAGE), result[0], result[1] + result[2]);
        assertEquals("", result[1]);
        List<String> lines = result[2].lines().toList();
        assertEquals(1, lines.size(), result[2]);
        assertTrue(lines.get(0).startsWith("error: ") && lines.get(0).endsWith("(see java -m org.websockets4j.client --help)"), lines.get(0));
        return lines.get(0);
    }

    @Test
    void badArgumentsExit2WithOneLine() {
        assertTrue(usageError().contains("no URI given"));
        String twoUris = usageError("ws://a/", "ws://user:SECRETPASS@b/");
        assertTrue(twoUris.contains("unexpected argument ws://user:***@b/") && !twoUris.contains("SECRETPASS"), twoUris);
        assertTrue(usageError("--bogus", "ws://localhost/").contains("unknown option --bogus"));
        assertTrue(usageError("ws://a/", "ws://b/").contains("unexpected argument ws://b/"));
        assertTrue(usageError("--header", "NoColon", "ws://localhost/").contains("\"Name: value\""));
        assertTrue(usageError("--header", ": value", "ws://localhost/").contains("empty name"));
        assertTrue(usageError("--header", "Host: evil", "ws://localhost/").contains("must not set Host"));
        assertTrue(usageError("--header", "Bad Name: x", "ws://localhost/").contains("Bad Name"));
        assertTrue(usageError("--subprotocol", "two words", "ws://localhost/").contains("subprotocols[0]"));
        assertTrue(usageError("ws://localhost/", "--subprotocol").contains("--subprotocol needs a value"));
        assertTrue(usageError("--no-compression=yes", "ws://localhost/").contains("takes no value"));
    }

    @Test
    void helpGoesToStdoutWithExit0() {
        String[] result = runToEnd("", "--help");
        assertEquals("0", result[0]);
        assertTrue(result[1].startsWith("Usage: java -m org.websockets4j.client [options] <uri>"), result[1]);
        for (String option : List.of("--header", "--subprotocol", "--no-compression", "--help")) {
            assertTrue(result[1].contains(option), option);
        }
        assertEquals("", result[2]);
    }
}
