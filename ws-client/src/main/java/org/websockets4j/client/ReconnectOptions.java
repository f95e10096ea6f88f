package org.websockets4j.client;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.function.DoubleSupplier;
import java.util.function.Predicate;
import javax.net.ssl.SSLHandshakeException;
import org.websockets4j.http.IncompleteMessage;
import org.websockets4j.http.InvalidStatusCode;

/**
 * How a {@link ReconnectingClient} spaces its attempts and which failures it retries: websockets'
 * reconnection in {@code async for websocket in connect(...)}, its truncated exponential backoff
 * and its {@code process_exception}. Immutable and thread-safe.
 *
 * <p><b>The schedule</b> (websockets' defaults, which it reads from the
 * {@code WEBSOCKETS_BACKOFF_*} environment variables; we take them from this builder only): the
 * first attempt is made at once; after a failure, the first retry waits a random time between 0
 * and {@link #initialDelay()} (5 s), so that clients cut off together do not come back together;
 * the second waits {@link #minDelay()} (3.1 s); each later one {@link #factor()} (1.618) times
 * longer than the one before, up to {@link #maxDelay()} (90 s). A connection that opens resets the
 * schedule: after it ends, the next attempt is made at once.
 *
 * <p><b>What is retried</b> ({@link #isRetriable(Exception)}, replaceable with
 * {@link Builder#retryOn(Predicate)}): network errors (any {@link IOException}, timeouts included,
 * but not an {@link SSLHandshakeException}: an untrusted or mismatched certificate does not heal by
 * waiting, where websockets retries every {@code OSError}, TLS errors included), a server that
 * closed the connection before answering in full ({@link IncompleteMessage}), and the statuses
 * 500, 502, 503 and 504. Any other failure (403, 404, an invalid handshake, a refused redirect) is
 * thrown to the caller and ends the reconnecting.
 */
public final class ReconnectOptions {
    /** websockets' {@code WEBSOCKETS_BACKOFF_INITIAL_DELAY}: 5 s. */
    public static final Duration DEFAULT_INITIAL_DELAY = Duration.ofSeconds(5);
    /** websockets' {@code WEBSOCKETS_BACKOFF_MIN_DELAY}: 3.1 s. */
    public static final Duration DEFAULT_MIN_DELAY = Duration.ofMillis(3100);
    /** websockets' {@code WEBSOCKETS_BACKOFF_MAX_DELAY}: 90 s. */
    public static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(90);
    /** websockets' {@code WEBSOCKETS_BACKOFF_FACTOR}: 1.618. */
    public static final double DEFAULT_FACTOR = 1.618;

    private static final Set<Integer> RETRIABLE_STATUSES = Set.of(500, 502, 503, 504);
    private static final ReconnectOptions DEFAULTS = builder().build();

    private final Duration initialDelay;
    private final Duration minDelay;
    private final Duration maxDelay;
    private final double factor;
    private final Predicate<? super Exception> retryOn;

    private ReconnectOptions(Builder builder) {
        this.initialDelay = builder.initialDelay;
        this.minDelay = builder.minDelay;
        this.maxDelay = builder.maxDelay;
        this.factor = builder.factor;
        this.retryOn = builder.retryOn;
    }

    /**
     * websockets' defaults.
     *
     * @return the default options
     */
    public static ReconnectOptions defaults() {
        return DEFAULTS;
    }

    /**
     * A builder holding the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The default retry rule (websockets' {@code process_exception}, see the type's
     * documentation).
     *
     * @param failure a failure of a connection attempt
     * @return true when a later attempt may succeed
     */
    public static boolean isRetriable(Exception failure) {
        if (failure instanceof SSLHandshakeException) {
            return false;
        }
        if (failure instanceof IOException || failure instanceof IncompleteMessage) {
            return true;
        }
        return failure instanceof InvalidStatusCode status && RETRIABLE_STATUSES.contains(status.statusCode());
    }

    /**
     * The upper bound of the random wait before the first retry.
     *
     * @return a duration, zero or more
     */
    public Duration initialDelay() {
        return initialDelay;
    }

    /**
     * The wait before the second retry.
     *
     * @return a duration, zero or more
     */
    public Duration minDelay() {
        return minDelay;
    }

    /**
     * The longest wait between two attempts.
     *
     * @return a duration, at least {@link #minDelay()}
     */
    public Duration maxDelay() {
        return maxDelay;
    }

