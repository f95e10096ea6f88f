package org.websockets4j.protocol;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import org.websockets4j.framing.Opcode;
import org.websockets4j.protocol.internal.SharedSend;

/**
 * The sending side of a {@link Driver}: data messages, pings and pongs, blocking and async, with
 * flow control (a blocking send waits, and an async send's future completes, once the write
 * buffer is under its high-water mark) and Python websockets' rule for a connection that is
 * closing (wait until it is closed, then fail with the close exception). A fragmented message in
 * progress holds data sends back (see {@link FragmentOwnership}).
 *
 * <p>Thread-safe: every call takes the driver's lock through its {@link Section}; the methods
 * named "locked" expect it held.
 */
final class Sender {
    private final Driver driver;
    private final Section section;
    private final Connection connection;

    Sender(Driver driver) {
        this.driver = driver;
        this.section = driver.section;
        this.connection = driver.connection;
    }

    /** Sends a complete data message, then waits while writing is paused. */
    void send(Opcode opcode, ByteBuffer payload) throws InterruptedException {
        boolean wait;
        try (Section s = section.enter()) {
            driver.awaitNoFragmentedLocked();
            ensureOpenLocked();
            queueDataLocked(opcode, payload, true);
            s.settle();
            wait = driver.writes.paused();
        }
        if (wait) {
            awaitDrained();
        }
    }

    /** Sends a complete data message; the future completes when writing is not paused. */
    CompletableFuture<Void> sendAsync(Opcode opcode, ByteBuffer payload) {
        try (Section s = section.enter()) {
            CompletableFuture<Void> unavailable = unavailableLocked();
            if (unavailable != null) {
                return unavailable;
            }
            if (driver.sendingFragmentedLocked()) {
                return driver.fragments().deferLocked(opcode, payload);
            }
            queueDataLocked(opcode, payload, true);
            s.settle();
            return drainedLocked();
        }
    }

    /**
     * Broadcasting ({@code WebSockets.sendShared}): queues a complete data message unless the
     * connection is not open, a fragmented message is in progress, or more than writeLimit bytes
     * wait; never waits. {@code payload} is this connection's own duplicate of a read-only buffer.
     */
    SharedSend sendShared(Opcode opcode, ByteBuffer payload) {
        try (Section s = section.enter()) {
            if (driver.terminated || connection.state() != State.OPEN) {
                return SharedSend.NOT_OPEN;
            }
            if (driver.sendingFragmentedLocked()) {
                return SharedSend.SENDING_FRAGMENTED;
            }
            if (driver.queuedBytes() > driver.options().writeLimit()) {
                return SharedSend.OVER_WRITE_LIMIT;
            }
            queueDataLocked(opcode, payload, true);
            s.settle();
            return SharedSend.SENT;
        }
    }

    /** Sends a pong, then waits while writing is paused. */
    void pong(ByteBuffer data) throws InterruptedException {
        boolean wait;
        try (Section s = section.enter()) {
            ensureOpenLocked();
            connection.sendPong(data);
            s.settle();
            wait = driver.writes.paused();
        }
        if (wait) {
            awaitDrained();
        }
    }

    /** Sends a pong; the future completes when writing is not paused. */
    CompletableFuture<Void> pongAsync(ByteBuffer data) {
        try (Section s = section.enter()) {
            CompletableFuture<Void> unavailable = unavailableLocked();
            if (unavailable != null) {
                return unavailable;
            }
            connection.sendPong(data);
            s.settle();
            return drainedLocked();
        }
    }

    /** Sends a ping; the future completes with its pong. */
    CompletableFuture<Void> ping(ByteBuffer data) {
        try (Section s = section.enter()) {
            CompletableFuture<Void> unavailable = unavailableLocked();
            if (unavailable != null) {
                return unavailable;
            }
            ByteBuffer payload = connection.sendPing(data);
            CompletableFuture<Void> future = new CompletableFuture<>();
            driver.pingFutures().add(payload, future);
            s.settle();
            return future;
        }
    }

    /**
     * For an async call: a future failing with the close exception when the connection is not
     * open (at once when closed, at the end when closing); null when it is open.
     */
    private <T> CompletableFuture<T> unavailableLocked() {
        if (driver.terminated) {
            return CompletableFuture.failedFuture(connection.closeException());
        }
        if (connection.state() != State.OPEN) {
            CompletableFuture<T> future = new CompletableFuture<>();
            driver.failAtEndLocked(future);
            return future;
        }
        return null;
    }

    /** A future for a send just queued: {@link SentFuture#SENT}, or one done when writing resumes. */
    private CompletableFuture<Void> drainedLocked() {
        if (!driver.writes.paused()) {
            return SentFuture.SENT;
        }
        CompletableFuture<Void> future = new CompletableFuture<>();
        driver.awaitDrainLocked(future);
        return future;
    }

    /**
     * Returns when the connection is open; when it is closing, waits until it is closed, then
     * throws the close exception, as Python websockets' {@code ensure_open} does.
     */
    void ensureOpenLocked() throws InterruptedException {
        if (driver.terminated) {
            throw connection.closeException();
        }
        if (connection.state() != State.OPEN) {
            Driver.checkMayWait("a blocking send while the connection closes", "sendAsync()");
            while (!driver.terminated) {
                driver.sendableLocked().await();
            }
            throw connection.closeException();
        }
    }

    /** Waits until writing is no longer paused. */
    void awaitDrained() throws InterruptedException {
        try (Section ignored = section.enter()) {
            if (driver.writes.paused() && !driver.terminated) {
                Driver.checkMayWait("a blocking send", "sendAsync()");
            }
            while (driver.writes.paused() && !driver.terminated) {
                driver.sendableLocked().await();
            }
            if (driver.terminated) {
                throw connection.closeException();
            }
        }
    }

    /** Hands a data frame to the connection, which encodes it into its output. */
    void queueDataLocked(Opcode opcode, ByteBuffer payload, boolean fin) {
        driver.recorder.frameOut(payload.remaining(), fin); // observability
        SendBatch.join(driver);
        if (opcode == Opcode.TEXT) {
            connection.sendText(payload, fin);
        } else {
            connection.sendBinary(payload, fin);
        }
    }
}
