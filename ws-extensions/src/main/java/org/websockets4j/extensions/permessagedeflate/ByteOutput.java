package org.websockets4j.extensions.permessagedeflate;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A growable byte array that zlib writes into directly ({@code deflate} takes an array, an offset
 * and a length): the compressor's output for one frame. (The decompressor's output grows without
 * copying, {@link BlockOutput}: its size is chosen by the peer.) Not thread-safe.
 */
final class ByteOutput {
    /** The array; valid bytes are {@code [0, length)}. */
    byte[] bytes;
    /** How many bytes are written. */
    int length;

    ByteOutput(int capacity) {
        bytes = new byte[capacity];
    }

    /** Bytes that can still be written without growing. */
    int room() {
        return bytes.length - length;
    }

    /** Grows, at least doubling, until {@code n} more bytes fit. */
    void ensureRoom(int n) {
        if (room() < n) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + n));
        }
    }

    /** The bytes written, as a buffer over the array (not a copy). */
    ByteBuffer toBuffer() {
        return ByteBuffer.wrap(bytes, 0, length).slice();
    }
}
