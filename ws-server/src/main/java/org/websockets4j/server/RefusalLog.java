package org.websockets4j.server;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Logs refused opening handshakes so that no client can flood the server's log: at most one
 * WARNING per interval, the details of every other refusal at DEBUG, and a count of those by kind
 * ({@code HTTP 400}, {@code timed out}...) at WARNING the next time one is written.
 *
 * <p>A refusal when no WARNING was written for an interval is logged at WARNING with its details,
 * exactly as it would be alone, so that a single failing client is seen in full at the default
 * levels. Until the interval has passed, later refusals are logged at DEBUG only and counted; the
 * next WARNING (the next refusal after the interval, or {@link #flush()} when the server closes)
 * ends with how many were held back and of which kinds, for example {@code (and 4740 more opening
 * handshakes refused in the last 10.0 s: HTTP 400: 4700, timed out: 40; their details are at
 * DEBUG)}; {@link #flush()} writes that count alone. Nothing is
 * written by a timer: a burst followed by silence is reported by the next refusal or by the
 * close.
 *
 * <p>Thread-safe: the decision and the counts are taken under the instance's lock, the logging
 * call is made outside it. The clock is injected ({@code System::nanoTime} in the server) so that
 * tests can step it.
 */
final class RefusalLog {
    /** The interval between two WARNINGs about refused handshakes on one server. */
    static final Duration INTERVAL = Duration.ofSeconds(10);
    private static final String WHAT = "opening handshakes refused";

    private final System.Logger logger;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    /** Refusals logged at DEBUG only since the last WARNING, by kind, sorted. */
    private final Map<String, Long> heldBack = new TreeMap<>();
    private long heldBackTotal;
    private boolean warned;
    private long lastWarning;

    /**
     * A log that writes to {@code logger}.
     *
     * @param logger   where the lines go
     * @param interval the shortest time between two WARNINGs; positive
     * @param nanoTime the clock, in nanoseconds, read as {@link System#nanoTime()} is (only
     *                 differences count)
     */
    RefusalLog(System.Logger logger, Duration interval, LongSupplier nanoTime) {
        this.logger = Objects.requireNonNull(logger, "logger");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive: " + interval);
        }
        this.intervalNanos = interval.toNanos();
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    /**
     * Logs one refusal: at WARNING when no WARNING was written for an interval (then followed by
     * the count of those held back since), else at DEBUG and counted.
     *
     * @param kind   what the breakdown counts it as, for example {@code HTTP 400} or {@code timed out}
     * @param detail the line that says which client and why; built only when logged
     * @param thrown a stack trace worth showing (a server-side error), or null
     */
    void refused(String kind, Supplier<String> detail, Throwable thrown) {
        String summary = null;
        boolean warn;
        synchronized (this) {
            long now = nanoTime.getAsLong();
            warn = !warned || now - lastWarning >= intervalNanos;
            if (!warn) {
                heldBack.merge(kind, 1L, Long::sum);
                heldBackTotal++;
            } else {
                summary = takeHeldBack(now);
                warned = true;
                lastWarning = now;
            }
        }
        if (!warn) {
            log(Level.DEBUG, detail, thrown);
        } else if (summary == null) {
            log(Level.WARNING, detail, thrown);
        } else {
            String held = summary;
            log(Level.WARNING, () -> detail.get() + " (and " + held + ")", thrown);
        }
    }

    /**
     * Writes the count of the refusals held back since the last WARNING, if any, at WARNING,
     * and starts counting again. Called when the server closes, so that a burst is never left
     * unreported.
     */
    void flush() {
        String summary;
        synchronized (this) {
            summary = takeHeldBack(nanoTime.getAsLong());
        }
        if (summary != null) {
            logger.log(Level.WARNING, summary);
        }
    }

    /**
     * What was held back since the last WARNING ({@code in the last 2.5 s: HTTP 400: 3; their
     * details are at DEBUG}), or null when nothing was; starts counting again. Under the lock.
     */
    private String takeHeldBack(long now) {
        if (heldBackTotal == 0) {
            return null;
        }
        StringBuilder sb = new StringBuilder().append(heldBackTotal).append(" more ").append(WHAT).append(" in the last ")
                .append(String.format(Locale.ROOT, "%.1f s", (now - lastWarning) / 1e9)).append(": ");
        String separator = "";
        for (Map.Entry<String, Long> entry : heldBack.entrySet()) {
            sb.append(separator).append(entry.getKey()).append(": ").append(entry.getValue());
            separator = ", ";
        }
        heldBack.clear();
        heldBackTotal = 0;
        return sb.append("; their details are at DEBUG").toString();
    }

    private void log(Level level, Supplier<String> message, Throwable thrown) {
        if (thrown == null) {
            logger.log(level, message);
        } else {
            logger.log(level, message, thrown);
        }
    }
}
