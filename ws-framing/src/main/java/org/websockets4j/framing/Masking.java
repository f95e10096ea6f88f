package org.websockets4j.framing;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ReadOnlyBufferException;
import java.util.Objects;

/**
 * Payload masking (RFC 6455 §5.3): XOR with a 4-byte key, eight bytes at a time.
 *
 * <p>The key is an {@code int} whose most significant byte is the first key byte on the wire.
 * Masking is its own inverse, so the same methods unmask. A payload that arrives in pieces is
 * masked piece by piece: each method takes the offset into the key at which the piece starts (0
 * for the first byte of a payload) and returns the offset for the next piece.
 *
 * <p>Works on heap and direct buffers, at any position and alignment. Stateless and thread-safe;
 * allocates nothing.
 */
public final class Masking {
    private static final VarHandle LONG_ARRAY =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_BUFFER =
            MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Masking() {
    }

    /**
     * Masks the bytes from the buffer's position to its limit in place; the position and limit are
     * unchanged.
     *
     * @param buffer the bytes to mask, from its position to its limit
     * @param key    the masking key, first wire byte in the most significant position
     * @param offset the index into the key of the first byte (only its two low bits count)
     * @return the key offset for the byte after the last one masked
     * @throws ReadOnlyBufferException when the buffer is read-only
     */
    public static int mask(ByteBuffer buffer, int key, int offset) {
        if (buffer.isReadOnly()) {
            throw new ReadOnlyBufferException();
        }
        int position = buffer.position();
        int length = buffer.limit() - position;
        if (buffer.hasArray()) {
            return mask(buffer.array(), buffer.arrayOffset() + position, length, key, offset);
        }
        int rotated = rotate(key, offset);
        long wide = widen(rotated);
        int i = position;
        int end = position + length;
        for (int last = end - 8; i <= last; i += 8) {
            LONG_BUFFER.set(buffer, i, (long) LONG_BUFFER.get(buffer, i) ^ wide);
        }
        for (int shift = 24; i < end; i++, shift -= 8) {
            buffer.put(i, (byte) (buffer.get(i) ^ (rotated >>> shift)));
        }
        return (offset + length) & 3;
    }

    /**
     * Masks {@code length} bytes of {@code bytes} from {@code from} in place.
     *
     * @param bytes  the array
     * @param from   the index of the first byte to mask
     * @param length how many bytes to mask
     * @param key    the masking key, first wire byte in the most significant position
     * @param offset the index into the key of the first byte (only its two low bits count)
     * @return the key offset for the byte after the last one masked
     * @throws IndexOutOfBoundsException when the range is outside the array
     */
    public static int mask(byte[] bytes, int from, int length, int key, int offset) {
        Objects.checkFromIndexSize(from, length, bytes.length);
        int rotated = rotate(key, offset);
        long wide = widen(rotated);
        int i = from;
        int end = from + length;
        for (int last = end - 8; i <= last; i += 8) {
            LONG_ARRAY.set(bytes, i, (long) LONG_ARRAY.get(bytes, i) ^ wide);
        }
        for (int shift = 24; i < end; i++, shift -= 8) {
            bytes[i] ^= (byte) (rotated >>> shift);
        }
        return (offset + length) & 3;
    }

    /**
     * Copies {@code source}'s remaining bytes into {@code target} at its position, masking them on
     * the way, and advances both positions. Neither buffer may overlap the other.
     *
     * @param source the bytes to mask, from its position to its limit
     * @param target where the masked bytes go, from its position
     * @param key    the masking key, first wire byte in the most significant position
     * @param offset the index into the key of the first byte (only its two low bits count)
     * @return the key offset for the byte after the last one masked
     * @throws java.nio.BufferOverflowException when {@code target} has less room than {@code source} has bytes
     * @throws ReadOnlyBufferException          when {@code target} is read-only
     */
    public static int maskCopy(ByteBuffer source, ByteBuffer target, int key, int offset) {
        int length = source.remaining();
        if (target.isReadOnly()) {
            throw new ReadOnlyBufferException();
        }
        if (target.remaining() < length) {
            throw new java.nio.BufferOverflowException();
        }
        int from = source.position();
        int to = target.position();
        if (source.hasArray() && target.hasArray()) {
            maskCopy(source.array(), source.arrayOffset() + from, target.array(), target.arrayOffset() + to, length, key, offset);
        } else {
            int rotated = rotate(key, offset);
            long wide = widen(rotated);
            int i = 0;
            for (int last = length - 8; i <= last; i += 8) {
                LONG_BUFFER.set(target, to + i, (long) LONG_BUFFER.get(source, from + i) ^ wide);
            }
            for (int shift = 24; i < length; i++, shift -= 8) {
                target.put(to + i, (byte) (source.get(from + i) ^ (rotated >>> shift)));
            }
        }
        source.position(from + length);
        target.position(to + length);
        return (offset + length) & 3;
    }

    /**
     * Copies {@code length} bytes from {@code in} to {@code out}, masking them on the way: one
     * pass over memory where a copy and then {@link #mask(byte[], int, int, int, int)} make two.
     * The ranges must not overlap.
     *
     * @return the key offset for the byte after the last one masked
     * @throws IndexOutOfBoundsException when a range is outside its array
     */
    static int maskCopy(byte[] in, int inFrom, byte[] out, int outFrom, int length, int key, int offset) {
        Objects.checkFromIndexSize(inFrom, length, in.length);
        Objects.checkFromIndexSize(outFrom, length, out.length);
        int rotated = rotate(key, offset);
        long wide = widen(rotated);
        int i = 0;
        for (int last = length - 8; i <= last; i += 8) {
            LONG_ARRAY.set(out, outFrom + i, (long) LONG_ARRAY.get(in, inFrom + i) ^ wide);
        }
        for (int shift = 24; i < length; i++, shift -= 8) {
            out[outFrom + i] = (byte) (in[inFrom + i] ^ (rotated >>> shift));
        }
        return (offset + length) & 3;
    }

    /** The key as it applies from {@code offset}: its first byte is key byte {@code offset}. */
    private static int rotate(int key, int offset) {
        return Integer.rotateLeft(key, (offset & 3) << 3);
    }

    /** Eight mask bytes in memory order, read as a little-endian long. */
    private static long widen(int rotated) {
        long le = Integer.reverseBytes(rotated) & 0xFFFF_FFFFL;
        return le | (le << 32);
    }
}
