package org.websockets4j.protocol;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.websockets4j.framing.Opcode;

/**
 * The driver's side of {@link MessageStream}s: which stream the data frames go to instead of the
 * assembler, the last stream handed out (recv waits for it), and the blocking reads. Every field
 * is guarded by the driver's lock; the methods named "locked" expect it held, the others take it.
 */
final class StreamReceiver {
    private final Driver driver;
    private final ReentrantLock lock;
    /** Signalled (all) when a stream got a fragment, or the connection ended. */
    private final Condition changed;

    /** The stream the data frames go to (or whose first frame is awaited), or null: they go to the assembler. */
    private MessageStream streaming;
    /** Whether {@link #streaming} got its message's first frame. */
    private boolean started;
    /** The last stream handed out; other receives wait until it is finished or closed. */
    private MessageStream current;

    StreamReceiver(Driver driver, ReentrantLock lock) {
        this.driver = driver;
        this.lock = lock;
        this.changed = lock.newCondition();
    }

    /** recv while a stream is unfinished would take a message from under it (unless it never will finish). */
    void checkNoStreamLocked(boolean terminated) {
        if (current != null && current.unfinished() && !terminated) {
            throw new IllegalStateException("the previous message is being read as a stream: read it to its end or close it first");
        }
    }

    /** Hands out a stream of a message that arrived whole. */
    MessageStream wholeLocked(Message message) {
        current = MessageStream.of(message);
        return current;
    }

    /** Routes the message in progress ({@code partialType} not null, {@code partial} its bytes so far) or else the next one to a stream. */
    void beginLocked(Opcode partialType, byte[] partial) {
        if (partialType != null) {
            streaming = MessageStream.started(driver, partialType);
            streaming.prefix(partial);
            started = true;
        } else {
            streaming = MessageStream.started(driver, Opcode.BINARY); // replaced when the first frame is text
            started = false;
        }
    }

    boolean startedLocked() {
        return started;
    }

    void awaitLocked() throws InterruptedException {
        changed.await();
    }

    /** The message began: hands its stream out. */
    MessageStream handOutLocked() {
        current = streaming;
        if (current.finished()) {
            streaming = null;
        }
        return current;
    }

    /** Gives up before the message began (interrupted, or the connection ended). */
    void abandonLocked() {
        streaming = null;
    }

    /** The connection's data sink while streaming; false when the frame is not for a stream. */
    boolean routeLocked(Opcode type, boolean first, ByteBuffer view, boolean fin) {
        if (streaming == null || streaming.finished()) {
            return false;
        }
        if (first) {
            if (started) { // cannot happen: the connection checks the order of frames
                throw new IllegalStateException("a new message started inside a streamed one");
            }
            if ((type == Opcode.TEXT) != streaming.isText()) {
                streaming = MessageStream.started(driver, type);
            }
            started = true;
        }
        streaming.fragment(view, fin);
        if (fin && current == streaming) {
            streaming = null;
        }
        changed.signalAll();
        return true;
    }

    /**
     * True while a stream holds fragments unread, whether handed out already or still on its way
     * to the thread waiting in recvStream (which may take a while to be scheduled): the driver does
     * not read the socket meanwhile.
     */
    boolean holdsUnreadLocked() {
        return (current != null && current.holdsUnread()) || (streaming != null && streaming.holdsUnread());
    }

    /** The connection ended: wake the readers. */
    void terminatedLocked() {
        changed.signalAll();
    }

    int read(MessageStream stream, byte[] bytes, int off, int length) throws IOException {
        boolean drained = false;
        lock.lock();
        try {
            while (true) {
                int n = stream.take(bytes, off, length);
                if (n != 0 || length == 0) {
                    drained = !stream.holdsUnread();
                    return n;
                }
                if (driver.terminatedLocked()) {
                    throw new IOException("the connection closed before the end of the message", driver.closeExceptionLocked());
                }
                Driver.checkMayWait("reading a MessageStream", "recvAsync()");
                try {
                    changed.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for the next fragment");
                }
            }
        } finally {
            lock.unlock();
            if (drained) {
                driver.settle(); // reading resumes
            }
        }
    }

    int available(MessageStream stream) throws IOException {
        lock.lock();
        try {
            return stream.held();
        } finally {
            lock.unlock();
        }
    }

    void close(MessageStream stream) {
        lock.lock();
        try {
            stream.markClosed();
        } finally {
            lock.unlock();
        }
        driver.settle(); // what it held is gone: reading resumes
    }
}
