package org.websockets4j.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.websockets4j.framing.Close;
import org.websockets4j.framing.Frame;
import org.websockets4j.framing.FrameReader;
import org.websockets4j.framing.FrameWriter;
import org.websockets4j.framing.Opcode;
import org.websockets4j.framing.Role;

/**
 * The other end of a connection under test, built from the framing module alone: it encodes what
 * the peer sends (masked when the peer is a client) and parses what the connection sent. No socket.
 */
final class Peer {
    /** An arbitrary start time, far from 0 so that nothing relies on time starting at 0. */
    static final long T0 = 5_000_000_000_000L;
    static final long SECOND = 1_000_000_000L;
    /** A masking key with every byte non-zero, so that a missing or double mask shows. */
    static final int KEY = 0x5a3c96e1;

    final Role role;
    private final FrameWriter writer;
    private final FrameReader reader;

    /** The peer of a connection playing {@code connectionRole}. */
    Peer(Role connectionRole) {
        this.role = connectionRole == Role.SERVER ? Role.CLIENT : Role.SERVER;
        this.writer = new FrameWriter(role, () -> KEY, List.of());
        this.reader = new FrameReader(role);
    }

    /** Options with keepalive off, so that only the test decides what is sent. */
    static ConnectionOptions quiet() {
        return ConnectionOptions.builder().pingInterval(null).build();
    }

    static Connection open(Role role) {
        return open(role, quiet());
    }

    static Connection open(Role role, ConnectionOptions options) {
        return new Connection(role, options, List.of(), () -> KEY, T0);
    }

    // ------------------------------------------------------------ what the peer sends

    byte[] bytes(Frame frame) {
        return writer.toBytes(frame);
    }

    byte[] text(String text, boolean fin) {
        return bytes(new Frame(fin, Opcode.TEXT, utf8(text)));
    }

    byte[] frame(Opcode opcode, boolean fin, byte[] payload) {
        return bytes(new Frame(fin, opcode, ByteBuffer.wrap(payload.clone())));
    }

    byte[] binary(byte[] payload, boolean fin) {
        return frame(Opcode.BINARY, fin, payload);
    }

    byte[] continuation(byte[] payload, boolean fin) {
        return frame(Opcode.CONTINUATION, fin, payload);
    }

    byte[] continuation(String text, boolean fin) {
        return frame(Opcode.CONTINUATION, fin, text.getBytes(StandardCharsets.UTF_8));
    }

    byte[] ping(String data) {
        return frame(Opcode.PING, true, data.getBytes(StandardCharsets.UTF_8));
    }

    byte[] pong(String data) {
        return frame(Opcode.PONG, true, data.getBytes(StandardCharsets.UTF_8));
    }

    byte[] pong(ByteBuffer data) {
        return frame(Opcode.PONG, true, remaining(data));
    }

    byte[] close(int code, String reason) {
        return bytes(Frame.close(code, reason));
    }

    byte[] emptyClose() {
        return bytes(Frame.close());
    }

    /**
     * A frame written by hand, for frames the writer refuses to produce: first header byte
     * {@code b0}, the mask bit as the peer's role wants it unless {@code flipMask}, masked with
     * key 0 so the payload bytes stay as given.
     */
    byte[] raw(int b0, byte[] payload, boolean flipMask) {
        boolean masked = role.masksOutgoing() != flipMask;
        ByteBuffer out = ByteBuffer.allocate(14 + payload.length);
        out.put((byte) b0);
        int maskBit = masked ? 0x80 : 0;
        if (payload.length < 126) {
            out.put((byte) (maskBit | payload.length));
        } else if (payload.length <= 0xFFFF) {
            out.put((byte) (maskBit | 126)).putShort((short) payload.length);
        } else {
            out.put((byte) (maskBit | 127)).putLong(payload.length);
        }
        if (masked) {
            out.putInt(0);
        }
        out.put(payload);
        byte[] bytes = new byte[out.position()];
        out.flip().get(bytes);
        return bytes;
    }

    byte[] raw(int b0, byte[] payload) {
        return raw(b0, payload, false);
    }

    // ------------------------------------------------------------ what the connection sent

    /** Drains what {@code connection} queued and parses it as this peer would. */
    List<Frame> read(Connection connection) {
        return parse(connection.dataToSend());
    }

    /** Parses buffers as written on the wire (their positions are not moved). */
    List<Frame> parse(List<ByteBuffer> buffers) {
        List<Frame> frames = new ArrayList<>();
        for (ByteBuffer buffer : buffers) {
            ByteBuffer in = buffer.duplicate();
            Frame frame;
            while ((frame = reader.read(in)) != null) {
                frames.add(frame.withPayload(ByteBuffer.wrap(frame.payloadBytes())));
            }
        }
        if (reader.hasPartialFrame()) {
            throw new AssertionError("the connection sent part of a frame");
        }
        return frames;
    }

    /** The one frame {@code connection} sent. */
    Frame readOne(Connection connection) {
        List<Frame> frames = read(connection);
        if (frames.size() != 1) {
            throw new AssertionError("expected one frame, got " + frames);
        }
        return frames.get(0);
    }

    // ------------------------------------------------------------ helpers

    static void feed(Connection connection, long now, byte[]... parts) {
        connection.receiveData(ByteBuffer.wrap(concat(parts)), now);
    }

    static void feed(Connection connection, byte[]... parts) {
        feed(connection, T0, parts);
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        ByteBuffer all = ByteBuffer.allocate(length);
        for (byte[] part : parts) {
            all.put(part);
        }
        return all.array();
    }

    static ByteBuffer utf8(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    static byte[] remaining(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(buffer.position(), bytes);
        return bytes;
    }

    static String string(ByteBuffer buffer) {
        return new String(remaining(buffer), StandardCharsets.UTF_8);
    }

    static Close closeOf(Frame frame) {
        if (frame.opcode() != Opcode.CLOSE) {
            throw new AssertionError("expected a close frame, got " + frame);
        }
        return Close.parse(frame.payload());
    }

    static long seconds(long n) {
        return n * SECOND;
    }

    static Duration secs(long n) {
        return Duration.ofSeconds(n);
    }

    /** Frames as {@code OPCODE [fin] hex}, one a line. */
    static String describeFrames(List<Frame> frames) {
        StringBuilder text = new StringBuilder();
        for (Frame frame : frames) {
            text.append(frame.opcode()).append(frame.fin() ? " fin " : " ")
                    .append(HexFormat.of().formatHex(remaining(frame.payload()))).append('\n');
        }
        return text.toString();
    }

    /** A compact, comparable description of events: payloads as hex. */
    static String describe(List<Event> events) {
        StringBuilder text = new StringBuilder();
        for (Event event : events) {
            switch (event) {
                case Event.DataFrame d -> text.append(d.opcode()).append(d.fin() ? " fin " : " ")
                        .append(HexFormat.of().formatHex(remaining(d.payload())));
                case Event.PingReceived p -> text.append("PING ").append(HexFormat.of().formatHex(remaining(p.payload())));
                case Event.PongReceived p -> text.append("PONG ").append(HexFormat.of().formatHex(remaining(p.payload())))
                        .append(" acks=").append(p.acknowledgedPings().size());
                case Event.CloseReceived c -> text.append("CLOSE ").append(c.close());
            }
            text.append('\n');
        }
        return text.toString();
    }
}
