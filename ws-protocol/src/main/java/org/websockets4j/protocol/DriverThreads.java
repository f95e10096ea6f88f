package org.websockets4j.protocol;

import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;

/**
 * The threads every connection's driver shares: one timer and the virtual threads that run user
 * callbacks.
 *
 * <ul>
 *   <li>{@link #TIMER}: one daemon platform thread for the whole library. Each connection keeps at
 *       most one task on it, for {@link Connection#nextDeadline()} (keepalive, close timeouts) or
 *       the driver's own bound on closing. The task only hands the work to {@link #CALLBACKS}, so
 *       one slow connection never delays the others' timers.</li>
 *   <li>{@link #CALLBACKS}: a new virtual thread per task. Futures handed to users are completed
 *       there, never on an I/O thread, so a user's dependent action cannot stall the transport;
 *       timer work runs there too.</li>
 * </ul>
 */
final class DriverThreads {
    /** The shared timer; cancelled tasks are removed at once, so rescheduling leaves no garbage. */
    static final ScheduledExecutorService TIMER = newTimer();

    private static final ThreadFactory VIRTUAL = Thread.ofVirtual().name("websockets4j-callback-", 0).factory();

    /** Runs each task on a new virtual thread. */
    static final Executor CALLBACKS = task -> VIRTUAL.newThread(task).start();

    private DriverThreads() {
    }

    private static ScheduledExecutorService newTimer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().name("websockets4j-timer").daemon(true).factory());
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }
}
