package org.websockets4j.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.websockets4j.protocol.Message;
import org.websockets4j.server.ServerOptions;
import org.websockets4j.server.WebSocketServer;
import org.websockets4j.testkit.TestCertificates;

/** The interactive client over wss://: --cacert, --insecure, and the failures without them. */
class InteractiveClientTlsTest {
    private static final Duration GUARD = Duration.ofSeconds(30);
    private static TestCertificates certs;
    private static WebSocketServer server;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(TestCertificates.available() || "true".equals(System.getenv("CI")), "openssl is not installed: TLS tests skipped");
        certs = TestCertificates.get();
        server = WebSocketServer.serve(ws -> {
            for (Message message : ws) {
                ws.send(message);
            }
        }, "127.0.0.1", 0, ServerOptions.builder().ssl(certs.serverContext()).build());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String[] run(String input, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = assertTimeoutPreemptively(GUARD, () -> new InteractiveClient(
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), false).run(args));
        return new String[] {Integer.toString(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    private static String uri() {
        return "wss://localhost:" + server.port() + "/";
    }

    @Test
    void cacertTrustsTheTestCa() {
        String[] result = run("over tls\n", "--cacert", certs.caPem().toString(), uri());
        assertEquals("0", result[0], result[2]);
        assertTrue(result[1].startsWith("Connected to " + uri() + ".\n"), result[1]);
        assertTrue(result[1].endsWith("Connection closed: code = 1000 (OK), no reason.\n"), result[1]);
        assertEquals("", result[2]);
    }

    @Test
    void insecureConnectsWithAWarning() {
        String[] result = run("anyway\n", "--insecure", uri());
        assertEquals("0", result[0], result[2]);
        assertTrue(result[1].startsWith("Connected to " + uri() + ".\n"), result[1]);
        assertTrue(result[2].startsWith("warning: --insecure: the server's certificate is not verified"), result[2]);
    }

    @Test
    void anUntrustedCertificateIsOneLineAndExit1() {
        String[] result = run("", uri());
        assertEquals("1", result[0]);
        assertTrue(result[2].startsWith("Failed to connect to " + uri() + ": TLS handshake with localhost:" + server.port() + " failed: "),
                result[2]);
        assertEquals(1, result[2].lines().count(), result[2]);
    }

    @Test
    void tlsOptionsForWsAreAUsageError() {
        String[] result = run("", "--insecure", "ws://localhost:1/");
        assertEquals("2", result[0]);
        assertTrue(result[2].startsWith("error: --insecure applies to wss:// URIs only"), result[2]);
    }

    @Test
    void aMissingCaFileIsAUsageError() {
        String[] result = run("", "--cacert", "/nonexistent/ca.pem", uri());
        assertEquals("2", result[0]);
        assertTrue(result[2].startsWith("error: cannot read --cacert /nonexistent/ca.pem"), result[2]);
    }
}
