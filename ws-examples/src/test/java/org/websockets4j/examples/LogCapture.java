package org.websockets4j.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Records what the library's System.Loggers log, through java.util.logging (the JDK's default
 * backend): {@link #capture} a logger at a level, read {@link #records()}, {@link #release()} after
 * each test. The loggers captured are held strongly: JUL keeps loggers weakly, and a collected one
 * would lose its level. Thread-safe for the records; capture and release from the test's thread.
 */
final class LogCapture {
    private final List<Logger> captured = new ArrayList<>();
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    /** Sets {@code logger}'s level and records what it logs from now on. */
    void capture(Logger logger, Level level) {
        logger.setLevel(level);
        logger.addHandler(handler);
        captured.add(logger);
    }

    /** Stops recording and gives every captured logger back its inherited level. */
    void release() {
        for (Logger logger : captured) {
            logger.removeHandler(handler);
            logger.setLevel(null);
        }
        captured.clear();
    }

    /** Everything recorded so far, in order. */
    List<LogRecord> records() {
        return records;
    }

    /** The records whose message contains {@code text}. */
    List<LogRecord> mentioning(String text) {
        return records.stream().filter(r -> r.getMessage() != null && r.getMessage().contains(text)).toList();
    }
}
