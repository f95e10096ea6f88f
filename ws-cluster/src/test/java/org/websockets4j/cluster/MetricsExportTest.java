package org.websockets4j.cluster;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.websockets4j.client.WebSocketClient;
import org.websockets4j.protocol.Message;
import org.websockets4j.protocol.WebSocket;
import org.websockets4j.server.WebSocketServer;

/**
 * {@link MetricsExport} over a real server (no Redis needed): the Prometheus text shows the
 * server's counters through Micrometer, keyed ones included once their key has been seen.
 */
class MetricsExportTest {
    private static final Duration GUARD = Duration.ofSeconds(20);

    @Test
    void theExportShowsTheServersCounters() {
        assertTimeoutPreemptively(GUARD, () -> {
            try (WebSocketServer server = WebSocketServer.serve(ws -> {
                for (Message message : ws) {
                    ws.send(message);
                }
            }, "127.0.0.1", 0)) {
                MetricsExport export = MetricsExport.bind(server::metrics, new SimpleMeterRegistry());
                assertTrue(export.prometheus().contains("websocket_connections_open 0\n"), export.prometheus());
                try (WebSocket ws = WebSocketClient.connect("ws://127.0.0.1:" + server.port() + "/")) {
                    ws.send("one");
                    ws.send("two");
                    ws.recv();
                    ws.recv();
                }
                try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
                    socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    InputStream in = socket.getInputStream();
                    in.readAllBytes();
                }
                List<String> expected = List.of(
                        "websocket_connections_open 0",
                        "websocket_handshakes_total{outcome=\"accepted\"} 1",
                        "websocket_handshakes_refused_total{status=\"426\"} 1",
                        "websocket_messages_total{direction=\"in\"} 2",
                        "websocket_messages_total{direction=\"out\"} 2",
                        "websocket_bytes_total{direction=\"in\"} 6",
                        "websocket_closes_total{code=\"1000\"} 1",
                        "websocket_closes_sent_total{code=\"1000\"} 1",
                        "websocket_closes_abnormal_total 0");
                String scraped = export.prometheus();
                while (!lines(scraped).containsAll(expected)) {
                    Thread.sleep(50); // the server counts the close a moment after the client saw it; snapshots live 100 ms
                    scraped = export.prometheus();
                }
                String text = scraped;
                expected.forEach(line -> assertTrue(text.lines().anyMatch(line::equals), line + " in\n" + text));
            }
        });
    }

    private static List<String> lines(String scrape) {
        return scrape.lines().toList();
    }
}
