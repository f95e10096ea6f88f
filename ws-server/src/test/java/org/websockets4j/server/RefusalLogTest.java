package org.websockets4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The refusal log: at most one WARNING per interval, every detail at DEBUG, the held-back count by kind. */
class RefusalLogTest {
    private static final Duration INTERVAL = Duration.ofSeconds(10);
    private static final long SECOND = 1_000_000_000L;

    /** One line as written. */
    record Line(Level level, String message, Throwable thrown) {
    }

    /** A System.Logger that records every line at every level. */
    static final class Capture implements System.Logger {
        final List<Line> lines = new CopyOnWriteArrayList<>();
        final Level lowest;

        Capture(Level lowest) {
            this.lowest = lowest;
        }

        @Override
        public String getName() {
            return "capture";
        }

        @Override
        public boolean isLoggable(Level level) {
            return level.getSeverity() >= lowest.getSeverity();
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            lines.add(new Line(level, msg, thrown));
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            lines.add(new Line(level, format, null));
        }

        List<Line> at(Level level) {
            return lines.stream().filter(line -> line.level() == level).toList();
        }
    }

    private final Capture logger = new Capture(Level.ALL);
    private final AtomicLong now = new AtomicLong(123 * SECOND);
    private final RefusalLog log = new RefusalLog(logger, INTERVAL, now::get);

    private void refuse(String kind, String detail) {
        log.refused(kind, () -> detail, null);
    }

    @Test
    void aLoneRefusalIsOneWarningWithItsDetails() {
        refuse("HTTP 400", "opening handshake from /10.0.0.1:1 failed: HTTP 400: bad");
        assertEquals(List.of(new Line(Level.WARNING, "opening handshake from /10.0.0.1:1 failed: HTTP 400: bad", null)), logger.lines);
    }

    @Test
    void aFloodIsOneWarningPerIntervalWithTheCountByKind() {
        for (int i = 0; i < 4741; i++) {
            refuse(i % 100 == 0 ? "timed out" : "HTTP 400", "refusal " + i);
            now.addAndGet(SECOND / 1000); // 4.741 s in all
        }
        assertEquals(1, logger.at(Level.WARNING).size(), "still inside the first interval");
        assertEquals("refusal 0", logger.at(Level.WARNING).get(0).message());
        assertEquals(4740, logger.at(Level.DEBUG).size(), "every other refusal's details at DEBUG");
        assertEquals("refusal 1", logger.at(Level.DEBUG).get(0).message());

        now.addAndGet(6 * SECOND); // 10.741 s after the first WARNING
        refuse("HTTP 403", "the next one");
        List<Line> warnings = logger.at(Level.WARNING);
        assertEquals(2, warnings.size());
        assertEquals("the next one (and 4740 more opening handshakes refused in the last 10.7 s: HTTP 400: 4693, timed out: 47;"
                + " their details are at DEBUG)", warnings.get(1).message());

        now.addAndGet(SECOND);
        refuse("HTTP 400", "held back again");
        assertEquals(2, logger.at(Level.WARNING).size(), "the count starts again");
    }

    @Test
    void exactlyOneIntervalLaterIsANewWarning() {
        refuse("HTTP 400", "first");
        now.addAndGet(INTERVAL.toNanos() - 1);
        refuse("HTTP 400", "held");
        now.addAndGet(1);
        refuse("HTTP 400", "second");
        assertEquals(List.of("first", "second (and 1 more opening handshakes refused in the last 10.0 s: HTTP 400: 1;"
                + " their details are at DEBUG)"), logger.at(Level.WARNING).stream().map(Line::message).toList());
    }

    @Test
    void flushReportsWhatIsHeldBackAndOnlyThat() {
        log.flush();
        assertEquals(List.of(), logger.lines, "nothing held back, nothing written");
        refuse("HTTP 400", "first");
        refuse("HTTP 431", "second");
        refuse("HTTP 400", "third");
        now.addAndGet(2500 * 1_000_000L);
        log.flush();
        assertEquals("2 more opening handshakes refused in the last 2.5 s: HTTP 400: 1, HTTP 431: 1; their details are at DEBUG",
                logger.lines.get(logger.lines.size() - 1).message());
        assertEquals(Level.WARNING, logger.lines.get(logger.lines.size() - 1).level());
        log.flush();
        assertEquals(2, logger.at(Level.WARNING).size(), "flushed once");
    }

    @Test
    void aStackTraceGoesWithTheLineAtEitherLevel() {
        IllegalStateException bug = new IllegalStateException("a hook failed");
        log.refused("HTTP 500", () -> "first", bug);
        log.refused("HTTP 500", () -> "second", bug);
        assertSame(bug, logger.at(Level.WARNING).get(0).thrown());
        assertSame(bug, logger.at(Level.DEBUG).get(0).thrown());
    }

    @Test
    void detailsAreBuiltOnlyWhenLogged() {
        Capture quiet = new Capture(Level.INFO); // System.Logger's default methods ask isLoggable first
        RefusalLog filtered = new RefusalLog(quiet, INTERVAL, now::get);
        filtered.refused("HTTP 400", () -> "first", null);
        filtered.refused("HTTP 400", () -> {
            throw new AssertionError("a DEBUG line built while DEBUG is off");
        }, null);
        assertEquals(1, quiet.lines.size());
    }

    @Test
    void countsEveryRefusalFromManyThreads() throws Exception {
        int threads = 8;
        int each = 2000;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> started = new java.util.ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String kind = "HTTP 4" + t + "0";
            started.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                for (int i = 0; i < each; i++) {
                    refuse(kind, "x");
                }
            }));
        }
        start.countDown();
        for (Thread thread : started) {
            thread.join();
        }
        log.flush();
        assertEquals(2, logger.at(Level.WARNING).size(), logger.at(Level.WARNING).toString());
        assertEquals(threads * each - 1, logger.at(Level.DEBUG).size());
        String summary = logger.at(Level.WARNING).get(1).message();
        assertTrue(summary.startsWith((threads * each - 1) + " more opening handshakes refused"), summary);
        long counted = java.util.regex.Pattern.compile("HTTP 4\\d0: (\\d+)").matcher(summary).results()
                .mapToLong(m -> Long.parseLong(m.group(1))).sum();
        assertEquals(threads * each - 1, counted, summary);
    }

    @Test
    void refusesANonPositiveInterval() {
        assertThrows(IllegalArgumentException.class, () -> new RefusalLog(logger, Duration.ZERO, now::get));
        assertThrows(IllegalArgumentException.class, () -> new RefusalLog(logger, Duration.ofSeconds(-1), now::get));
    }
}
