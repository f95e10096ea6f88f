package org.websockets4j.bench;

import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.websockets4j.client.ClientOptions;
import org.websockets4j.client.WebSocketClient;
import org.websockets4j.extensions.Compression;
import org.websockets4j.protocol.Message;
import org.websockets4j.protocol.WebSocket;
import org.websockets4j.server.ConnectionHandler;
import org.websockets4j.server.ServerOptions;
import org.websockets4j.server.WebSocketServer;

/**
 * Our server and client over TCP, over a Unix domain socket, and over TCP through the
 * {@code SocketChannel} transport (a given channel on the client, a bound channel on the server),
 * in one process: one connection, compression off.
 *
 * <pre>
 * java -cp ws-bench/target/benchmarks.jar org.websockets4j.bench.UnixEchoBench [seconds]
 * </pre>
 *
 * <p>Prints, per transport: the round trip of one 64-byte message in flight (p50 / p99 µs), 64-byte
 * messages/s with 64 in flight, and MB/s of 256 KiB binary messages with 4 in flight.
 */
public final class UnixEchoBench {
    private static final ConnectionHandler ECHO = ws -> {
        for (Message message : ws) {
            ws.send(message);
        }
    };

    private static final String END = "end of measurement";

    private UnixEchoBench() {
    }

    /**
     * Runs the three transports twice; the first round warms up.
     *
     * @param args optionally the seconds per measurement
     * @throws Exception when a connection fails
     */
    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        ServerOptions serverOptions = ServerOptions.builder().compression(Compression.NONE).pingInterval(null).build();
        ClientOptions clientOptions = ClientOptions.builder().compression(Compression.NONE).pingInterval(null).build();
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "ws4j-bench");
        Path socket = dir.resolve("bench.sock");
        try (WebSocketServer tcp = WebSocketServer.serve(ECHO, "127.0.0.1", 0, serverOptions);
             WebSocketServer unix = WebSocketServer.unixServe(ECHO, socket, serverOptions);
             WebSocketServer channel = WebSocketServer.serve(ECHO,
                     java.nio.channels.ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0)), serverOptions)) {
            for (int round = 0; round < 2; round++) {
                boolean report = round == 1;
                int time = report ? seconds : 1;
                try (WebSocket ws = WebSocketClient.connect("ws://127.0.0.1:" + tcp.port() + "/", clientOptions)) {
                    run("tcp (AsynchronousSocketChannel)", ws, time, report);
                }
                try (WebSocket ws = WebSocketClient.unixConnect(socket, "ws://localhost/", clientOptions)) {
                    run("unix (SocketChannel + selector)", ws, time, report);
                }
                SocketChannel given = SocketChannel.open(new InetSocketAddress("127.0.0.1", channel.port()));
                try (WebSocket ws = WebSocketClient.connect(given, "ws://127.0.0.1/", clientOptions)) {
                    run("tcp (SocketChannel + selector)", ws, time, report);
                }
            }
        } finally {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(dir);
        }
    }

    private static void run(String name, WebSocket ws, int seconds, boolean report) throws Exception {
        String small = "x".repeat(64);
        long[] samples = new long[2_000_000];
        int n = 0;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end && n < samples.length) {
            long start = System.nanoTime();
            ws.send(small);
            ws.recv();
            samples[n++] = System.nanoTime() - start;
        }
        Arrays.sort(samples, 0, n);
        double p50 = samples[n / 2] / 1000.0;
        double p99 = samples[(int) (n * 0.99)] / 1000.0;
        double windowed = windowed(ws, small, 64, seconds);
        byte[] big = new byte[256 << 10];
        double bigPerSecond = windowed(ws, big, 4, seconds);
        if (report) {
            System.out.printf("%-34s round trip p50 %.1f µs, p99 %.1f µs | 64 B x64 in flight: %,.0f msg/s | 256 KiB x4: %,.0f MB/s%n",
                    name, p50, p99, windowed, bigPerSecond * big.length / 1e6);
        }
    }

    /** Messages/s with {@code window} in flight: a sender bounded by a semaphore, this thread receiving until the end marker. */
    private static double windowed(WebSocket ws, Object message, int window, int seconds) throws Exception {
        Semaphore credits = new Semaphore(window);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        Thread sender = Thread.ofVirtual().start(() -> {
            try {
                while (System.nanoTime() < end) {
                    credits.acquire();
                    if (message instanceof String text) {
                        ws.send(text);
                    } else {
                        ws.send((byte[]) message);
                    }
                }
                ws.send(END); // echoed last: everything before it has come back
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        long start = System.nanoTime();
        long received = 0;
        while (!(ws.recv() instanceof Message.Text text && text.text().equals(END))) {
            received++;
            credits.release();
        }
        sender.join();
        return received / ((System.nanoTime() - start) / 1e9);
    }
}
