package org.websockets4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.websockets4j.client.WebSocketClient;
import org.websockets4j.protocol.ConnectionClosedError;
import org.websockets4j.protocol.ConnectionClosedOK;
import org.websockets4j.protocol.WebSocket;
import org.websockets4j.server.AsyncConnectionHandler;
import org.websockets4j.server.WebSocketServer;

/** serve() with an AsyncConnectionHandler: the stage's outcome closes the connection (1000 or 1011). */
@Timeout(30)
class AsyncHandlerTest {
    private static WebSocket connect(WebSocketServer server) throws Exception {
        return WebSocketClient.connect("ws://127.0.0.1:" + server.port() + "/");
    }

    @Test
    void echoesThroughForEachAsyncAndClosesWith1000WhenTheStageCompletes() throws Exception {
        AsyncConnectionHandler echo = ws -> ws.forEachAsync(ws::sendAsync);
        try (WebSocketServer server = WebSocketServer.serveAsync(echo, "127.0.0.1", 0); WebSocket ws = connect(server)) {
            for (int i = 0; i < 100; i++) {
                ws.send("m" + i);
            }
            for (int i = 0; i < 100; i++) {
                assertEquals("m" + i, ws.recvText());
            }
            ws.send(new byte[] {1, 2});
            assertEquals(2, ws.recvBinary().length);
        }
    }

    @Test
    void aStageThatCompletesClosesWith1000() throws Exception {
        AsyncConnectionHandler greet = ws -> ws.sendAsync("hello");
        try (WebSocketServer server = WebSocketServer.serveAsync(greet, "127.0.0.1", 0); WebSocket ws = connect(server)) {
            assertEquals("hello", ws.recvText());
            assertThrows(ConnectionClosedOK.class, ws::recv);
            assertEquals(1000, ws.closeCode());
        }
    }

    @Test
    void aFailedStageAThrowingHandlerOrANullStageCloseWith1011() throws Exception {
        AsyncConnectionHandler[] handlers = {
            ws -> CompletableFuture.failedFuture(new IllegalStateException("test: failed stage")),
            ws -> {
                throw new IllegalStateException("test: thrown");
            },
            ws -> null,
        };
        for (AsyncConnectionHandler handler : handlers) {
            try (WebSocketServer server = WebSocketServer.serveAsync(handler, "127.0.0.1", 0); WebSocket ws = connect(server)) {
                ConnectionClosedError error = assertThrows(ConnectionClosedError.class, ws::recv);
                assertEquals(1011, error.code());
            }
        }
    }

    @Test
    void theConnectionStaysOpenUntilTheStageCompletesAndHoldsNoThread() throws Exception {
        CompletableFuture<Void> release = new CompletableFuture<>();
        CountDownLatch handled = new CountDownLatch(1);
        AsyncConnectionHandler parked = ws -> {
            handled.countDown();
            return release;
        };
        try (WebSocketServer server = WebSocketServer.serveAsync(parked, "127.0.0.1", 0); WebSocket ws = connect(server)) {
            assertTrue(handled.await(10, TimeUnit.SECONDS));
            long handlerThreads = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("websockets4j-connection")).count();
            assertEquals(0, handlerThreads, "no platform handler thread is held"); // virtual threads are not listed anyway
            ws.ping().get(10, TimeUnit.SECONDS);
            assertTrue(ws.isOpen());
            release.complete(null);
            assertThrows(ConnectionClosedOK.class, ws::recv);
        }
    }
}
