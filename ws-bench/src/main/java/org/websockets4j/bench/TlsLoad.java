package org.websockets4j.bench;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A WebSocket echo load client over plain TCP or TLS, for servers in another process (the shared
 * rig's C {@code wsload} speaks no TLS). Blocking sockets ({@link SSLSocket} for TLS) on virtual
 * threads; each connection keeps {@code inflight} masked binary frames in flight, a sliding window
 * as wsload keeps (a reader thread frees a slot per echo, a writer fills the free slots in one
 * write). The mask key is zero (legal, and it spares the client
 * the XOR), the frames are built once. Prints the rate and the client's own CPU use, so a reader
 * can see whether the client was the bottleneck.
 *
 * <pre>
 * TlsLoad echo PORT tls|plain CERT CONNECTIONS INFLIGHT SIZE SECONDS   # msg/s, MB/s
 * TlsLoad latency PORT tls|plain CERT SECONDS                          # 64 B, one connection: p50/p99 µs
 * TlsLoad idle PORT tls|plain CERT CONNECTIONS HOLD_SECONDS            # opens, prints "# holding", waits
 * </pre>
 *
 * CERT is the server's PEM certificate, trusted for TLS (ignored for plain). Connects to
 * 127.0.0.1; a one-second warm-up precedes each measurement. Not thread-safe; a command-line tool.
 */
public final class TlsLoad {
    private TlsLoad() {
    }

    /**
     * Runs one command and exits.
     *
     * @param args see the class documentation
     * @throws Exception when a connection fails
     */
    public static void main(String[] args) throws Exception {
        String mode = args[0];
        int port = Integer.parseInt(args[1]);
        SSLContext tls = args[2].equals("tls") ? TlsBench.clientContext(Path.of(args[3])) : null;
        switch (mode) {
            case "echo" -> echo(port, tls, Integer.parseInt(args[4]), Integer.parseInt(args[5]), Integer.parseInt(args[6]),
                    Integer.parseInt(args[7]));
            case "latency" -> latency(port, tls, Integer.parseInt(args[4]));
            case "idle" -> idle(port, tls, Integer.parseInt(args[4]), Integer.parseInt(args[5]));
            default -> throw new IllegalArgumentException("mode: echo, latency or idle");
        }
        System.exit(0);
    }

    private static void echo(int port, SSLContext tls, int connections, int inflight, int size, int seconds) throws Exception {
        AtomicLong messages = new AtomicLong();
        List<Conn> conns = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            conns.add(new Conn(port, tls));
        }
        byte[] batch = batch(inflight, size);
        int frame = batch.length / inflight;
        for (Conn c : conns) {
            // A sliding window, as wsload keeps: the reader frees a slot per echo, the writer
            // fills every free slot in one write.
            Semaphore window = new Semaphore(inflight);
            Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        window.acquire();
                        int free = 1 + window.drainPermits();
                        c.out.write(batch, 0, free * frame);
                    }
                } catch (IOException | InterruptedException e) {
                    // the process exits
                }
            });
            Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        c.readFrame();
                        window.release();
                        messages.incrementAndGet();
                    }
                } catch (IOException e) {
                    // the process exits
                }
            });
        }
        Thread.sleep(1000);
        long m0 = messages.get();
        long t0 = System.nanoTime();
        long cpu0 = cpuNanos();
        Thread.sleep(seconds * 1000L);
        long m1 = messages.get();
        long t1 = System.nanoTime();
        long cpu1 = cpuNanos();
        double secs = (t1 - t0) / 1e9;
        double rate = (m1 - m0) / secs;
        System.out.printf("echo %s conns=%d inflight=%d size=%d: %.0f msg/s %.1f MB/s client-cpu=%.0f%%%n",
                tls == null ? "plain" : "tls", connections, inflight, size, rate, rate * size / 1e6,
                100.0 * (cpu1 - cpu0) / (t1 - t0));
    }

    private static void latency(int port, SSLContext tls, int seconds) throws Exception {
        Conn c = new Conn(port, tls);
        byte[] one = batch(1, 64);
        long warmEnd = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < warmEnd) {
            c.out.write(one);
            c.readFrame();
        }
        long[] samples = new long[1 << 22];
        int n = 0;
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (n < samples.length) {
            long start = System.nanoTime();
            if (start > end) {
                break;
            }
            c.out.write(one);
            c.readFrame();
            samples[n++] = System.nanoTime() - start;
        }
        Arrays.sort(samples, 0, n);
        System.out.printf("latency %s 64 B: p50=%.1f us p99=%.1f us (%d round trips)%n", tls == null ? "plain" : "tls",
                samples[n / 2] / 1e3, samples[(int) (n * 0.99)] / 1e3, n);
    }

    private static void idle(int port, SSLContext tls, int connections, int hold) throws Exception {
        List<Conn> conns = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            conns.add(new Conn(port, tls));
        }
        System.out.println("# holding " + conns.size());
        Thread.sleep(hold * 1000L);
        for (Conn c : conns) {
            c.socket.close();
        }
    }

    /** {@code count} masked binary frames of {@code size} zero bytes with a zero mask key, back to back. */
    private static byte[] batch(int count, int size) {
        int header = size < 126 ? 6 : size < 65536 ? 8 : 14;
        byte[] all = new byte[count * (header + size)];
        for (int i = 0; i < count; i++) {
            int at = i * (header + size);
            all[at] = (byte) 0x82;
            if (size < 126) {
                all[at + 1] = (byte) (0x80 | size);
            } else if (size < 65536) {
                all[at + 1] = (byte) (0x80 | 126);
                all[at + 2] = (byte) (size >>> 8);
                all[at + 3] = (byte) size;
            } else {
                all[at + 1] = (byte) (0x80 | 127);
                for (int b = 0; b < 8; b++) {
                    all[at + 2 + b] = (byte) ((long) size >>> (56 - 8 * b));
                }
            }
        }
        return all;
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** One client connection after its opening handshake. */
    private static final class Conn {
        final Socket socket;
        final OutputStream out;
        final DataInputStream in;
        final byte[] scratch = new byte[1 << 16];

        Conn(int port, SSLContext tls) throws IOException {
            Socket s = new Socket();
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress("127.0.0.1", port));
            if (tls != null) {
                SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(s, "localhost", port, true);
                secure.startHandshake();
                s = secure;
            }
            socket = s;
            out = s.getOutputStream();
            in = new DataInputStream(new BufferedInputStream(s.getInputStream(), 1 << 16));
            out.write(("GET / HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            int matched = 0;
            while (matched < 4) { // up to the blank line that ends the 101 response
                int b = in.read();
                if (b < 0) {
                    throw new IOException("the server closed during the handshake");
                }
                matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
            }
        }

        /** Reads one unmasked server frame and drops its payload. */
        void readFrame() throws IOException {
            in.readUnsignedByte();
            int len = in.readUnsignedByte() & 0x7f;
            long length = len == 126 ? in.readUnsignedShort() : len == 127 ? in.readLong() : len;
            while (length > 0) {
                int n = in.read(scratch, 0, (int) Math.min(scratch.length, length));
                if (n < 0) {
                    throw new IOException("the server closed mid-frame");
                }
                length -= n;
            }
        }
    }
}