    /**
     * How much longer each wait is than the one before, from the second retry on.
     *
     * @return a factor, at least 1
     */
    public double factor() {
        return factor;
    }

    /**
     * Whether a failed attempt is retried.
     *
     * @param failure the failure
     * @return true to retry after the next delay, false to give up and throw it
     */
    public boolean retries(Exception failure) {
        return retryOn.test(failure);
    }

    /**
     * The wait before retry number {@code retry} (0 for the first retry after a failure).
     *
     * @param retry  how many retries were made since the last connection that opened
     * @param random a source of uniform numbers in [0, 1), for the first retry's wait
     * @return the wait
     */
    Duration delay(int retry, DoubleSupplier random) {
        if (retry == 0) {
            return Duration.ofNanos((long) (random.getAsDouble() * initialDelay.toNanos()));
        }
        double nanos = minDelay.toNanos() * Math.pow(factor, retry - 1);
        return nanos >= maxDelay.toNanos() ? maxDelay : Duration.ofNanos((long) nanos);
    }

    @Override
    public String toString() {
        return "ReconnectOptions[initialDelay=" + initialDelay + ", minDelay=" + minDelay + ", maxDelay=" + maxDelay
                + ", factor=" + factor + "]";
    }

    /** Builds {@link ReconnectOptions}; starts from the defaults. Not thread-safe. */
    public static final class Builder {
        private Duration initialDelay = DEFAULT_INITIAL_DELAY;
        private Duration minDelay = DEFAULT_MIN_DELAY;
        private Duration maxDelay = DEFAULT_MAX_DELAY;
        private double factor = DEFAULT_FACTOR;
        private Predicate<? super Exception> retryOn = ReconnectOptions::isRetriable;

        private Builder() {
        }

        /**
         * Sets {@link ReconnectOptions#initialDelay()}.
         *
         * @param initialDelay zero or more
         * @return this builder
         * @throws NullPointerException when {@code initialDelay} is null
         */
        public Builder initialDelay(Duration initialDelay) {
            this.initialDelay = Objects.requireNonNull(initialDelay, "initialDelay");
            return this;
        }

        /**
         * Sets {@link ReconnectOptions#minDelay()}.
         *
         * @param minDelay zero or more
         * @return this builder
         * @throws NullPointerException when {@code minDelay} is null
         */
        public Builder minDelay(Duration minDelay) {
            this.minDelay = Objects.requireNonNull(minDelay, "minDelay");
            return this;
        }

        /**
         * Sets {@link ReconnectOptions#maxDelay()}.
         *
         * @param maxDelay at least the minimum delay
         * @return this builder
         * @throws NullPointerException when {@code maxDelay} is null
         */
        public Builder maxDelay(Duration maxDelay) {
            this.maxDelay = Objects.requireNonNull(maxDelay, "maxDelay");
            return this;
        }

        /**
         * Sets {@link ReconnectOptions#factor()}.
         *
         * @param factor at least 1
         * @return this builder
         */
        public Builder factor(double factor) {
            this.factor = factor;
            return this;
        }

        /**
         * Replaces the retry rule (websockets' {@code process_exception}); the default is
         * {@link ReconnectOptions#isRetriable(Exception)}, which a custom rule may call.
         *
         * @param retryOn true for the failures to retry; called on the thread that connects, must
         *                not block
         * @return this builder
         * @throws NullPointerException when {@code retryOn} is null
         */
        public Builder retryOn(Predicate<? super Exception> retryOn) {
            this.retryOn = Objects.requireNonNull(retryOn, "retryOn");
            return this;
        }

        /**
         * The options.
         *
         * @return the options
         * @throws IllegalArgumentException naming the option when a delay is negative, the
         *                                  maximum is below the minimum, or the factor is below 1
         *                                  or not a number
         */
        public ReconnectOptions build() {
            for (var delay : new Object[][] {{"initialDelay", initialDelay}, {"minDelay", minDelay}, {"maxDelay", maxDelay}}) {
                if (((Duration) delay[1]).isNegative()) {
                    throw new IllegalArgumentException(delay[0] + " must not be negative, got " + delay[1]);
                }
            }
            if (maxDelay.compareTo(minDelay) < 0) {
                throw new IllegalArgumentException("maxDelay must be at least minDelay, got " + maxDelay + " < " + minDelay);
            }
            if (!(factor >= 1)) {
                throw new IllegalArgumentException("factor must be at least 1, got " + factor);
            }
            return new ReconnectOptions(this);
        }
    }
}
