package org.websockets4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.websockets4j.client.WebSocketClient;
import org.websockets4j.protocol.Message;
import org.websockets4j.protocol.WebSocket;
import org.websockets4j.server.ServerMetrics;
import org.websockets4j.server.ServerOptions;
import org.websockets4j.server.WebSocketServer;

/**
 * {@link WebSocketServer#metrics()} over real loopback connections: exact counts of handshakes by
 * outcome, messages and bytes each way, close codes each way, and open connections.
 */
class ServerMetricsTest {
    private static final Duration GUARD = Duration.ofSeconds(20);

    private static WebSocketServer echo() throws Exception {
        return WebSocketServer.serve(ws -> {
            for (Message message : ws) {
                ws.send(message);
            }
        }, "127.0.0.1", 0, ServerOptions.builder().closeTimeout(Duration.ofMillis(500)).build());
    }

    /** Connections end on the server a moment after the client sees them end: wait for that. */
    private static ServerMetrics settled(WebSocketServer server, long connectionsEnded) throws InterruptedException {
        ServerMetrics metrics = server.metrics();
        while (metrics.openConnections() != 0 || metrics.closeCodesReceived().values().stream().mapToLong(Long::longValue).sum() < connectionsEnded) {
            Thread.sleep(10);
            metrics = server.metrics();
        }
        return metrics;
    }

    private static String refusedStatus(WebSocketServer server) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines().findFirst().orElse("");
        }
    }

    @Test
    void aFreshServerCountsNothing() throws Exception {
        try (WebSocketServer server = echo()) {
            ServerMetrics metrics = server.metrics();
            assertEquals(new ServerMetrics(0, 0, Map.of(), 0, 0, 0, 0, 0, Map.of(), Map.of(), 0, 0), metrics);
        }
    }

    @Test
    void countsHandshakesMessagesBytesAndCloseCodesExactly() {
        assertTimeoutPreemptively(GUARD, () -> {
            try (WebSocketServer server = echo()) {
                String uri = "ws://127.0.0.1:" + server.port() + "/";
                try (WebSocket ws = WebSocketClient.connect(uri)) {
                    ws.send("hello");                  // 5 bytes
                    ws.send(new byte[1000]);           // 1000 bytes
                    ws.send("héllo");                  // 6 bytes of UTF-8
                    for (int i = 0; i < 3; i++) {
                        ws.recv();
                    }
                    assertEquals(1, server.metrics().openConnections());
                } // closes with 1000
                try (WebSocket ws = WebSocketClient.connect(uri)) {
                    ws.send("x");
                    ws.recv();
                    ws.close(4000, "custom"); // an application code: abnormal for the operator
                }
                try (RawWsClient dropped = RawWsClient.open(server.port(), "/")) {
                    // closed without a close frame: 1006
                }
                assertTrue(refusedStatus(server).startsWith("HTTP/1.1 426"));
                assertTrue(refusedStatus(server).startsWith("HTTP/1.1 426"));

                ServerMetrics metrics = settled(server, 3);
                assertEquals(0, metrics.openConnections());
                assertEquals(3, metrics.handshakesAccepted());
                assertEquals(Map.of(426, 2L), metrics.handshakesRefused());
                assertEquals(2, metrics.handshakesRefusedTotal());
                assertEquals(0, metrics.handshakesFailed());
                assertEquals(4, metrics.messagesReceived());
                assertEquals(4, metrics.messagesSent());
                assertEquals(1012, metrics.bytesReceived());
                assertEquals(1012, metrics.bytesSent());
                assertEquals(Map.of(1000, 1L, 4000, 1L, 1006, 1L), metrics.closeCodesReceived());
                assertEquals(Map.of(1000, 1L, 4000, 1L), metrics.closeCodesSent()); // the echo of each close
                assertEquals(2, metrics.abnormalCloses());
                // Bytes on the wire: the 1000 zero bytes went out compressed (permessage-deflate).
                assertTrue(metrics.writeBufferHighWater() > 0 && metrics.writeBufferHighWater() < 1100,
                        "at most one echo was queued at once: " + metrics.writeBufferHighWater());
            }
        });
    }

    @Test
    void aHandshakeThatTimesOutIsCountedAsFailed() {
        assertTimeoutPreemptively(GUARD, () -> {
            ServerOptions options = ServerOptions.builder().openTimeout(Duration.ofMillis(200)).build();
            try (WebSocketServer server = WebSocketServer.serve(ws -> { }, "127.0.0.1", 0, options);
                 Socket silent = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
                assertEquals(-1, silent.getInputStream().read());
                while (server.metrics().handshakesFailed() == 0) {
                    Thread.sleep(10);
                }
                assertEquals(1, server.metrics().handshakesFailed());
                assertEquals(0, server.metrics().handshakesAccepted());
                assertEquals(Map.of(), server.metrics().handshakesRefused());
            }
        });
    }

    @Test
    void theSnapshotIsImmutable() throws Exception {
        try (WebSocketServer server = echo()) {
            ServerMetrics metrics = server.metrics();
            org.junit.jupiter.api.Assertions.assertThrows(UnsupportedOperationException.class,
                    () -> metrics.closeCodesSent().put(1000, 1L));
        }
    }
}
