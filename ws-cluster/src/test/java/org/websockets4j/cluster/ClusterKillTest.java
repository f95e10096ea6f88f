package org.websockets4j.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Three nodes as separate processes (the cluster server program itself), one of them killed with
 * SIGKILL while a publisher sends: its clients resume on the others and nothing is lost.
 */
@Timeout(180)
class ClusterKillTest extends WithRedis {
    /** Starts {@code cluster-server} in a JVM of its own, from this test's module path. */
    private static Process node(String name, int port) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, "-p", System.getProperty("jdk.module.path"),
                "-m", "org.websockets4j.cluster/org.websockets4j.cluster.ClusterServer",
                "--port", Integer.toString(port), "--redis", redis.uri(), "--node", name)
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith("listening on ")) {
                Thread.ofVirtual().start(() -> out.lines().forEach(ignored -> { })); // keep the pipe drained
                return process;
            }
            if (System.nanoTime() > deadline) {
                break;
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("node " + name + " did not start");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void aNodeKilledWithSigkillLosesNothing() throws Exception {
        List<Integer> ports = List.of(freePort(), freePort(), freePort());
        List<Process> nodes = new ArrayList<>();
        List<Subscriber> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                nodes.add(node("k" + i, ports.get(i)));
            }
            String room = "kill-" + UUID.randomUUID();
            for (int i = 0; i < 30; i++) {
                clients.add(new Subscriber(ports, room, i));
            }
            Subscriber publisher = clients.get(1); // on node 1: not the one killed
            List<String> expected = IntStream.rangeClosed(1, 1000).mapToObj(i -> "m" + i).toList();
            Thread publishing = Thread.ofVirtual().start(() -> ClusterTest.publishOnce(publisher, expected));
            Thread.sleep(1000);
            nodes.get(0).destroyForcibly(); // SIGKILL: no close frames, no drain
            assertTrue(nodes.get(0).waitFor(10, TimeUnit.SECONDS));
            publishing.join();
            for (int i = 0; i < clients.size(); i++) {
                Subscriber client = clients.get(i);
                assertTrue(client.awaitSize(expected.size(), Duration.ofSeconds(60)), "client " + i + " has " + client.data().size());
                assertEquals(expected, client.data(), "client " + i);
            }
        } finally {
            for (Subscriber client : clients) {
                client.close();
            }
            for (Process node : nodes) {
                node.destroy();
                if (!node.waitFor(10, TimeUnit.SECONDS)) {
                    node.destroyForcibly();
                }
            }
        }
    }
}
