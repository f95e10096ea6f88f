package org.websockets4j.extensions.permessagedeflate;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.Deflater;
import org.websockets4j.extensions.permessagedeflate.ZlibPool.PooledDeflater;

/**
 * The sending half of permessage-deflate for one connection: raw DEFLATE that never refers
 * further back than the window negotiated, whatever its size.
 *
 * <p><b>Honouring windows below 15 bits.</b> {@link Deflater} always runs zlib with a 32 KiB
 * window, so left alone it may emit distances up to 32 KiB, which a peer that negotiated a
 * smaller window must reject. Here the input is cut into chunks; for each chunk the deflater is
 * reset, given the last {@code D} bytes of history as its dictionary, and fed {@code C} new bytes
 * ending with a SYNC_FLUSH, where {@code D + C <= 2^bits}. zlib only refers to bytes it has seen,
 * which are these {@code D + C}, so no distance can exceed the window. A SYNC_FLUSH leaves the
 * stream byte-aligned after a non-final block, so the chunks' outputs simply concatenate into one
 * valid stream. {@code C} is at most half the window, so a message of up to half a window costs
 * exactly what plain zlib costs, with up to a full window of context before it; larger messages
 * pay about 5 bytes of flush marker and one block header per half window. With a 15-bit window
 * zlib's own window is the negotiated one, and the whole input is one chunk.
 *
 * <p><b>Continuing warm.</b> The reset and dictionary load are what a small message costs
 * (zlib's {@code deflateReset} clears a 64 KiB hash table and {@code setDictionary} hashes every
 * byte), so they are skipped whenever they are not needed: the compressor counts the bytes zlib
 * may refer to since the deflater's last reset ({@code reach}: the dictionary loaded plus every
 * byte fed since), and while the deflater still holds its own stream and {@code reach + C <=
 * 2^bits}, the next chunk is simply fed on. Only when the chunk would not fit is the deflater reset
 * and loaded with the last {@code D = min(history, 2^bits / 2)} bytes, which leaves half a window
 * of room: at 12 bits, some thirty 64-byte messages share one dictionary load. Distances still
 * never exceed {@code reach + C - 1 < 2^bits}. With 15 bits zlib's window is the negotiated one, so
 * a deflater holding its own stream always continues.
 *
 * <p><b>Native state.</b> By default the deflater is borrowed from {@link ZlibPool} for one frame
 * and the context survives between frames and messages as {@link History} (at most
 * 2<sup>bits</sup> heap bytes): an idle connection holds no native memory. The compressor asks the
 * pool for the deflater it used last, and continues warm only if it gets it back with its own id
 * as {@link PooledDeflater#owner} (nobody else fed it since; the pool makes this check race-free);
 * any other deflater is reset and loaded with the dictionary. With
 * {@link CompressionSettings#dedicatedDeflater()} the connection keeps its own deflater, which is
 * always warm; with a 15-bit window it then streams through it without ever loading a dictionary,
 * and keeps no history. {@link #release()} hands back or ends whatever is held.
 *
 * <p>Not thread-safe: one connection, one thread at a time.
 */
final class Compressor {
    /** The empty stored block a SYNC_FLUSH ends with; RFC 7692 §7.2.1 removes it from each message. */
    static final int TAIL_LENGTH = 4;
    private static final int ZLIB_WINDOW = 1 << 15;
    /** A non-final stored block of no bytes at a byte boundary: what a SYNC_FLUSH writes. */
    private static final byte[] EMPTY_STORED_BLOCK = {0, 0, 0, (byte) 0xff, (byte) 0xff};
    /** Compressor ids for {@link PooledDeflater#owner}; 0 is nobody. */
    private static final AtomicLong IDS = new AtomicLong();

    private final long id = IDS.incrementAndGet();

    private final int window;
    private final boolean noContextTakeover;
    private final int level;
    private final boolean dedicated;
    private final boolean streaming;
    private final ZlibPool pool;
    private final History history;
    private final SharedCompression.Key sharedKey;
    private PooledDeflater owned;
    /**
     * The deflater this compressor fed last, holding its stream if its {@code owner} is still
     * {@link #id}; null when the next chunk must start afresh (never fed, no context takeover
     * between messages, or a failure mid-deflate).
     */
    private PooledDeflater last;
    /** Bytes {@link #last} may refer to: the dictionary loaded at its last reset plus every byte fed since. */
    private long reach;
    /** Messages this connection actually deflated (not taken from {@link SharedCompression}); for tests. */
    private long deflated;
    /** Chunks that started afresh (reset or new deflater, dictionary loaded); for tests. */
    private long freshStarts;

    /**
     * @param bits              the window this side may use, 8 to 15
     * @param noContextTakeover true to start every message with an empty window
     */
    Compressor(int bits, boolean noContextTakeover, CompressionSettings settings, ZlibPool pool) {
        this.window = 1 << bits;
        this.noContextTakeover = noContextTakeover;
        this.level = settings.level();
        this.dedicated = settings.dedicatedDeflater();
        this.streaming = dedicated && window == ZLIB_WINDOW;
        this.pool = pool;
        this.history = streaming ? null : new History(window);
        this.sharedKey = noContextTakeover ? new SharedCompression.Key(window, level, dedicated) : null;
    }

