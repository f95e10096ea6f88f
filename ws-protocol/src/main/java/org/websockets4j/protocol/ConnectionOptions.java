package org.websockets4j.protocol;

import java.time.Duration;
import java.util.Objects;

/**
 * The options of a WebSocket connection once it is open: Python websockets' {@code ping_interval},
 * {@code ping_timeout}, {@code close_timeout}, {@code max_size}, {@code max_queue},
 * {@code read_limit} and {@code write_limit}, with the same meanings and defaults.
 *
 * <p>Immutable and thread-safe; build one with {@link #builder()} or take {@link #defaults()}.
 * Where Python takes {@code None}, a duration is {@code null} and a size is {@link #NO_LIMIT}.
 * The server's and the client's option builders set these with the same setters as
 * {@link #builder()}: those of {@link Settings}, where each option is set, checked and documented
 * once.
 *
 * <table>
 *   <caption>Options and defaults</caption>
 *   <tr><th>option</th><th>default</th><th>disabled by</th><th>enforced by</th></tr>
 *   <tr><td>{@link #pingInterval()}</td><td>20 s</td><td>null</td><td>{@link Connection}</td></tr>
 *   <tr><td>{@link #pingTimeout()}</td><td>20 s</td><td>null</td><td>{@link Connection}</td></tr>
 *   <tr><td>{@link #closeTimeout()}</td><td>10 s</td><td>null</td><td>{@link Connection}</td></tr>
 *   <tr><td>{@link #maxSize()}</td><td>1 MiB</td><td>{@link #NO_LIMIT}</td><td>{@link Connection}</td></tr>
 *   <tr><td>{@link #maxFrameSize()}</td><td>{@link #maxSize()}</td><td>{@link #NO_LIMIT}</td><td>{@link Connection}</td></tr>
 *   <tr><td>{@link #maxFragments()}</td><td>65,536</td><td>{@link #NO_LIMIT}</td><td>{@link Connection}</td></tr>
 *   <tr><td>{@link #maxQueue()}</td><td>32</td><td>{@link #NO_LIMIT}</td><td>the I/O driver</td></tr>
 *   <tr><td>{@link #maxQueueBytes()}</td><td>1 MiB</td><td>{@link #NO_LIMIT}</td><td>the I/O driver</td></tr>
 *   <tr><td>{@link #readLimit()}</td><td>64 KiB</td><td>-</td><td>the I/O driver</td></tr>
 *   <tr><td>{@link #writeLimit()}</td><td>64 KiB</td><td>-</td><td>the I/O driver</td></tr>
 * </table>
 */
public final class ConnectionOptions {
    /** The value of {@link #maxSize()}, {@link #maxFragments()} and {@link #maxQueue()} meaning "no limit" (Python's {@code None}). */
    public static final long NO_LIMIT = Long.MAX_VALUE;

    /** Default {@link #pingInterval()}: 20 seconds. */
    public static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(20);
    /** Default {@link #pingTimeout()}: 20 seconds. */
    public static final Duration DEFAULT_PING_TIMEOUT = Duration.ofSeconds(20);
    /** Default {@link #closeTimeout()}: 10 seconds. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);
    /** Default {@link #maxSize()}: 1 MiB. */
    public static final long DEFAULT_MAX_SIZE = 1 << 20;
    /** Default {@link #maxFragments()}: 65,536 frames (a 4 MiB message in 64-byte fragments still fits). */
    public static final long DEFAULT_MAX_FRAGMENTS = 1 << 16;
    /** Default {@link #maxQueueBytes()}: 1 MiB. */
    public static final long DEFAULT_MAX_QUEUE_BYTES = 1 << 20;
    /** Default {@link #maxQueue()}: 32 messages. */
    public static final long DEFAULT_MAX_QUEUE = 32;
    /** Default {@link #readLimit()}: 64 KiB. */
    public static final int DEFAULT_READ_LIMIT = 1 << 16;
    /** Default {@link #writeLimit()}: 64 KiB. */
    public static final int DEFAULT_WRITE_LIMIT = 1 << 16;

