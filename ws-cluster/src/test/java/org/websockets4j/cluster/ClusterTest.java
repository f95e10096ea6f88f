package org.websockets4j.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Three nodes on one real Redis, in this JVM: every message reaches every client of its room once
 * and in order, across nodes, through rolling restarts and a Redis restart.
 */
@Timeout(180)
class ClusterTest extends WithRedis {
    private static List<ClusterNode> startNodes(int count) throws IOException {
        List<ClusterNode> nodes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            nodes.add(ClusterNode.start("n" + i, "127.0.0.1", 0, URI.create(redis.uri()), 10_000));
        }
        return nodes;
    }

    private static void closeAll(List<? extends AutoCloseable> all) throws Exception {
        for (AutoCloseable c : all) {
            c.close();
        }
    }

    private static List<String> numbered(String prefix, int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> prefix + i).toList();
    }

    @Test
    void everyMessageReachesEveryClientOfItsRoomOnceAndInOrder() throws Exception {
        List<ClusterNode> nodes = startNodes(3);
        List<Integer> ports = nodes.stream().map(ClusterNode::port).toList();
        List<Subscriber> clients = new ArrayList<>();
        try {
            String[] rooms = {"a-" + UUID.randomUUID(), "b-" + UUID.randomUUID(), "c-" + UUID.randomUUID()};
            for (int i = 0; i < 150; i++) {
                clients.add(new Subscriber(ports, rooms[i % 3], i));
            }
            List<Thread> publishers = new ArrayList<>();
            for (int r = 0; r < 3; r++) {
                Subscriber publisher = clients.get(r);
                String prefix = "room" + r + "-m";
                publishers.add(Thread.ofVirtual().start(() -> {
                    try {
                        for (String text : numbered(prefix, 100)) {
                            while (!publisher.trySend(text)) {
                                Thread.sleep(5); // not connected yet (never spin: a virtual thread holds its carrier)
                            }
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
            }
            for (Thread publisher : publishers) {
                publisher.join();
            }
            for (int i = 0; i < clients.size(); i++) {
                Subscriber client = clients.get(i);
                assertTrue(client.awaitSize(100, Duration.ofSeconds(60)), "client " + i + " has " + client.data().size());
                assertEquals(numbered("room" + (i % 3) + "-m", 100), client.data(), "client " + i);
            }
        } finally {
            closeAll(clients);
            closeAll(nodes);
        }
    }

    @Test
    void aRollingRestartLosesNothing() throws Exception {
        List<ClusterNode> nodes = startNodes(3);
        List<Integer> ports = new ArrayList<>(nodes.stream().map(ClusterNode::port).toList());
        String room = "rolling-" + UUID.randomUUID();
        List<Subscriber> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 30; i++) {
                clients.add(new Subscriber(ports, room, i));
            }
            Subscriber publisher = clients.get(0);
            List<String> expected = numbered("m", 1000);
            Thread publishing = Thread.ofVirtual().start(() -> publishOnce(publisher, expected));
            for (int i = 0; i < nodes.size(); i++) {
                Thread.sleep(700);
                nodes.get(i).close(); // 1001 to its clients, which resume on another node
                nodes.set(i, ClusterNode.start("n" + i + "'", "127.0.0.1", ports.get(i), URI.create(redis.uri()), 10_000));
            }
            publishing.join();
            for (int i = 0; i < clients.size(); i++) {
                Subscriber client = clients.get(i);
                assertTrue(client.awaitSize(1000, Duration.ofSeconds(60)), "client " + i + " has " + client.data().size());
                assertEquals(expected, client.data(), "client " + i);
            }
            assertTrue(clients.stream().mapToInt(Subscriber::connections).sum() > clients.size(), "nobody was moved by the restarts");
        } finally {
            closeAll(clients);
            closeAll(nodes);
        }
    }

    /**
     * Publishes each message exactly once through a connection that may be closed under it: a
     * message is sent again only when it has not come back, on a new connection that resumed.
     */
    static void publishOnce(Subscriber publisher, List<String> messages) {
        try {
            for (String text : messages) {
                while (!publisher.awaitContains(text, Duration.ZERO)) {
                    if (publisher.trySend(text)) {
                        if (publisher.awaitContains(text, Duration.ofSeconds(3))) {
                            break;
                        }
                    } else {
                        Thread.sleep(20);
                        // a new connection resumes first: give what it catches up a moment
                        publisher.awaitContains(text, Duration.ofMillis(500));
                    }
                }
                Thread.sleep(2);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aRedisRestartIsNoticedAndHealed() throws Exception {
        List<ClusterNode> nodes = startNodes(1);
        HttpClient http = HttpClient.newHttpClient();
        URI health = URI.create("http://127.0.0.1:" + nodes.get(0).port() + "/healthz");
        String room = "redis-" + UUID.randomUUID();
        try (Subscriber client = new Subscriber(List.of(nodes.get(0).port()), room, 0)) {
            while (!client.trySend("before")) {
                Thread.sleep(10);
            }
            assertTrue(client.awaitContains("before", Duration.ofSeconds(10)));
            assertEquals(200, http.send(java.net.http.HttpRequest.newBuilder(health).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode());
            redis.kill();
            awaitStatus(http, health, 503);
            redis.restart();
            awaitStatus(http, health, 200);
            // Without persistence the restarted Redis is empty: "before" is gone from the stream,
            // but stream ids go on from the clock, so the client's cursor still orders after it.
            while (!client.trySend("after")) {
                Thread.sleep(10);
            }
            assertTrue(client.awaitContains("after", Duration.ofSeconds(20)), "got " + client.data());
            assertEquals(List.of("before", "after"), client.data());
        } finally {
            closeAll(nodes);
        }
    }

    private static void awaitStatus(HttpClient http, URI uri, int status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            last = http.send(java.net.http.HttpRequest.newBuilder(uri).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode();
            if (last == status) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("health stayed " + last + ", expected " + status);
    }

    @Test
    void nodesSharingAPortOnOneHostAreBalancedByTheKernel() throws Exception {
        ClusterNode first = ClusterNode.startSharingPort("p0", "127.0.0.1", freePort(), URI.create(redis.uri()), 10_000);
        ClusterNode second = ClusterNode.startSharingPort("p1", "127.0.0.1", first.port(), URI.create(redis.uri()), 10_000);
        String room = "shared-" + UUID.randomUUID();
        List<Subscriber> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 24; i++) {
                clients.add(new Subscriber(List.of(first.port()), room, 0));
            }
            Subscriber publisher = clients.get(0);
            while (!publisher.trySend("hello")) {
                Thread.sleep(10);
            }
            for (Subscriber client : clients) {
                assertTrue(client.awaitContains("hello", Duration.ofSeconds(30)));
            }
            assertTrue(first.clients() > 0 && second.clients() > 0,
                    "the kernel spread the clients: " + first.clients() + " and " + second.clients());
            assertEquals(clients.size(), first.clients() + second.clients());
        } finally {
            closeAll(clients);
            first.close();
            second.close();
        }
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
