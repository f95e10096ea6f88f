package org.websockets4j.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.websockets4j.client.ClientOptions;
import org.websockets4j.client.WebSocketClient;
import org.websockets4j.testkit.TestCertificates;

/**
 * {@code ClusterServer --cert FILE --key FILE} serves {@code wss://}: started as a process with the
 * throwaway certificates of the test kit, it says so, and answers over TLS. No Redis is needed:
 * {@code /healthz} answers (200, or 503 "redis unreachable" once the node has noticed), which is
 * enough to see the TLS handshake completed and HTTP ran over it.
 */
@Timeout(90)
class ClusterTlsTest {
    @Test
    void certAndKeyServeWss() throws Exception {
        assumeTrue(TestCertificates.available(), "openssl is not installed");
        TestCertificates certs = TestCertificates.get();
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, "-p", System.getProperty("jdk.module.path"),
                "-m", "org.websockets4j.cluster/org.websockets4j.cluster.ClusterServer", "--port", "0",
                "--redis", "redis://127.0.0.1:1", "--cert", certs.serverChainPem().toString(),
                "--key", certs.serverKeyPem().toString())
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String listening = null;
            StringBuilder transcript = new StringBuilder();
            for (String line; (line = out.readLine()) != null; ) {
                transcript.append(line).append('\n');
                if (line.startsWith("listening on ")) {
                    listening = line;
                    break;
                }
            }
            assertTrue(listening != null && listening.startsWith("listening on wss://127.0.0.1:"), transcript.toString());
            Thread.ofVirtual().start(() -> out.lines().forEach(ignored -> { })); // keep the pipe drained
            String address = listening.substring("listening on ".length(), listening.indexOf(' ', "listening on ".length()));
            ClientOptions tls = ClientOptions.builder().ssl(certs.clientContext()).build();
            Exception answer = assertThrows(Exception.class, () -> WebSocketClient.connect(address + "healthz", tls).close());
            // /healthz is plain HTTP: the client refuses its answer, which arrived over TLS.
            assertTrue(answer.getMessage().matches(".*HTTP (200|503).*"), answer.toString());
        } finally {
            process.destroy();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void certWithoutKeyIsAUsageError() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, "-p", System.getProperty("jdk.module.path"),
                "-m", "org.websockets4j.cluster/org.websockets4j.cluster.ClusterServer", "--port", "0",
                "--cert", "chain.pem").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, process.exitValue(), output);
        assertTrue(output.contains("--cert and --key go together"), output);
    }
}
