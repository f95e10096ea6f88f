package org.websockets4j.protocol;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * The keepalive schedule: a ping every interval while the connection is open and, with a
 * timeout, the deadline for its pong.
 *
 * <p>At most one keepalive ping awaits its pong when a timeout is set: when the pong comes later
 * than the interval, the next ping leaves as soon as it arrives (Python websockets does the
 * same). Without a timeout, pings leave every interval, answered or not, and a new ping replaces
 * the unanswered one, so a silent peer cannot make the pending pings grow. Times are
 * {@link System#nanoTime()}-style values compared by subtraction, so they may wrap around.
 */
final class Keepalive {
    // Derived values (whether a timeout is set, the pong's deadline) are computed, not stored:
    // every open connection has one of these.
    private final long interval;
    /** Nanoseconds to wait for a pong, or -1 for no timeout. */
    private final long timeout;

    private long nextPingAt;
    private ByteBuffer awaited;
    /** When {@link #awaited} left; its pong is due {@link #timeout} later. */
    private long pingSentAt;
    /** The round trip of the last keepalive ping answered, in nanoseconds; 0 until the first pong. */
    private long latency;

    /**
     * @param interval nanoseconds between pings
     * @param timeout  nanoseconds to wait for a pong, or -1 for no timeout
     */
    Keepalive(long interval, long timeout) {
        this.interval = interval;
        this.timeout = timeout;
    }

    private boolean timed() {
        return timeout >= 0;
    }

    /** Starts the schedule when the connection opens: the first ping is one interval away. */
    void start(long now) {
        nextPingAt = now + interval;
        awaited = null;
    }

    /** True when the awaited pong is late. */
    boolean timedOut(long now) {
        return timed() && awaited != null && now - (pingSentAt + timeout) >= 0;
    }

    /** True when a ping should leave now. */
    boolean pingDue(long now) {
        return (!timed() || awaited == null) && now - nextPingAt >= 0;
    }

    /**
     * Records the ping just sent.
     *
     * @return the earlier keepalive ping still unanswered, which the caller forgets; null if none
     */
    ByteBuffer pingSent(ByteBuffer payload, long now) {
        ByteBuffer replaced = awaited;
        nextPingAt = now + interval;
        awaited = payload;
        pingSentAt = now;
        return replaced;
    }

    /** A pong arrived that completed {@code acknowledged}. */
    void acknowledged(List<ByteBuffer> acknowledged, long now) {
        if (awaited != null && acknowledged.contains(awaited)) {
            awaited = null;
            // Never 0 once measured, so that 0 keeps meaning "no pong yet" (websockets' latency).
            latency = Math.max(1, now - pingSentAt);
            if (nextPingAt - now < 0) {
                nextPingAt = now;
            }
        }
    }

    /** The round trip of the last keepalive ping answered, in nanoseconds; 0 before the first pong. */
    long latency() {
        return latency;
    }

    /** When {@link #timedOut} or {@link #pingDue} next turns true. */
    long nextDeadline() {
        return timed() && awaited != null ? pingSentAt + timeout : nextPingAt;
    }
}
