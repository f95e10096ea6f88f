package org.websockets4j.extensions.permessagedeflate;

import java.nio.ByteBuffer;

/**
 * The last bytes of uncompressed data, at most a window's worth: the LZ77 context that outlives
 * the native zlib state between messages (loaded back with {@code setDictionary}). The array is
 * allocated on first use, so a connection that never compresses (or decompresses) pays nothing.
 * Not thread-safe.
 */
final class History {
    private final int capacity;
    private byte[] bytes;
    private int size;

    History(int capacity) {
        this.capacity = capacity;
    }

    int capacity() {
        return capacity;
    }

    /** How many bytes are held, at most {@link #capacity()}. */
    int size() {
        return size;
    }

    /** The array holding the bytes at [0, size), oldest first; null when empty and never used. */
    byte[] array() {
        return bytes;
    }

    void clear() {
        size = 0;
    }

    /** Heap bytes held now (the array, once allocated). */
    int footprint() {
        return bytes == null ? 0 : bytes.length;
    }

    /** Appends {@code data}'s remaining bytes (its position is left alone), dropping the oldest. */
    void append(ByteBuffer data) {
        int n = data.remaining();
        if (n == 0) {
            return;
        }
        ensureArray();
        int start = data.position();
        if (n >= capacity) {
            data.get(start + n - capacity, bytes, 0, capacity);
            size = capacity;
            return;
        }
        makeRoom(n);
        data.get(start, bytes, size, n);
        size += n;
    }

    /** Appends {@code length} bytes of {@code data} from {@code offset}, dropping the oldest. */
    void append(byte[] data, int offset, int length) {
        if (length == 0) {
            return;
        }
        ensureArray();
        if (length >= capacity) {
            System.arraycopy(data, offset + length - capacity, bytes, 0, capacity);
            size = capacity;
            return;
        }
        makeRoom(length);
        System.arraycopy(data, offset, bytes, size, length);
        size += length;
    }

    private void ensureArray() {
        if (bytes == null) {
            bytes = new byte[capacity];
        }
    }

    private void makeRoom(int n) {
        int excess = size + n - capacity;
        if (excess > 0) {
            System.arraycopy(bytes, excess, bytes, 0, size - excess);
            size -= excess;
        }
    }
}
