package org.websockets4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.websockets4j.http.Headers;
import org.websockets4j.http.IncompleteMessage;
import org.websockets4j.http.InvalidHandshake;
import org.websockets4j.http.InvalidStatusCode;
import org.websockets4j.http.InvalidURI;
import org.websockets4j.protocol.Message;
import org.websockets4j.protocol.WebSocket;
import org.websockets4j.server.HttpResponse;
import org.websockets4j.server.ServerOptions;
import org.websockets4j.server.WebSocketServer;

@Timeout(60)
class ReconnectingClientTest {
    /** Retries at once, then every few milliseconds: tests wait for behaviour, not for time. */
    private static final ReconnectOptions FAST = ReconnectOptions.builder()
            .initialDelay(Duration.ZERO).minDelay(Duration.ofMillis(5)).maxDelay(Duration.ofMillis(20)).build();

    /** A server that sends each client its connection number, then closes with 1000. */
    private static WebSocketServer numbering(AtomicInteger count) throws Exception {
        return WebSocketServer.serve(ws -> ws.send(Integer.toString(count.incrementAndGet())), "127.0.0.1", 0);
    }

    /** A server that answers the first {@code refusals} requests with {@code status}, then accepts. */
    private static WebSocketServer refusing(int status, int refusals, AtomicInteger requests) throws Exception {
        return WebSocketServer.serve(ws -> ws.send("hello"), "127.0.0.1", 0, ServerOptions.builder()
                .processRequest((path, headers) -> requests.incrementAndGet() <= refusals
                        ? new HttpResponse(status, new Headers(), new byte[0]) : null).build());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void theScheduleIsWebsocketsBackoff() {
        ReconnectOptions defaults = ReconnectOptions.defaults();
        assertEquals(Duration.ZERO, defaults.delay(0, () -> 0.0));
        assertEquals(Duration.ofMillis(2500), defaults.delay(0, () -> 0.5));
        assertEquals(Duration.ofMillis(3100), defaults.delay(1, () -> 0.5));
        assertEquals(5015.8, defaults.delay(2, () -> 0.5).toNanos() / 1e6, 0.01);
        assertEquals(8115.564, defaults.delay(3, () -> 0.5).toNanos() / 1e6, 0.01);
        assertEquals(Duration.ofSeconds(90), defaults.delay(9, () -> 0.5));
        assertEquals(Duration.ofSeconds(90), defaults.delay(1000, () -> 0.5));
    }

    @Test
    void theDefaultRuleRetriesNetworkErrorsAndServerUnavailability() {
        assertTrue(ReconnectOptions.isRetriable(new ConnectException("refused")));
        assertTrue(ReconnectOptions.isRetriable(new java.net.SocketTimeoutException("slow")));
        assertTrue(ReconnectOptions.isRetriable(new IncompleteMessage("response", 0)));
        for (int status : new int[] {500, 502, 503, 504}) {
            assertTrue(ReconnectOptions.isRetriable(new InvalidStatusCode(status)), "status " + status);
        }
        for (int status : new int[] {400, 401, 403, 404, 501, 505}) {
            assertFalse(ReconnectOptions.isRetriable(new InvalidStatusCode(status)), "status " + status);
        }
        assertFalse(ReconnectOptions.isRetriable(new InvalidHandshake("bad accept key")));
        assertFalse(ReconnectOptions.isRetriable(new javax.net.ssl.SSLHandshakeException("untrusted")));
    }

    @Test
    void badOptionsAreRefusedWithTheirName() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ReconnectOptions.builder().minDelay(Duration.ofSeconds(-1)).build())
                .getMessage().startsWith("minDelay"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ReconnectOptions.builder().maxDelay(Duration.ofSeconds(1)).build())
                .getMessage().startsWith("maxDelay"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ReconnectOptions.builder().factor(0.5).build())
                .getMessage().startsWith("factor"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ReconnectOptions.builder().factor(Double.NaN).build())
                .getMessage().startsWith("factor"));
        assertThrows(InvalidURI.class, () -> WebSocketClient.reconnecting("http://x/", ClientOptions.defaults()));
    }

    @Test
    void eachStepClosesThePreviousConnectionAndOpensTheNext() throws Exception {
        AtomicInteger count = new AtomicInteger();
        BlockingQueue<Integer> closes = new LinkedBlockingQueue<>();
        try (WebSocketServer server = WebSocketServer.serve(ws -> {
                ws.send(Integer.toString(count.incrementAndGet()));
                ws.awaitClosed();
                closes.add(ws.closeCode());
            }, "127.0.0.1", 0);
             ReconnectingClient client = WebSocketClient.reconnecting("ws://127.0.0.1:" + server.port() + "/", ClientOptions.defaults(), FAST)) {
            List<String> seen = new ArrayList<>();
            for (WebSocket ws : client) {
                seen.add(ws.recvText()); // left open: the next step closes it
                if (seen.size() == 3) {
                    break;
                }
            }
            assertEquals(List.of("1", "2", "3"), seen);
            assertEquals(1000, closes.poll(5, TimeUnit.SECONDS));
            assertEquals(1000, closes.poll(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void aServerThatClosesIsReconnectedAtOnce() throws Exception {
        AtomicInteger count = new AtomicInteger();
        try (WebSocketServer server = numbering(count);
             ReconnectingClient client = WebSocketClient.reconnecting("ws://127.0.0.1:" + server.port() + "/", ClientOptions.defaults())) {
            List<String> seen = new ArrayList<>();
            for (WebSocket ws : client) {
                for (Message message : ws) {
                    seen.add(((Message.Text) message).text());
                }
                if (seen.size() == 3) {
                    break;
                }
            }
            assertEquals(List.of("1", "2", "3"), seen); // default delays: no wait after a connection that opened
        }
    }

    @Test
    void unavailableIsRetriedUntilTheServerAccepts() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        try (WebSocketServer server = refusing(503, 2, requests);
             ReconnectingClient client = WebSocketClient.reconnecting("ws://127.0.0.1:" + server.port() + "/", ClientOptions.defaults(), FAST)) {
            Iterator<WebSocket> connections = client.iterator();
            assertTrue(connections.hasNext());
            assertEquals("hello", connections.next().recvText());
            assertEquals(3, requests.get());
        }
    }

    @Test
    void aRefusalThatIsNotRetriedEndsTheIteration() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        try (WebSocketServer server = refusing(403, Integer.MAX_VALUE, requests);
             ReconnectingClient client = WebSocketClient.reconnecting("ws://127.0.0.1:" + server.port() + "/", ClientOptions.defaults(), FAST)) {
            InvalidStatusCode e = assertThrows(InvalidStatusCode.class, () -> client.iterator().hasNext());
            assertEquals(403, e.statusCode());
            assertEquals(1, requests.get());
        }
    }

    @Test
    void refusedConnectionsAreRetriedAndACustomRuleDecides() throws Exception {
        AtomicInteger failures = new AtomicInteger();
        ReconnectOptions options = ReconnectOptions.builder().initialDelay(Duration.ZERO).minDelay(Duration.ofMillis(5))
                .maxDelay(Duration.ofMillis(5)).retryOn(e -> ReconnectOptions.isRetriable(e) && failures.incrementAndGet() < 4).build();
        try (ReconnectingClient client = WebSocketClient.reconnecting("ws://127.0.0.1:" + freePort() + "/", ClientOptions.defaults(), options)) {
            java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class, () -> client.iterator().hasNext());
            assertInstanceOf(ConnectException.class, e.getCause());
            assertEquals(4, failures.get());
        }
    }

    @Test
    void closeEndsAWaitBetweenAttempts() throws Exception {
        ReconnectOptions slow = ReconnectOptions.builder().initialDelay(Duration.ZERO).minDelay(Duration.ofSeconds(60))
                .maxDelay(Duration.ofSeconds(60)).build();
        ReconnectingClient client = WebSocketClient.reconnecting("ws://127.0.0.1:" + freePort() + "/", ClientOptions.defaults(), slow);
        CompletableFuture<Boolean> hasNext = CompletableFuture.supplyAsync(() -> client.iterator().hasNext());
        Thread.sleep(300); // two refused attempts, then the 60 s wait
        long start = System.nanoTime();
        client.close();
        assertFalse(hasNext.get(10, TimeUnit.SECONDS));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10));
        assertTrue(client.isClosed());
    }

    @Test
    void aClientIsIteratedOnce() throws Exception {
        try (ReconnectingClient client = WebSocketClient.reconnecting("ws://127.0.0.1:1/", ClientOptions.defaults())) {
            client.iterator();
            assertThrows(IllegalStateException.class, client::iterator);
            assertThrows(IllegalStateException.class, () -> client.forEachAsync(ws -> CompletableFuture.completedFuture(null)));
        }
    }

    @Test
    void anAttemptThatOpensAfterCloseIsClosedAtOnce() throws Exception {
        AtomicInteger count = new AtomicInteger();
        try (WebSocketServer server = numbering(count)) {
            ReconnectingClient[] holder = new ReconnectingClient[1];
            List<WebSocket> opened = new ArrayList<>();
            holder[0] = new ReconnectingClient("ws://127.0.0.1:" + server.port() + "/", ClientOptions.defaults(), FAST, (uri, options) -> {
                WebSocket ws = WebSocketClient.connect(uri, options);
                opened.add(ws);
                holder[0].close(); // closed while this attempt was in progress
                return ws;
            });
            assertFalse(holder[0].iterator().hasNext());
            assertTrue(opened.get(0).closedFuture().get(5, TimeUnit.SECONDS) == null);
            assertTrue(opened.get(0).isClosed());
        }
    }

    @Test
    void forEachAsyncRunsTheHandlerOnEachConnection() throws Exception {
        AtomicInteger count = new AtomicInteger();
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        try (WebSocketServer server = numbering(count)) {
            ReconnectingClient client = WebSocketClient.reconnecting("ws://127.0.0.1:" + server.port() + "/", ClientOptions.defaults(), FAST);
            CompletableFuture<Void> run = client.forEachAsync(ws -> ws.recvAsync().thenAccept(message -> seen.add(((Message.Text) message).text())));
            assertEquals("1", seen.poll(10, TimeUnit.SECONDS));
            assertEquals("2", seen.poll(10, TimeUnit.SECONDS));
            assertEquals("3", seen.poll(10, TimeUnit.SECONDS));
            client.close();
            assertNull(run.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void forEachAsyncRetriesThenEndsWithAFailureThatIsNotRetried() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        try (WebSocketServer server = WebSocketServer.serve(ws -> ws.send("hello"), "127.0.0.1", 0, ServerOptions.builder()
                .processRequest((path, headers) -> {
                    int n = requests.incrementAndGet();
                    return n == 2 ? null : new HttpResponse(n < 2 ? 502 : 404, new Headers(), new byte[0]);
                }).build());
             ReconnectingClient client = WebSocketClient.reconnecting("ws://127.0.0.1:" + server.port() + "/", ClientOptions.defaults(), FAST)) {
            BlockingQueue<String> seen = new LinkedBlockingQueue<>();
            CompletableFuture<Void> run = client.forEachAsync(ws -> ws.recvAsync().thenAccept(message -> seen.add(((Message.Text) message).text())));
            ExecutionException e = assertThrows(ExecutionException.class, () -> run.get(10, TimeUnit.SECONDS));
            assertEquals(404, assertInstanceOf(InvalidStatusCode.class, e.getCause()).statusCode());
            assertEquals("hello", seen.poll());
            assertEquals(3, requests.get());
        }
    }

    @Test
    void aFailingHandlerClosesWith1011AndEndsTheLoop() throws Exception {
        BlockingQueue<Integer> closes = new LinkedBlockingQueue<>();
        try (WebSocketServer server = WebSocketServer.serve(ws -> {
                ws.awaitClosed();
                closes.add(ws.closeCode());
            }, "127.0.0.1", 0);
             ReconnectingClient client = WebSocketClient.reconnecting("ws://127.0.0.1:" + server.port() + "/", ClientOptions.defaults(), FAST)) {
            IllegalStateException boom = new IllegalStateException("boom");
            CompletableFuture<Void> run = client.forEachAsync(ws -> CompletableFuture.failedFuture(boom));
            ExecutionException e = assertThrows(ExecutionException.class, () -> run.get(10, TimeUnit.SECONDS));
            assertEquals(boom, e.getCause());
            assertEquals(1011, closes.poll(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void retryAfterIsReadAsSecondsOrADate() {
        java.time.Instant now = java.time.Instant.parse("2026-12-02T10:00:00Z");
        assertEquals(java.util.Optional.of(Duration.ofSeconds(120)), RetryAfter.parse(" 120 ", now));
        assertEquals(java.util.Optional.of(Duration.ofSeconds(30)), RetryAfter.parse("Wed, 02 Dec 2026 10:00:30 GMT", now));
        assertEquals(java.util.Optional.of(Duration.ZERO), RetryAfter.parse("Wed, 02 Dec 2026 09:00:00 GMT", now));
        assertEquals(java.util.Optional.of(Duration.ofDays(365)), RetryAfter.parse("99999999999999999999999", now));
        assertTrue(RetryAfter.parse("soon", now).isEmpty());
        assertTrue(RetryAfter.parse("-5", now).isEmpty());
        assertTrue(RetryAfter.parse(null, now).isEmpty());
    }

    @Test
    void aRetryAfterIsHonouredUpToTheMaximumDelay() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        java.util.concurrent.ConcurrentLinkedQueue<Long> times = new java.util.concurrent.ConcurrentLinkedQueue<>();
        try (WebSocketServer server = WebSocketServer.serve(ws -> ws.send("hello"), "127.0.0.1", 0, ServerOptions.builder()
                .processRequest((path, headers) -> {
                    times.add(System.nanoTime());
                    return requests.incrementAndGet() == 1 ? new HttpResponse(503, Headers.of("Retry-After", "1"), new byte[0]) : null;
                }).build());
             ReconnectingClient client = WebSocketClient.reconnecting("ws://127.0.0.1:" + server.port() + "/", ClientOptions.defaults(),
                     ReconnectOptions.builder().initialDelay(Duration.ZERO).maxDelay(Duration.ofSeconds(30)).build())) {
            assertEquals("hello", client.iterator().next().recvText());
            List<Long> at = new ArrayList<>(times);
            assertTrue(at.get(1) - at.get(0) >= TimeUnit.MILLISECONDS.toNanos(900), "waited " + (at.get(1) - at.get(0)) / 1e6 + " ms");
        }
    }

    @Test
    void tryAgainLaterWaitsTheMinimumDelayBeforeReconnecting() throws Exception {
        AtomicInteger count = new AtomicInteger();
        java.util.concurrent.ConcurrentLinkedQueue<Long> times = new java.util.concurrent.ConcurrentLinkedQueue<>();
        try (WebSocketServer server = WebSocketServer.serve(ws -> {
                times.add(System.nanoTime());
                if (count.incrementAndGet() == 1) {
                    ws.close(1013, "busy");
                } else {
                    ws.send("hello");
                }
            }, "127.0.0.1", 0);
             ReconnectingClient client = WebSocketClient.reconnecting("ws://127.0.0.1:" + server.port() + "/", ClientOptions.defaults(),
                     ReconnectOptions.builder().initialDelay(Duration.ZERO).minDelay(Duration.ofSeconds(1)).build())) {
            Iterator<WebSocket> connections = client.iterator();
            WebSocket first = connections.next();
            first.awaitClosed();
            assertEquals(1013, first.closeCode());
            assertEquals("hello", connections.next().recvText());
            List<Long> at = new ArrayList<>(times);
            assertTrue(at.get(1) - at.get(0) >= TimeUnit.MILLISECONDS.toNanos(900), "waited " + (at.get(1) - at.get(0)) / 1e6 + " ms");
        }
    }
}