    private static final ConnectionOptions DEFAULTS = builder().build();

    private final Duration pingInterval;
    private final Duration pingTimeout;
    private final Duration closeTimeout;
    private final long maxSize;
    private final long maxFragments;
    /** As set; {@link Settings#UNSET} follows maxSize. */
    private final long maxFrameSize;
    private final long maxQueue;
    private final long maxQueueBytes;
    private final int readLimit;
    private final int writeLimit;

    private ConnectionOptions(Settings<?> settings) {
        this.pingInterval = settings.pingInterval;
        this.pingTimeout = settings.pingTimeout;
        this.closeTimeout = settings.closeTimeout;
        this.maxSize = settings.maxSize;
        this.maxFragments = settings.maxFragments;
        this.maxFrameSize = settings.maxFrameSize;
        this.maxQueue = settings.maxQueue;
        this.maxQueueBytes = settings.maxQueueBytes;
        this.readLimit = settings.readLimit;
        this.writeLimit = settings.writeLimit;
    }

    /**
     * The options with every default.
     *
     * @return the shared default options, never null
     */
    public static ConnectionOptions defaults() {
        return DEFAULTS;
    }

    /**
     * A builder holding every default.
     *
     * @return a new builder, starting from the defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding these options, to derive others from them.
     *
     * @return a new builder holding these options; changing it leaves this instance alone
     */
    public Builder toBuilder() {
        return new Builder().connection(this);
    }

    /**
     * How often a keepalive ping is sent while the connection is open, or null for no keepalive
     * pings. Pings help keep the connection open through proxies with short idle timeouts.
     *
     * @return the interval, positive; null when keepalive pings are off (default 20 s)
     */
    public Duration pingInterval() {
        return pingInterval;
    }

    /**
     * How long to wait for the pong answering a keepalive ping, or null to never time out. When
     * the pong does not arrive in time the connection is considered unusable and fails with code
     * 1011. Only keepalive pings are timed; it has no effect when {@link #pingInterval()} is null.
     *
     * @return the timeout, positive (default 20 s); null when a late pong never fails the
     *         connection
     */
    public Duration pingTimeout() {
        return pingTimeout;
    }

    /**
     * The longest wait for each step of ending the connection once a close frame was sent: for
     * the peer's close frame, then for the end of the TCP connection. When it runs out, the
     * connection gives up and the TCP connection is closed. Null waits forever.
     *
     * <p><b>Null and the reference.</b> Null means no timeout, as {@code close_timeout=None} does
     * in websockets 10 and later (17 included): {@code close()} then waits as long as the peer
     * takes, and a peer that never answers holds it forever. In websockets 8,
     * {@code close_timeout=None} meant "the default, 10 s"; to get that, leave the option alone.
     *
     * @return the timeout for each closing step, positive; null to wait forever (default 10 s)
     */
    public Duration closeTimeout() {
        return closeTimeout;
    }

    /**
     * The largest incoming message, in bytes, counted over all its frames; or {@link #NO_LIMIT}.
     * A larger message fails the connection with code 1009, as soon as a frame header announces
     * too much.
     *
     * @return the limit in bytes, at least 0, or {@link #NO_LIMIT} (default 1 MiB)
     */
    public long maxSize() {
        return maxSize;
    }

