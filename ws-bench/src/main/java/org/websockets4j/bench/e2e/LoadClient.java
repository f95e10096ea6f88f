package org.websockets4j.bench.e2e;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The load client: {@code connections} connections, one platform thread each, every one sending
 * messages from the pool with at most {@code window} echoes outstanding (1 = closed loop: send,
 * await the echo), checking each echo byte for byte. Warm-up first, then a measured interval;
 * everything is bounded by deadlines and socket timeouts, so a run always ends.
 */
final class LoadClient {
    private LoadClient() {
    }

    /** What one connection saw during the measured interval. */
    record ConnectionResult(long messages, long nanos, long bytesOut, long bytesIn, long[] latencies,
            int latencyCount, String negotiated) {
    }

    /** The result of one cell: all connections together. */
    record CellResult(double messagesPerSecond, double p50Micros, double p99Micros, double bytesOutPerMessage,
            double bytesInPerMessage, double serverCpuMicrosPerMessage, double clientCpuMicrosPerMessage, long messages,
            String negotiated) {
    }

    /**
     * Runs one cell against {@code ws://127.0.0.1:port/}; throws if any connection failed or the
     * negotiation differs from {@code expectDeflate}.
     */
    static CellResult run(int port, String offer, boolean expectDeflate, int connections, int window,
            long warmupNanos, long measureNanos, byte[][] pool, LongSupplier serverCpuNanos) throws Exception {
        List<ClientConnection> opened = new ArrayList<>();
        try {
            for (int i = 0; i < connections; i++) {
                ClientConnection c = ClientConnection.open(port, offer);
                opened.add(c);
                boolean deflate = c.negotiated() != null && c.negotiated().startsWith("permessage-deflate");
                if (deflate != expectDeflate) {
                    throw new IOException("unexpected negotiation: " + c.negotiated());
                }
            }
            ConnectionResult[] results = new ConnectionResult[connections];
            Throwable[] failures = new Throwable[connections];
            CountDownLatch start = new CountDownLatch(1);
            CountDownLatch done = new CountDownLatch(connections);
            long[] deadlines = new long[2];
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                int index = i;
                Thread t = Thread.ofPlatform().name("load-" + i).daemon().start(() -> {
                    try {
                        start.await();
                        results[index] = drive(opened.get(index), window, deadlines[0], deadlines[1], pool, index);
                    } catch (Throwable e) {
                        failures[index] = e;
                    } finally {
                        done.countDown();
                    }
                });
                threads.add(t);
            }
            long now = System.nanoTime();
            deadlines[0] = now + warmupNanos;
            deadlines[1] = deadlines[0] + measureNanos;
            start.countDown(); // publishes deadlines (happens-before through the latch)
            sleepUntil(deadlines[0]);
            long cpuStart = serverCpuNanos.getAsLong();
            long clientStart = ownCpuNanos();
            sleepUntil(deadlines[1]);
            long cpuEnd = serverCpuNanos.getAsLong();
            long clientEnd = ownCpuNanos();
            if (!done.await(warmupNanos + measureNanos + TimeUnit.SECONDS.toNanos(20), TimeUnit.NANOSECONDS)) {
                throw new IOException("load client did not finish in time");
            }
            for (Throwable f : failures) {
                if (f != null) {
                    throw new IOException("a connection failed", f);
                }
            }
            return combine(results, cpuStart < 0 || cpuEnd < 0 ? -1 : cpuEnd - cpuStart,
                    clientStart < 0 || clientEnd < 0 ? -1 : clientEnd - clientStart);
        } finally {
            for (ClientConnection c : opened) {
                c.close();
            }
        }
    }

    private static ConnectionResult drive(ClientConnection c, int window, long measureStart, long measureEnd,
            byte[][] pool, int index) throws IOException {
        long[] sentAt = new long[window];
        int[] sentWhich = new int[window];
        int head = 0; // oldest outstanding
        int outstanding = 0;
        int next = index * 7; // connections start at different places in the pool
        long[] latencies = new long[1 << 16];
        int latencyCount = 0;
        boolean measuring = false;
        long startNanos = 0;
        long startOut = 0;
        long startIn = 0;
        long messages = 0;
        while (true) {
            long now = System.nanoTime();
            if (!measuring && now >= measureStart && now < measureEnd) {
                measuring = true;
                startNanos = now;
                startOut = c.bytesOut();
                startIn = c.bytesIn();
            }
            boolean stopping = now >= measureEnd;
            if (stopping && !measuring) {
                // one round trip outlasted the whole measured interval (a stall): nothing measured
                drain(c, outstanding);
                return new ConnectionResult(0, 0, 0, 0, latencies, 0, c.negotiated());
            }
            if (stopping) {
                // stop the clock and the counters here; outstanding echoes are then drained uncounted
                ConnectionResult r = new ConnectionResult(messages, now - startNanos, c.bytesOut() - startOut,
                        c.bytesIn() - startIn, latencies, latencyCount, c.negotiated());
                drain(c, outstanding);
                return r;
            }
            while (!stopping && outstanding < window) {
                int slot = (head + outstanding) % window;
                int which = next++ % pool.length;
                sentWhich[slot] = which;
                sentAt[slot] = System.nanoTime();
                c.sendText(pool[which]);
                outstanding++;
            }
            int n = c.receive();
            long received = System.nanoTime();
            byte[] expected = pool[sentWhich[head]];
            if (!Arrays.equals(c.lastMessage(), 0, n, expected, 0, expected.length)) {
                throw new IOException("echo differs from the message sent");
            }
            if (measuring) {
                messages++;
                if (latencyCount == latencies.length) {
                    latencies = Arrays.copyOf(latencies, latencies.length * 2);
                }
                latencies[latencyCount++] = received - sentAt[head];
            }
            head = (head + 1) % window;
            outstanding--;
        }
    }

    private static void drain(ClientConnection c, int outstanding) throws IOException {
        for (int i = 0; i < outstanding; i++) {
            c.receive();
        }
    }

    private static void sleepUntil(long deadline) throws InterruptedException {
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    /** This JVM's CPU time so far (the load client's, plus this harness's small bookkeeping), or -1. */
    private static long ownCpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(-1L);
    }

    private static CellResult combine(ConnectionResult[] results, long serverCpuNanos, long clientCpuNanos) {
        long messages = 0;
        double rate = 0;
        long out = 0;
        long in = 0;
        int count = 0;
        for (ConnectionResult r : results) {
            messages += r.messages();
            rate += r.nanos() > 0 ? r.messages() * 1e9 / r.nanos() : 0;
            out += r.bytesOut();
            in += r.bytesIn();
            count += r.latencyCount();
        }
        long[] all = new long[count];
        int at = 0;
        for (ConnectionResult r : results) {
            System.arraycopy(r.latencies(), 0, all, at, r.latencyCount());
            at += r.latencyCount();
        }
        Arrays.sort(all);
        return new CellResult(rate, percentile(all, 0.50) / 1e3, percentile(all, 0.99) / 1e3,
                (double) out / messages, (double) in / messages,
                serverCpuNanos < 0 ? Double.NaN : serverCpuNanos / 1e3 / messages,
                clientCpuNanos < 0 ? Double.NaN : clientCpuNanos / 1e3 / messages, messages, results[0].negotiated());
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
