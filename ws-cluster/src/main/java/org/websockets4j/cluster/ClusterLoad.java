package org.websockets4j.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.websockets4j.client.WebSocketClient;
import org.websockets4j.protocol.Message;
import org.websockets4j.protocol.WebSocket;

/**
 * A load figure for the cluster: {@code clients} subscribers spread round-robin over the given
 * nodes, all in one fresh room, and one publisher sending {@code messages} text messages as fast
 * as the connection takes them; prints the deliveries per second, from the first send to the
 * last delivery.
 *
 * <pre>{@code
 * java -p ws-cluster/target/modules -m org.websockets4j.cluster/org.websockets4j.cluster.ClusterLoad \
 *     CLIENTS MESSAGES ws://127.0.0.1:8001 [ws://127.0.0.1:8002 ...]
 * }</pre>
 */
public final class ClusterLoad {
    private ClusterLoad() {
    }

    /**
     * Runs one measurement.
     *
     * @param args the number of subscribers, the number of messages, then the nodes' base URIs
     * @throws Exception when a connection fails or the deliveries do not complete in 5 minutes
     */
    public static void main(String[] args) throws Exception {
        int clients = Integer.parseInt(args[0]);
        int messages = Integer.parseInt(args[1]);
        List<String> nodes = List.of(args).subList(2, args.length);
        String room = "/room/load-" + UUID.randomUUID();
        CountDownLatch done = new CountDownLatch(clients);
        AtomicLong delivered = new AtomicLong();
        List<WebSocket> subscribers = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            WebSocket ws = WebSocketClient.connect(nodes.get(i % nodes.size()) + room);
            subscribers.add(ws);
            Thread.ofVirtual().start(() -> {
                int seen = 0;
                for (Message ignored : ws) {
                    delivered.incrementAndGet();
                    if (++seen == messages) {
                        done.countDown();
                    }
                }
            });
        }
        Thread.sleep(500); // every subscriber has joined its room
        try (WebSocket publisher = WebSocketClient.connect(nodes.get(0) + room)) {
            long start = System.nanoTime();
            for (int i = 0; i < messages; i++) {
                publisher.sendAsync("message " + i);
            }
            if (!done.await(5, TimeUnit.MINUTES)) {
                throw new IllegalStateException("only " + delivered.get() + " deliveries of " + (long) clients * messages);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("nodes=%d clients=%d messages=%d deliveries=%d seconds=%.2f deliveries/s=%.0f%n",
                    nodes.size(), clients, messages, (long) clients * messages, seconds, clients * (double) messages / seconds);
        }
        for (WebSocket ws : subscribers) {
            ws.close();
        }
    }
}
