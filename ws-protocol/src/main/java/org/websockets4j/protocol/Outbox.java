package org.websockets4j.protocol;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.websockets4j.framing.Frame;
import org.websockets4j.framing.FrameWriter;
import org.websockets4j.framing.Opcode;

/**
 * The frames a connection has encoded and the driver has not yet taken: buffers in write order,
 * for one gathering write.
 *
 * <p>Headers, and payloads of up to {@link #COPY_LIMIT} bytes, are written one after another into
 * an arena, so a run of small frames leaves as one buffer (one view of the arena per hand-over,
 * not two buffers per frame; on a busy connection the same view object each time). Larger payloads are the frames' own buffers (masked in place on a
 * client), not copies. Bytes of the arena already handed out are never written again, so a buffer
 * stays valid however long the asynchronous write takes, until the driver says that everything
 * handed out has been written ({@link #recycle()}): then the same arena is written from its start,
 * and a busy connection allocates nothing per frame.
 *
 * <p>The arena doubles (up to {@link #MAX_ARENA}) when it fills between two recycles and is dropped
 * after many recycles in a row have used below a quarter of it, so a connection that has quietened
 * keeps {@link #MIN_ARENA} bytes, and those only until a keepalive tick finds that no frame went
 * into it for a whole ping interval ({@link #dropIfQuiet()}). Not thread-safe: the connection's.
 */
final class Outbox {
    /** The arena an idle connection keeps: room for one small message and some control frames. */
    static final int MIN_ARENA = 256;
    /** The largest arena: bounds what a busy connection keeps between writes. */
    static final int MAX_ARENA = 16 * 1024;
    /** How many recycles in a row must use under a quarter of a large arena before it is let go. */
    private static final int QUIET_RECYCLES = 64;
    /** Payloads up to this many bytes are copied next to their header; larger ones are not copied. */
    static final int COPY_LIMIT = 512;

    private final FrameWriter writer;
    /** Who the connection is in TRACE lines; null when frames are not traced. */
    private final Supplier<Object> traceName;
    private ByteBuffer arena;
    /** The first arena byte not yet in {@link #pending}: the open run is [runStart, position). */
    private int runStart;
    /**
     * A view of the arena handed out for the first run after each recycle, so that a busy
     * connection, which writes one run per recycle, makes no slice per write. Made with its arena.
     */
    private ByteBuffer runView;
    /** True from handing {@link #runView} out until the next recycle: later runs are slices. */
    private boolean runViewOut;
    private ArrayList<ByteBuffer> pending; // made on the first frame, then kept
    /** Bytes in {@link #pending}; the open run's are the arena's position minus runStart. */
    private long pendingBytes;
    /** Recycles in a row that used under a quarter of the arena: many mean the connection is quieter. */
    private int quietRecycles;
    /** True once a frame went into the arena since the last {@link #dropIfQuiet()}. */
    private boolean usedSinceTick;

    /** True when no extension transforms frames: small ones are then encoded with no Frame object. */
    private final boolean plain;

    Outbox(FrameWriter writer, boolean plain, Supplier<Object> traceName) {
        this.writer = writer;
        this.plain = plain;
        this.traceName = traceName;
    }

    /**
     * Encodes a frame with no reserved bits, as {@link #add(Frame)} does; a small one on a
     * connection without extensions is written straight into the arena, with no {@link Frame}
     * made and the payload left as it was (a client masks the copy, not the caller's bytes).
     */
    void add(boolean fin, Opcode opcode, ByteBuffer payload) {
        int length = payload.remaining();
        if (!plain || traceName != null || length > COPY_LIMIT) {
            add(new Frame(fin, opcode, payload));
            return;
        }
        writer.encodeCopy(fin, opcode, payload, arenaWithRoom(FrameWriter.MAX_HEADER_LENGTH + length));
    }

    /** Encodes {@code frame} and queues its header and (non-empty) payload. */
    void add(Frame frame) {
        if (traceName != null) {
            ProtocolLog.frame(traceName.get(), false, frame); // before a client masks the payload in place
        }
        int given = frame.payload().remaining();
        int room = FrameWriter.MAX_HEADER_LENGTH + (given <= COPY_LIMIT ? given : 0);
        if (arena == null && frame.opcode().isControl()) {
            addAlone(frame);
            return;
        }
        ByteBuffer payload = writer.encode(frame, arenaWithRoom(room));
        int length = payload.remaining();
        if (length == 0) {
            return;
        }
        if (length <= COPY_LIMIT && length <= arena.remaining()) {
            // An extension may have changed the length: what does not fit the room goes alone.
            int at = arena.position();
            if (payload.hasArray()) { // arraycopy: ByteBuffer.put(ByteBuffer) goes through Unsafe.copyMemory
                System.arraycopy(payload.array(), payload.arrayOffset() + payload.position(), arena.array(), at, length);
            } else {
                arena.put(at, payload, payload.position(), length);
            }
            arena.position(at + length);
        } else {
            closeRun();
            pending().add(payload);
            pendingBytes += length;
        }
    }

