package org.websockets4j.protocol;

import java.nio.ByteBuffer;
import java.nio.channels.CompletionHandler;
import org.websockets4j.protocol.internal.IoGroup;
import org.websockets4j.protocol.internal.Transport;

/**
 * Starts a {@link Driver}'s reads and writes on its {@link Transport} and routes their
 * completions back to it.
 *
 * <p>Operations complete on the thread that made them complete (see {@link IoGroup}): often inside
 * the very call that started them. Such a completion is only recorded, and the starting call
 * returns what handling it decided, for the driver's {@code perform} loop to carry out; so a chain
 * of operations that complete at once becomes a loop instead of a stack that grows with each.
 * A completion on another thread is handled there and carried out at once.
 *
 * <p>At most one read and one write are outstanding (the driver's rule), so one set of fields per
 * direction suffices. The "started by" fields are written and read by the starting thread; the
 * "completed inline" ones only by the starting thread too, since a completion on another thread
 * does not touch them.
 */
final class TransportOps implements CompletionHandler<Integer, Void> {
    private final Driver driver;
    private final Transport transport;

    private Thread readStarter;
    private Thread writeStarter;
    /** The thread whose call the last inline completion happened in; only that thread reads its result. */
    private Thread inlineReadBy;
    private Thread inlineWriteBy;
    private int inlineReadCount;
    private Throwable inlineReadError;
    private long inlineWriteCount;
    private Throwable inlineWriteError;

    private final CompletionHandler<Long, Void> onWrite = new CompletionHandler<>() {
        @Override
        public void completed(Long count, Void unused) {
            if (writeStarter == Thread.currentThread()) {
                inlineWriteCount = count;
                inlineWriteBy = Thread.currentThread();
                return;
            }
            driver.perform(driver.writeCompleted(count));
        }

        @Override
        public void failed(Throwable error, Void unused) {
            if (writeStarter == Thread.currentThread()) {
                inlineWriteError = error;
                inlineWriteBy = Thread.currentThread();
                return;
            }
            driver.perform(driver.ioFailed(error, false));
        }
    };

    TransportOps(Driver driver, Transport transport) {
        this.driver = driver;
        this.transport = transport;
    }

    /** A read completed; this object is the read's handler (one object less per connection). */
    @Override
    public void completed(Integer count, Void unused) {
        if (readStarter == Thread.currentThread()) {
            inlineReadCount = count;
            inlineReadBy = Thread.currentThread();
            return;
        }
        IoGroup.noteIoThread();
        driver.perform(driver.readCompleted(count));
    }

    /** A read failed. */
    @Override
    public void failed(Throwable error, Void unused) {
        if (readStarter == Thread.currentThread()) {
            inlineReadError = error;
            inlineReadBy = Thread.currentThread();
            return;
        }
        driver.perform(driver.ioFailed(error, true));
    }

    /** Starts a write; when it completes within the call, returns what its completion decided. */
    Actions startWrite(ByteBuffer[] batch, int length) {
        Thread self = Thread.currentThread();
        writeStarter = self;
        try {
            transport.write(batch, 0, length, onWrite);
        } finally {
            writeStarter = null;
        }
        if (inlineWriteBy != self) {
            return Actions.NONE; // completes later, on another thread
        }
        inlineWriteBy = null;
        Throwable error = inlineWriteError;
        inlineWriteError = null;
        return error == null ? driver.writeCompleted(inlineWriteCount) : driver.ioFailed(error, false);
    }

    /** Starts a read; when it completes within the call, returns what its completion decided. */
    Actions startRead(ByteBuffer into) {
        Thread self = Thread.currentThread();
        readStarter = self;
        try {
            transport.read(into, this);
        } finally {
            readStarter = null;
        }
        if (inlineReadBy != self) {
            return Actions.NONE; // completes later, on another thread
        }
        inlineReadBy = null;
        Throwable error = inlineReadError;
        inlineReadError = null;
        return error == null ? driver.readCompleted(inlineReadCount) : driver.ioFailed(error, true);
    }
}