    /**
     * The largest incoming data frame (one fragment of a message), in bytes, after decompression;
     * or {@link #NO_LIMIT}. A larger frame fails the connection with code 1009, as soon as its
     * header announces it (or, compressed, once it is inflated past the limit). Unless set, it is
     * {@link #maxSize()}, so only the message limit shows. Set it below {@code maxSize} for
     * messages that may be long but must arrive in short fragments (websockets' {@code max_size}
     * given as a (message, fragment) pair); it is also the one limit of a message received with
     * {@link WebSocket#recvStream()}, which {@code maxSize} does not bound. A frame is checked
     * against both limits: the smaller wins. Control frames (at most 125 bytes) are not limited
     * by it.
     *
     * @return the limit in bytes, at least 1, or {@link #NO_LIMIT}; {@link #maxSize()} unless set
     */
    public long maxFrameSize() {
        return maxFrameSize == Settings.UNSET ? maxSize : maxFrameSize;
    }

    /**
     * The most frames one incoming message may arrive in; one more fails the connection with
     * 1009 (message too big), like {@link #maxSize()}. A message costs its payload whatever its
     * fragmentation, so this bounds the work, not the memory, of a peer sending a message in
     * tiny or empty fragments (which {@code maxSize} alone cannot stop: empty fragments add
     * nothing to the size). Not in Python websockets.
     *
     * @return the limit in frames, at least 1; {@link #NO_LIMIT} for none (default 65,536)
     */
    public long maxFragments() {
        return maxFragments;
    }

    /**
     * The most received messages held until the application takes them; or {@link #NO_LIMIT}.
     * When the queue is full, the I/O driver stops reading, so the TCP window closes and the peer
     * slows down. Enforced by the driver, not by {@link Connection}.
     *
     * @return the limit in messages, at least 1, or {@link #NO_LIMIT} (default 32)
     */
    public long maxQueue() {
        return maxQueue;
    }

    /**
     * The most received data held until the application takes it, in bytes of binary messages and
     * characters of text: the byte bound beside {@link #maxQueue()}'s count. When the queue holds
     * this much, the driver stops reading, as at {@code maxQueue}. Without it a peer could make a
     * connection hold {@code maxQueue} × {@code maxSize} (32 MiB at the defaults, 512 MiB with a
     * 16 MiB {@code maxSize}); with it the queue holds at most this plus what one read brings
     * ({@link #readLimit()}) plus one message. Python
     * websockets 14+ bounds its queue in frames with high and low water marks.
     *
     * @return the limit, at least 1; {@link #NO_LIMIT} for none (default 1 MiB)
     */
    public long maxQueueBytes() {
        return maxQueueBytes;
    }

    /**
     * The high-water mark, in bytes, of the buffer for incoming bytes; the low-water mark is half
     * of it. Enforced by the I/O driver, not by {@link Connection}.
     *
     * @return the limit in bytes, at least 1 (default 64 KiB)
     */
    public int readLimit() {
        return readLimit;
    }

    /**
     * The high-water mark, in bytes, of the buffer for outgoing bytes: above it a send waits until
     * the buffer drains under the low-water mark, a quarter of it. Enforced by the I/O driver, not
     * by {@link Connection}.
     *
     * @return the limit in bytes, at least 1 (default 64 KiB)
     */
    public int writeLimit() {
        return writeLimit;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ConnectionOptions that
                && Objects.equals(pingInterval, that.pingInterval)
                && Objects.equals(pingTimeout, that.pingTimeout)
                && Objects.equals(closeTimeout, that.closeTimeout)
                && maxSize == that.maxSize
                && maxFragments == that.maxFragments
                && maxFrameSize == that.maxFrameSize
                && maxQueue == that.maxQueue
                && maxQueueBytes == that.maxQueueBytes
                && readLimit == that.readLimit
                && writeLimit == that.writeLimit;
    }

    @Override
    public int hashCode() {
        return Objects.hash(pingInterval, pingTimeout, closeTimeout, maxSize, maxFragments, maxFrameSize, maxQueue, maxQueueBytes, readLimit,
                writeLimit);
    }

