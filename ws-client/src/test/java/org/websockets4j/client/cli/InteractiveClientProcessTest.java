package org.websockets4j.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The interactive client as a real program: {@code java -p <modules> -m org.websockets4j.client/...}
 * in a child process, against our echo server in this JVM. The module path is the test JVM's own
 * (Surefire puts ws-client's classes and its required modules on it); the main class is named
 * because target/classes has no recorded main class (the jar does: see the build).
 */
class InteractiveClientProcessTest {
    private static final Duration GUARD = Duration.ofSeconds(60);
    private static TestServer server;

    @BeforeAll
    static void start() throws IOException {
        server = new TestServer();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        server.close();
    }

    private static Process launch(String... args) throws IOException {
        String modulePath = System.getProperty("jdk.module.path");
        assertTrue(modulePath != null && !modulePath.isEmpty(), "the tests run on the module path");
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> command = new ArrayList<>(List.of(java, "-p", modulePath,
                "-m", "org.websockets4j.client/org.websockets4j.client.cli.Main"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).start();
    }

    private static String readLine(BufferedReader reader) throws IOException {
        String line = reader.readLine();
        if (line == null) {
            throw new AssertionError("the client's output ended early");
        }
        return line;
    }

    private static List<String> rest(BufferedReader reader) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line; (line = reader.readLine()) != null; ) {
            lines.add(line);
        }
        return lines;
    }

    @Test
    void echoesLinesAndEndOfInputClosesWithExit0() {
        assertTimeoutPreemptively(GUARD, () -> {
            String uri = server.uri("/echo");
            Process process = launch(uri);
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                OutputStream in = process.getOutputStream();
                assertEquals("Connected to " + uri + ".", readLine(out));
                in.write("hello\nbinary:3\n".getBytes(StandardCharsets.UTF_8));
                in.flush();
                assertEquals("< hello", readLine(out));
                assertEquals("< (binary) 3 bytes: 00 01 02", readLine(out));
                in.close(); // end of input
                assertEquals(List.of("Connection closed: code = 1000 (OK), no reason."), rest(out));
                assertEquals(0, process.waitFor());
                assertEquals("", new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
                assertEquals(1000, server.closeCode("/echo"));
            } finally {
                process.destroyForcibly();
            }
        });
    }

    @Test
    void sigtermClosesNormallyAndExits0() {
        assertTimeoutPreemptively(GUARD, () -> {
            Process process = launch(server.uri("/sigterm"));
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                assertTrue(readLine(out).startsWith("Connected to "));
                process.toHandle().destroy(); // SIGTERM (Process.destroy would close our ends of the pipes): the shutdown hook path that Ctrl-C (SIGINT) takes too
                assertEquals(List.of("Connection closed: code = 1000 (OK), no reason."), rest(out));
                assertTrue(process.waitFor(GUARD.toSeconds(), TimeUnit.SECONDS));
                assertEquals(0, process.exitValue());
                assertEquals(1000, server.closeCode("/sigterm"));
            } finally {
                process.destroyForcibly();
            }
        });
    }

    @Test
    void aRefusedConnectionExits1WithOneLineOnStderr() {
        assertTimeoutPreemptively(GUARD, () -> {
            String uri = "ws://127.0.0.1:" + TestServer.closedPort() + "/";
            Process process = launch(uri);
            try {
                process.getOutputStream().close();
                String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                assertEquals(1, process.waitFor());
                assertEquals(List.of("Failed to connect to " + uri + ": connection refused."), err.lines().toList());
                assertEquals("", new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } finally {
                process.destroyForcibly();
            }
        });
    }

    @Test
    void aBadOptionExits2() {
        assertTimeoutPreemptively(GUARD, () -> {
            Process process = launch("--bogus", "wss://localhost/");
            try {
                process.getOutputStream().close();
                String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                assertEquals(2, process.waitFor());
                assertEquals(List.of("error: unknown option --bogus (see java -m org.websockets4j.client --help)"), err.lines().toList());
            } finally {
                process.destroyForcibly();
            }
        });
    }
}
