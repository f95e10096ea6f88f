package org.websockets4j.client;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads a {@code Retry-After} header (RFC 9110 §10.2.3): a number of seconds or an HTTP date.
 * Stateless and thread-safe.
 */
final class RetryAfter {
    /** Longer than any sensible wait; keeps a hostile number from overflowing a Duration. */
    private static final long MAX_SECONDS = 365L * 24 * 3600;

    private RetryAfter() {
    }

    /**
     * The wait a {@code Retry-After} value asks for.
     *
     * @param value the header value, or null when there was none
     * @param now   the current time, against which a date is measured
     * @return the wait (zero for a date in the past), or empty when the value is absent or invalid
     */
    static Optional<Duration> parse(String value, Instant now) {
        if (value == null) {
            return Optional.empty();
        }
        String trimmed = value.strip();
        if (!trimmed.isEmpty() && trimmed.chars().allMatch(c -> c >= '0' && c <= '9')) {
            long seconds = trimmed.length() > 12 ? MAX_SECONDS : Math.min(Long.parseLong(trimmed), MAX_SECONDS);
            return Optional.of(Duration.ofSeconds(seconds));
        }
        try {
            Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(now, at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
