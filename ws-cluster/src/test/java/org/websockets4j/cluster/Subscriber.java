package org.websockets4j.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.websockets4j.client.ClientOptions;
import org.websockets4j.client.ReconnectOptions;
import org.websockets4j.client.ReconnectingClient;
import org.websockets4j.client.WebSocketClient;
import org.websockets4j.protocol.ConnectionClosed;
import org.websockets4j.protocol.Message;
import org.websockets4j.protocol.WebSocket;

/**
 * A test client of one room that never gives up: it goes round the nodes, resumes with
 * {@code ?last=} the id of the last envelope it received, and keeps every message's data in
 * order.
 */
final class Subscriber implements AutoCloseable {
    private static final Pattern ENVELOPE = Pattern.compile("\\{\"id\":\"([0-9]+-[0-9]+)\",\"data\":\"(.*)\"\\}");
    static final ReconnectOptions QUICK = ReconnectOptions.builder().initialDelay(Duration.ofMillis(200))
            .minDelay(Duration.ofMillis(100)).maxDelay(Duration.ofSeconds(1)).build();

    private final List<String> data = new ArrayList<>();
    private final ReconnectingClient client;
    private final Thread thread;
    private final AtomicInteger connections = new AtomicInteger();
    private volatile String lastId;

    Subscriber(List<Integer> ports, String room, int firstNode) {
        AtomicInteger next = new AtomicInteger(firstNode);
        this.client = WebSocketClient.reconnecting(() -> {
            int port = ports.get(Math.floorMod(next.getAndIncrement(), ports.size()));
            return "ws://127.0.0.1:" + port + "/room/" + room + "?last=" + (lastId == null ? "0-0" : lastId);
        }, ClientOptions.defaults(), QUICK);
        this.thread = Thread.ofVirtual().name("subscriber-" + room).start(this::run);
    }

    private void run() {
        try {
            for (WebSocket ws : client) {
                connections.incrementAndGet();
                try {
                    for (Message message : ws) {
                        Matcher m = ENVELOPE.matcher(((Message.Text) message).text());
                        if (!m.matches()) {
                            throw new AssertionError("not an envelope: " + message);
                        }
                        synchronized (data) {
                            data.add(m.group(2));
                            lastId = m.group(1);
                            data.notifyAll();
                        }
                    }
                } catch (ConnectionClosed e) {
                    // reconnect
                }
            }
        } catch (RuntimeException e) {
            if (!client.isClosed()) {
                throw e;
            }
        }
    }

    /** Sends on the current connection; false when there is none open. */
    boolean trySend(String text) {
        WebSocket ws = client.current();
        if (ws == null || !ws.isOpen()) {
            return false;
        }
        try {
            ws.send(text);
            return true;
        } catch (ConnectionClosed | InterruptedException e) {
            return false;
        }
    }

    boolean awaitContains(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (data) {
            while (!data.contains(text)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                data.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    boolean awaitSize(int size, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (data) {
            while (data.size() < size) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                data.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    List<String> data() {
        synchronized (data) {
            return List.copyOf(data);
        }
    }

    int connections() {
        return connections.get();
    }

    @Override
    public void close() throws InterruptedException {
        client.close();
        thread.join(5_000);
    }
}
