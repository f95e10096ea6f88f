package org.websockets4j.protocol;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a thread sends to <em>other</em> connections while it works through a batch of messages
 * received on one connection (its owner): those connections are corked too, and written once when
 * the batch ends, so a handler that relays or broadcasts each message of a burst makes one write
 * per receiver per burst, not one per message. With {@code TCP_NODELAY} (set on every connection)
 * nothing else coalesces such writes: each would be a segment and a syscall of its own.
 *
 * <p>A batch begins when a receive takes a message and more are queued (the owner corks its own
 * output then, see {@link Cork}); it ends when that thread's next receive on the owner finds
 * nothing and is about to wait, or when a hand-off on it finishes. A batch that never ends
 * properly (the handler stops receiving) costs its followers their cork timeout
 * ({@link DriverThreads#CORK_DELAY}), as any cork. Only the first batch on a thread counts: a
 * receive on another connection inside it adds to it.
 *
 * <p>Thread-confined (one per thread, reused); never touched under another connection's lock
 * than the follower's own, and followers are released with no lock held, so no lock order arises.
 */
final class SendBatch {
    /** This thread's batch object, made by its first batch (a thread that never batches holds none). */
    private static final ThreadLocal<SendBatch> CURRENT = new ThreadLocal<>();
    /**
     * Batches open on any thread. {@link ThreadLocal#get()} gives a thread a map of its own even
     * when it holds nothing, so the lookup is skipped while no batch is open anywhere: an idle
     * handler's thread then holds no thread-local map (about 150 bytes each).
     */
    private static final AtomicInteger OPEN = new AtomicInteger();
    /** {@link Driver#batchThread}: cleared exactly once per batch, by its end or by the owner's end. */
    private static final VarHandle BATCH_THREAD;

    static {
        try {
            BATCH_THREAD = MethodHandles.lookup().findVarHandle(Driver.class, "batchThread", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * The connection whose messages this thread is working through. The batch is open only while
     * that connection's {@link Driver#batchThread} is this thread: a connection that ends clears
     * it, so a batch its handler never ended does not outlive it.
     */
    private Driver owner;
    private final ArrayList<Driver> followers = new ArrayList<>();

    private SendBatch() {
    }

    /** True while this batch is open on the calling thread. */
    private boolean open() {
        return owner != null && owner.batchThread == Thread.currentThread();
    }

    /** A receive on this thread took a message of {@code owner}'s with more queued. Owner's lock held. */
    static void begin(Driver owner) {
        if (owner.batchThread == Thread.currentThread()) {
            return; // this thread's batch is owner's already: no thread-local lookup per message
        }
        SendBatch batch = CURRENT.get();
        if (batch == null) {
            batch = new SendBatch();
            CURRENT.set(batch);
        }
        if (!batch.open()) {
            // Followers of a batch whose owner ended stay listed: this batch's end releases them
            // unless their cork timeouts did first.
            batch.owner = owner;
            if (BATCH_THREAD.getAndSet(owner, Thread.currentThread()) == null) {
                OPEN.incrementAndGet(); // else it was another thread's batch, counted already
            }
        }
    }

    /**
     * A data frame is about to be queued on {@code target} (its lock held): when this thread is in
     * a batch of another connection, {@code target} is corked until the batch ends.
     */
    static void join(Driver target) {
        if (OPEN.get() == 0 || target.batchThread == Thread.currentThread()) {
            return; // no batch anywhere, or target's own batch on this thread (an echo's reply)
        }
        SendBatch batch = CURRENT.get();
        if (batch == null || batch.owner == target || !batch.open()) {
            return;
        }
        if (target.cork().corkFor(batch)) {
            batch.followers.add(target);
        }
    }

    /**
     * {@code owner}'s receive on this thread is about to wait: ends its batch. The followers are
     * released in a completion, after {@code owner}'s lock is released. Owner's lock held.
     *
     * @return whether completions were added (then the caller must settle)
     */
    static boolean endLater(Driver owner) {
        if (owner.batchThread != Thread.currentThread()) {
            return false;
        }
        SendBatch batch = CURRENT.get();
        Driver[] release = end(batch, owner);
        if (release == null) {
            return false;
        }
        owner.completeLater(() -> releaseAll(release, batch));
        return true;
    }

    /** A hand-off of {@code owner}'s messages on this thread has finished: ends its batch now. No lock held. */
    static void endNow(Driver owner) {
        if (owner.batchThread != Thread.currentThread()) {
            return;
        }
        SendBatch batch = CURRENT.get();
        Driver[] release = end(batch, owner);
        if (release != null) {
            releaseAll(release, batch);
        }
    }

    /**
     * {@code owner} has ended (its lock held): a batch it opened is over, whichever thread it is
     * on; that thread's next batch starts afresh, and its followers are released by their cork
     * timeouts.
     */
    static void ownerEnded(Driver owner) {
        Thread thread = owner.batchThread;
        if (thread != null && BATCH_THREAD.compareAndSet(owner, thread, null)) {
            OPEN.decrementAndGet();
        }
    }

    /** Closes {@code batch} when {@code owner} opened it on this thread: the followers to release, or null for none. */
    private static Driver[] end(SendBatch batch, Driver owner) {
        if (batch == null || batch.owner != owner
                || !BATCH_THREAD.compareAndSet(owner, Thread.currentThread(), null)) {
            return null;
        }
        batch.owner = null;
        OPEN.decrementAndGet();
        if (batch.followers.isEmpty()) {
            return null;
        }
        Driver[] release = batch.followers.toArray(new Driver[0]);
        batch.followers.clear();
        return release;
    }

    private static void releaseAll(Driver[] followers, SendBatch batch) {
        for (Driver follower : followers) {
            follower.releaseCorkOf(batch);
        }
    }
}
