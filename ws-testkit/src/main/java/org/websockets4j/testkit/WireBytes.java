package org.websockets4j.testkit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Function;

/**
 * Bytes as they travel on the wire, and feeding them to an incremental reader (an HTTP reader, a
 * handshake) whole or one byte at a time, to see what it returned and what it left in the buffer.
 */
public final class WireBytes {
    /** A server-to-client text frame "Hello" (RFC 6455 §5.7), as may follow a 101 in one segment. */
    public static final byte[] UNMASKED_HELLO = {(byte) 0x81, 0x05, 'H', 'e', 'l', 'l', 'o'};
    /**
     * A client-to-server masked text frame "Hello" (RFC 6455 §5.7), as may follow the request in
     * one segment.
     */
    public static final byte[] MASKED_HELLO = {(byte) 0x81, (byte) 0x85, 0x37, (byte) 0xfa, 0x21, 0x3d, 0x7f, (byte) 0x9f, 0x4d, 0x51, 0x58};

    private WireBytes() {
    }

    /**
     * One byte per character, as HTTP heads are on the wire.
     *
     * @param s the text, every character below U+0100
     * @return its ISO-8859-1 bytes
     */
    public static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * The bytes of {@code a} followed by those of {@code b}.
     *
     * @param a the first bytes
     * @param b the bytes after them
     * @return a new array
     */
    public static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /**
     * Takes what is left in a buffer.
     *
     * @param in the buffer, read to its limit
     * @return the bytes from its position to its limit
     */
    public static byte[] remaining(ByteBuffer in) {
        byte[] out = new byte[in.remaining()];
        in.get(out);
        return out;
    }

    /**
     * What a read returned, and the bytes it left in the buffer.
     *
     * @param message  what the reader returned; null when it wanted more bytes
     * @param leftover the bytes it did not consume
     * @param <T>      what the reader returns
     */
    public record Outcome<T>(T message, byte[] leftover) {
    }

    /**
     * Feeds {@code data} in one buffer.
     *
     * @param read the reader: consumes from the buffer, returns null while it needs more
     * @param data the bytes
     * @param <T>  what the reader returns
     * @return what it returned and what it left
     */
    public static <T> Outcome<T> feedWhole(Function<ByteBuffer, T> read, byte[] data) {
        ByteBuffer in = ByteBuffer.wrap(data);
        T message = read.apply(in);
        return new Outcome<>(message, remaining(in));
    }

    /**
     * Feeds {@code data} one byte at a time through a buffer whose limit grows by one, so that a
     * reader that consumed a byte too many shows up in the leftover; stops at the first message.
     *
     * @param read the reader: consumes from the buffer, returns null while it needs more; it may
     *             check the buffer it was given (for example that it consumed all of it)
     * @param data the bytes
     * @param <T>  what the reader returns
     * @return what it returned and every byte after those it consumed; a null message and no
     *         leftover when it never returned one
     */
    public static <T> Outcome<T> feedByteByByte(Function<ByteBuffer, T> read, byte[] data) {
        ByteBuffer in = ByteBuffer.wrap(data).limit(0);
        while (in.limit() < data.length) {
            in.limit(in.limit() + 1);
            T message = read.apply(in);
            if (message != null) {
                return new Outcome<>(message, remaining(in.limit(data.length)));
            }
        }
        return new Outcome<>(null, new byte[0]);
    }
}
