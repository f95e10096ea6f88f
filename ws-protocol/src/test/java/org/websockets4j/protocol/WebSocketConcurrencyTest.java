package org.websockets4j.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Many connections at once, and many threads on one connection. */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WebSocketConcurrencyTest {

    @Test
    void aHundredPairsEchoWithNothingLostDuplicatedOrReordered() throws Exception {
        int pairsCount = 100;
        List<Loopback.Pair> pairs = Loopback.pairs(pairsCount, Loopback.quiet().build(), Loopback.quiet().build(), null);
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        Random random = new Random(42);
        try {
            for (int p = 0; p < pairsCount; p++) {
                Loopback.Pair pair = pairs.get(p);
                int count = 200 + random.nextInt(801);
                String prefix = "pair " + p + " message ";
                Loopback.echo(pair.server());
                threads.add(Thread.ofVirtual().start(() -> {
                    try {
                        for (int i = 0; i < count; i++) {
                            pair.client().send(prefix + i);
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }));
                threads.add(Thread.ofVirtual().start(() -> {
                    try {
                        for (int i = 0; i < count; i++) {
                            String text = pair.client().recvText();
                            if (!text.equals(prefix + i)) {
                                throw new AssertionError("expected \"" + prefix + i + "\", got \"" + text + "\"");
                            }
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }));
            }
            for (Thread thread : threads) {
                thread.join();
            }
            assertTrue(failures.isEmpty(), () -> failures.size() + " failures, first: " + failures.peek());
            for (Loopback.Pair pair : pairs) {
                assertEquals(0, pair.client().queuedMessages(), "a message was duplicated");
            }
        } finally {
            CompletableFuture<?>[] closing = pairs.stream().map(pair -> pair.client().closeAsync()).toArray(CompletableFuture[]::new);
            CompletableFuture.allOf(closing).get(Loopback.GUARD_SECONDS, TimeUnit.SECONDS);
            for (Loopback.Pair pair : pairs) {
                pair.server().closedFuture().get(Loopback.GUARD_SECONDS, TimeUnit.SECONDS);
                assertEquals(1000, pair.server().closeCode());
            }
        }
    }

    /**
     * Eight threads send on one WebSocket at once, mixing blocking, asynchronous and fragmented
     * sends of sizes up to 40 KB (several writes each): every message arrives whole, and each
     * thread's messages arrive in the order it sent them.
     */
    @Test
    void concurrentSendersNeverInterleaveMessages() throws Exception {
        ConnectionOptions options = Loopback.quiet().writeLimit(8 * 1024).build();
        try (Loopback.Pair pair = Loopback.pair(Loopback.quiet().build(), options)) {
            int threadsCount = 8;
            int perThread = 150;
            ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
            List<Thread> senders = new ArrayList<>();
            for (int t = 0; t < threadsCount; t++) {
                int id = t;
                senders.add(Thread.ofVirtual().start(() -> {
                    Random random = new Random(id);
                    try {
                        CompletableFuture<Void> last = CompletableFuture.completedFuture(null);
                        for (int i = 0; i < perThread; i++) {
                            String body = body(id, i, random.nextInt(40_000));
                            switch (random.nextInt(4)) {
                                case 0 -> pair.client().send(body);
                                case 1 -> last = pair.client().sendAsync(body);
                                case 2 -> {
                                    int cut = body.length() / 2;
                                    pair.client().send(List.of(body.substring(0, cut), body.substring(cut)));
                                }
                                default -> {
                                    try (MessageWriter writer = pair.client().sendStream(true)) {
                                        for (int at = 0; at < body.length(); at += 7000) {
                                            writer.write(body.substring(at, Math.min(body.length(), at + 7000)));
                                        }
                                    }
                                }
                            }
                        }
                        last.get(Loopback.GUARD_SECONDS, TimeUnit.SECONDS);
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }));
            }
            int[] next = new int[threadsCount];
            for (int received = 0; received < threadsCount * perThread; received++) {
                String text = pair.server().recvText();
                int id = Integer.parseInt(text.substring(0, text.indexOf(':')));
                String rest = text.substring(text.indexOf(':') + 1);
                int sequence = Integer.parseInt(rest.substring(0, rest.indexOf(':')));
                assertEquals(next[id]++, sequence, "thread " + id + "'s messages out of order");
                assertEquals(body(id, sequence, text.length() - header(id, sequence).length()), text, "a message was corrupted");
            }
            for (Thread sender : senders) {
                sender.join();
            }
            assertTrue(failures.isEmpty(), () -> "first failure: " + failures.peek());
            int[] expected = new int[threadsCount];
            Arrays.fill(expected, perThread);
            assertEquals(Arrays.toString(expected), Arrays.toString(next));
        }
    }

    private static String header(int id, int sequence) {
        return id + ":" + sequence + ":";
    }

    private static String body(int id, int sequence, int padding) {
        char fill = (char) ('a' + (id + sequence) % 26);
        return header(id, sequence) + String.valueOf(fill).repeat(padding);
    }
}
