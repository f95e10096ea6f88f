package org.websockets4j.examples.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Interop with the JDK's java.net.http WebSocket client (always present: no install needed). */
class JdkInteropTest {
    private static final Duration GUARD = Duration.ofSeconds(60);

    @Test
    void ourServerWithTheJdkClient() throws Exception {
        assertTimeoutPreemptively(GUARD, () -> {
            try (Scenario.EchoServer server = new Scenario.EchoServer()) {
                JdkClient jdk = JdkClient.connect(server.uri());
                for (int size : Scenario.SIZES) {
                    String text = Scenario.text(size);
                    assertEquals(text, jdk.sendTextAndAwait(text), "text of " + size + " bytes");
                    int third = text.length() / 3;
                    assertEquals(text, jdk.sendFragmentsAndAwait(text.substring(0, third),
                            text.substring(third, 2 * third), text.substring(2 * third)), "fragmented text of " + size + " bytes");
                    byte[] binary = Scenario.binary(size);
                    assertArrayEquals(binary, jdk.sendBinaryAndAwait(binary), "binary of " + size + " bytes");
                    int cut = size / 3;
                    assertArrayEquals(binary, jdk.sendBinaryFragmentsAndAwait(Arrays.copyOfRange(binary, 0, cut),
                            Arrays.copyOfRange(binary, cut, 2 * cut), Arrays.copyOfRange(binary, 2 * cut, size)),
                            "fragmented binary of " + size + " bytes");
                }
                assertEquals("interop", jdk.pingAndAwaitPong("interop"));
                assertEquals(1000, jdk.closeAndAwait(1000, "done"));
                assertEquals("1000 done", server.nextClose());
            }
        });
    }
}
