package org.websockets4j.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.websockets4j.examples.interop.JdkClient;
import org.websockets4j.client.ClientOptions;
import org.websockets4j.client.WebSocketClient;
import org.websockets4j.http.InvalidStatusCode;
import org.websockets4j.protocol.ConnectionClosedError;
import org.websockets4j.protocol.ConnectionClosedOK;
import org.websockets4j.protocol.Message;
import org.websockets4j.protocol.WebSocket;
import org.websockets4j.server.HttpResponse;
import org.websockets4j.server.ServerOptions;
import org.websockets4j.server.WebSocketServer;

/** serve() and connect() over real loopback sockets, through the public API only. */
class ServeConnectTest {
    private static final Duration GUARD = Duration.ofSeconds(20);

    private static WebSocketServer echoServer(ServerOptions options) throws Exception {
        return WebSocketServer.serve(ws -> {
            for (Message message : ws) {
                ws.send(message);
            }
        }, "127.0.0.1", 0, options);
    }

    private static String uri(WebSocketServer server, String path) {
        return "ws://127.0.0.1:" + server.port() + path;
    }

    @Test
    void echoesTextAndBinaryThenClosesCleanly() throws Exception {
        assertTimeoutPreemptively(GUARD, () -> {
            try (WebSocketServer server = echoServer(ServerOptions.defaults())) {
                try (WebSocket ws = WebSocketClient.connect(uri(server, "/echo?x=1"))) {
                    ws.send("héllo");
                    assertEquals(new Message.Text("héllo"), ws.recv());
                    byte[] big = new byte[300_000];
                    new java.util.Random(1).nextBytes(big);
                    ws.send(big);
                    assertArrayEquals(big, ws.recvBinary());
                    ws.ping().get(5, TimeUnit.SECONDS);
                }
                server.close();
                server.awaitClosed();
            }
        });
    }

    @Test
    void handlerOutcomeDecidesTheCloseCode() throws Exception {
        assertTimeoutPreemptively(GUARD, () -> {
            try (WebSocketServer server = WebSocketServer.serve(ws -> {
                if (ws.path().equals("/fail")) {
                    throw new IllegalStateException("deliberate failure in a test handler");
                }
                ws.send("bye");
            }, "127.0.0.1", 0)) {
                try (WebSocket ok = WebSocketClient.connect(uri(server, "/ok"))) {
                    assertEquals("bye", ok.recvText());
                    assertThrows(ConnectionClosedOK.class, ok::recv);
                    assertEquals(1000, ok.closeCode());
                }
                java.util.logging.Logger log = java.util.logging.Logger.getLogger("org.websockets4j.server");
                List<java.util.logging.LogRecord> records = new java.util.concurrent.CopyOnWriteArrayList<>();
                java.util.logging.Handler capture = new java.util.logging.Handler() {
                    @Override
                    public void publish(java.util.logging.LogRecord record) {
                        records.add(record);
                    }

                    @Override
                    public void flush() {
                    }

                    @Override
                    public void close() {
                    }
                };
                log.addHandler(capture);
                try (WebSocket failing = WebSocketClient.connect(uri(server, "/fail"))) {
                    ConnectionClosedError e = assertThrows(ConnectionClosedError.class, failing::recv);
                    assertEquals(1011, e.code());
                } finally {
                    log.removeHandler(capture);
                }
                assertTrue(records.stream().anyMatch(r -> r.getLevel() == java.util.logging.Level.WARNING
                        && r.getThrown() instanceof IllegalStateException
                        && r.getThrown().getMessage().contains("deliberate failure")), "the handler's exception is logged");
            }
        });
    }

