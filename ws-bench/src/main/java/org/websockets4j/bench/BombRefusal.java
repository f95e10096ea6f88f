package org.websockets4j.bench;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.websockets4j.client.ClientOptions;
import org.websockets4j.client.WebSocketClient;
import org.websockets4j.extensions.permessagedeflate.CompressionSettings;
import org.websockets4j.extensions.permessagedeflate.PerMessageDeflate;
import org.websockets4j.framing.Frame;
import org.websockets4j.framing.Opcode;
import org.websockets4j.framing.PayloadTooBig;
import org.websockets4j.protocol.WebSocket;
import org.websockets4j.server.ServerOptions;
import org.websockets4j.server.WebSocketServer;

/**
 * Time to refuse a decompression bomb: one compressed frame of zeros (deflated at level 9 with
 * SYNC_FLUSH, raw, the {@code 00 00 ff ff} tail removed, RSV1 set; 512 MiB in about 0.5 MiB) sent
 * to a connection whose {@code maxSize} is far smaller. Three measurements, each repeated: the
 * first run (a cold JVM: fresh heap regions, code not yet compiled) and then the minimum, median
 * and maximum in milliseconds (the minimum is the one to compare on a shared machine):
 *
 * <ul>
 *   <li>{@code client}: a raw server on loopback (a {@link ServerSocket}, handshake by hand,
 *       answering {@code permessage-deflate}) sends the frame to our {@link WebSocketClient}; from
 *       the start of the frame's write to the first byte of the client's close frame (its code,
 *       1009, is checked), and the CPU time the whole process spent meanwhile (all threads,
 *       the garbage collector's included: the figure to compare when the machine is busy).</li>
 *   <li>{@code server}: a raw client sends the frame, masked, to our {@link WebSocketServer}; the
 *       same interval, to the server's close frame, and the process's CPU time.</li>
 *   <li>{@code decode}: {@link PerMessageDeflate#decode} alone, in this thread, until
 *       {@link PayloadTooBig}; wall time and this thread's CPU time (the figure to compare when
 *       the machine is busy). Then the floor: a bare {@link Inflater} inflating
 *       {@code maxSize + 1} bytes of the bomb into one reused 64 KiB array.</li>
 * </ul>
 *
 * <p>{@code java -cp ws-bench/target/benchmarks.jar org.websockets4j.bench.BombRefusal [side]
 * [inflated MiB] [maxSize MiB] [repetitions]}: side {@code client}, {@code server}, {@code decode}
 * or {@code all} (default: all, 512 MiB, 64 MiB for the client and decode and 16 MiB for the
 * server unless given, 10 repetitions after 3 warm-up runs, the first of which is reported).
 */
public final class BombRefusal {
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final int WARMUP = 3;
    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private BombRefusal() {
    }

    /**
     * Runs the measurements.
     *
     * @param args side, inflated size in MiB, maxSize in MiB, repetitions (all optional)
     * @throws Exception when a peer misbehaves or a close code is not 1009
     */
    public static void main(String[] args) throws Exception {
        String side = args.length > 0 ? args[0] : "all";
        long inflated = (args.length > 1 ? Long.parseLong(args[1]) : 512) << 20;
        Long maxSize = args.length > 2 ? Long.parseLong(args[2]) << 20 : null;
        int reps = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        byte[] bomb = bomb(inflated);
        System.out.printf(Locale.ROOT, "bomb: %d MiB of zeros in %d compressed bytes; %s%n",
                inflated >> 20, bomb.length, Runtime.version());
        if (side.equals("all") || side.equals("decode")) {
            decode(bomb, maxSize != null ? maxSize : 64L << 20, reps);
        }
        if (side.equals("all") || side.equals("client")) {
            client(bomb, maxSize != null ? maxSize : 64L << 20, reps);
        }
        if (side.equals("all") || side.equals("server")) {
            server(bomb, maxSize != null ? maxSize : 16L << 20, reps);
        }
    }

    /** {@code size} zero bytes deflated at level 9 with SYNC_FLUSH, raw, without the final 00 00 ff ff. */
    static byte[] bomb(long size) {
        Deflater deflater = new Deflater(9, true);
        byte[] zeros = new byte[1 << 20];
        byte[] buffer = new byte[1 << 16];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (long done = 0; done < size; done += zeros.length) {
            deflater.setInput(zeros, 0, (int) Math.min(zeros.length, size - done));
            while (!deflater.needsInput()) {
                out.write(buffer, 0, deflater.deflate(buffer, 0, buffer.length, Deflater.NO_FLUSH));
            }
        }
        int n;
        do {
            n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
            out.write(buffer, 0, n);
        } while (n == buffer.length);
        deflater.end();
        byte[] bytes = out.toByteArray();
        return Arrays.copyOf(bytes, bytes.length - 4);
    }

