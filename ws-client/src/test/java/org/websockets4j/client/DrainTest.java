package org.websockets4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.websockets4j.http.InvalidStatusCode;
import org.websockets4j.protocol.WebSocket;
import org.websockets4j.server.WebSocketServer;

/** A server drain: 503 with Retry-After for newcomers, 1001 for the others spread over a period. */
@Timeout(60)
class DrainTest {
    @Test
    void newcomersAreToldToRetryAndTheOthersAreClosedOneAfterTheOther() throws Exception {
        WebSocketServer server = WebSocketServer.serve(WebSocket::awaitClosed, "127.0.0.1", 0);
        String uri = "ws://127.0.0.1:" + server.port() + "/";
        List<WebSocket> clients = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            clients.add(WebSocketClient.connect(uri));
        }
        List<Long> closedAt = Collections.synchronizedList(new ArrayList<>());
        for (WebSocket ws : clients) {
            ws.closedFuture().thenRun(() -> closedAt.add(System.nanoTime()));
        }
        long start = System.nanoTime();
        CompletableFuture<Void> drained = server.drain(Duration.ofSeconds(2), Duration.ofMillis(7500));

        InvalidStatusCode refused = assertThrows(InvalidStatusCode.class, () -> WebSocketClient.connect(uri));
        assertEquals(503, refused.statusCode());
        assertEquals("8", refused.headers().get("Retry-After"));

        assertNull(drained.get(30, TimeUnit.SECONDS));
        for (WebSocket ws : clients) {
            assertEquals(1001, ws.closeCode());
        }
        List<Long> times = new ArrayList<>(closedAt);
        Collections.sort(times);
        assertEquals(20, times.size());
        assertTrue(times.get(19) - times.get(0) >= TimeUnit.MILLISECONDS.toNanos(1000),
                "closes spread over " + (times.get(19) - times.get(0)) / 1e6 + " ms");
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(1900));
        assertTrue(server.isClosing());
    }

    @Test
    void aSecondDrainOrADrainWhileClosingOnlyWaits() throws Exception {
        WebSocketServer server = WebSocketServer.serve(WebSocket::awaitClosed, "127.0.0.1", 0);
        CompletableFuture<Void> first = server.drain(Duration.ZERO, Duration.ofSeconds(1));
        CompletableFuture<Void> second = server.drain(Duration.ofHours(1), Duration.ofSeconds(1));
        assertNull(first.get(10, TimeUnit.SECONDS));
        assertNull(second.get(10, TimeUnit.SECONDS));
        assertThrows(IllegalArgumentException.class, () -> server.drain(Duration.ofSeconds(-1), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> server.drain(Duration.ZERO, Duration.ZERO));
    }
}
