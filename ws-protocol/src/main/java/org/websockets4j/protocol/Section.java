package org.websockets4j.protocol;

import java.util.concurrent.locks.ReentrantLock;

/**
 * The pattern every call into a {@link Driver} follows, written once: take the connection's lock,
 * change the connection, {@link #settle()} (work out its events, the I/O to start and the futures
 * to complete), release the lock, then carry that out lock-free, so user code and transport
 * completions never run under the lock and never meet a half-updated driver.
 *
 * <pre>{@code
 * try (Section section = driver.section.enter()) {
 *     driver.connection.sendPong(data);
 *     section.settle();
 * }
 * }</pre>
 *
 * <p>What {@link #settle()} decides accumulates here while the lock is held (a call that waits on
 * one of the lock's conditions lets others in meanwhile, and they carry out what is pending when
 * they leave) and is carried out by whoever releases the outermost hold. One per driver; it
 * allocates nothing. Its methods other than {@link #enter()} expect the lock held by the caller.
 */
final class Section implements AutoCloseable {
    private final Driver driver;
    private final ReentrantLock lock;
    private Actions pending = Actions.NONE;

    Section(Driver driver, ReentrantLock lock) {
        this.driver = driver;
        this.lock = lock;
    }

    /** Takes the lock; use in try-with-resources. */
    Section enter() {
        lock.lock();
        return this;
    }

    /** After a change to the connection: decides what to do once the lock is released. */
    void settle() {
        pending = pending.and(driver.afterCall());
    }

    /**
     * Settles and carries it out now, releasing the lock meanwhile and taking it back: for a
     * call about to wait, whose earlier work (a corked write, say) must not wait with it.
     */
    void flush() {
        settle();
        Actions now = take();
        lock.unlock();
        try {
            driver.perform(now);
        } finally {
            lock.lock();
        }
    }

    /** Releases the lock, then carries out what was settled (on the outermost release only). */
    @Override
    public void close() {
        Actions now = lock.getHoldCount() == 1 ? take() : Actions.NONE;
        lock.unlock();
        driver.perform(now);
    }

    private Actions take() {
        Actions now = pending;
        pending = Actions.NONE;
        return now;
    }
}
