package org.websockets4j.protocol;

import java.nio.ByteBuffer;
import org.websockets4j.protocol.internal.IoGroup;

/**
 * The buffer a driver reads into, sized to the traffic: small while the connection is idle (a
 * pending read holds its buffer for as long as the peer is silent, and idle connections are what
 * a server has most of), doubled when a read fills it, up to {@code readLimit}, and halved again
 * when reads use less than a quarter of it.
 *
 * <p>The {@link Connection} copies what it keeps out of every read, so the buffer is reused.
 * While it is at its idle size, a reader whose transport {@linkplain
 * org.websockets4j.protocol.internal.Transport#readsStayOnPoller() keeps reads on the polling
 * thread} and that starts its read there shares one buffer with every other such reader, instead
 * of owning one: the poller completes one read at a time and each is consumed before the next
 * completes, so an idle TCP connection holds no read buffer at all. A read started elsewhere
 * (the first one, by the handshake's thread; a handler's thread resuming reading) waits for one
 * byte in a buffer of its own, and the reads after it start on the poller.
 *
 * <p>Not thread-safe: only the driver's single outstanding read touches it, and the shared buffer
 * only the polling thread.
 */
final class ReadBuffer {
    /** The size of an idle connection's buffer (unless readLimit is smaller). */
    static final int IDLE_SIZE = 256;

    /** The idle-size buffer of the readers that share one; touched only on the polling thread. */
    private static final ByteBuffer SHARED = ByteBuffer.allocate(IDLE_SIZE);

    private final int min;
    private final int max;
    private final boolean mayShare;
    /** This reader's own buffer, or null while it has none (it shares, or has not read yet). */
    private ByteBuffer own;
    /** The buffer the outstanding (or just completed) read fills: {@link #own} or {@link #SHARED}. */
    private ByteBuffer inUse;

    /**
     * @param readLimit the most one read may bring in
     * @param mayShare  whether the transport keeps reads started on the polling thread there
     *                  ({@code Transport.readsStayOnPoller()})
     */
    ReadBuffer(int readLimit, boolean mayShare) {
        this.max = Math.max(1, readLimit);
        this.min = Math.min(IDLE_SIZE, max);
        this.mayShare = mayShare && min == IDLE_SIZE;
    }

    /** The empty buffer for the next read, which must be started by the calling thread. */
    ByteBuffer forRead() {
        if (own == null) {
            if (mayShare) {
                if (IoGroup.onPollerThread()) {
                    inUse = SHARED;
                    return SHARED;
                }
                // Started elsewhere (the first read, by the handshake's thread): wait for one
                // byte, so that a connection that has not spoken yet holds one byte, not 256; the
                // reads after it start on the poller and share.
                own = ByteBuffer.allocate(1);
            } else {
                own = ByteBuffer.allocate(min);
            }
        }
        inUse = own;
        return own;
    }

    /**
     * The bytes the last read put in, ready to be consumed.
     *
     * @throws IllegalStateException when a read into the shared buffer completed off the polling
     *                               thread (the transport broke its promise): the connection must
     *                               then end rather than read what another may have overwritten
     */
    ByteBuffer filled() {
        if (inUse == SHARED && !IoGroup.onPollerThread()) {
            throw new IllegalStateException("a read into the shared buffer completed on " + Thread.currentThread());
        }
        return inUse.flip();
    }

    /**
     * The last read is over: its {@code count} bytes were consumed (or consuming them failed), or
     * it ended (-1) or failed (-1). Empties and resizes the buffer; called after every read, before
     * the next one is started, so that the shared buffer is left empty for the next reader. The
     * shared buffer is touched only on the polling thread: a read closed under it fails elsewhere
     * having put nothing in.
     */
    void consumed(int count) {
        ByteBuffer used = inUse;
        inUse = null;
        if (used == SHARED) {
            if (IoGroup.onPollerThread()) {
                SHARED.clear();
            }
            if (count >= IDLE_SIZE && IDLE_SIZE < max) {
                own = doubled(IDLE_SIZE); // busy: a buffer of its own
            }
            return;
        }
        if (used == null) {
            return;
        }
        int capacity = used.capacity();
        if (count < 0) {
            used.clear();
        } else if (mayShare && capacity <= min && (capacity < min || count < capacity) && IoGroup.onPollerThread()) {
            own = null; // the one-byte first read, or a quiet idle-size one: the next read starts here and shares
        } else if (count >= capacity && capacity < max) {
            own = doubled(capacity);
        } else if (count < capacity / 4 && capacity > min) {
            int size = Math.max(capacity / 2, min);
            own = size == min && mayShare ? null : ByteBuffer.allocate(size);
        } else {
            used.clear();
        }
    }

    /** A new buffer twice {@code capacity}, at most {@code readLimit}. */
    private ByteBuffer doubled(int capacity) {
        return ByteBuffer.allocate((int) Math.min((long) capacity * 2, max));
    }

    /** The size of the buffer this reader holds, 0 while it has none (it shares one). */
    int ownSize() {
        return own == null ? 0 : own.capacity();
    }
}
