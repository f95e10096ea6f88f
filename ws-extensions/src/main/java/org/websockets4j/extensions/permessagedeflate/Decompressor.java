package org.websockets4j.extensions.permessagedeflate;

import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.websockets4j.framing.PayloadTooBig;

/**
 * The receiving half of permessage-deflate for one connection (RFC 7692 §7.2.2).
 *
 * <p><b>Bounded output.</b> Each frame inflates into arrays added as zlib actually produces bytes
 * ({@link BlockOutput}: what is written is never copied to grow), never past the budget the
 * connection passes in ({@code maxSize}, what is left for the message). Once the budget is full,
 * one more byte is asked for: if zlib has one, the message is too big and {@link PayloadTooBig}
 * (1009) is raised before anything else is allocated; so a 1 GiB bomb costs at most
 * {@code maxSize} bytes of output, and about the time zlib takes to inflate {@code maxSize} bytes.
 *
 * <p><b>Native state and context.</b> An {@link Inflater} is borrowed from {@link ZlibPool} for
 * the length of one message (the stream's bit position may fall anywhere between frames, so it
 * cannot be handed back earlier) and returned at its last frame. With context takeover, the last
 * 2<sup>bits</sup> bytes of output are kept as {@link History} and loaded back as the next
 * message's dictionary (a copy, cheap for an inflater). This also decodes a message ending in a
 * final (BFINAL) block followed by one that refers to it, which a single long-lived inflater
 * could not. Referring further back than the negotiated window fails, as zlib fails on a distance
 * beyond its dictionary.
 *
 * <p>Not thread-safe: one connection, one thread at a time.
 */
final class Decompressor {
    /** What RFC 7692 §7.2.2 appends to each message before inflating it: an empty stored block's LEN/NLEN. */
    private static final byte[] TAIL = {0, 0, (byte) 0xff, (byte) 0xff};
    /** The largest array the JVM reliably allocates. */
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private final boolean noContextTakeover;
    private final ZlibPool pool;
    private final History history;
    private final byte[] probe = new byte[1];
    private Inflater inflater;

    /**
     * @param bits              the window the peer may use, 8 to 15
     * @param noContextTakeover true when the peer starts every message with an empty window
     */
    Decompressor(int bits, boolean noContextTakeover, ZlibPool pool) {
        this.noContextTakeover = noContextTakeover;
        this.pool = pool;
        this.history = noContextTakeover ? null : new History(1 << bits);
    }

    /**
     * Inflates one frame of a compressed message.
     *
     * @param payload the compressed bytes (read; position left alone)
     * @param fin     true on the message's last frame: the tail is appended and the message ends
     * @param maxSize the most bytes this frame may inflate to
     * @return a new buffer with the decompressed bytes
     * @throws PayloadTooBig         when the output would exceed {@code maxSize}
     * @throws InvalidCompressedData when the stream is corrupt
     */
    ByteBuffer decompress(ByteBuffer payload, boolean fin, long maxSize) {
        if (inflater == null) {
            inflater = pool.inflater();
            if (history != null && history.size() > 0) {
                inflater.setDictionary(history.array(), 0, history.size());
            }
        }
        int limit = (int) Math.min(maxSize, MAX_ARRAY);
        BlockOutput out = new BlockOutput((int) Math.min(limit, Math.max(256L, 4L * payload.remaining())), limit);
        try {
            inflate(payload.duplicate(), out, maxSize);
            if (fin && !inflater.finished()) {
                inflate(ByteBuffer.wrap(TAIL), out, maxSize);
                if (!inflater.finished() && !inflater.needsInput()) {
                    throw new InvalidCompressedData("corrupt compressed message: the stream does not end after the"
                            + " message's last frame");
                }
            }
        } catch (DataFormatException e) {
            InvalidCompressedData error = new InvalidCompressedData("corrupt compressed message: " + e.getMessage());
            error.initCause(e);
            throw error;
        }
        ByteBuffer decompressed = out.toBuffer();
        if (history != null) {
            history.append(decompressed);
        }
        if (fin) {
            endMessage();
        }
        return decompressed;
    }

    private void inflate(ByteBuffer input, BlockOutput out, long maxSize) throws DataFormatException {
        if (inflater.finished()) {
            // RFC 7692 §7.2.3.4 ends a message's stream with a final block followed by a stray
            // byte: what follows a final block is ignored, as zlib itself does.
            return;
        }
        inflater.setInput(input);
        while (true) {
            if (out.room() == 0) {
                if (out.atLimit()) {
                    // The budget is spent: one more byte means too big, and nothing more is allocated.
                    if (inflater.inflate(probe, 0, 1) > 0) {
                        throw new PayloadTooBig((long) out.size() + 1, maxSize);
                    }
                    break;
                }
                out.addBlock();
            }
            int n = inflater.inflate(out.bytes, out.length, out.room());
            out.length += n;
            if (n == 0) {
                break; // no input left, or the stream ended: zlib stops only then with room to spare
            }
        }
        if (inflater.needsDictionary()) {
            throw new InvalidCompressedData("corrupt compressed message: a preset dictionary is requested");
        }
    }

    /** Gives the inflater back; the next message borrows one again. */
    private void endMessage() {
        Inflater done = inflater;
        inflater = null;
        pool.give(done);
    }

    /**
     * A message was abandoned (a new one started, or the connection failed mid-message): drop its
     * inflater state. The history keeps what was decoded so far, which no later message may use
     * anyway (the connection fails).
     */
    void abandonMessage() {
        if (inflater != null) {
            endMessage();
        }
    }

    /** True while an inflater is lent to this connection (during a message). */
    boolean holdsNativeState() {
        return inflater != null;
    }

    /** Heap bytes of context kept between messages. */
    int historyFootprint() {
        return history == null ? 0 : history.footprint();
    }

    /** Hands back the inflater of a message in progress, if any; idempotent. */
    void release() {
        abandonMessage();
    }
}
