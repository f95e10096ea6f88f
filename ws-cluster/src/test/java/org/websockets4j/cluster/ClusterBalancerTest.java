package org.websockets4j.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Three nodes behind a real HAProxy and a real nginx (the configurations in {@code deploy/}):
 * clients spread over the nodes, and a rolling restart through drains loses nothing.
 */
@Timeout(180)
class ClusterBalancerTest extends WithRedis {
    @ParameterizedTest
    @EnumSource(Balancer.class)
    void aRollingRestartBehindTheBalancerLosesNothing(Balancer kind, @TempDir Path dir) throws Exception {
        List<ClusterNode> nodes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            nodes.add(ClusterNode.start("n" + i, "127.0.0.1", 0, URI.create(redis.uri()), 10_000));
        }
        List<Integer> ports = nodes.stream().map(ClusterNode::port).toList();
        String room = kind.name().toLowerCase() + "-" + UUID.randomUUID();
        List<Subscriber> clients = new ArrayList<>();
        try (Balancer.Running balancer = kind.start(ports, dir)) {
            for (int i = 0; i < 60; i++) {
                clients.add(new Subscriber(List.of(balancer.port()), room, 0));
            }
            Subscriber publisher = clients.get(0);
            List<String> expected = IntStream.rangeClosed(1, 500).mapToObj(i -> "m" + i).toList();
            Thread publishing = Thread.ofVirtual().start(() -> ClusterTest.publishOnce(publisher, expected));
            Thread.sleep(500);
            for (int i = 0; i < 3; i++) {
                assertTrue(nodes.get(i).clients() > 0, "node " + i + " got no client from " + kind);
            }
            for (int i = 0; i < nodes.size(); i++) {
                nodes.get(i).drain(Duration.ofMillis(400)); // 503 to newcomers, 1001 spread over 400 ms
                nodes.set(i, ClusterNode.start("n" + i + "'", "127.0.0.1", ports.get(i), URI.create(redis.uri()), 10_000));
                Thread.sleep(300);
            }
            publishing.join();
            for (int i = 0; i < clients.size(); i++) {
                Subscriber client = clients.get(i);
                assertTrue(client.awaitSize(expected.size(), Duration.ofSeconds(60)), kind + " client " + i + " has " + client.data().size());
                assertEquals(expected, client.data(), kind + " client " + i);
            }
        } finally {
            for (Subscriber client : clients) {
                client.close();
            }
            for (ClusterNode node : nodes) {
                node.close();
            }
        }
    }
}
