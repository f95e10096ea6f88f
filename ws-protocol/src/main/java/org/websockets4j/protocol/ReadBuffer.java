package org.websockets4j.protocol;

import java.nio.ByteBuffer;

/**
 * The buffer a driver reads into, sized to the traffic: small while the connection is idle (a
 * pending read holds its buffer for as long as the peer is silent, and idle connections are what
 * a server has most of), doubled when a read fills it, up to {@code readLimit}, and halved again
 * when reads use less than a quarter of it.
 *
 * <p>The {@link Connection} copies what it keeps out of every read, so the buffer is reused. Not
 * thread-safe: only the driver's single outstanding read touches it.
 */
final class ReadBuffer {
    /** The size of an idle connection's buffer (unless readLimit is smaller). */
    static final int IDLE_SIZE = 256;

    private final int min;
    private final int max;
    private ByteBuffer buffer;

    ReadBuffer(int readLimit) {
        this.max = Math.max(1, readLimit);
        this.min = Math.min(IDLE_SIZE, max);
        this.buffer = ByteBuffer.allocate(min);
    }

    /** The empty buffer for the next read. */
    ByteBuffer forRead() {
        return buffer;
    }

    /** The bytes the last read put in, ready to be consumed. */
    ByteBuffer filled() {
        return buffer.flip();
    }

    /** The bytes of the last read ({@code count} of them) were consumed: empties and resizes the buffer. */
    void consumed(int count) {
        int capacity = buffer.capacity();
        if (count >= capacity && capacity < max) {
            buffer = ByteBuffer.allocate((int) Math.min((long) capacity * 2, max));
        } else if (count < capacity / 4 && capacity > min) {
            buffer = ByteBuffer.allocate(Math.max(capacity / 2, min));
        } else {
            buffer.clear();
        }
    }

    int capacity() {
        return buffer.capacity();
    }
}
