package org.websockets4j.protocol;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.websockets4j.framing.Frame;
import org.websockets4j.framing.FrameWriter;

/**
 * The frames a connection has encoded and the driver has not yet taken: header and payload
 * buffers in write order, for one gathering write.
 *
 * <p>Headers are written into a shared arena, each frame's header a slice of it. Bytes of the
 * arena are never written twice: a header handed out stays valid however long the driver's
 * asynchronous write takes, while one small allocation serves many frames. Payloads are the
 * frames' own buffers (masked in place on a client), not copies.
 */
final class Outbox {
    /** Room for 18 to 128 headers; an idle connection holds at most this much. */
    private static final int ARENA_SIZE = 256;

    private final FrameWriter writer;
    /** Who the connection is in TRACE lines; null when frames are not traced. */
    private final Supplier<Object> traceName;
    private ByteBuffer arena;
    private ArrayList<ByteBuffer> pending = new ArrayList<>();

    Outbox(FrameWriter writer, Supplier<Object> traceName) {
        this.writer = writer;
        this.traceName = traceName;
    }

    /** Encodes {@code frame} and queues its header and (non-empty) payload. */
    void add(Frame frame) {
        if (traceName != null) {
            ProtocolLog.frame(traceName.get(), false, frame); // before a client masks the payload in place
        }
        if (arena == null || arena.remaining() < FrameWriter.MAX_HEADER_LENGTH) {
            arena = ByteBuffer.allocate(ARENA_SIZE);
        }
        int start = arena.position();
        ByteBuffer payload = writer.encode(frame, arena);
        pending.add(arena.slice(start, arena.position() - start));
        if (payload.hasRemaining()) {
            pending.add(payload);
        }
    }

    /** Hands over everything queued, in order, and starts an empty queue. */
    List<ByteBuffer> drain() {
        if (pending.isEmpty()) {
            return List.of();
        }
        List<ByteBuffer> out = pending;
        pending = new ArrayList<>();
        return out;
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }
}
