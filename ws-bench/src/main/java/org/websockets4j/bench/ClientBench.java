package org.websockets4j.bench;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.websockets4j.client.ClientOptions;
import org.websockets4j.client.WebSocketClient;
import org.websockets4j.protocol.WebSocket;

/**
 * The client side of the driver, measured against any echo server (the rig's C {@code wsecho}, so
 * that the server is not the limit): one connection, 64-byte text messages.
 *
 * <pre>
 * java -cp ws-bench/target/benchmarks.jar org.websockets4j.bench.ClientBench ws://127.0.0.1:9400/ [seconds] [window]
 * </pre>
 *
 * <p>Measures three clients in the same run: ours (twice: blocking calls, then the async API),
 * the JDK's {@code java.net.http.WebSocket} and Netty's (see {@link NettyEchoClient}). Prints, for
 * each: the round trip of one message in flight (p50 / p99 in µs, and messages/s), and messages/s
 * with {@code window} messages in flight (default 64). Ours with blocking calls and the JDK's are
 * driven from the caller thread, a sender thread and the receive path draining concurrently; ours
 * async and Netty's from their callbacks (each echo received sends the next message, on the I/O
 * thread), their natural style. Compression is off on all of them (the JDK's client offers none).
 */
public final class ClientBench {
    private static final String PAYLOAD = "x".repeat(64);

    private ClientBench() {
    }

