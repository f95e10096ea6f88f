package org.websockets4j.protocol;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import jdk.jfr.Recording;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.websockets4j.framing.Role;
import org.websockets4j.protocol.internal.ConnectionEnd;
import org.websockets4j.protocol.internal.ConnectionObserver;
import org.websockets4j.protocol.internal.ConnectionState;

/**
 * What issue 19's observability costs on the receive hot path: a server {@link Connection} reads
 * one masked 16-byte text frame per op and hands its payload to the driver's data sink, which
 * either does only what the driver does without observability ({@code baseline}: a plain field
 * update) or also calls {@link ConnectionRecorder#frameIn} as the driver does, with no observer
 * ({@code recorder_noObserver}: a client), with the server's kind of LongAdder observer
 * ({@code recorder_counting}), and with that observer while a JFR recording of the library's
 * events runs ({@code recorder_counting_jfrRecording}; a 16-byte message is below the
 * LargeMessage threshold, so recording changes nothing on this path, which is the point).
 *
 * <p>In package {@code org.websockets4j.protocol} to reach the package-private recorder (ws-bench
 * runs from the class path, where packages may be split).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class ObservabilityBenchmark {
    /** The variant: see the class comment. */
    @Param({"baseline", "recorder_noObserver", "recorder_counting", "recorder_counting_jfrRecording"})
    public String variant;

    private Connection connection;
    private ByteBuffer template;
    private ByteBuffer in;
    private long frames;
    private ConnectionRecorder recorder;
    private Recording recording;

    /** The server's kind of observer: LongAdders, nothing allocated per message. */
    static final class Counting implements ConnectionObserver {
        final LongAdder messages = new LongAdder();
        final LongAdder bytes = new LongAdder();

        @Override
        public void messageReceived(long size) {
            messages.increment();
            bytes.add(size);
        }

        @Override
        public void closed(ConnectionEnd end) {
        }
    }

    /** Builds the connection, the frame and the variant's sink. */
    @Setup(Level.Trial)
    public void setUp() {
        byte[] payload = "Hello, websocket".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        // FIN + text, masked, length 16, mask key 0 (valid, and leaves the payload as is).
        template = ByteBuffer.allocate(6 + payload.length).put((byte) 0x81).put((byte) (0x80 | payload.length))
                .putInt(0).put(payload).flip();
        in = ByteBuffer.allocate(template.capacity());
        connection = new Connection(Role.SERVER, System.nanoTime());
        ConnectionObserver observer = variant.equals("recorder_noObserver") ? ConnectionObserver.NONE : new Counting();
        recorder = new ConnectionRecorder(observer, new ConnectionState(), Role.SERVER, null);
        if (variant.equals("baseline")) {
            connection.dataSink((type, first, view, fin) -> frames++);
        } else {
            connection.dataSink((type, first, view, fin) -> {
                frames++;
                recorder.frameIn(view.remaining(), fin);
            });
        }
        if (variant.endsWith("jfrRecording")) {
            recording = new Recording();
            for (String name : new String[] {"org.websockets4j.Handshake", "org.websockets4j.ConnectionClosed",
                    "org.websockets4j.LargeMessage", "org.websockets4j.KeepaliveTimeout", "org.websockets4j.ProtocolError"}) {
                recording.enable(name);
            }
            recording.setToDisk(false);
            recording.start();
        }
    }

    /** Stops the recording, if any. */
    @TearDown(Level.Trial)
    public void tearDown() {
        if (recording != null) {
            recording.close();
        }
    }

    /**
     * Reads one frame.
     *
     * @return the frames delivered so far, so the work cannot be dropped
     */
    @Benchmark
    public long receiveOneMessage() {
        in.clear();
        in.put(template.duplicate()).flip();
        connection.receiveData(in, 0L);
        return frames;
    }
}
