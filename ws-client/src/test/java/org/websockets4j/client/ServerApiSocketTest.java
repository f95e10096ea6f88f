package org.websockets4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.websockets4j.http.InvalidStatusCode;
import org.websockets4j.protocol.ConnectionClosed;
import org.websockets4j.protocol.WebSocket;
import org.websockets4j.server.AsyncRouter;
import org.websockets4j.server.HttpResponse;
import org.websockets4j.server.Router;
import org.websockets4j.server.ServerOptions;
import org.websockets4j.server.WebSocketServer;

/** The server API of websockets 13-17 over loopback sockets: route, close(code, reason), origin patterns. */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ServerApiSocketTest {
    private static final ServerOptions QUICK = ServerOptions.builder().pingInterval(null).closeTimeout(Duration.ofSeconds(2)).build();

    private static String uri(WebSocketServer server, String path) {
        return "ws://127.0.0.1:" + server.port() + path;
    }

    @Test
    void aRouterServesMatchingPathsWithTheirParametersAndAnswers404Otherwise() throws Exception {
        Router router = Router.builder()
                .route("/rooms/{name}", (ws, params) -> ws.send("room " + params.get("name")))
                .route("/plain", ws -> ws.send("plain"))
                .build();
        ServerOptions options = QUICK.toBuilder()
                .processRequest((path, headers) -> path.equals("/health") ? HttpResponse.text(200, "OK\n") : null).build();
        try (WebSocketServer server = WebSocketServer.serve(router, "127.0.0.1", 0, options)) {
            try (WebSocket ws = WebSocketClient.connect(uri(server, "/rooms/caf%C3%A9?x=1"))) {
                assertEquals("room caf\u00e9", ws.recvText());
            }
            try (WebSocket ws = WebSocketClient.connect(uri(server, "/plain"))) {
                assertEquals("plain", ws.recvText());
            }
            InvalidStatusCode notFound = assertThrows(InvalidStatusCode.class, () -> WebSocketClient.connect(uri(server, "/rooms/a/b")));
            assertEquals(404, notFound.statusCode());
            InvalidStatusCode health = assertThrows(InvalidStatusCode.class, () -> WebSocketClient.connect(uri(server, "/health")));
            assertEquals(200, health.statusCode(), "the user's processRequest runs first");
            assertTrue(server.connections().isEmpty());
        }
    }

    @Test
    void anAsyncRouterToo() throws Exception {
        AsyncRouter router = AsyncRouter.builder()
                .route("/echo/{id}", (ws, params) -> ws.sendAsync(params.get("id")).thenCompose(sent -> ws.forEachAsync(ws::sendAsync)))
                .build();
        try (WebSocketServer server = WebSocketServer.serveAsync(router, "127.0.0.1", 0, QUICK)) {
            try (WebSocket ws = WebSocketClient.connect(uri(server, "/echo/7"))) {
                assertEquals("7", ws.recvText());
                ws.send("hi");
                assertEquals("hi", ws.recvText());
            }
            assertEquals(404, assertThrows(InvalidStatusCode.class, () -> WebSocketClient.connect(uri(server, "/"))).statusCode());
        }
    }

    @Test
    void closeWithACodeSendsItToEveryConnectionAndWaitsForTheHandlers() throws Exception {
        AtomicBoolean handlerDone = new AtomicBoolean();
        CountDownLatch started = new CountDownLatch(2);
        WebSocketServer server = WebSocketServer.serve(ws -> {
            started.countDown();
            try {
                ws.recv();
            } catch (ConnectionClosed expected) {
                Thread.sleep(200); // cleaning up after the close: close() must wait for this
                handlerDone.set(true);
            }
        }, "127.0.0.1", 0, QUICK);
        try (WebSocket a = WebSocketClient.connect(uri(server, "/"));
             WebSocket b = WebSocketClient.connect(uri(server, "/"))) {
            assertTrue(started.await(10, TimeUnit.SECONDS));
            server.close(4000, "maintenance");
            assertTrue(handlerDone.get(), "close() returned before the handlers did");
            assertTrue(server.closedFuture().isDone());
            for (WebSocket ws : new WebSocket[] {a, b}) {
                ConnectionClosed closed = assertThrows(ConnectionClosed.class, ws::recv);
                assertEquals(4000, closed.code());
                assertEquals("maintenance", closed.reason());
            }
            server.close(); // idempotent: only waits, which is over
        }
        assertThrows(IllegalArgumentException.class, () -> server.close(1005, ""), "1005 may not be sent");
    }

    @Test
    void tryWithResourcesClosesWith1001AndWaits() throws Exception {
        WebSocket client;
        WebSocketServer outer;
        try (WebSocketServer server = WebSocketServer.serve(ws -> ws.recv(), "127.0.0.1", 0, QUICK)) {
            outer = server;
            client = WebSocketClient.connect(uri(server, "/"));
        }
        assertTrue(outer.closedFuture().isDone(), "connections closed before close() returned");
        assertEquals(1001, assertThrows(ConnectionClosed.class, client::recv).code());
    }

    @Test
    void closeCalledInsideAHandlerDoesNotWaitForItself() throws Exception {
        CompletableFuture<WebSocketServer> self = new CompletableFuture<>();
        CompletableFuture<Void> closeReturned = new CompletableFuture<>();
        WebSocketServer server = WebSocketServer.serve(ws -> {
            self.get().close(1012, "restart");
            closeReturned.complete(null);
        }, "127.0.0.1", 0, QUICK);
        self.complete(server);
        try (WebSocket ws = WebSocketClient.connect(uri(server, "/"))) {
            closeReturned.get(10, TimeUnit.SECONDS);
            assertEquals(1012, assertThrows(ConnectionClosed.class, ws::recv).code());
        }
        server.closedFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void closeAsyncDoesNotWait() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        WebSocketServer server = WebSocketServer.serve(ws -> {
            started.countDown();
            release.await(); // a handler that does not return yet
        }, "127.0.0.1", 0, QUICK);
        try (WebSocket ws = WebSocketClient.connect(uri(server, "/"))) {
            assertTrue(started.await(10, TimeUnit.SECONDS));
            CompletableFuture<Void> closed = server.closeAsync(1001, "");
            assertFalse(closed.isDone(), "the handler is still running");
            release.countDown();
            closed.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void originPatternsOverSockets() throws Exception {
        ServerOptions options = QUICK.toBuilder().originPatterns(Pattern.compile("https://[a-z]+\\.example\\.com")).build();
        try (WebSocketServer server = WebSocketServer.serve(ws -> ws.send("ok"), "127.0.0.1", 0, options)) {
            try (WebSocket ws = WebSocketClient.connect(uri(server, "/"),
                    ClientOptions.builder().origin("https://chat.example.com").build())) {
                assertEquals("ok", ws.recvText());
            }
            InvalidStatusCode refused = assertThrows(InvalidStatusCode.class, () -> WebSocketClient.connect(uri(server, "/"),
                    ClientOptions.builder().origin("https://evil.net").build()));
            assertEquals(403, refused.statusCode());
        }
    }
}
