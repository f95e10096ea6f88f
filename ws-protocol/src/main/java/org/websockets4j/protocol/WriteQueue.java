package org.websockets4j.protocol;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * The bytes a driver has taken from its {@link Connection} and not yet written: buffers in write
 * order, handed to the transport in batches for gathering writes, with Python websockets' write
 * flow control. Writing is <em>paused</em> once more than {@code writeLimit} bytes wait, and
 * resumes when they drain to {@code writeLimit / 4}; senders wait while it is paused.
 *
 * <p>Not thread-safe: guarded by the driver's lock. One batch at a time is in flight; its buffers
 * stay at the head of the queue until written.
 */
final class WriteQueue {
    /** Buffers per gathering write; far below the usual IOV_MAX of 1024. */
    static final int MAX_BATCH = 128;

    /** Made on the first write (an idle connection that never sent a frame has none), then kept; grows as frames queue. */
    private ArrayDeque<ByteBuffer> queue;
    /**
     * Reused for every write (at most one is in flight, and the transport is done with it once it
     * reports); grown on demand, so an idle connection holds a small one.
     */
    private static final ByteBuffer[] NO_BATCH = new ByteBuffer[0];
    private ByteBuffer[] batch = NO_BATCH; // made on the first write
    private final long highWater;
    private final long lowWater;
    private long pending;
    private boolean paused;

    WriteQueue(int writeLimit) {
        this.highWater = writeLimit;
        this.lowWater = writeLimit / 4;
    }

    /** Queues {@code buffer} (an empty one is skipped). */
    void add(ByteBuffer buffer) {
        int remaining = buffer.remaining();
        if (remaining > 0) {
            if (queue == null) {
                queue = new ArrayDeque<>(2);
            }
            queue.addLast(buffer);
            pending += remaining;
            if (pending > highWater) {
                paused = true;
            }
        }
    }

    boolean isEmpty() {
        return queue == null || queue.isEmpty();
    }

    /** The buffers of the next write: the array of {@link #prepareBatch()}'s length, reused. */
    ByteBuffer[] batch() {
        return batch;
    }

    /** Fills {@link #batch()} with the head of the queue and returns how many buffers it holds. */
    int prepareBatch() {
        if (queue == null) {
            return 0;
        }
        int wanted = Math.min(queue.size(), MAX_BATCH);
        if (wanted > batch.length) {
            batch = new ByteBuffer[Math.min(MAX_BATCH, Math.max(Math.max(wanted, 8), batch.length * 2))];
        }
        int length = 0;
        for (ByteBuffer buffer : queue) {
            if (length == wanted) {
                break;
            }
            batch[length++] = buffer;
        }
        for (int i = length; i < batch.length && batch[i] != null; i++) {
            batch[i] = null; // let go of buffers from an earlier, longer batch
        }
        return length;
    }

    /**
     * The write in flight wrote {@code bytes}: drops the buffers it finished.
     *
     * @return true when this resumed writing (it was paused and has drained to the low-water mark)
     */
    boolean written(long bytes) {
        pending -= bytes;
        while (!isEmpty() && !queue.peekFirst().hasRemaining()) {
            queue.pollFirst();
        }
        if (paused && pending <= lowWater) {
            paused = false;
            return true;
        }
        return false;
    }

    /** True while senders must wait. */
    boolean paused() {
        return paused;
    }

    /** Bytes queued, including those of the write in flight. */
    long pendingBytes() {
        return pending;
    }

    /**
     * Drops everything (the connection is over). The batch array is left alone: a write may still
     * be in flight over it.
     */
    void clear() {
        if (queue != null) {
            queue.clear();
        }
        pending = 0;
        paused = false;
    }
}
