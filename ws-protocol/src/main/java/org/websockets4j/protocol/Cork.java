package org.websockets4j.protocol;

/**
 * Holds back what a busy receiver sends. While the receiver has more messages queued it will be
 * back for the next one within microseconds, so what it sends meanwhile is held and written in
 * one batch when it finds the queue empty (or {@link #LIMIT} bytes are held, or
 * {@link DriverThreads#CORK_DELAY} passed, or the connection stops being open). This turns a
 * syscall per message into one per batch under load, for the blocking and the async API alike.
 *
 * <p>Guarded by the driver's lock, except {@link #timeout(long)}, which the shared timer calls and
 * which takes the lock itself (without waiting for it).
 */
final class Cork {
    /** Bytes held beyond which they are written anyway. */
    static final int LIMIT = 32 * 1024;

    private final Driver driver;
    // Volatile: the timer takes a racy look to skip a young cork without touching the lock.
    private volatile boolean corked;
    private volatile long corkedSince;
    /** True while in {@link DriverThreads}' queue of corks to watch. */
    private boolean watched;
    /** The batch that corked this connection, or null when it corked itself. Guarded by the driver's lock. */
    private SendBatch batch;

    Cork(Driver driver) {
        this.driver = driver;
    }

    boolean corked() {
        return corked;
    }

    /** Corks the output when the receiver has more messages waiting and the connection is open. */
    void corkIf(boolean moreQueued) {
        if (!corked && moreQueued) {
            corked = true;
            corkedSince = System.nanoTime();
            if (!watched) {
                watched = true;
                DriverThreads.watchCork(this);
            }
        }
    }

    /** Lets what is held go out at the next write decision. */
    void release() {
        corked = false;
        batch = null;
    }

    /**
     * Corks this connection for another connection's {@link SendBatch}, unless it is corked
     * already (then whoever corked it releases it). Lock held.
     *
     * @return whether this call corked it: the batch must release it
     */
    boolean corkFor(SendBatch owner) {
        if (corked) {
            return false;
        }
        corkIf(true);
        batch = owner;
        return true;
    }

    /** Whether the cork is in for {@code owner}'s batch. Lock held. */
    boolean heldFor(SendBatch owner) {
        return corked && batch == owner;
    }

    /**
     * From the timer: writes what the cork held for longer than {@link DriverThreads#CORK_DELAY}
     * (the receiver went off to do something else); returns true while the cork is still young
     * and must be watched again.
     */
    boolean timeout(long now) {
        if (corked && now - corkedSince < DriverThreads.CORK_DELAY) {
            return true;
        }
        return driver.tryLocked(() -> {
            if (corked && now - corkedSince < DriverThreads.CORK_DELAY) {
                return true;
            }
            watched = false;
            corked = false;
            batch = null;
            return false;
        });
    }
}
