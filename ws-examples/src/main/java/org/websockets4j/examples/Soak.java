package org.websockets4j.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.websockets4j.client.ClientOptions;
import org.websockets4j.client.WebSocketClient;
import org.websockets4j.framing.Frame;
import org.websockets4j.framing.FrameWriter;
import org.websockets4j.framing.Opcode;
import org.websockets4j.framing.Role;
import org.websockets4j.protocol.Message;
import org.websockets4j.protocol.WebSocket;
import org.websockets4j.server.ServerOptions;
import org.websockets4j.server.WebSocketServer;

/**
 * A soak and fault test: runs an echo server in this process and hits it, wave after wave, the
 * way a broken or hostile peer would, then checks that everything came back: no connection left
 * open, file descriptors, threads and heap back near their baseline, and a fresh client served.
 *
 * <pre>
 * java -p ws-examples/target/modules -m org.websockets4j.examples/org.websockets4j.examples.Soak [rounds] [scale]
 * </pre>
 *
 * <p>{@code rounds} repeats every wave (default 1); {@code scale} multiplies the counts (default
 * 1: a few hundred connections per wave, about 20 s). Exits 0 when every check held, 1 otherwise.
 * Loopback only; bounded in count and time.
 */
public final class Soak {
    private static final String REQUEST = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
    private static final FrameWriter CLIENT = new FrameWriter(Role.CLIENT);

    private final WebSocketServer server;
    private final int port;
    private final int scale;
    private final PrintStream out;
    private final Random random = new Random(16);
    private final List<String> failures = new ArrayList<>();

    private Soak(WebSocketServer server, int scale, PrintStream out) {
        this.server = server;
        this.port = server.port();
        this.scale = scale;
        this.out = out;
    }

