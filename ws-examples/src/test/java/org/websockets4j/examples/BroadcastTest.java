package org.websockets4j.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.websockets4j.client.WebSocketClient;
import org.websockets4j.protocol.Message;
import org.websockets4j.protocol.MessageWriter;
import org.websockets4j.protocol.WebSocket;
import org.websockets4j.server.BroadcastResult;
import org.websockets4j.server.BroadcastResult.Reason;
import org.websockets4j.server.ServerOptions;
import org.websockets4j.server.WebSocketServer;

/** WebSocketServer.broadcast over real loopback sockets, through the public API only. */
class BroadcastTest {
    private static final Duration GUARD = Duration.ofSeconds(30);

    /**
     * A server whose handler registers each connection under its path, then waits for it to close
     * (it reads nothing, so whatever is broadcast is the only traffic).
     */
    private static final class Hub implements AutoCloseable {
        final Map<String, WebSocket> byPath = new ConcurrentHashMap<>();
        final WebSocketServer server;

        Hub(ServerOptions options) throws Exception {
            server = WebSocketServer.serve(ws -> {
                byPath.put(ws.path(), ws);
                ws.awaitClosed();
            }, "127.0.0.1", 0, options);
        }

        /** Connects a client on {@code path} and waits until the server has registered it. */
        WebSocket connect(String path) throws Exception {
            WebSocket ws = WebSocketClient.connect("ws://127.0.0.1:" + server.port() + path);
            serverSide(path);
            return ws;
        }

        WebSocket serverSide(String path) throws InterruptedException {
            while (!byPath.containsKey(path)) {
                Thread.sleep(5);
            }
            return byPath.get(path);
        }

        @Override
        public void close() {
            server.close();
        }
    }

