package org.websockets4j.protocol;

import java.nio.ByteBuffer;
import java.util.Objects;
import org.websockets4j.framing.FrameData;

/**
 * Copies of the application's data as payloads the driver may own: the connection takes a data
 * payload over (a client masks it in place) and writes it later, so the caller's array or buffer
 * must not be used directly.
 */
final class Payloads {
    private Payloads() {
    }

    /** The UTF-8 bytes of {@code text} (a new array, so no copy is needed). */
    static ByteBuffer text(String text) {
        Objects.requireNonNull(text, "text");
        return ByteBuffer.wrap(FrameData.utf8(text));
    }

    /** A copy of {@code data}. */
    static ByteBuffer copy(byte[] data) {
        Objects.requireNonNull(data, "data");
        return ByteBuffer.wrap(data.clone());
    }

    /** A copy of {@code data}'s bytes from {@code offset}, {@code length} of them. */
    static ByteBuffer copy(byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        byte[] copy = new byte[length];
        System.arraycopy(data, offset, copy, 0, length);
        return ByteBuffer.wrap(copy);
    }

    /** A copy of {@code data}'s remaining bytes; its position is left alone. */
    static ByteBuffer copy(ByteBuffer data) {
        Objects.requireNonNull(data, "data");
        byte[] copy = new byte[data.remaining()];
        data.get(data.position(), copy);
        return ByteBuffer.wrap(copy);
    }

    /** A control frame's payload: copied by the connection, so a view suffices; null stays null. */
    static ByteBuffer view(ByteBuffer data) {
        return data == null ? null : data.slice();
    }
}
