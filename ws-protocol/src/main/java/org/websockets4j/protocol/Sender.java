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
    // Static, taking the driver: an object holding only references to the driver's parts would
    // cost every connection 24 bytes.
    private Sender() {
    }

    /** Sends a complete data message, then waits while writing is paused. */
    static void send(Driver driver, Opcode opcode, ByteBuffer payload) throws InterruptedException {
        boolean wait;
        try (Section s = driver.section.enter()) {
            driver.awaitNoFragmentedLocked();
            ensureOpenLocked(driver);
            queueDataLocked(driver, opcode, payload, true);
            s.settle();
            wait = driver.writes.paused();
        }
        if (wait) {
            awaitDrained(driver);
        }
    }

    /** Sends a complete data message; the future completes when writing is not paused. */
    static CompletableFuture<Void> sendAsync(Driver driver, Opcode opcode, ByteBuffer payload) {
        try (Section s = driver.section.enter()) {
            CompletableFuture<Void> unavailable = unavailableLocked(driver);
            if (unavailable != null) {
                return unavailable;
            }
            if (driver.sendingFragmentedLocked()) {
                return driver.fragments().deferLocked(opcode, payload);
            }
            queueDataLocked(driver, opcode, payload, true);
            s.settle();
            return drainedLocked(driver);
        }
    }

    /**
     * Broadcasting ({@code WebSockets.sendShared}): queues a complete data message unless the
     * connection is not open, a fragmented message is in progress, or more than writeLimit bytes
     * wait; never waits. {@code payload} is this connection's own duplicate of a read-only buffer.
     */
    static SharedSend sendShared(Driver driver, Opcode opcode, ByteBuffer payload) {
        try (Section s = driver.section.enter()) {
            if (driver.terminated || driver.connection.state() != State.OPEN) {
                return SharedSend.NOT_OPEN;
            }
            if (driver.sendingFragmentedLocked()) {
                return SharedSend.SENDING_FRAGMENTED;
            }
            if (driver.queuedBytes() > driver.options().writeLimit()) {
                return SharedSend.OVER_WRITE_LIMIT;
            }
            queueDataLocked(driver, opcode, payload, true);
            s.settle();
            return SharedSend.SENT;
        }
    }

    /** Sends a pong, then waits while writing is paused. */
    static void pong(Driver driver, ByteBuffer data) throws InterruptedException {
        boolean wait;
        try (Section s = driver.section.enter()) {
            ensureOpenLocked(driver);
            driver.connection.sendPong(data);
            s.settle();
            wait = driver.writes.paused();
        }
        if (wait) {
            awaitDrained(driver);
        }
    }

    /** Sends a pong; the future completes when writing is not paused. */
    static CompletableFuture<Void> pongAsync(Driver driver, ByteBuffer data) {
        try (Section s = driver.section.enter()) {
            CompletableFuture<Void> unavailable = unavailableLocked(driver);
            if (unavailable != null) {
                return unavailable;
            }
            driver.connection.sendPong(data);
            s.settle();
            return drainedLocked(driver);
        }
    }

    /** Sends a ping; the future completes with its pong. */
    static CompletableFuture<Void> ping(Driver driver, ByteBuffer data) {
        try (Section s = driver.section.enter()) {
            CompletableFuture<Void> unavailable = unavailableLocked(driver);
            if (unavailable != null) {
                return unavailable;
            }
            ByteBuffer payload = driver.connection.sendPing(data);
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
    private static <T> CompletableFuture<T> unavailableLocked(Driver driver) {
        if (driver.terminated) {
            return CompletableFuture.failedFuture(driver.connection.closeException());
        }
        if (driver.connection.state() != State.OPEN) {
            CompletableFuture<T> future = new CompletableFuture<>();
            driver.failAtEndLocked(future);
            return future;
        }
        return null;
    }

    /** A future for a send just queued: {@link SentFuture#SENT}, or one done when writing resumes. */
    private static CompletableFuture<Void> drainedLocked(Driver driver) {
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
    static void ensureOpenLocked(Driver driver) throws InterruptedException {
        if (driver.terminated) {
            throw driver.connection.closeException();
        }
        if (driver.connection.state() != State.OPEN) {
            Driver.checkMayWait("a blocking send while the connection closes", "sendAsync()");
            while (!driver.terminated) {
                driver.sendableLocked().await();
            }
            throw driver.connection.closeException();
        }
    }

    /** Waits until writing is no longer paused. */
    static void awaitDrained(Driver driver) throws InterruptedException {
        try (Section ignored = driver.section.enter()) {
            if (driver.writes.paused() && !driver.terminated) {
                Driver.checkMayWait("a blocking send", "sendAsync()");
            }
            while (driver.writes.paused() && !driver.terminated) {
                driver.sendableLocked().await();
            }
            if (driver.terminated) {
                throw driver.connection.closeException();
            }
        }
    }

    /** Hands a data frame to the connection, which encodes it into its output. */
    static void queueDataLocked(Driver driver, Opcode opcode, ByteBuffer payload, boolean fin) {
        driver.recorder.frameOut(payload.remaining(), fin); // observability
        SendBatch.join(driver);
        if (opcode == Opcode.TEXT) {
            driver.connection.sendText(payload, fin);
        } else {
            driver.connection.sendBinary(payload, fin);
        }
    }
}