    @Test
    void aConfiguredHandlerExecutorRunsTheHandlerAndTheServerForgetsEachConnection() throws Exception {
        assertTimeoutPreemptively(GUARD, () -> {
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4,
                    task -> new Thread(task, "test-handler-pool"));
            List<String> handlerThreads = new java.util.concurrent.CopyOnWriteArrayList<>();
            ServerOptions options = ServerOptions.builder().handlerExecutor(pool).build();
            try (WebSocketServer server = WebSocketServer.serve(ws -> {
                handlerThreads.add(Thread.currentThread().getName());
                if (ws.path().equals("/fail")) {
                    throw new IllegalStateException("deliberate failure in a test handler");
                }
                for (Message message : ws) {
                    ws.send(message);
                }
            }, "127.0.0.1", 0, options)) {
                for (int i = 0; i < 3; i++) {
                    try (WebSocket ws = WebSocketClient.connect(uri(server, "/echo"))) {
                        ws.send("round " + i);
                        assertEquals(new Message.Text("round " + i), ws.recv());
                    }
                }
                try (WebSocket failing = WebSocketClient.connect(uri(server, "/fail"))) {
                    assertEquals(1011, assertThrows(ConnectionClosedError.class, failing::recv).code());
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (!server.connections().isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertTrue(server.connections().isEmpty(), "every ended connection is forgotten");
                assertEquals(List.of("test-handler-pool", "test-handler-pool", "test-handler-pool", "test-handler-pool"),
                        handlerThreads);
                server.close();
                server.awaitClosed(); // returns only once every connection was counted finished
            } finally {
                pool.shutdownNow();
            }
        });
    }

    @Test
    void closingTheServerClosesConnectionsWith1001() throws Exception {
        assertTimeoutPreemptively(GUARD, () -> {
            CountDownLatch connected = new CountDownLatch(1);
            WebSocketServer server = WebSocketServer.serve(ws -> {
                connected.countDown();
                for (Message ignored : ws) {
                    // wait for the close
                }
            }, "127.0.0.1", 0);
            WebSocket ws = WebSocketClient.connect(uri(server, "/"));
            connected.await();
            server.close();
            assertThrows(ConnectionClosedOK.class, ws::recv);
            assertEquals(1001, ws.closeCode());
            server.awaitClosed();
            server.close(); // idempotent
            assertThrows(java.io.IOException.class, () -> WebSocketClient.connect(uri(server, "/")));
        });
    }

    @Test
    void aHandlerMayCloseTheServerFromItsOwnThread() throws Exception {
        // The handler runs on a thread of its own after the handshake: close() there must see it
        // as one of the server's threads and return at once, not wait for the handler to end.
        assertTimeoutPreemptively(GUARD, () -> {
            CompletableFuture<String> handlerThread = new CompletableFuture<>();
            WebSocketServer[] holder = new WebSocketServer[1];
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch closeReturned = new CountDownLatch(1);
            WebSocketServer server = WebSocketServer.serve(ws -> {
                started.await();
                handlerThread.complete(Thread.currentThread().getName() + "/" + Thread.currentThread().isVirtual());
                holder[0].close();
                closeReturned.countDown();
            }, "127.0.0.1", 0);
            holder[0] = server;
            started.countDown();
            try (WebSocket ws = WebSocketClient.connect(uri(server, "/"))) {
                assertThrows(ConnectionClosedOK.class, ws::recv);
                assertTrue(closeReturned.await(5, TimeUnit.SECONDS), "close() returned in the handler");
                assertEquals(1001, ws.closeCode());
            }
            assertEquals("websockets4j-connection/true", handlerThread.get(5, TimeUnit.SECONDS));
            server.awaitClosed();
        });
    }

    @Test
    void aHandshakeInFlightWhenTheServerClosesIsAnswered503() throws Exception {
        assertTimeoutPreemptively(GUARD, () -> {
            WebSocketServer server = echoServer(ServerOptions.defaults());
            try (Socket socket = new Socket("127.0.0.1", server.port())) {
                OutputStream out = socket.getOutputStream();
                out.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Thread.sleep(500); // let the server accept and start reading this handshake
                server.closeAsync(1001, ""); // close() would wait for this very handshake to end
                out.write(("Upgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                assertTrue(answer.startsWith("HTTP/1.1 503 "), answer);
            }
            server.awaitClosed();
        });
    }

    @Test
    void refusedHandshakesReachTheClientWithStatusAndBody() throws Exception {
        assertTimeoutPreemptively(GUARD, () -> {
            ServerOptions options = ServerOptions.builder()
                    .processRequest((path, headers) -> path.equals("/private") ? HttpResponse.text(403, "keep out") : null)
                    .build();
            try (WebSocketServer server = echoServer(options)) {
                InvalidStatusCode e = assertThrows(InvalidStatusCode.class,
                        () -> WebSocketClient.connect(uri(server, "/private")));
                assertEquals(403, e.statusCode());
                assertTrue(new String(e.body(), StandardCharsets.UTF_8).contains("keep out"));
                try (WebSocket ws = WebSocketClient.connect(uri(server, "/public"))) {
                    ws.send("still fine");
                    assertEquals("still fine", ws.recvText());
                }
            }
        });
    }

    @Test
    void plainHttpAndWrongMethodsGetTheirStatus() throws Exception {
        assertTimeoutPreemptively(GUARD, () -> {
            try (WebSocketServer server = echoServer(ServerOptions.defaults())) {
                assertTrue(rawExchange(server, "GET / HTTP/1.1\r\nHost: x\r\n\r\n").startsWith("HTTP/1.1 426 "));
                assertTrue(rawExchange(server, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n").startsWith("HTTP/1.1 405 "));
                assertTrue(rawExchange(server, "GARBAGE\r\n\r\n").startsWith("HTTP/1.1 400 "));
            }
        });
    }

    @Test
    void aClientThatNeverCompletesItsHandshakeIsDroppedAtTheOpenTimeout() throws Exception {
        assertTimeoutPreemptively(GUARD, () -> {
            ServerOptions options = ServerOptions.builder().openTimeout(Duration.ofMillis(300)).build();
            try (WebSocketServer server = echoServer(options); Socket idle = new Socket("127.0.0.1", server.port())) {
                idle.getOutputStream().write("GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
                assertEquals(-1, idle.getInputStream().read(), "closed without an answer");
            }
        });
    }

    @Test
    void subprotocolIsNegotiated() throws Exception {
        assertTimeoutPreemptively(GUARD, () -> {
            ServerOptions options = ServerOptions.builder().subprotocols("chat.v2", "chat.v1").build();
            try (WebSocketServer server = WebSocketServer.serve(ws -> ws.send(String.valueOf(ws.subprotocol())),
                    "127.0.0.1", 0, options)) {
                ClientOptions client = ClientOptions.builder().subprotocols("chat.v1").build();
                try (WebSocket ws = WebSocketClient.connect(uri(server, "/"), client)) {
                    assertEquals("chat.v1", ws.subprotocol());
                    assertEquals("chat.v1", ws.recvText());
                }
            }
        });
    }

    @Test
    void manyConcurrentConnectionsLoseNothing() throws Exception {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            int connections = 100;
            int messages = 1000;
            try (WebSocketServer server = echoServer(ServerOptions.defaults())) {
                List<CompletableFuture<Void>> done = new ArrayList<>();
                for (int c = 0; c < connections; c++) {
                    int id = c;
                    CompletableFuture<Void> result = new CompletableFuture<>();
                    done.add(result);
                    Thread.ofVirtual().start(() -> {
                        try (WebSocket ws = WebSocketClient.connect(uri(server, "/" + id))) {
                            for (int m = 0; m < messages; m++) {
                                ws.sendAsync(id + ":" + m);
                            }
                            for (int m = 0; m < messages; m++) {
                                assertEquals(id + ":" + m, ws.recvText());
                            }
                            result.complete(null);
                        } catch (Throwable e) {
                            result.completeExceptionally(e);
                        }
                    });
                }
                CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get();
            }
        });
    }

    @Test
    void theJdkHttpClientTalksToOurServer() throws Exception {
        assertTimeoutPreemptively(GUARD, () -> {
            try (WebSocketServer server = echoServer(ServerOptions.defaults())) {
                JdkClient jdk = JdkClient.connect(uri(server, "/jdk"));
                assertEquals("text from the JDK", jdk.sendTextAndAwait("text from the JDK"));
                assertArrayEquals(new byte[] {1, 2, 3}, jdk.sendBinaryAndAwait(new byte[] {1, 2, 3}));
                assertEquals("fragmented message", jdk.sendFragmentsAndAwait("frag", "mented ", "message"));
                assertEquals("ping!", jdk.pingAndAwaitPong("ping!"));
                assertEquals(1000, jdk.closeAndAwait(1000, "done"));
            }
        });
    }

    /**
     * The server reads a handshake a kilobyte at a time: a head several times that long (a large
     * cookie), sent in one write with a first frame right behind it, is accepted whole and the
     * frame is not lost across the reads.
     */
    @Test
    void aLongHeadWithAFrameRightBehindItIsReadAcrossSeveralReads() throws Exception {
        assertTimeoutPreemptively(GUARD, () -> {
            java.util.concurrent.atomic.AtomicReference<String> cookie = new java.util.concurrent.atomic.AtomicReference<>();
            try (WebSocketServer server = WebSocketServer.serve(ws -> {
                cookie.set(ws.requestHeaders().get("Cookie"));
                for (Message message : ws) {
                    ws.send(message);
                }
            }, "127.0.0.1", 0);
                 Socket socket = new Socket("127.0.0.1", server.port())) {
                String longCookie = "c=" + "0123456789abcdef".repeat(320); // 5 KiB
                byte[] head = ("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                        + "Cookie: " + longCookie + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
                byte[] mask = {1, 2, 3, 4};
                byte[] frame = {(byte) 0x81, (byte) 0x82, 1, 2, 3, 4, (byte) ('h' ^ mask[0]), (byte) ('i' ^ mask[1])};
                byte[] both = new byte[head.length + frame.length];
                System.arraycopy(head, 0, both, 0, head.length);
                System.arraycopy(frame, 0, both, head.length, frame.length);
                socket.getOutputStream().write(both);
                InputStream in = socket.getInputStream();
                StringBuilder response = new StringBuilder();
                while (!response.toString().endsWith("\r\n\r\n")) {
                    response.append((char) in.read());
                }
                assertTrue(response.toString().startsWith("HTTP/1.1 101 "), response.toString());
                assertArrayEquals(new byte[] {(byte) 0x81, 2, 'h', 'i'}, in.readNBytes(4));
                assertEquals(longCookie, cookie.get());
            }
        });
    }

    private static String rawExchange(WebSocketServer server, String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            assertFalse(answer.isEmpty());
            return answer;
        }
    }
}
