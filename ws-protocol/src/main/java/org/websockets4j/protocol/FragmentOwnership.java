package org.websockets4j.protocol;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import org.websockets4j.framing.Opcode;

/**
 * Who may send data on a connection: a fragmented message in progress owns the data stream until
 * its final frame, so that messages never interleave. Blocking data sends from other threads wait
 * for it; async ones are deferred and go out in order right after it; pings, pongs and closing do
 * not wait. A thread that owns a message and makes a blocking data send gets an
 * {@link IllegalStateException} rather than a deadlock.
 *
 * <p>Thread-safe: the calls take the driver's lock through its {@link Section}; the methods named
 * "locked" expect it held.
 */
final class FragmentOwnership {
    private final Driver driver;
    private final Section section;
    private final Connection connection;
    /** The message in progress, or null. */
    private FragmentedMessage owner;
    /**
     * Async data sends made during a fragmented message, sent in order once it ends; made by the
     * first such send (most connections never make one), kept once made.
     */
    private ArrayDeque<DeferredSend> deferred;

    FragmentOwnership(Driver driver) {
        this.driver = driver;
        this.section = driver.section;
        this.connection = driver.connection;
    }

    /** True while a fragmented message is in progress. Lock held. */
    boolean busy() {
        return owner != null;
    }

    /**
     * Starts a fragmented message once no other is in progress; no frame is sent yet.
     *
     * @return the token to pass with each frame
     */
    FragmentedMessage begin(Opcode opcode) throws InterruptedException {
        try (Section ignored = section.enter()) {
            awaitFreeLocked();
            Sender.ensureOpenLocked(driver);
            owner = new FragmentedMessage(Thread.currentThread(), opcode);
            return owner;
        }
    }

    /** Sends the next frame of {@code message}, then waits while writing is paused. */
    void send(FragmentedMessage message, ByteBuffer payload, boolean fin) throws InterruptedException {
        boolean wait;
        try (Section s = section.enter()) {
            if (owner != message) {
                throw new IllegalStateException("this fragmented message is over: its final frame was sent");
            }
            Sender.ensureOpenLocked(driver);
            queueFrame(payload, fin);
            if (fin) {
                releaseLocked();
            }
            s.settle();
            wait = driver.writes.paused();
        }
        if (wait) {
            Sender.awaitDrained(driver);
        }
    }

    /**
     * Ends {@code message} with an empty final frame (or sends an empty message when no frame was
     * sent). Does not wait for writing to resume. When the connection is closing, waits
     * (uninterruptibly, bounded by the close timeouts) for it to close and throws the close
     * exception. Does nothing when {@code message} is over already.
     */
    void finish(FragmentedMessage message) {
        try (Section s = section.enter()) {
            if (owner != message) {
                return;
            }
            if (driver.terminated || connection.state() != State.OPEN) {
                releaseLocked();
                while (!driver.terminated) {
                    driver.sendableLocked().awaitUninterruptibly();
                }
                throw connection.closeException();
            }
            queueFrame(ByteBuffer.allocate(0), true);
            releaseLocked();
            s.settle();
        }
    }

    /**
     * Gives up {@code message} half-way: the connection cannot be used any more, so it fails with
     * {@code code} (Python websockets fails it with 1011 then), unless it is already closing.
     */
    void abandon(FragmentedMessage message, int code, String reason) {
        try (Section s = section.enter()) {
            if (owner != message) {
                return;
            }
            if (connection.state() == State.OPEN) {
                connection.fail(code, Connection.reasonFor(reason), System.nanoTime());
            }
            releaseLocked(); // after failing: deferred sends then wait for the close instead of going out
            s.settle();
        }
    }

    /** Waits while a fragmented message from someone else is in progress. Lock held. */
    void awaitFreeLocked() throws InterruptedException {
        while (owner != null && !driver.terminated && connection.state() == State.OPEN) {
            if (owner.thread == Thread.currentThread()) {
                throw new IllegalStateException("this thread is in the middle of a fragmented message:"
                        + " finish it (close its MessageWriter) before sending another message");
            }
            Driver.checkMayWait("a blocking send behind a fragmented message", "sendAsync()");
            driver.sendableLocked().await();
        }
    }

    /** An async data send made while a message is in progress: it goes out after it. Lock held. */
    CompletableFuture<Void> deferLocked(Opcode opcode, ByteBuffer payload) {
        CompletableFuture<Void> future = new CompletableFuture<>();
        if (deferred == null) {
            deferred = new ArrayDeque<>(2);
        }
        deferred.addLast(new DeferredSend(opcode, payload, future));
        return future;
    }

    /** The connection is over: deferred sends fail with it. Lock held. */
    void terminatedLocked() {
        while (deferred != null && !deferred.isEmpty()) {
            driver.fail(deferred.pollFirst().future());
        }
    }

    private void queueFrame(ByteBuffer payload, boolean fin) {
        if (owner.started) {
            driver.recorder.frameOut(payload.remaining(), fin); // observability
            connection.sendContinuation(payload, fin);
        } else {
            Sender.queueDataLocked(driver, owner.opcode, payload, fin);
            owner.started = true;
        }
    }

    /** Ends the message's hold on sending; deferred async sends go out now, in order. Lock held. */
    private void releaseLocked() {
        owner = null;
        while (deferred != null && !deferred.isEmpty()) {
            DeferredSend send = deferred.pollFirst();
            if (driver.terminated) {
                driver.fail(send.future());
            } else if (connection.state() != State.OPEN) {
                driver.failAtEndLocked(send.future());
            } else {
                try {
                    Sender.queueDataLocked(driver, send.opcode(), send.payload(), true);
                    driver.justQueuedLocked(send.future());
                } catch (RuntimeException e) {
                    driver.completeLater(() -> send.future().completeExceptionally(e));
                }
            }
        }
        driver.signalSendableLocked();
    }

    /** An async data send made while a fragmented message was in progress. */
    private record DeferredSend(Opcode opcode, ByteBuffer payload, CompletableFuture<Void> future) {
    }
}