    /**
     * Runs the three clients.
     *
     * @param args the echo server's URI, then optionally seconds per measurement and the window
     * @throws Exception when a connection fails
     */
    public static void main(String[] args) throws Exception {
        String uri = args.length > 0 ? args[0] : "ws://127.0.0.1:9400/";
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int window = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        EventLoopGroup nettyGroup = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            for (int round = 0; round < 2; round++) { // the first round warms up the JIT
                boolean report = round == 1;
                ours(uri, report ? seconds : 2, window, report);
                oursAsync(uri, report ? seconds : 2, window, report);
                jdk(uri, report ? seconds : 2, window, report);
                netty(nettyGroup, uri, report ? seconds : 2, window, report);
            }
        } finally {
            // No quiet period: every connection is closed by now, so there is nothing to wait for.
            nettyGroup.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static void ours(String uri, int seconds, int window, boolean report) throws Exception {
        ClientOptions options = ClientOptions.builder().compression(org.websockets4j.extensions.Compression.NONE)
                .pingInterval(null).build();
        try (WebSocket ws = WebSocketClient.connect(uri, options)) {
            long[] samples = new long[4_000_000];
            int n = 0;
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            long start = System.nanoTime();
            while (System.nanoTime() < end && n < samples.length) {
                long t0 = System.nanoTime();
                ws.send(PAYLOAD);
                ws.recv();
                samples[n++] = System.nanoTime() - t0;
            }
            long elapsed = System.nanoTime() - start;
            long pipelined = pipelinedOurs(ws, seconds, window);
            if (report) {
                print("websockets4j", samples, n, elapsed, pipelined, window);
            }
        }
    }

    /**
     * Ours through the async API, driven from its callbacks as Netty's client is from its event
     * loop: each echo received sends the next message, on the I/O thread that received it.
     */
    private static void oursAsync(String uri, int seconds, int window, boolean report) throws Exception {
        ClientOptions options = ClientOptions.builder().compression(org.websockets4j.extensions.Compression.NONE)
                .pingInterval(null).build();
        try (WebSocket ws = WebSocketClient.connect(uri, options)) {
            long[] samples = new long[4_000_000];
            long nanos = TimeUnit.SECONDS.toNanos(seconds);
            AsyncEcho roundTrip = new AsyncEcho(ws, nanos, 1, samples);
            roundTrip.run();
            AsyncEcho pipelined = new AsyncEcho(ws, nanos, window, null);
            pipelined.run();
            if (report) {
                print("websockets4j async", samples, (int) roundTrip.received, roundTrip.elapsed,
                        pipelined.received * 1_000_000_000L / pipelined.elapsed, window);
            }
        }
    }

    /** Keeps {@code window} messages in flight from {@code recvAsync} callbacks until the time is up. */
    private static final class AsyncEcho {
        private final WebSocket ws;
        private final long nanos;
        private final int window;
        private final long[] samples;
        private final long[] sentAt;
        private final CompletableFuture<Void> done = new CompletableFuture<>();
        private long start;
        private long end;
        /** Counted by the priming loop and by callbacks, which may overlap. */
        private final AtomicLong sent = new AtomicLong();
        long received;
        long elapsed;

        AsyncEcho(WebSocket ws, long nanos, int window, long[] samples) {
            this.ws = ws;
            this.nanos = nanos;
            this.window = window;
            this.samples = samples;
            this.sentAt = new long[window];
        }

        void run() throws Exception {
            start = System.nanoTime();
            end = start + nanos;
            CompletableFuture<Void> loop = ws.forEachAsync(message -> {
                long now = System.nanoTime();
                if (samples != null && received < samples.length) {
                    samples[(int) received] = now - sentAt[(int) (received % window)];
                }
                received++;
                if (now < end) {
                    return send();
                }
                if (received == sent.get()) {
                    elapsed = now - start;
                    done.complete(null);
                    return new CompletableFuture<>(); // stop taking messages: this measurement is over
                }
                return null;
            });
            for (int i = 0; i < window; i++) {
                send();
            }
            done.get(nanos + TimeUnit.SECONDS.toNanos(30), TimeUnit.NANOSECONDS);
            loop.cancel(false);
        }

        private CompletableFuture<Void> send() {
            sentAt[(int) (sent.getAndIncrement() % window)] = System.nanoTime();
            return ws.sendAsync(PAYLOAD);
        }
    }

    private static long pipelinedOurs(WebSocket ws, int seconds, int window) throws Exception {
        Semaphore inFlight = new Semaphore(window);
        AtomicLong received = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        Thread receiver = Thread.ofPlatform().start(() -> {
            try {
                while (true) {
                    ws.recv();
                    received.incrementAndGet();
                    inFlight.release();
                }
            } catch (Exception e) {
                // closed: done
            }
        });
        long sent = 0;
        long start = System.nanoTime();
        while (System.nanoTime() < end) {
            inFlight.acquire();
            ws.send(PAYLOAD);
            sent++;
        }
        while (received.get() < sent) {
            Thread.onSpinWait();
        }
        long elapsed = System.nanoTime() - start;
        ws.close();
        receiver.join();
        return received.get() * 1_000_000_000L / elapsed;
    }

    private static void jdk(String uri, int seconds, int window, boolean report) throws Exception {
        SynchronousQueue<Object> echoes = new SynchronousQueue<>();
        Semaphore inFlight = new Semaphore(window);
        AtomicLong received = new AtomicLong();
        boolean[] pipelining = {false};
        java.net.http.WebSocket.Listener listener = new java.net.http.WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(java.net.http.WebSocket webSocket, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    text.setLength(0);
                    if (pipelining[0]) {
                        received.incrementAndGet();
                        inFlight.release();
                    } else {
                        try {
                            echoes.put(Boolean.TRUE);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }
                webSocket.request(1);
                return null;
            }
        };
        java.net.http.WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(uri), listener).get(10, TimeUnit.SECONDS);
        long[] samples = new long[4_000_000];
        int n = 0;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long start = System.nanoTime();
        while (System.nanoTime() < end && n < samples.length) {
            long t0 = System.nanoTime();
            ws.sendText(PAYLOAD, true).join();
            echoes.take();
            samples[n++] = System.nanoTime() - t0;
        }
        long elapsed = System.nanoTime() - start;
        pipelining[0] = true;
        long sent = 0;
        long pStart = System.nanoTime();
        long pEnd = pStart + TimeUnit.SECONDS.toNanos(seconds);
        CompletableFuture<?> last = CompletableFuture.completedFuture(null);
        while (System.nanoTime() < pEnd) {
            inFlight.acquire();
            last = ws.sendText(PAYLOAD, true);
            last.join(); // the JDK's client allows one outstanding send
            sent++;
        }
        while (received.get() < sent) {
            Thread.onSpinWait();
        }
        long pipelined = received.get() * 1_000_000_000L / (System.nanoTime() - pStart);
        ws.sendClose(1000, "").get(5, TimeUnit.SECONDS);
        if (report) {
            print("JDK java.net.http", samples, n, elapsed, pipelined, window);
        }
    }

    private static void netty(EventLoopGroup group, String uri, int seconds, int window, boolean report)
            throws Exception {
        long nanos = TimeUnit.SECONDS.toNanos(seconds);
        try (NettyEchoClient client = NettyEchoClient.connect(group, URI.create(uri), PAYLOAD)) {
            long[] samples = new long[4_000_000];
            NettyEchoClient.RoundTrip roundTrip = client.roundTrip(samples, nanos);
            long pipelined = client.pipelined(nanos, window);
            if (report) {
                print(NettyEchoClient.NAME, samples, roundTrip.count(), roundTrip.elapsedNanos(), pipelined, window);
            }
        }
    }

    private static void print(String name, long[] samples, int n, long elapsedNanos, long pipelined, int window) {
        long[] sorted = Arrays.copyOf(samples, n);
        Arrays.sort(sorted);
        System.out.printf("%-18s round trip p50 %6.1f us  p99 %6.1f us  %,9d msg/s | %d in flight: %,9d msg/s%n",
                name, sorted[n / 2] / 1000.0, sorted[(int) (n * 0.99)] / 1000.0,
                n * 1_000_000_000L / elapsedNanos, window, pipelined);
    }
}