    /**
     * Compresses a whole message sent in one frame. Without context takeover, a read-only input
     * (a broadcast's shared payload) is compressed once for every connection with the same
     * parameters (see {@link SharedCompression}); the result is then read-only.
     */
    ByteBuffer compressMessage(ByteBuffer input) {
        if (sharedKey == null || !input.isReadOnly()) {
            return compress(input, true);
        }
        ByteBuffer shared = SharedCompression.lookup(sharedKey, input);
        if (shared != null) {
            return shared;
        }
        ByteBuffer compressed = compress(input, true);
        SharedCompression.store(sharedKey, input, compressed);
        return compressed.asReadOnlyBuffer();
    }

    /** How many messages (or frames) this compressor deflated itself. */
    long deflated() {
        return deflated;
    }

    /** How many chunks started with a reset (or a new deflater) and a dictionary load, rather than warm. */
    long freshStarts() {
        return freshStarts;
    }

    /** The window used, in bytes. */
    int window() {
        return window;
    }

    /**
     * Compresses one frame's payload of the message in progress; on its last frame ({@code fin}),
     * without the final {@code 00 00 ff ff}. {@code input} is read, not modified; its position is
     * left alone.
     *
     * @return a new buffer holding the compressed bytes
     */
    ByteBuffer compress(ByteBuffer input, boolean fin) {
        deflated++;
        ByteOutput out = new ByteOutput(input.remaining() / 2 + 64);
        if (streaming) {
            Deflater deflater = owned().deflater;
            deflater.setInput(input.duplicate());
            drain(deflater, out);
            if (fin && noContextTakeover) {
                deflater.reset();
            }
        } else {
            compressInChunks(input.duplicate(), fin, out);
            if (fin && noContextTakeover) {
                // The next message starts with an empty window: a reset, and no dictionary.
                history.clear();
                last = null;
            }
        }
        if (fin) {
            removeTail(out);
        }
        return out.toBuffer();
    }

    private void compressInChunks(ByteBuffer rest, boolean fin, ByteOutput out) {
        PooledDeflater lease = dedicated ? owned() : pool.deflater(level, last);
        Deflater deflater = lease.deflater;
        boolean warm = lease == last && lease.owner == id;
        last = null; // until this frame is through: a failure leaves the stream unknown
        try {
            do {
                int chunk = window == ZLIB_WINDOW ? rest.remaining() : Math.min(rest.remaining(), window / 2);
                // zlib's own 32 KiB window bounds a 15-bit stream; smaller ones need reach + C <= window.
                if (!warm || (window != ZLIB_WINDOW && reach + chunk > window)) {
                    // Half a window of dictionary (all of it at 15 bits) leaves room to continue warm.
                    int dictionary = window == ZLIB_WINDOW ? history.size() : Math.min(history.size(), window / 2);
                    if (!lease.fresh) {
                        deflater.reset();
                    }
                    if (dictionary > 0) {
                        deflater.setDictionary(history.array(), history.size() - dictionary, dictionary);
                    }
                    reach = dictionary;
                    warm = true;
                    freshStarts++;
                }
                lease.fresh = false;
                ByteBuffer slice = rest.slice(rest.position(), chunk);
                rest.position(rest.position() + chunk);
                deflater.setInput(slice);
                drain(deflater, out);
                reach += chunk;
                if (!noContextTakeover || rest.hasRemaining() || !fin) {
                    // Without context takeover the history only serves the message's next chunk
                    // or frame: a message of one chunk leaves no array behind.
                    history.append(slice.rewind());
                }
            } while (rest.hasRemaining());
            lease.owner = id;
            last = lease;
        } finally {
            if (last == null) {
                lease.owner = 0;
            }
            if (!dedicated) {
                pool.give(lease, level);
            }
        }
    }

    /** Deflates all input with SYNC_FLUSH: done once the output is not filled to the brim. */
    private static void drain(Deflater deflater, ByteOutput out) {
        int start = out.length;
        while (true) {
            out.ensureRoom(64);
            int room = out.room();
            int n = deflater.deflate(out.bytes, out.length, room, Deflater.SYNC_FLUSH);
            out.length += n;
            if (n < room) {
                break;
            }
        }
        if (out.length == start) {
            // zlib emits nothing for a flush without new input right after a flush (a stream
            // continued warm, or a dedicated one, given an empty frame). The stream is then
            // byte-aligned, so the empty stored block that flush would have written is written here.
            out.ensureRoom(EMPTY_STORED_BLOCK.length);
            System.arraycopy(EMPTY_STORED_BLOCK, 0, out.bytes, out.length, EMPTY_STORED_BLOCK.length);
            out.length += EMPTY_STORED_BLOCK.length;
        }
    }

    private PooledDeflater owned() {
        if (owned == null) {
            owned = pool.dedicatedDeflater(level);
        }
        return owned;
    }

    /** True while a native deflater belongs to this connection (only with a dedicated one). */
    boolean holdsNativeState() {
        return owned != null;
    }

    /** Heap bytes of context kept between messages. */
    int historyFootprint() {
        return history == null ? 0 : history.footprint();
    }

    /** Ends the dedicated deflater, if any, and forgets the pooled one used last; idempotent. */
    void release() {
        if (owned != null) {
            pool.end(owned);
            owned = null;
        }
        last = null;
    }

    /** Removes the {@code 00 00 ff ff} a SYNC_FLUSH always ends with (the empty stored block's LEN/NLEN). */
    private static void removeTail(ByteOutput out) {
        byte[] bytes = out.bytes;
        int length = out.length;
        if (length < TAIL_LENGTH || bytes[length - 4] != 0 || bytes[length - 3] != 0
                || bytes[length - 2] != (byte) 0xff || bytes[length - 1] != (byte) 0xff) {
            throw new IllegalStateException("deflater output does not end with 00 00 ff ff");
        }
        out.length -= TAIL_LENGTH;
    }
}
