package org.websockets4j.extensions.permessagedeflate;

import java.util.zip.Deflater;

/**
 * How permessage-deflate compresses what this side sends: the counterpart of Python websockets'
 * {@code compress_settings}, immutable. Decompression needs no settings: it follows what the peer
 * negotiated.
 *
 * <table>
 *   <caption>Settings and defaults</caption>
 *   <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@link #level()}</td><td>6</td><td>zlib's compression level, 0 (stored blocks only)
 *       to 9 (smallest); 6 is zlib's own default and Python's</td></tr>
 *   <tr><td>{@link #threshold()}</td><td>{@value #DEFAULT_THRESHOLD} bytes</td><td>a message sent
 *       in one frame and shorter than this goes uncompressed (RSV1 clear)</td></tr>
 *   <tr><td>{@link #windowBits()}</td><td>{@value #DEFAULT_WINDOW_BITS}</td><td>the largest window
 *       the compressor uses even when the peer allows more (8 to 15): with context takeover, what
 *       a connection keeps between messages is 2<sup>windowBits</sup> bytes of heap</td></tr>
 *   <tr><td>{@link #dedicatedDeflater()}</td><td>false</td><td>keep one {@link Deflater} per
 *       connection instead of borrowing one from a shared pool per frame</td></tr>
 * </table>
 *
 * <p><b>Why a threshold of {@value #DEFAULT_THRESHOLD} bytes.</b> Without a matching context,
 * DEFLATE makes short text longer: its fixed Huffman codes spend 8 to 9 bits on most literals
 * plus a block header and an end-of-block code, so JSON-like text only starts to shrink between 32
 * and 48 bytes (measured with zlib at level 6: 32 bytes → 33, 48 → 44, 64 → 55). Below 32 bytes
 * the saving is at best a couple of dozen bytes even when the context matches, while the cost per
 * message (a native call, and with a borrowed deflater a dictionary load) is fixed. Set 0 to
 * compress every message, as Python websockets does. Uncompressed messages do not enter the
 * compression context (RFC 7692 §6.1), so a skipped message costs nothing later either.
 *
 * <p><b>Memory.</b> {@link Deflater} cannot be given zlib's {@code memLevel} or {@code windowBits}:
 * the JDK always initialises it with a 32 KiB window and memLevel 8, about 260 KiB of native
 * memory. The memory knobs are therefore what a connection keeps between messages:
 * {@link #windowBits()} bounds the history kept on the heap, and {@link #dedicatedDeflater()}
 * trades a native deflater per connection (faster for small messages with a 15-bit window and
 * context takeover: no dictionary to load per message) for the pool's bounded set.
 *
 * <p><b>Why a {@value #DEFAULT_WINDOW_BITS}-bit window and a pooled deflater by default.</b> A
 * pooled deflater remembers the connection that last used it: while that connection gets it back
 * untouched, its stream simply continues (measured in ws-bench's {@code DeflateBenchmark}: about
 * 1.1 µs per 64-byte message at 12 or 15 bits, the same as a dedicated deflater), and up to
 * 2 &times; cores connections compressing in turn each stay warm. Beyond that a message starts
 * cold: a reset and up to half a window of history as a dictionary, which zlib hashes byte by byte
 * (about 8 µs at 12 bits, 45 µs at 15). A dedicated deflater costs about 260 KiB of native memory
 * for as long as the connection lives, idle or not; a pooled one costs nothing while idle. 12 bits
 * keeps an idle connection's sending context at 4 KiB of heap and a cold start cheap, for a ratio
 * within a few percent of a 32 KiB window on JSON-like traffic (see the module README); it is also
 * what Python websockets (10+) asks of clients. Servers with few, busy connections may prefer
 * {@link #dedicatedDeflater()} with 15 bits.
 */
public final class CompressionSettings {
    /** The default {@link #threshold()}, in bytes. */
    public static final int DEFAULT_THRESHOLD = 32;
    /** The default {@link #windowBits()}. */
    public static final int DEFAULT_WINDOW_BITS = 12;

    private static final CompressionSettings DEFAULTS = builder().build();

    private final int level;
    private final int threshold;
    private final int windowBits;
    private final boolean dedicatedDeflater;

    private CompressionSettings(Builder builder) {
        this.level = builder.level;
        this.threshold = builder.threshold;
        this.windowBits = builder.windowBits;
        this.dedicatedDeflater = builder.dedicatedDeflater;
    }

