package org.websockets4j.extensions.permessagedeflate;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The decompressor's output for one frame: a sequence of arrays that zlib writes into directly,
 * grown by adding an array, never by copying what is written. Inflated bytes stay where zlib put
 * them until the frame has ended within its budget; only then, and only when more than one array
 * was needed, are they gathered once into an array of the exact size.
 *
 * <p>This is what makes refusing a decompression bomb cost the inflating of the budget and
 * little more: growing a single array by doubling to a 64 MiB budget allocated (and zeroed)
 * 126 MiB and copied 62 MiB before the extra byte was even asked for, which cost up to as much
 * as the inflating itself (ws-extensions/README.md, "Decompression"). Here the arrays add up to
 * the budget at most.
 *
 * <p>Each array after the first is as large as everything written so far (so the capacity doubles,
 * as before: after a 0.5 MiB frame's 2 MiB first array, a 64 MiB budget takes arrays of about
 * 2, 4, 8, 16 and 32 MiB). Large arrays are humongous objects to G1, which never copies them and frees
 * them as soon as they are garbage; capping the arrays at 1 MiB was measured slower, as young
 * collections during the inflating copied the live arrays. Not thread-safe.
 */
final class BlockOutput {
    private final int limit;
    /** The arrays already full, in order; {@code blocks[0 .. fullCount)}. */
    private byte[][] blocks = new byte[4][];
    private int fullCount;
    /** Bytes in the full arrays. */
    private int fullBytes;
    /** The array being written; valid bytes are {@code [0, length)}. */
    byte[] bytes;
    /** How many bytes of {@link #bytes} are written. */
    int length;

    /**
     * @param first the first array's size, at most {@code limit}
     * @param limit the most bytes all the arrays may hold together
     */
    BlockOutput(int first, int limit) {
        this.limit = limit;
        this.bytes = new byte[Math.min(first, limit)];
    }

    /** Bytes that can still be written to {@link #bytes} without adding an array. */
    int room() {
        return bytes.length - length;
    }

    /** Bytes written in all. */
    int size() {
        return fullBytes + length;
    }

    /** True when the arrays hold {@code limit} bytes: no array can be added. */
    boolean atLimit() {
        return fullBytes + bytes.length >= limit;
    }

    /**
     * Sets the current array aside (it must be full, and {@link #atLimit()} false) and starts a
     * new one: as large as everything so far, but at most what is left of the limit.
     */
    void addBlock() {
        if (fullCount == blocks.length) {
            blocks = Arrays.copyOf(blocks, fullCount * 2);
        }
        blocks[fullCount++] = bytes;
        fullBytes += length;
        bytes = new byte[Math.min(fullBytes, limit - fullBytes)];
        length = 0;
    }

    /**
     * The bytes written: a view of the only array, or one new array of exactly {@link #size()}
     * bytes when there are several. The arrays are dropped either way.
     */
    ByteBuffer toBuffer() {
        if (fullCount == 0) {
            return ByteBuffer.wrap(bytes, 0, length).slice();
        }
        byte[] all = new byte[size()];
        int at = 0;
        for (int i = 0; i < fullCount; i++) {
            System.arraycopy(blocks[i], 0, all, at, blocks[i].length);
            at += blocks[i].length;
            blocks[i] = null;
        }
        System.arraycopy(bytes, 0, all, at, length);
        fullCount = 0;
        bytes = all;
        length = all.length;
        return ByteBuffer.wrap(all);
    }
}
