package org.websockets4j.server;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Logs failures of a server's accept loops (out of file descriptors, no memory for a thread) at
 * WARNING, at most once per {@link #INTERVAL} with the count since the last line, so a failing
 * loop cannot flood the log. Thread-safe; never throws.
 */
final class AcceptLog {
    static final Duration INTERVAL = Duration.ofSeconds(10);

    private final System.Logger log;
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong lastLog = new AtomicLong();

    AcceptLog(System.Logger log) {
        this.log = log;
    }

    /** Records a failure, and logs it when the last line is older than the interval. */
    void trouble(String what, Throwable failure) {
        long now = System.nanoTime();
        long count = failures.incrementAndGet();
        long last = lastLog.get();
        if (last == 0 || now - last > INTERVAL.toNanos()) {
            if (lastLog.compareAndSet(last, now == 0 ? 1 : now)) {
                failures.set(0);
                try {
                    log.log(Level.WARNING, what + " (" + count + " such failures since the last report)", failure);
                } catch (Throwable ignored) {
                    // logging needs memory too: never let it end the accept loop
                }
            }
        }
    }
}