    @Test
    void reachesEveryOpenClientInOrderWithTheRightType() throws Exception {
        assertTimeoutPreemptively(GUARD, () -> {
            try (Hub hub = new Hub(ServerOptions.defaults())) {
                List<WebSocket> clients = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    clients.add(hub.connect("/" + i));
                }
                assertEquals(3, hub.server.connections().size());
                byte[] bytes = {1, 2, 3, 4};
                ByteBuffer buffer = ByteBuffer.wrap(new byte[] {9, 8, 7, 6, 5}).position(2);
                byte[] big = new byte[200_000];
                new java.util.Random(7).nextBytes(big);

                assertEquals(new BroadcastResult(3, List.of()), WebSocketServer.broadcast(hub.server.connections(), "héllo"));
                assertEquals(3, WebSocketServer.broadcast(hub.server.connections(), bytes).sent());
                bytes[0] = 42; // the broadcast copied it
                assertEquals(3, WebSocketServer.broadcast(hub.server.connections(), buffer).sent());
                assertEquals(2, buffer.position(), "position left alone");
                assertTrue(WebSocketServer.broadcast(hub.server.connections(), "bye").allSent());
                // Over writeLimit once queued, but less than writeLimit was waiting before: sent.
                BroadcastResult last = WebSocketServer.broadcast(hub.server.connections(), big);
                assertTrue(last.allSent(), last.toString());

                for (WebSocket client : clients) {
                    assertEquals(new Message.Text("héllo"), client.recv());
                    assertArrayEquals(new byte[] {1, 2, 3, 4}, client.recvBinary());
                    assertArrayEquals(new byte[] {7, 6, 5}, client.recvBinary());
                    assertEquals("bye", client.recvText());
                    assertArrayEquals(big, client.recvBinary());
                    client.close();
                }
            }
        });
    }

    @Test
    void closedConnectionsAreSkippedAndReported() throws Exception {
        assertTimeoutPreemptively(GUARD, () -> {
            try (Hub hub = new Hub(ServerOptions.defaults())) {
                WebSocket a = hub.connect("/a");
                WebSocket b = hub.connect("/b");
                WebSocket c = hub.connect("/c");
                List<WebSocket> all = List.of(hub.serverSide("/a"), hub.serverSide("/b"), hub.serverSide("/c"));
                b.close();
                hub.serverSide("/b").awaitClosed();

                BroadcastResult result = WebSocketServer.broadcast(all, "news");
                assertEquals(2, result.sent());
                assertEquals(List.of(new BroadcastResult.Skipped(hub.serverSide("/b"), Reason.NOT_OPEN)), result.skipped());
                assertEquals(List.of(hub.serverSide("/b")), result.skipped(Reason.NOT_OPEN));
                assertEquals("news", a.recvText());
                assertEquals("news", c.recvText());
                a.close();
                c.close();
            }
        });
    }

    @Test
    void aConnectionSendingAFragmentedMessageIsSkipped() throws Exception {
        assertTimeoutPreemptively(GUARD, () -> {
            CountDownLatch streaming = new CountDownLatch(1);
            CountDownLatch finish = new CountDownLatch(1);
            Map<String, WebSocket> byPath = new ConcurrentHashMap<>();
            try (WebSocketServer server = WebSocketServer.serve(ws -> {
                byPath.put(ws.path(), ws);
                if (ws.path().equals("/stream")) {
                    try (MessageWriter writer = ws.sendStream(true)) {
                        writer.write("part one, ");
                        streaming.countDown();
                        finish.await();
                        writer.write("part two");
                    }
                }
                ws.awaitClosed();
            }, "127.0.0.1", 0)) {
                WebSocket plain = WebSocketClient.connect("ws://127.0.0.1:" + server.port() + "/plain");
                WebSocket stream = WebSocketClient.connect("ws://127.0.0.1:" + server.port() + "/stream");
                streaming.await();
                while (byPath.size() < 2) {
                    Thread.sleep(5);
                }
                BroadcastResult result = WebSocketServer.broadcast(server.connections(), "during");
                assertEquals(1, result.sent());
                assertEquals(List.of(byPath.get("/stream")), result.skipped(Reason.SENDING_FRAGMENTED));
                finish.countDown();
                assertEquals("during", plain.recvText());
                assertEquals("part one, part two", stream.recvText());
                while (!WebSocketServer.broadcast(List.of(byPath.get("/stream")), "after").allSent()) {
                    Thread.sleep(5); // the handler's writer may not have ended yet
                }
                assertEquals("after", stream.recvText());
                plain.close();
                stream.close();
            }
        });
    }

    @Test
    void aSlowConsumerIsSkippedOnceItsBufferIsOverTheLimitWhileOthersKeepReceiving() throws Exception {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            int writeLimit = 16 * 1024;
            ServerOptions options = ServerOptions.builder().writeLimit(writeLimit).build();
            try (Hub hub = new Hub(options); Socket slow = new Socket()) {
                slow.setReceiveBufferSize(4096);
                slow.connect(new InetSocketAddress("127.0.0.1", hub.server.port()));
                handshake(slow, "/slow"); // then never read again
                List<WebSocket> fast = List.of(hub.connect("/fast1"), hub.connect("/fast2"));
                WebSocket slowSide = hub.serverSide("/slow");
                List<WebSocket> targets = List.of(hub.serverSide("/fast1"), slowSide, hub.serverSide("/fast2"));

                byte[] payload = new byte[8 * 1024];
                int limit = 5_000; // 40 MB to the slow peer: far beyond any socket buffer
                int sentToSlow = 0;
                int consecutiveSkips = 0;
                // Once the kernel's buffers are full, its write buffer never drains below the limit
                // again: it is skipped every time, while the others keep receiving everything.
                for (int n = 0; n < limit && consecutiveSkips < 50; n++) {
                    ByteBuffer message = ByteBuffer.wrap(payload).putInt(0, n);
                    BroadcastResult result = WebSocketServer.broadcast(targets, message);
                    List<WebSocket> full = result.skipped(Reason.WRITE_BUFFER_FULL);
                    assertEquals(result.skipped().size(), full.size(), result.toString());
                    if (full.isEmpty()) {
                        assertEquals(3, result.sent());
                        sentToSlow++;
                        consecutiveSkips = 0;
                    } else {
                        assertEquals(List.of(slowSide), full, result.toString());
                        assertEquals(2, result.sent());
                        consecutiveSkips++;
                    }
                    for (WebSocket client : fast) { // lock-step: the fast clients' buffers stay nearly empty
                        assertEquals(n, ByteBuffer.wrap(client.recvBinary()).getInt(0));
                    }
                }
                assertEquals(50, consecutiveSkips, "the slow consumer was not skipped for good; sent to it: " + sentToSlow);
                assertTrue(sentToSlow > 0);
                assertTrue(slowSide.isOpen(), "skipped, not dropped");
                for (WebSocket client : fast) {
                    client.close();
                }
            }
        });
    }

    @Test
    void concurrentBroadcastsKeepEveryMessageWhole() throws Exception {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            int threads = 8;
            int perThread = 200;
            int clientCount = 5;
            // A write limit no burst here reaches, so that every broadcast is queued everywhere.
            ServerOptions options = ServerOptions.builder().writeLimit(64 << 20).build();
            try (Hub hub = new Hub(options)) {
                List<WebSocket> clients = new ArrayList<>();
                for (int i = 0; i < clientCount; i++) {
                    clients.add(hub.connect("/" + i));
                }
                List<WebSocket> targets = List.copyOf(hub.server.connections());
                assertEquals(clientCount, targets.size());

                List<CompletableFuture<Void>> readers = new ArrayList<>();
                for (WebSocket client : clients) {
                    CompletableFuture<Void> done = new CompletableFuture<>();
                    readers.add(done);
                    Thread.ofVirtual().start(() -> {
                        try {
                            int[] next = new int[threads];
                            for (int i = 0; i < threads * perThread; i++) {
                                String text = client.recvText();
                                String[] parts = text.split(":", 3);
                                int t = Integer.parseInt(parts[0]);
                                int m = Integer.parseInt(parts[1]);
                                assertEquals(next[t]++, m, "per-thread order");
                                assertEquals(filler(t, m), parts[2], "whole message");
                            }
                            done.complete(null);
                        } catch (Throwable e) {
                            done.completeExceptionally(e);
                        }
                    });
                }

                CountDownLatch start = new CountDownLatch(1);
                List<CompletableFuture<Integer>> senders = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    CompletableFuture<Integer> sent = new CompletableFuture<>();
                    senders.add(sent);
                    Thread.ofPlatform().start(() -> {
                        try {
                            start.await();
                            int total = 0;
                            for (int m = 0; m < perThread; m++) {
                                BroadcastResult result = WebSocketServer.broadcast(targets, thread + ":" + m + ":" + filler(thread, m));
                                assertTrue(result.allSent(), result.toString());
                                total += result.sent();
                            }
                            sent.complete(total);
                        } catch (Throwable e) {
                            sent.completeExceptionally(e);
                        }
                    });
                }
                start.countDown();
                for (CompletableFuture<Integer> sent : senders) {
                    assertEquals(perThread * clientCount, sent.get());
                }
                for (CompletableFuture<Void> reader : readers) {
                    reader.get();
                }
                for (WebSocket client : clients) {
                    client.close();
                }
            }
        });
    }

    @Test
    void clientSideConnectionsGetTheirOwnMaskedCopy() throws Exception {
        assertTimeoutPreemptively(GUARD, () -> {
            try (WebSocketServer echo = WebSocketServer.serve(ws -> {
                for (Message message : ws) {
                    ws.send(message);
                }
            }, "127.0.0.1", 0)) {
                List<WebSocket> clients = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    clients.add(WebSocketClient.connect("ws://127.0.0.1:" + echo.port() + "/"));
                }
                byte[] data = new byte[1000];
                Arrays.fill(data, (byte) 0x5a);
                assertEquals(3, WebSocketServer.broadcast(clients, "to the server").sent());
                assertEquals(3, WebSocketServer.broadcast(clients, data).sent());
                for (WebSocket client : clients) {
                    assertEquals("to the server", client.recvText());
                    assertArrayEquals(data, client.recvBinary(), "each masked its own copy");
                    client.close();
                }
            }
        });
    }

    @Test
    void onlyNullArgumentsThrow() {
        assertThrows(NullPointerException.class, () -> WebSocketServer.broadcast(null, "x"));
        assertThrows(NullPointerException.class, () -> WebSocketServer.broadcast(List.of(), (String) null));
        assertThrows(NullPointerException.class, () -> WebSocketServer.broadcast(List.of(), (byte[]) null));
        assertThrows(NullPointerException.class, () -> WebSocketServer.broadcast(List.of(), (ByteBuffer) null));
        assertThrows(NullPointerException.class, () -> WebSocketServer.broadcast(Arrays.asList((WebSocket) null), "x"));
        assertEquals(new BroadcastResult(0, List.of()), WebSocketServer.broadcast(List.of(), "nobody"));
    }

    private static String filler(int thread, int message) {
        return String.valueOf((char) ('a' + (thread + message) % 26)).repeat(500 + (message % 7) * 300);
    }

    /** Runs the opening handshake by hand on {@code socket}, reading the response head and no more. */
    private static void handshake(Socket socket, String path) throws Exception {
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("no handshake response: " + head);
            }
            head.append((char) b);
        }
        assertTrue(head.toString().startsWith("HTTP/1.1 101 "), head.toString());
    }
}