    /**
     * Runs the waves.
     *
     * @param args rounds and scale, both optional
     * @throws Exception when the server cannot start
     */
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        int scale = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        List<String> failures = run(rounds, scale, System.out);
        System.exit(failures.isEmpty() ? 0 : 1);
    }

    /**
     * Runs {@code rounds} of every wave at {@code scale} against a fresh echo server.
     *
     * @param rounds how many times to run every wave, at least 1
     * @param scale  multiplies the number of connections per wave, at least 1
     * @param out    where a line per wave goes
     * @return the checks that failed, empty when all held
     * @throws Exception when the server cannot start
     */
    public static List<String> run(int rounds, int scale, PrintStream out) throws Exception {
        ServerOptions options = ServerOptions.builder().maxSize(1 << 20).openTimeout(java.time.Duration.ofSeconds(2))
                .closeTimeout(java.time.Duration.ofSeconds(2)).build();
        try (WebSocketServer server = WebSocketServer.serve(ws -> {
            for (Message message : ws) {
                ws.send(message);
            }
        }, "127.0.0.1", 0, options)) {
            Soak soak = new Soak(server, scale, out);
            soak.check("start", soak.baseline());
            Baseline baseline = soak.baseline();
            for (int round = 1; round <= rounds; round++) {
                soak.wave("abrupt disconnects", soak::abruptDisconnects, baseline);
                soak.wave("slow handshakes", soak::slowHandshakes, baseline);
                soak.wave("fragment floods", soak::fragmentFloods, baseline);
                soak.wave("ping floods from peers that never read", soak::pingFloods, baseline);
                soak.wave("peers that stop reading", soak::nonReaders, baseline);
                soak.wave("mutated frames", soak::mutatedFrames, baseline);
            }
            return soak.failures;
        }
    }

    private record Baseline(long fds, int threads, long heap) {
    }

    private interface Wave {
        void run() throws Exception;
    }

    private void wave(String name, Wave wave, Baseline baseline) {
        long start = System.nanoTime();
        try {
            wave.run();
        } catch (Exception e) {
            failures.add(name + ": the wave itself failed: " + e);
        }
        long waveMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        check(name, baseline);
        out.printf("%-42s %6d ms  %s%n", name, waveMillis, failures.isEmpty() ? "ok" : "FAILED: " + failures);
    }

    /** Waits for the server to forget every connection, then compares with the baseline and echoes once. */
    private void check(String after, Baseline baseline) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!server.connections().isEmpty() && System.nanoTime() < deadline) {
            sleep(20);
        }
        if (!server.connections().isEmpty()) {
            failures.add(after + ": " + server.connections().size() + " connections still open after 15 s");
        }
        Baseline now = baseline();
        for (int i = 0; i < 50 && now.fds() > baseline.fds() + 8; i++) { // sockets close asynchronously
            sleep(100);
            now = baseline();
        }
        if (now.fds() > baseline.fds() + 8) {
            failures.add(after + ": " + (now.fds() - baseline.fds()) + " file descriptors more than at the start");
        }
        if (now.threads() > baseline.threads() + 8) {
            failures.add(after + ": " + (now.threads() - baseline.threads()) + " threads more than at the start");
        }
        if (now.heap() > baseline.heap() + (32L << 20)) {
            failures.add(after + ": heap " + (now.heap() - baseline.heap()) / 1024 + " KiB above the start");
        }
        try (WebSocket ws = WebSocketClient.connect("ws://127.0.0.1:" + port + "/",
                ClientOptions.builder().openTimeout(java.time.Duration.ofSeconds(5)).build())) {
            ws.send("fresh");
            if (!"fresh".equals(ws.recvText())) {
                failures.add(after + ": a fresh client got a wrong echo");
            }
        } catch (Exception e) {
            failures.add(after + ": a fresh client was not served: " + e);
        }
    }

    private Baseline baseline() {
        for (int i = 0; i < 2; i++) {
            System.gc();
        }
        Runtime runtime = Runtime.getRuntime();
        long fds = -1;
        try (Stream<Path> list = Files.list(Path.of("/proc/self/fd"))) {
            fds = list.count();
        } catch (IOException | UnsupportedOperationException e) {
            // not Linux: fds are not checked
        }
        return new Baseline(fds, Thread.getAllStackTraces().size(),
                runtime.totalMemory() - runtime.freeMemory());
    }

    // ------------------------------------------------------------ waves

    private Socket open() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(10_000);
        return socket;
    }

    private Socket upgraded() throws IOException {
        Socket socket = open();
        socket.getOutputStream().write(REQUEST.getBytes(StandardCharsets.US_ASCII));
        readHead(socket.getInputStream());
        return socket;
    }

    private static void readHead(InputStream in) throws IOException {
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed during the handshake");
            }
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }

    private static void reset(Socket socket) throws IOException {
        socket.setSoLinger(true, 0); // close with RST
        socket.close();
    }

    private static byte[] frame(boolean fin, Opcode opcode, byte[] payload) {
        return CLIENT.toBytes(new Frame(fin, opcode, ByteBuffer.wrap(payload)));
    }

    private void abruptDisconnects() throws IOException {
        for (int i = 0; i < 100 * scale; i++) {
            switch (i % 5) {
                case 0 -> open().close();                               // FIN before any byte
                case 1 -> {                                             // half a request, then RST
                    Socket s = open();
                    s.getOutputStream().write(REQUEST.substring(0, 40).getBytes(StandardCharsets.US_ASCII));
                    reset(s);
                }
                case 2 -> upgraded().close();                           // FIN without a close frame
                case 3 -> {                                             // half a frame, then RST
                    Socket s = upgraded();
                    s.getOutputStream().write(java.util.Arrays.copyOf(frame(true, Opcode.TEXT, new byte[100]), 30));
                    reset(s);
                }
                default -> {                                            // half-close, then wait for the server
                    Socket s = upgraded();
                    s.shutdownOutput();
                    try {
                        s.getInputStream().readAllBytes();
                    } catch (IOException e) {
                        // reset by the server: fine
                    }
                    s.close();
                }
            }
        }
    }

    private void slowHandshakes() throws Exception {
        List<Socket> slow = new ArrayList<>();
        for (int i = 0; i < 20 * scale; i++) {
            Socket s = open();
            s.getOutputStream().write(REQUEST.substring(0, 10).getBytes(StandardCharsets.US_ASCII));
            slow.add(s);
        }
        // The server's open timeout (2 s here) ends them; meanwhile a fresh client is served.
        try (WebSocket ws = WebSocketClient.connect("ws://127.0.0.1:" + port + "/")) {
            ws.send("during");
            ws.recvText();
        }
        for (Socket s : slow) {
            try {
                int read = s.getInputStream().read();
                if (read >= 0) {
                    s.getInputStream().readAllBytes();
                }
            } catch (IOException e) {
                // closed by the server
            }
            s.close();
        }
    }

    private void fragmentFloods() throws IOException {
        byte[] one = frame(false, Opcode.CONTINUATION, new byte[] {'a'});
        byte[] batch = new byte[one.length * 1000];
        for (int i = 0; i < 1000; i++) {
            System.arraycopy(one, 0, batch, i * one.length, one.length);
        }
        for (int i = 0; i < 3 * scale; i++) {
            try (Socket s = upgraded()) {
                OutputStream out = s.getOutputStream();
                out.write(frame(false, Opcode.TEXT, new byte[] {'a'}));
                try {
                    for (int k = 0; k < 70; k++) { // 70,000 frames: past maxFragments (65,536)
                        out.write(batch);
                    }
                } catch (IOException e) {
                    // the server closed after its 1009
                }
                drain(s);
            }
        }
    }

    private void pingFloods() throws IOException {
        byte[] ping = frame(true, Opcode.PING, new byte[125]);
        byte[] batch = new byte[ping.length * 100];
        for (int i = 0; i < 100; i++) {
            System.arraycopy(ping, 0, batch, i * ping.length, ping.length);
        }
        for (int i = 0; i < 3 * scale; i++) {
            Socket s = upgraded();
            s.setSoTimeout(2_000);
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    for (int k = 0; k < 2_000; k++) { // 200,000 pings, never reading a pong
                        s.getOutputStream().write(batch);
                    }
                } catch (IOException e) {
                    // reset below
                }
            });
            sleep(1_000);
            reset(s);
            join(writer);
        }
    }

    private void nonReaders() throws IOException {
        byte[] big = frame(true, Opcode.BINARY, new byte[64 * 1024]);
        for (int i = 0; i < 3 * scale; i++) {
            Socket s = upgraded();
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    for (int k = 0; k < 200; k++) { // 12.8 MB of echoes that nobody reads
                        s.getOutputStream().write(big);
                    }
                } catch (IOException e) {
                    // reset below
                }
            });
            sleep(1_000);
            reset(s);
            join(writer);
        }
    }

    private void mutatedFrames() throws IOException {
        byte[] valid = frame(true, Opcode.TEXT, "hello, mutations".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < 100 * scale; i++) {
            byte[] mutated = valid.clone();
            int flips = 1 + random.nextInt(3);
            for (int k = 0; k < flips; k++) {
                mutated[random.nextInt(mutated.length)] ^= (byte) (1 << random.nextInt(8));
            }
            byte[] answer;
            try (Socket s = upgraded()) {
                s.setSoTimeout(3_000);
                s.getOutputStream().write(mutated);
                s.getOutputStream().write(frame(true, Opcode.CLOSE, new byte[] {0x03, (byte) 0xE8}));
                answer = s.getInputStream().readAllBytes();
            } catch (IOException e) {
                continue; // reset by the server: allowed
            }
            int code = closeCode(answer);
            if (code == 1011) {
                failures.add("mutated frames: the server closed with 1011 (an internal error) for " + java.util.HexFormat.of().formatHex(mutated));
            }
        }
    }

    /** The code of the first close frame in {@code bytes} from the server, or -1. */
    private static int closeCode(byte[] bytes) {
        org.websockets4j.framing.FrameReader reader = new org.websockets4j.framing.FrameReader(Role.CLIENT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            Frame frame;
            while ((frame = reader.read(in)) != null) {
                if (frame.opcode() == Opcode.CLOSE) {
                    return frame.payload().remaining() >= 2 ? frame.payload().getShort(frame.payload().position()) & 0xFFFF : 1005;
                }
            }
        } catch (RuntimeException e) {
            // the server's bytes are checked elsewhere; here only its close code matters
        }
        return -1;
    }


    private static void drain(Socket s) {
        try {
            s.getInputStream().readAllBytes();
        } catch (IOException e) {
            // timed out or reset: the check after the wave decides
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
