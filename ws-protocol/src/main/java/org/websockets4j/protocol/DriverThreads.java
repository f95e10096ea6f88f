package org.websockets4j.protocol;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one timer the library's drivers share for corks: a daemon platform thread that writes what
 * a cork held for longer than {@link #CORK_DELAY} (one task serves every cork). Connections'
 * own deadlines (keepalive, close timeouts) live in {@link Deadlines}, which needs no task object
 * per connection.
 */
final class DriverThreads {
    /** The shared timer; cancelled tasks are removed at once, so rescheduling leaves no garbage. */
    static final ScheduledExecutorService TIMER = newTimer();

    /** The longest a cork may hold a connection's output (see {@link Cork}): 1 ms. */
    static final long CORK_DELAY = TimeUnit.MILLISECONDS.toNanos(1);

    /** Corks holding a connection's output; the timer writes what a cork held too long. */
    private static final ConcurrentLinkedQueue<Cork> CORKED = new ConcurrentLinkedQueue<>();
    private static final AtomicBoolean CORK_CHECK_ARMED = new AtomicBoolean();

    private DriverThreads() {
    }

    /**
     * Watches a cork until it is released; one timer task serves every cork, and runs only while
     * there is one, once per {@link #CORK_DELAY}.
     */
    static void watchCork(Cork cork) {
        CORKED.add(cork);
        if (CORK_CHECK_ARMED.compareAndSet(false, true)) {
            TIMER.schedule(DriverThreads::checkCorks, CORK_DELAY, TimeUnit.NANOSECONDS);
        }
    }

    private static void checkCorks() {
        CORK_CHECK_ARMED.set(false);
        long now = System.nanoTime();
        for (int i = CORKED.size(); i > 0; i--) {
            Cork cork = CORKED.poll();
            if (cork == null) {
                break;
            }
            try {
                if (cork.timeout(now)) {
                    CORKED.add(cork);
                }
            } catch (Throwable e) {
                // the driver logs its own failures; the timer must go on
            }
        }
        if (!CORKED.isEmpty() && CORK_CHECK_ARMED.compareAndSet(false, true)) {
            TIMER.schedule(DriverThreads::checkCorks, CORK_DELAY, TimeUnit.NANOSECONDS);
        }
    }

    private static ScheduledExecutorService newTimer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().name("websockets4j-timer").daemon(true).factory());
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }
}
