package org.websockets4j.bench;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.websockets4j.client.ClientOptions;
import org.websockets4j.client.WebSocketClient;
import org.websockets4j.extensions.Compression;
import org.websockets4j.protocol.Message;
import org.websockets4j.protocol.WebSocket;
import org.websockets4j.server.ServerOptions;
import org.websockets4j.server.WebSocketServer;

/**
 * TLS next to plain TCP, our client against our echo server in one JVM over loopback
 * (compression off): 16 KiB echo throughput with 8 messages in flight, the 64-byte round trip,
 * and the heap each idle connection adds (both ends, since both are in this JVM).
 *
 * <pre>
 * openssl req -x509 -newkey rsa:2048 -nodes -keyout key.pem -out cert.pem -days 1 -subj /CN=localhost \
 *     -addext subjectAltName=DNS:localhost
 * java -cp ws-bench/target/benchmarks.jar org.websockets4j.bench.TlsBench cert.pem key.pem [seconds] [idle connections]
 * </pre>
 *
 * The key must be unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY}, what OpenSSL 3 writes).
 */
public final class TlsBench {
    private TlsBench() {
    }

    /**
     * Runs the comparison.
     *
     * @param args the PEM certificate and key, then optionally seconds per measurement and the
     *             idle connection count
     * @throws Exception when a connection fails
     */
    public static void main(String[] args) throws Exception {
        SSLContext server = serverContext(Path.of(args[0]), Path.of(args[1]));
        SSLContext client = clientContext(Path.of(args[0]));
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        int idle = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
        for (int round = 0; round < 2; round++) { // the first round warms up the JIT
            boolean report = round == 1;
            for (boolean tls : new boolean[] {false, true}) {
                ServerOptions.Builder serverOptions = ServerOptions.builder().compression(Compression.NONE).pingInterval(null)
                        .maxSize(1 << 20);
                ClientOptions.Builder clientOptions = ClientOptions.builder().compression(Compression.NONE).pingInterval(null)
                        .maxSize(1 << 20);
                if (tls) {
                    serverOptions.ssl(server);
                    clientOptions.ssl(client);
                }
                try (WebSocketServer echo = WebSocketServer.serve(ws -> {
                    for (Message message : ws) {
                        ws.send(message);
                    }
                }, "127.0.0.1", 0, serverOptions.build())) {
                    String uri = (tls ? "wss" : "ws") + "://localhost:" + echo.port() + "/";
                    String name = tls ? "TLS" : "plain";
                    double mbps = throughput(uri, clientOptions.build(), report ? seconds : 1);
                    long[] rtt = roundTrips(uri, clientOptions.build(), report ? seconds : 1);
                    if (report) {
                        System.out.printf("%-5s 16 KiB x 8 in flight: %.0f MB/s; 64 B round trip p50 %.1f us, p99 %.1f us%n",
                                name, mbps, rtt[0] / 1000.0, rtt[1] / 1000.0);
                        System.out.printf("%-5s idle connection (server and client ends): %.1f KiB heap%n", name,
                                idleHeap(uri, clientOptions.build(), idle) / 1024.0);
                    }
                }
            }
        }
    }

    private static double throughput(String uri, ClientOptions options, int seconds) throws Exception {
        byte[] payload = new byte[16 * 1024];
        Semaphore window = new Semaphore(8);
        AtomicLong received = new AtomicLong();
        try (WebSocket ws = WebSocketClient.connect(uri, options)) {
            Thread reader = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        ws.recv();
                        received.incrementAndGet();
                        window.release();
                    }
                } catch (Exception e) {
                    // closed
                }
            });
            long start = System.nanoTime();
            long end = start + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < end) {
                window.acquire();
                ws.send(payload);
            }
            window.acquire(8);
            double elapsed = (System.nanoTime() - start) / 1e9;
            ws.close();
            reader.join();
            return received.get() * payload.length / elapsed / 1e6;
        }
    }

    private static long[] roundTrips(String uri, ClientOptions options, int seconds) throws Exception {
        String payload = "x".repeat(64);
        long[] samples = new long[2_000_000];
        int n = 0;
        try (WebSocket ws = WebSocketClient.connect(uri, options)) {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < end && n < samples.length) {
                long t0 = System.nanoTime();
                ws.send(payload);
                ws.recv();
                samples[n++] = System.nanoTime() - t0;
            }
        }
        long[] sorted = Arrays.copyOf(samples, n);
        Arrays.sort(sorted);
        return new long[] {sorted[n / 2], sorted[(int) (n * 0.99)]};
    }

    /** Heap after GC with {@code count} idle connections open, minus before, per connection. */
    private static double idleHeap(String uri, ClientOptions options, int count) throws Exception {
        long before = usedAfterGc();
        List<WebSocket> open = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            open.add(WebSocketClient.connect(uri, options));
        }
        Thread.sleep(500);
        long after = usedAfterGc();
        for (WebSocket ws : open) {
            ws.closeAsync();
        }
        for (WebSocket ws : open) {
            ws.awaitClosed();
        }
        return (after - before) / (double) count;
    }

    private static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static SSLContext serverContext(Path cert, Path key) throws Exception {
        Certificate[] chain;
        try (InputStream in = Files.newInputStream(cert)) {
            chain = CertificateFactory.getInstance("X.509").generateCertificates(in).toArray(Certificate[]::new);
        }
        String pem = Files.readString(key).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PrivateKey privateKey = KeyFactory.getInstance(chain[0].getPublicKey().getAlgorithm())
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", privateKey, new char[0], chain);
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, new char[0]);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    static SSLContext clientContext(Path cert) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        try (InputStream in = Files.newInputStream(cert)) {
            store.setCertificateEntry("server", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