    /** For example {@code ConnectionOptions[pingInterval=PT20S, ..., maxQueue=NO_LIMIT, ...]}. */
    @Override
    public String toString() {
        return "ConnectionOptions[pingInterval=" + pingInterval
                + ", pingTimeout=" + pingTimeout
                + ", closeTimeout=" + closeTimeout
                + ", maxSize=" + limit(maxSize)
                + ", maxFragments=" + limit(maxFragments)
                + (maxFrameSize == Settings.UNSET ? "" : ", maxFrameSize=" + limit(maxFrameSize))
                + ", maxQueue=" + limit(maxQueue)
                + ", maxQueueBytes=" + limit(maxQueueBytes)
                + ", readLimit=" + readLimit
                + ", writeLimit=" + writeLimit + "]";
    }

    private static String limit(long value) {
        return value == NO_LIMIT ? "NO_LIMIT" : Long.toString(value);
    }

    /**
     * Builds {@link ConnectionOptions}; starts from the defaults. Setters take any value and
     * {@link #build()} checks them all, so options can be set in any order. Not thread-safe.
     *
     * <p>Its setters are those of {@link Settings}, which {@code ServerOptions.Builder} and
     * {@code ClientOptions.Builder} share.
     */
    public static final class Builder extends Settings<Builder> {
        private Builder() {
        }

        /**
         * The options.
         *
         * @return new immutable options; the builder may be reused
         * @throws IllegalArgumentException naming the option and the fix when a value is out of
         *                                  range; see {@link Settings#connectionOptions()}
         */
        public ConnectionOptions build() {
            return connectionOptions();
        }
    }

    /**
     * The connection options as a builder sets them: the one place where each is set, checked and
     * documented, shared by every builder that takes connection options
     * ({@link ConnectionOptions.Builder}, {@code ServerOptions.Builder},
     * {@code ClientOptions.Builder}), so that {@code ServerOptions.builder().maxSize(...)} and
     * {@code ConnectionOptions.builder().maxSize(...)} are the same method. Each setter returns
     * the subclass's own builder ({@code B}), so calls chain on into the subclass's own setters:
     * {@code ServerOptions.builder().pingInterval(null).origins("https://example.com")}.
     *
     * <p>It starts from the defaults. Setters take any value; {@link #connectionOptions()} (which
     * the subclass's {@code build()} calls) checks them all, so options can be set in any order.
     * Not thread-safe.
     *
     * <p><b>Adding a connection option</b> takes, in this file only: the field and accessor of
     * {@link ConnectionOptions} (with its default constant, and in {@code equals},
     * {@code hashCode}, {@code toString} and the table of the type's documentation); a field with
     * its default, a setter, and a line each in {@link #connection(ConnectionOptions)} and
     * {@link #connectionOptions()} (its check) here. Every builder then offers it.
     *
     * @param <B> the concrete builder extending this class, which every setter returns
     */
    public abstract static class Settings<B extends Settings<B>> {
        /** maxFrameSize not set: it follows maxSize. */
        static final long UNSET = -1;

        private Duration pingInterval = DEFAULT_PING_INTERVAL;
        private Duration pingTimeout = DEFAULT_PING_TIMEOUT;
        private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
        private long maxSize = DEFAULT_MAX_SIZE;
        private long maxFragments = DEFAULT_MAX_FRAGMENTS;
        private long maxFrameSize = UNSET;
        private long maxQueue = DEFAULT_MAX_QUEUE;
        private long maxQueueBytes = DEFAULT_MAX_QUEUE_BYTES;
        private int readLimit = DEFAULT_READ_LIMIT;
        private int writeLimit = DEFAULT_WRITE_LIMIT;

        /**
         * Every connection option at its default. For builders only: a subclass must pass itself
         * as {@code B} ({@code class Builder extends Settings<Builder>}).
         */
        protected Settings() {
        }

        @SuppressWarnings("unchecked")
        private B self() {
            return (B) this;
        }