    /** The arena, with {@code room} bytes free (a new one if needed); marks it used for {@link #dropIfQuiet()}. */
    private ByteBuffer arenaWithRoom(int room) {
        if (arena == null || arena.remaining() < room) {
            newArena(room);
        }
        usedSinceTick = true;
        return arena;
    }

    private void newArena(int room) {
        closeRun();
        // A full arena means a busy connection (a recycle would have emptied it): go larger.
        int size = arena == null ? MIN_ARENA : Math.min(MAX_ARENA, arena.capacity() * 2);
        while (size < room) {
            size *= 2;
        }
        arena = ByteBuffer.allocate(size);
        runStart = 0;
        runView = null;
        runViewOut = false;
    }

    /**
     * A control frame on a connection with no arena (a quiet one's keepalive ping or pong, a close)
     * goes in a buffer of its own, dropped once written, rather than in an arena the connection
     * would keep for life: a connection that only pings holds no output buffer between pings.
     */
    private void addAlone(Frame frame) {
        // Room for any control frame, whatever an extension made of it (still at most 125 bytes).
        ByteBuffer alone = ByteBuffer.allocate(FrameWriter.MAX_HEADER_LENGTH + Frame.MAX_CONTROL_PAYLOAD);
        ByteBuffer payload = writer.encode(frame, alone);
        alone.put(payload.duplicate()).flip();
        pending().add(alone);
        pendingBytes += alone.remaining();
    }

    private ArrayList<ByteBuffer> pending() {
        if (pending == null) {
            pending = new ArrayList<>(4);
        }
        return pending;
    }

    /** Moves the open run of arena bytes into {@link #pending}, as one slice. */
    private void closeRun() {
        if (arena != null && arena.position() > runStart) {
            int end = arena.position();
            ByteBuffer run;
            if (runViewOut) {
                run = arena.slice(runStart, end - runStart);
            } else {
                if (runView == null) {
                    runView = arena.duplicate();
                }
                run = runView.limit(end).position(runStart);
                runViewOut = true;
            }
            pending().add(run);
            pendingBytes += end - runStart;
            runStart = end;
        }
    }

    /** Hands over everything queued, in order, as a new list, and starts an empty queue. */
    List<ByteBuffer> drain() {
        closeRun();
        if (pending == null || pending.isEmpty()) {
            return List.of();
        }
        List<ByteBuffer> out = new ArrayList<>(pending);
        pending.clear();
        pendingBytes = 0;
        return out;
    }

    /** Hands over everything queued, in order, to {@code queue}, allocating no list. */
    void drainTo(WriteQueue queue) {
        closeRun();
        if (pending != null) {
            for (int i = 0, n = pending.size(); i < n; i++) {
                queue.add(pending.get(i));
            }
            pending.clear();
        }
        pendingBytes = 0;
    }

    /**
     * Everything handed out has been written and is no longer referenced: the arena may be
     * written from its start again. Only the driver, which knows, calls this.
     */
    void recycle() {
        if (arena == null || (pending != null && !pending.isEmpty()) || runStart != arena.position()) {
            return;
        }
        boolean quiet = arena.capacity() > MIN_ARENA && arena.position() < arena.capacity() / 4;
        quietRecycles = quiet ? quietRecycles + 1 : 0;
        if (quietRecycles >= QUIET_RECYCLES) {
            arena = null; // quieter for a while: the next frame starts a small arena
            runView = null;
            quietRecycles = 0;
        } else {
            arena.clear();
        }
        runStart = 0;
        runViewOut = false;
    }

    /**
     * Called at each keepalive tick: lets the arena go when no frame went into it since the last
     * tick and everything it held has been written and recycled, so that a connection that has
     * gone quiet keeps no output buffer (the ping it is about to send goes alone).
     */
    void dropIfQuiet() {
        boolean quiet = !usedSinceTick;
        usedSinceTick = false;
        if (quiet && arena != null && arena.position() == 0 && runStart == 0 && !runViewOut
                && (pending == null || pending.isEmpty())) {
            arena = null;
            runView = null;
            quietRecycles = 0;
        }
    }

    /** For tests: whether the outbox holds an arena. */
    boolean hasArena() {
        return arena != null;
    }

    /** Bytes encoded and not yet handed over. */
    long queuedBytes() {
        return pendingBytes + (arena == null ? 0 : arena.position() - runStart);
    }
}
