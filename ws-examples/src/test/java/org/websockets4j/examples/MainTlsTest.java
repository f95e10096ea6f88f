package org.websockets4j.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.websockets4j.client.ClientOptions;
import org.websockets4j.client.WebSocketClient;
import org.websockets4j.protocol.WebSocket;
import org.websockets4j.server.WebSocketServer;
import org.websockets4j.testkit.TestCertificates;

/** The example servers over wss:// with --cert and --key, and the PEM key reader behind them. */
class MainTlsTest {
    private static TestCertificates certs;

    @BeforeAll
    static void certificates() {
        assumeTrue(TestCertificates.available() || "true".equals(System.getenv("CI")), "openssl is not installed: TLS tests skipped");
        certs = TestCertificates.get();
    }

    private static ClientOptions trusting() {
        return ClientOptions.builder().ssl(certs.clientContext()).build();
    }

    @Test
    void certAndKeyParseAndGoTogether() throws Exception {
        assertEquals(new Main.Server(Main.Kind.ECHO, "127.0.0.1", 1, true, false, Map.of(), "c.pem", "k.pem"),
                Main.parse("echo-server", "--port", "1", "--cert", "c.pem", "--key=k.pem"));
        Main.UsageError e = assertThrows(Main.UsageError.class, () -> Main.parse("echo-server", "--port", "1", "--cert", "c.pem"));
        assertTrue(e.getMessage().contains("--cert and --key go together"), e.getMessage());
        assertEquals("wss://[::1]:8443/", Main.uri("::1", 8443, true));
    }

    @Test
    void aPkcs1KeyServesLikeItsPkcs8Form(@TempDir Path dir) throws Exception {
        Path pkcs1 = dir.resolve("rsa-key.pem");
        Process convert = new ProcessBuilder("openssl", "rsa", "-in", certs.serverKeyPem().toString(), "-traditional", "-out",
                pkcs1.toString()).redirectErrorStream(true).start();
        convert.getInputStream().readAllBytes();
        assertTrue(convert.waitFor(30, TimeUnit.SECONDS) && convert.exitValue() == 0, "openssl rsa -traditional");
        assertTrue(Files.readString(pkcs1).startsWith("-----BEGIN RSA PRIVATE KEY-----"));
        assertArrayEquals(PemKeys.privateKey(Files.readString(certs.serverKeyPem()), "RSA", certs.serverKeyPem()).getEncoded(),
                PemKeys.privateKey(Files.readString(pkcs1), "RSA", pkcs1).getEncoded());
        for (Main.Kind kind : List.of(Main.Kind.ECHO, Main.Kind.BROADCAST)) {
            Main.Server invocation = (Main.Server) Main.parse(kind.command, "--port", "0", "--cert", certs.serverChainPem().toString(),
                    "--key", pkcs1.toString());
            try (WebSocketServer server = Main.start(invocation);
                 WebSocket ws = WebSocketClient.connect(Main.uri("localhost", server.port(), true), trusting())) {
                ws.send("over tls");
                assertEquals("over tls", ws.recvText());
            }
        }
    }

    @Test
    void anEncryptedOrMissingKeyIsExplained(@TempDir Path dir) throws Exception {
        Path encrypted = dir.resolve("enc.pem");
        Files.writeString(encrypted, "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n");
        GeneralSecurityException e = assertThrows(GeneralSecurityException.class, () -> PemKeys.privateKey(Files.readString(encrypted), "RSA", encrypted));
        assertTrue(e.getMessage().contains("encrypted"), e.getMessage());
        e = assertThrows(GeneralSecurityException.class, () -> PemKeys.privateKey("nothing here", "RSA", encrypted));
        assertTrue(e.getMessage().contains("no PEM private key"), e.getMessage());
    }

    @Test
    void theRealProgramServesWss() throws Exception {
        String modulePath = System.getProperty("jdk.module.path");
        assertTrue(modulePath != null && !modulePath.isEmpty(), "the tests run on the module path");
        String javaCommand = ProcessHandle.current().info().command().orElseThrow();
        Process process = new ProcessBuilder(javaCommand, "-p", modulePath, "-m", "org.websockets4j.examples/org.websockets4j.examples.Main",
                "echo-server", "--host", "127.0.0.1", "--port", "0", "--cert", certs.serverChainPem().toString(),
                "--key", certs.serverKeyPem().toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                String line = out.readLine();
                assertTrue(line != null && line.startsWith("listening on wss://127.0.0.1:"), String.valueOf(line));
                try (WebSocket ws = WebSocketClient.connect(line.substring("listening on ".length()), trusting())) {
                    ws.send("through a real process");
                    assertEquals("through a real process", ws.recvText());
                }
                process.destroy();
                assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the process exits");
            });
        } finally {
            process.destroyForcibly();
        }
    }
}