        /**
         * Sets every connection option to those of {@code options}, replacing any set before; the
         * setters called afterwards change them further.
         *
         * @param options the connection options, not null; already valid, as they were built
         * @return this builder
         * @throws NullPointerException at once when {@code options} is null
         */
        public B connection(ConnectionOptions options) {
            this.pingInterval = options.pingInterval;
            this.pingTimeout = options.pingTimeout;
            this.closeTimeout = options.closeTimeout;
            this.maxSize = options.maxSize;
            this.maxFragments = options.maxFragments;
            this.maxFrameSize = options.maxFrameSize;
            this.maxQueue = options.maxQueue;
            this.maxQueueBytes = options.maxQueueBytes;
            this.readLimit = options.readLimit;
            this.writeLimit = options.writeLimit;
            return self();
        }

        /**
         * Sets {@link ConnectionOptions#pingInterval()}, how often a keepalive ping is sent; null
         * disables keepalive pings.
         *
         * @param pingInterval the interval between keepalive pings, positive, or null
         * @return this builder; the value is checked when the options are built
         */
        public B pingInterval(Duration pingInterval) {
            this.pingInterval = pingInterval;
            return self();
        }

        /**
         * Sets {@link ConnectionOptions#pingTimeout()}, the wait for a keepalive ping's pong; null
         * never times out.
         *
         * @param pingTimeout the wait for a keepalive pong, positive, or null
         * @return this builder; the value is checked when the options are built
         */
        public B pingTimeout(Duration pingTimeout) {
            this.pingTimeout = pingTimeout;
            return self();
        }

        /**
         * Sets {@link ConnectionOptions#closeTimeout()}, the wait for each step of the closing
         * handshake; null waits forever.
         *
         * @param closeTimeout the wait for each closing step, positive, or null
         * @return this builder; the value is checked when the options are built
         */
        public B closeTimeout(Duration closeTimeout) {
            this.closeTimeout = closeTimeout;
            return self();
        }

        /**
         * Sets {@link ConnectionOptions#maxSize()}, the largest incoming message, in bytes;
         * {@link ConnectionOptions#NO_LIMIT} for no limit.
         *
         * @param maxSize the largest incoming message in bytes, at least 0, or
         *                {@link ConnectionOptions#NO_LIMIT}
         * @return this builder; the value is checked when the options are built
         */
        public B maxSize(long maxSize) {
            this.maxSize = maxSize;
            return self();
        }

        /**
         * Sets {@link ConnectionOptions#maxFrameSize()}, the largest incoming data frame, in
         * bytes; {@link ConnectionOptions#NO_LIMIT} for no limit of its own. Unless set, it
         * follows {@link #maxSize(long)}.
         *
         * @param maxFrameSize the largest incoming data frame in bytes, at least 1, or
         *                     {@link ConnectionOptions#NO_LIMIT}
         * @return this builder; the value is checked when the options are built
         */
        public B maxFrameSize(long maxFrameSize) {
            this.maxFrameSize = maxFrameSize;
            return self();
        }

        /**
         * Sets {@link ConnectionOptions#maxFragments()}, the most frames one incoming message may
         * arrive in; {@link ConnectionOptions#NO_LIMIT} for no limit.
         *
         * @param maxFragments the most frames per incoming message, at least 1, or
         *                     {@link ConnectionOptions#NO_LIMIT}
         * @return this builder; the value is checked when the options are built
         */
        public B maxFragments(long maxFragments) {
            this.maxFragments = maxFragments;
            return self();
        }

        /**
         * Sets {@link ConnectionOptions#maxQueue()}, the most received messages held for the
         * application; {@link ConnectionOptions#NO_LIMIT} for no limit.
         *
         * @param maxQueue the most messages waiting for the application, at least 1, or
         *                 {@link ConnectionOptions#NO_LIMIT}
         * @return this builder; the value is checked when the options are built
         */
        public B maxQueue(long maxQueue) {
            this.maxQueue = maxQueue;
            return self();
        }