    /**
     * The default settings (see the class comment).
     *
     * @return the shared default settings, never null
     */
    public static CompressionSettings defaults() {
        return DEFAULTS;
    }

    /**
     * A builder starting from the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder starting from these settings, to derive others from them.
     *
     * @return a new builder holding these settings; changing it leaves this instance alone
     */
    public Builder toBuilder() {
        return new Builder().level(level).threshold(threshold).windowBits(windowBits)
                .dedicatedDeflater(dedicatedDeflater);
    }

    /**
     * zlib's compression level.
     *
     * @return the level, 0 (stored blocks only) to 9 (smallest); default 6
     */
    public int level() {
        return level;
    }

    /**
     * The size under which a message sent in one frame goes uncompressed; a fragmented message is
     * compressed whatever its size.
     *
     * @return the threshold in bytes, at least 0 (0 compresses every message); default
     *         {@value #DEFAULT_THRESHOLD}
     */
    public int threshold() {
        return threshold;
    }

    /**
     * The largest LZ77 window the compressor uses, whatever the peer allows; the negotiated
     * window applies when it is smaller.
     *
     * @return the base-2 logarithm of the window in bytes, 8 to 15; default
     *         {@value #DEFAULT_WINDOW_BITS}
     */
    public int windowBits() {
        return windowBits;
    }

    /**
     * Whether each connection keeps its own native deflater rather than borrow one from the
     * shared pool per frame.
     *
     * @return true for a deflater per connection (about 260 KiB of native memory for the
     *         connection's life); false (the default) for the pool
     */
    public boolean dedicatedDeflater() {
        return dedicatedDeflater;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CompressionSettings that && level == that.level && threshold == that.threshold
                && windowBits == that.windowBits && dedicatedDeflater == that.dedicatedDeflater;
    }

    @Override
    public int hashCode() {
        return ((level * 31 + threshold) * 31 + windowBits) * 2 + (dedicatedDeflater ? 1 : 0);
    }

    @Override
    public String toString() {
        return "CompressionSettings[level=" + level + ", threshold=" + threshold + ", windowBits=" + windowBits
                + ", dedicatedDeflater=" + dedicatedDeflater + "]";
    }

    /** Builds {@link CompressionSettings}; not thread-safe. */
    public static final class Builder {
        private int level = 6;
        private int threshold = DEFAULT_THRESHOLD;
        private int windowBits = DEFAULT_WINDOW_BITS;
        private boolean dedicatedDeflater;

        private Builder() {
        }

        /**
         * Sets {@link CompressionSettings#level()}.
         *
         * @param level zlib's compression level, 0 to 9
         * @return this builder
         * @throws IllegalArgumentException at once when not between 0 and 9
         */
        public Builder level(int level) {
            if (level < Deflater.NO_COMPRESSION || level > Deflater.BEST_COMPRESSION) {
                throw new IllegalArgumentException("level must be between 0 and 9, got " + level);
            }
            this.level = level;
            return this;
        }

        /**
         * Sets {@link CompressionSettings#threshold()}.
         *
         * @param bytes the size in bytes under which a one-frame message goes uncompressed; 0 to
         *              compress every message
         * @return this builder
         * @throws IllegalArgumentException at once when negative
         */
        public Builder threshold(int bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("threshold must be >= 0, got " + bytes);
            }
            this.threshold = bytes;
            return this;
        }

        /**
         * Sets {@link CompressionSettings#windowBits()}.
         *
         * @param bits the base-2 logarithm of the largest window, 8 to 15
         * @return this builder
         * @throws IllegalArgumentException at once when not between 8 and 15
         */
        public Builder windowBits(int bits) {
            this.windowBits = WindowBits.check("windowBits", bits);
            return this;
        }

        /**
         * Sets {@link CompressionSettings#dedicatedDeflater()}.
         *
         * @param dedicated true for a native deflater per connection, false for the shared pool
         * @return this builder
         */
        public Builder dedicatedDeflater(boolean dedicated) {
            this.dedicatedDeflater = dedicated;
            return this;
        }

        /**
         * The settings. Every value was checked when set, so this does not throw.
         *
         * @return new immutable settings; the builder may be reused
         */
        public CompressionSettings build() {
            return new CompressionSettings(this);
        }
    }
}
