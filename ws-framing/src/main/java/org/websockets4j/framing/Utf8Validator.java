package org.websockets4j.framing;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Incremental, strict UTF-8 validation (RFC 3629) for text messages that arrive in fragments and
 * in frames split across reads.
 *
 * <p>Feed the bytes of one message in order with {@link #update}; call {@link #finish()} at the
 * end of the message. Validation fails at the first byte that cannot start or continue a valid
 * sequence: overlong forms, UTF-16 surrogates (U+D800–U+DFFF), code points above U+10FFFF and
 * stray continuation bytes; {@code finish()} fails when the message ends inside a sequence. So a
 * connection can fail with 1007 as soon as the bad byte arrives rather than at the end of the
 * message. Runs of ASCII are checked eight bytes at a time.
 *
 * <p>Not thread-safe: one instance per connection, used by one thread at a time. After an
 * {@link InvalidUtf8}, the instance must be {@link #reset()} before reuse.
 */
public final class Utf8Validator {
    private static final VarHandle LONG_ARRAY =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_BUFFER =
            MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;

    /** Continuation bytes still expected for the sequence in progress; 0 between characters. */
    private int pending;
    /** Bounds of the next continuation byte: narrower than 0x80–0xBF right after E0, ED, F0, F4. */
    private int low = 0x80;
    private int high = 0xBF;
    /** Bytes accepted so far in this message, for the offset reported on failure. */
    private long count;

    /** Creates a validator at the start of a message. */
    public Utf8Validator() {
    }

    /**
     * Validates the bytes from the buffer's position to its limit, leaving the position unchanged.
     *
     * @param bytes the next bytes of the text
     * @throws InvalidUtf8 at the first invalid byte
     */
    public void update(ByteBuffer bytes) {
        int position = bytes.position();
        int limit = bytes.limit();
        if (bytes.hasArray()) {
            update(bytes.array(), bytes.arrayOffset() + position, limit - position);
            return;
        }
        int i = position;
        while (i < limit) {
            if (pending == 0) {
                while (i + 8 <= limit && ((long) LONG_BUFFER.get(bytes, i) & HIGH_BITS) == 0) {
                    i += 8;
                }
                while (i < limit && bytes.get(i) >= 0) {
                    i++;
                }
                if (i == limit) {
                    break;
                }
            }
            step(bytes.get(i) & 0xFF, i - position);
            i++;
        }
        count += limit - position;
    }

    /**
     * Validates {@code length} bytes of {@code bytes} from {@code offset}.
     *
     * @param bytes  the array
     * @param offset the index of the first byte to validate
     * @param length how many bytes to validate
     * @throws InvalidUtf8 at the first invalid byte
     * @throws IndexOutOfBoundsException when the range is outside the array
     */
    public void update(byte[] bytes, int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, bytes.length);
        int end = offset + length;
        int i = offset;
        while (i < end && pending > 0) {
            step(bytes[i] & 0xFF, i - offset);
            i++;
        }
        while (i < end) {
            while (i + 8 <= end && ((long) LONG_ARRAY.get(bytes, i) & HIGH_BITS) == 0) {
                i += 8;
            }
            if (i == end) {
                break;
            }
            int b = bytes[i];
            if (b >= 0) {
                i++;
                continue;
            }
            int n = completeSequence(bytes, i, end, b & 0xFF);
            if (n > 0) {
                i += n;
                continue;
            }
            // Invalid, or cut by the end of this piece: byte at a time, for the exact error and state.
            step(b & 0xFF, i - offset);
            i++;
            while (i < end && pending > 0) {
                step(bytes[i] & 0xFF, i - offset);
                i++;
            }
        }
        count += length;
    }

    /**
     * The length of the valid sequence led by the non-ASCII byte {@code b} at {@code i} when it lies
     * whole before {@code end}; 0 otherwise (invalid, or cut by the end of the piece).
     */
    private static int completeSequence(byte[] bytes, int i, int end, int b) {
        // A continuation byte 0x80..0xBF is, as a signed byte, at most -65.
        if (b < 0xC2) {
            return 0;
        }
        if (b < 0xE0) {
            return i + 1 < end && bytes[i + 1] <= -65 ? 2 : 0;
        }
        if (b < 0xF0) {
            if (i + 2 >= end) {
                return 0;
            }
            int c1 = bytes[i + 1] & 0xFF;
            int lo = b == 0xE0 ? 0xA0 : 0x80; // excludes overlong three-byte forms
            int hi = b == 0xED ? 0x9F : 0xBF; // excludes surrogates U+D800..U+DFFF
            return c1 >= lo && c1 <= hi && bytes[i + 2] <= -65 ? 3 : 0;
        }
        if (b < 0xF5) {
            if (i + 3 >= end) {
                return 0;
            }
            int c1 = bytes[i + 1] & 0xFF;
            int lo = b == 0xF0 ? 0x90 : 0x80; // excludes overlong four-byte forms
            int hi = b == 0xF4 ? 0x8F : 0xBF; // excludes code points above U+10FFFF
            return c1 >= lo && c1 <= hi && bytes[i + 2] <= -65 && bytes[i + 3] <= -65 ? 4 : 0;
        }
        return 0;
    }

    /** Consumes one non-ASCII byte, or any byte inside a sequence; {@code index} is relative to this update. */
    private void step(int b, int index) {
        if (pending > 0) {
            if (b < low || b > high) {
                throw invalid(index, "invalid continuation byte 0x" + Integer.toHexString(b));
            }
            pending--;
            low = 0x80;
            high = 0xBF;
            return;
        }
        if (b < 0x80) {
            return;
        }
        if (b < 0xC2) {
            throw invalid(index, b < 0xC0 ? "unexpected continuation byte 0x" + Integer.toHexString(b)
                    : "overlong encoding starting with 0x" + Integer.toHexString(b));
        }
        if (b < 0xE0) {
            pending = 1;
        } else if (b < 0xF0) {
            pending = 2;
            if (b == 0xE0) {
                low = 0xA0; // excludes overlong three-byte forms
            } else if (b == 0xED) {
                high = 0x9F; // excludes surrogates U+D800..U+DFFF
            }
        } else if (b < 0xF5) {
            pending = 3;
            if (b == 0xF0) {
                low = 0x90; // excludes overlong four-byte forms
            } else if (b == 0xF4) {
                high = 0x8F; // excludes code points above U+10FFFF
            }
        } else {
            throw invalid(index, "invalid start byte 0x" + Integer.toHexString(b));
        }
    }

    private InvalidUtf8 invalid(int index, String what) {
        long offset = count + index;
        return new InvalidUtf8("invalid UTF-8 at byte " + offset + ": " + what, offset);
    }

    /**
     * Whether the text could end here.
     *
     * @return true when the bytes so far end on a character boundary
     */
    public boolean isComplete() {
        return pending == 0;
    }

    /**
     * Ends the message: checks that it did not stop inside a sequence, then resets for the next one.
     *
     * @throws InvalidUtf8 when the message ends inside a multi-byte sequence
     */
    public void finish() {
        if (pending != 0) {
            long offset = count;
            reset();
            throw new InvalidUtf8("invalid UTF-8 at byte " + offset + ": the message ends inside a multi-byte sequence", offset);
        }
        count = 0;
    }

    /** Forgets the message in progress. */
    public void reset() {
        pending = 0;
        low = 0x80;
        high = 0xBF;
        count = 0;
    }

    /**
     * Validates a complete text, from the buffer's position to its limit (left unchanged).
     *
     * @param bytes the whole text
     * @throws InvalidUtf8 at the first invalid byte or when the text ends inside a sequence
     */
    public static void validate(ByteBuffer bytes) {
        Utf8Validator validator = new Utf8Validator();
        validator.update(bytes);
        validator.finish();
    }

    /**
     * Checks a complete text without throwing.
     *
     * @param bytes the whole text, from its position to its limit (left unchanged)
     * @return true when the bytes are complete, valid UTF-8
     */
    public static boolean isValid(ByteBuffer bytes) {
        try {
            validate(bytes);
            return true;
        } catch (InvalidUtf8 e) {
            return false;
        }
    }
}