        /**
         * Sets {@link ConnectionOptions#maxQueueBytes()}, the most received data held for the
         * application; {@link ConnectionOptions#NO_LIMIT} for no limit.
         *
         * @param maxQueueBytes bytes of binary messages and characters of text, at least 1, or
         *                      {@link ConnectionOptions#NO_LIMIT}
         * @return this builder; the value is checked when the options are built
         */
        public B maxQueueBytes(long maxQueueBytes) {
            this.maxQueueBytes = maxQueueBytes;
            return self();
        }

        /**
         * Sets {@link ConnectionOptions#readLimit()}, the incoming buffer's high-water mark, in
         * bytes.
         *
         * @param readLimit the incoming buffer's high-water mark in bytes, at least 1
         * @return this builder; the value is checked when the options are built
         */
        public B readLimit(int readLimit) {
            this.readLimit = readLimit;
            return self();
        }

        /**
         * Sets {@link ConnectionOptions#writeLimit()}, the outgoing buffer's high-water mark, in
         * bytes.
         *
         * @param writeLimit the outgoing buffer's high-water mark in bytes, at least 1
         * @return this builder; the value is checked when the options are built
         */
        public B writeLimit(int writeLimit) {
            this.writeLimit = writeLimit;
            return self();
        }

        /**
         * Checks the connection options set so far and returns them; the subclass's
         * {@code build()} calls it. Changing this builder afterwards leaves them alone.
         *
         * @return new immutable connection options
         * @throws IllegalArgumentException naming the option and the fix when a duration is zero
         *                                  or negative, {@code maxSize} is negative,
         *                                  {@code maxFrameSize} is set below 1,
         *                                  {@code maxFragments} or {@code maxQueue} is below 1, or a
         *                                  limit is below 1
         */
        protected final ConnectionOptions connectionOptions() {
            checkDuration("pingInterval", pingInterval, "null to send no keepalive pings");
            checkDuration("pingTimeout", pingTimeout, "null to never time out");
            checkDuration("closeTimeout", closeTimeout, "null to wait forever");
            if (maxSize < 0) {
                throw new IllegalArgumentException("maxSize must be >= 0 bytes, got " + maxSize
                        + "; use ConnectionOptions.NO_LIMIT for no limit");
            }
            if (maxFrameSize != UNSET && maxFrameSize < 1) {
                throw new IllegalArgumentException("maxFrameSize must be >= 1 byte, got " + maxFrameSize
                        + "; use ConnectionOptions.NO_LIMIT for no limit of its own, or leave it unset to follow maxSize");
            }
            if (maxFragments < 1) {
                throw new IllegalArgumentException("maxFragments must be >= 1 frame, got " + maxFragments
                        + "; use ConnectionOptions.NO_LIMIT for no limit");
            }
            if (maxQueue < 1) {
                throw new IllegalArgumentException("maxQueue must be >= 1 message, got " + maxQueue
                        + "; use ConnectionOptions.NO_LIMIT for no limit");
            }
            if (maxQueueBytes < 1) {
                throw new IllegalArgumentException("maxQueueBytes must be >= 1, got " + maxQueueBytes
                        + "; use ConnectionOptions.NO_LIMIT for no limit");
            }
            if (readLimit < 1) {
                throw new IllegalArgumentException("readLimit must be > 0 bytes, got " + readLimit
                        + "; the default is " + DEFAULT_READ_LIMIT);
            }
            if (writeLimit < 1) {
                throw new IllegalArgumentException("writeLimit must be > 0 bytes, got " + writeLimit
                        + "; the default is " + DEFAULT_WRITE_LIMIT);
            }
            return new ConnectionOptions(this);
        }

        private static void checkDuration(String name, Duration value, String disable) {
            if (value != null && (value.isNegative() || value.isZero())) {
                throw new IllegalArgumentException(name + " must be positive, got " + value
                        + "; use a positive Duration, or " + disable);
            }
        }
    }
}