    private static void decode(byte[] bomb, long maxSize, int reps) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] wall = new double[reps];
        double[] cpu = new double[reps];
        double firstWall = 0;
        double firstCpu = 0;
        for (int i = -WARMUP; i < reps; i++) {
            PerMessageDeflate extension = new PerMessageDeflate(false, false, 15, 15, CompressionSettings.defaults());
            Frame frame = new Frame(true, true, false, false, Opcode.BINARY, ByteBuffer.wrap(bomb));
            long cpu0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            try {
                extension.decode(frame, maxSize);
                throw new IllegalStateException("the bomb was not refused");
            } catch (PayloadTooBig expected) {
                // the measured outcome
            }
            long t1 = System.nanoTime();
            long cpu1 = threads.getCurrentThreadCpuTime();
            extension.release();
            if (i == -WARMUP) {
                firstWall = (t1 - t0) / 1e6;
                firstCpu = (cpu1 - cpu0) / 1e6;
            } else if (i >= 0) {
                wall[i] = (t1 - t0) / 1e6;
                cpu[i] = (cpu1 - cpu0) / 1e6;
            }
        }
        report("decode, maxSize " + (maxSize >> 20) + " MiB, wall", firstWall, wall);
        report("decode, maxSize " + (maxSize >> 20) + " MiB, thread CPU", firstCpu, cpu);
        // The floor: zlib inflating maxSize + 1 bytes once, into one reused 64 KiB array.
        byte[] scratch = new byte[64 << 10];
        for (int i = -WARMUP; i < reps; i++) {
            Inflater inflater = new Inflater(true);
            inflater.setInput(bomb);
            long cpu0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            long total = 0;
            try {
                while (total <= maxSize) {
                    total += inflater.inflate(scratch, 0, (int) Math.min(scratch.length, maxSize + 1 - total));
                }
            } catch (DataFormatException e) {
                throw new IllegalStateException(e);
            }
            long t1 = System.nanoTime();
            long cpu1 = threads.getCurrentThreadCpuTime();
            inflater.end();
            if (i == -WARMUP) {
                firstWall = (t1 - t0) / 1e6;
                firstCpu = (cpu1 - cpu0) / 1e6;
            } else if (i >= 0) {
                wall[i] = (t1 - t0) / 1e6;
                cpu[i] = (cpu1 - cpu0) / 1e6;
            }
        }
        report("bare Inflater, maxSize + 1 bytes into 64 KiB, wall", firstWall, wall);
        report("bare Inflater, maxSize + 1 bytes into 64 KiB, thread CPU", firstCpu, cpu);
    }

    private static void client(byte[] bomb, long maxSize, int reps) throws Exception {
        byte[] frame = frame(bomb, false);
        ClientOptions options = ClientOptions.builder().maxSize(maxSize).closeTimeout(Duration.ofSeconds(2)).build();
        double[] times = new double[reps];
        double[] cpu = new double[reps];
        double first = 0;
        double firstCpu = 0;
        try (ServerSocket listener = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
            String uri = "ws://127.0.0.1:" + listener.getLocalPort() + "/";
            for (int i = -WARMUP; i < reps; i++) {
                Thread client = Thread.ofVirtual().start(() -> {
                    try (WebSocket ws = WebSocketClient.connect(uri, options)) {
                        ws.recv();
                    } catch (Exception expected) {
                        // the connection fails with 1009 (or the raw server gave up: it reports that)
                    }
                });
                try (Socket socket = listener.accept()) {
                    socket.setSoTimeout(30_000);
                    socket.setTcpNoDelay(true);
                    InputStream in = socket.getInputStream();
                    OutputStream out = socket.getOutputStream();
                    String key = header(readHead(in), "sec-websocket-key");
                    out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                            + "Sec-WebSocket-Accept: " + accept(key) + "\r\n"
                            + "Sec-WebSocket-Extensions: permessage-deflate\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    Thread.sleep(100); // the client is open and reading
                    double ms = timeToClose(in, out, frame, true);
                    out.write(new byte[] {(byte) 0x88, 2, 0x03, (byte) 0xf1}); // answer 1009
                    out.flush();
                    if (i == -WARMUP) {
                        first = ms;
                        firstCpu = lastProcessCpu;
                    } else if (i >= 0) {
                        times[i] = ms;
                        cpu[i] = lastProcessCpu;
                    }
                }
                client.join();
            }
        }
        report("client, maxSize " + (maxSize >> 20) + " MiB, frame written -> close frame", first, times);
        report("client, maxSize " + (maxSize >> 20) + " MiB, process CPU meanwhile", firstCpu, cpu);
    }

    private static void server(byte[] bomb, long maxSize, int reps) throws Exception {
        byte[] frame = frame(bomb, true);
        ServerOptions options = ServerOptions.builder().maxSize(maxSize).closeTimeout(Duration.ofSeconds(2)).build();
        double[] times = new double[reps];
        double[] cpu = new double[reps];
        double first = 0;
        double firstCpu = 0;
        try (WebSocketServer server = WebSocketServer.serve(ws -> {
            while (true) {
                ws.recv();
            }
        }, "127.0.0.1", 0, options)) {
            int port = server.port();
            for (int i = -WARMUP; i < reps; i++) {
                try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                    socket.setSoTimeout(30_000);
                    socket.setTcpNoDelay(true);
                    InputStream in = socket.getInputStream();
                    OutputStream out = socket.getOutputStream();
                    String key = Base64.getEncoder().encodeToString(new byte[16]);
                    out.write(("GET / HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                            + "Connection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n"
                            + "Sec-WebSocket-Extensions: permessage-deflate\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    String head = readHead(in);
                    if (!head.startsWith("HTTP/1.1 101") || header(head, "sec-websocket-extensions") == null) {
                        throw new IOException("no permessage-deflate: " + head);
                    }
                    double ms = timeToClose(in, out, frame, false);
                    out.write(new byte[] {(byte) 0x88, (byte) 0x82, 0, 0, 0, 0, 0x03, (byte) 0xf1}); // answer 1009, masked
                    out.flush();
                    if (i == -WARMUP) {
                        first = ms;
                        firstCpu = lastProcessCpu;
                    } else if (i >= 0) {
                        times[i] = ms;
                        cpu[i] = lastProcessCpu;
                    }
                }
            }
        }
        report("server, maxSize " + (maxSize >> 20) + " MiB, frame written -> close frame", first, times);
        report("server, maxSize " + (maxSize >> 20) + " MiB, process CPU meanwhile", firstCpu, cpu);
    }

    /** The process's CPU time in the last {@link #timeToClose}, milliseconds. */
    private static double lastProcessCpu;

    /**
     * Writes {@code frame}; milliseconds until the peer's close frame starts (and the process's CPU
     * time meanwhile in {@link #lastProcessCpu}: every thread, collector included); checks it says 1009.
     */
    private static double timeToClose(InputStream in, OutputStream out, byte[] frame, boolean masked) throws IOException {
        long cpu0 = PROCESS.getProcessCpuTime();
        long t0 = System.nanoTime();
        out.write(frame);
        out.flush();
        int b0 = read(in);
        long t1 = System.nanoTime();
        lastProcessCpu = (PROCESS.getProcessCpuTime() - cpu0) / 1e6;
        int b1 = read(in);
        byte[] key = masked ? in.readNBytes(4) : new byte[4];
        byte[] payload = in.readNBytes(b1 & 0x7f);
        for (int j = 0; j < payload.length; j++) {
            payload[j] ^= key[j & 3];
        }
        int code = payload.length < 2 ? -1 : (payload[0] & 0xff) << 8 | (payload[1] & 0xff);
        if ((b0 & 0x0f) != 0x8 || code != 1009) {
            throw new IOException("expected a close frame with 1009, got opcode " + (b0 & 0x0f) + " code " + code);
        }
        return (t1 - t0) / 1e6;
    }

    /** One final binary frame with RSV1 and the 64-bit length; masked with a zero key when {@code masked}. */
    private static byte[] frame(byte[] payload, boolean masked) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write(0x80 | 0x40 | 0x2);
        frame.write((masked ? 0x80 : 0) | 127);
        for (int shift = 56; shift >= 0; shift -= 8) {
            frame.write((int) ((long) payload.length >>> shift));
        }
        if (masked) {
            frame.writeBytes(new byte[4]); // a zero key leaves the payload as it is
        }
        frame.writeBytes(payload);
        return frame.toByteArray();
    }

    private static int read(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("the peer closed the connection without a close frame");
        }
        return b;
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
            head.append((char) read(in));
        }
        return head.toString();
    }

    private static String header(String head, String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    private static String accept(String key) throws Exception {
        byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.ISO_8859_1));
        return Base64.getEncoder().encodeToString(sha1);
    }

    private static void report(String what, double first, double[] ms) {
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%-58s first %7.1f  then min %7.1f  median %7.1f  max %7.1f ms (%d runs)%n",
                what, first, sorted[0], sorted[sorted.length / 2], sorted[sorted.length - 1], sorted.length);
    }
}
