package org.websockets4j.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.websockets4j.framing.Frame;
import org.websockets4j.framing.FrameReader;
import org.websockets4j.framing.FrameWriter;
import org.websockets4j.framing.Role;

/**
 * The far end of a WebSocket under test, speaking frames by hand over a blocking socket, so that
 * it can misbehave: ignore pings, never answer a close, never close TCP, answer several pings
 * with one pong.
 */
final class RawPeer implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final FrameReader reader;
    private final FrameWriter writer;
    private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024).flip();
    /** Frames seen by {@link #discardInBackground()}. */
    final List<Frame> seen = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean eofSeen;

    /** @param role the role this peer plays (the WebSocket plays the other) */
    RawPeer(Socket socket, Role role) throws IOException {
        this.socket = socket;
        socket.setSoTimeout((int) (Loopback.GUARD_SECONDS * 1000));
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.reader = new FrameReader(role);
        this.writer = new FrameWriter(role);
    }

    /** The next frame (payload copied), or null at the end of the stream. */
    Frame readFrame() throws IOException {
        while (true) {
            Frame frame = reader.read(buffer);
            if (frame != null) {
                return frame.withPayload(ByteBuffer.wrap(frame.payloadBytes()));
            }
            buffer.clear();
            int count = in.read(buffer.array());
            if (count < 0) {
                eofSeen = true;
                return null;
            }
            buffer.limit(count);
        }
    }

    /** True once the WebSocket ended the stream (FIN or close). */
    boolean eofSeen() {
        return eofSeen;
    }

    /** Sends bytes as they are: part of a frame, or garbage. */
    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    void send(Frame frame) throws IOException {
        out.write(writer.toBytes(frame));
        out.flush();
    }

    /** Reads and records every frame on a virtual thread until the end of the stream; answers nothing. */
    Thread discardInBackground() {
        return Thread.ofVirtual().name("raw-peer").start(() -> {
            try {
                Frame frame;
                while ((frame = readFrame()) != null) {
                    seen.add(frame);
                }
            } catch (SocketTimeoutException e) {
                // hang guard
            } catch (IOException e) {
                // closed under us
            }
        });
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // cleanup only
        }
    }
}
