package org.websockets4j.framing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Turning application data into frame payloads: the counterparts of Python websockets'
 * {@code prepare_data} (for data frames) and {@code encode_data} (for pings and pongs).
 *
 * <p>Text is encoded as strict UTF-8: a {@code String} holding an unpaired surrogate is rejected
 * rather than silently turned into {@code '?'}. Byte arrays and buffers are wrapped, not copied.
 * Stateless and thread-safe.
 */
public final class FrameData {
    private FrameData() {
    }

    /**
     * The opcode and payload for one data message.
     *
     * @param opcode {@link Opcode#TEXT} or {@link Opcode#BINARY}
     * @param data   the payload, from its position to its limit
     */
    public record Prepared(Opcode opcode, ByteBuffer data) {
    }

    /**
     * A text message's opcode and payload.
     *
     * @param text the message
     * @return TEXT and the UTF-8 encoding of {@code text}
     * @throws IllegalArgumentException on an unpaired surrogate
     */
    public static Prepared prepare(String text) {
        return new Prepared(Opcode.TEXT, ByteBuffer.wrap(utf8(text)));
    }

    /**
     * A binary message's opcode and payload.
     *
     * @param data the message
     * @return BINARY and {@code data}, wrapped without copying
     */
    public static Prepared prepare(byte[] data) {
        return new Prepared(Opcode.BINARY, ByteBuffer.wrap(data));
    }

    /**
     * A binary message's opcode and payload.
     *
     * @param data the message, from its position to its limit
     * @return BINARY and a view of {@code data}'s remaining bytes (its position is not moved;
     *         nothing is copied)
     */
    public static Prepared prepare(ByteBuffer data) {
        return new Prepared(Opcode.BINARY, data.slice());
    }

    /**
     * Dispatches on the type of {@code data}: a {@link CharSequence} is text; {@code byte[]} and
     * {@link ByteBuffer} are binary.
     *
     * @param data the message
     * @return its opcode and payload, as the typed overloads make them
     * @throws IllegalArgumentException for any other type (Python's TypeError), naming the type
     */
    public static Prepared prepare(Object data) {
        if (data instanceof CharSequence text) {
            return prepare(text.toString());
        } else if (data instanceof byte[] bytes) {
            return prepare(bytes);
        } else if (data instanceof ByteBuffer buffer) {
            return prepare(buffer);
        }
        throw unsupported(data);
    }

    /**
     * A ping or pong payload from text.
     *
     * @param text the payload text
     * @return the UTF-8 bytes of {@code text}
     * @throws IllegalArgumentException on an unpaired surrogate
     */
    public static ByteBuffer encode(String text) {
        return ByteBuffer.wrap(utf8(text));
    }

    /**
     * A ping or pong payload from bytes.
     *
     * @param data the payload
     * @return {@code data} wrapped without copying
     */
    public static ByteBuffer encode(byte[] data) {
        return ByteBuffer.wrap(data);
    }

    /**
     * A ping or pong payload from a buffer.
     *
     * @param data the payload, from its position to its limit
     * @return a view of {@code data}'s remaining bytes
     */
    public static ByteBuffer encode(ByteBuffer data) {
        return data.slice();
    }

    /**
     * Dispatches on the type of {@code data} like {@link #prepare(Object)}.
     *
     * @param data the payload: a {@link CharSequence}, {@code byte[]} or {@link ByteBuffer}
     * @return the payload bytes
     * @throws IllegalArgumentException for an unsupported type
     */
    public static ByteBuffer encode(Object data) {
        return prepare(data).data();
    }

    /**
     * Strict UTF-8 encoding: the same bytes as {@code text.getBytes(UTF_8)} for well-formed text.
     *
     * @param text the text
     * @return a new array
     * @throws IllegalArgumentException when {@code text} holds an unpaired surrogate, which has no UTF-8 form
     */
    public static byte[] utf8(String text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    throw new IllegalArgumentException("text holds an unpaired surrogate U+"
                            + Integer.toHexString(c).toUpperCase() + " at index " + i + ", which UTF-8 cannot encode");
                }
            }
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static IllegalArgumentException unsupported(Object data) {
        String type = data == null ? "null" : data.getClass().getName();
        return new IllegalArgumentException("data must be a String (text), byte[] or ByteBuffer (binary), got " + type);
    }
}
