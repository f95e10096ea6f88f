package org.websockets4j.protocol;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * What a {@link Driver} decided under its lock and carries out once the lock is released: the
 * I/O to start, the transport to half-close or close, the user futures to complete. A fresh
 * object per decision that has something to do; {@link #NONE} otherwise.
 */
final class Actions {
    /** Nothing to do; never modified. */
    static final Actions NONE = new Actions();

    /** The buffers of a write to start (one write outstanding at most), or null. */
    ByteBuffer[] writeBatch;
    int writeLength;
    /** Where a read to start reads into (one read outstanding at most), or null. */
    ByteBuffer readInto;
    boolean shutdownOutput;
    boolean close;
    /** With {@link #close}: abort instead (see {@code Transport.abort}), as unsent output is being dropped. */
    boolean abort;
    /** A receiver parked directly to wake first (see {@code Receiver}), or null. */
    Thread unpark;
    /** User futures to complete, in order, in the thread that carries this out; or null. */
    List<Runnable> completions;

    /**
     * Both this and {@code later}, in this order. Two decisions made under one hold of the lock
     * never both start a write or a read (the driver's {@code writing}/{@code reading} flags), so
     * merging loses nothing.
     */
    Actions and(Actions later) {
        if (later == NONE) {
            return this;
        }
        if (this == NONE) {
            return later;
        }
        if (later.writeBatch != null) {
            writeBatch = later.writeBatch;
            writeLength = later.writeLength;
        }
        if (later.readInto != null) {
            readInto = later.readInto;
        }
        if (later.unpark != null) {
            unpark = later.unpark; // one receiver per connection: the same thread
        }
        shutdownOutput |= later.shutdownOutput;
        close |= later.close;
        abort |= later.abort;
        if (later.completions != null) {
            if (completions == null) {
                completions = later.completions;
            } else {
                List<Runnable> both = new ArrayList<>(completions);
                both.addAll(later.completions);
                completions = both;
            }
        }
        return this;
    }
}
