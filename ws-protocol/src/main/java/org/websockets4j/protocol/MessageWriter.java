package org.websockets4j.protocol;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.websockets4j.framing.Opcode;

/**
 * Sends one message in pieces, for messages too large to hold in memory at once: each
 * {@code write} sends one frame of a fragmented message (RFC 6455 §5.4), and {@link #close()} sends
 * the final frame. Obtained from {@link WebSocket#sendStream(boolean)}.
 *
 * <p>While a writer is open, the WebSocket's other data sends wait for it (blocking sends block,
 * asynchronous ones are sent after it, in order); pings, pongs and {@link WebSocket#close()} do
 * not wait. So always close a writer, preferably with try-with-resources. A thread that holds an
 * open writer and calls {@link WebSocket#send(String)} gets {@link IllegalStateException} rather
 * than a deadlock.
 *
 * <p>Each write copies its bytes, so the caller may reuse its array or buffer at once, and waits,
 * like {@link WebSocket#send(String)}, while the WebSocket's write buffer is over its high-water
 * mark. Thread-safe, though writes from several threads at once go out in an unspecified order.
 */
public final class MessageWriter implements AutoCloseable {
    private final FragmentOwnership fragments;
    private final FragmentedMessage message;
    private final AtomicBoolean closed = new AtomicBoolean();

    MessageWriter(FragmentOwnership fragments, FragmentedMessage message) {
        this.fragments = fragments;
        this.message = message;
    }

    /**
     * True when this writer sends a text message, false for a binary one.
     *
     * @return whether the message is text; fixed when the writer is opened
     */
    public boolean isText() {
        return message.opcode == Opcode.TEXT;
    }

    /**
     * Sends {@code text}, encoded in UTF-8, as the next frame of a text message.
     *
     * @param text the next piece; it must not end between the two halves of a surrogate pair
     * @throws IllegalArgumentException when this writer sends a binary message, or {@code text}
     *                                  holds an unpaired surrogate
     * @throws IllegalStateException    when the writer is closed
     * @throws ConnectionClosed         when the connection is closed (when it is closing, after
     *                                  waiting for it to close)
     * @throws InterruptedException     when interrupted while waiting; the frame may have been queued
     */
    public void write(String text) throws InterruptedException {
        Objects.requireNonNull(text, "text");
        if (!isText()) {
            throw new IllegalArgumentException("this MessageWriter sends a binary message; write bytes, or open a text writer");
        }
        writeFrame(Payloads.text(text));
    }

    /**
     * Sends {@code data} as the next frame: binary data for a binary message, UTF-8 bytes for a
     * text message (a character may be split across writes; the whole message must be valid UTF-8,
     * or the peer fails the connection with 1007).
     *
     * @param data the next piece, not null, possibly empty; copied before this returns
     * @throws IllegalStateException when the writer is closed
     * @throws ConnectionClosed      when the connection is closed (when it is closing, after
     *                               waiting for it to close)
     * @throws InterruptedException  when interrupted while waiting; the frame may have been queued
     */
    public void write(byte[] data) throws InterruptedException {
        writeFrame(Payloads.copy(data));
    }

    /**
     * Sends {@code length} bytes of {@code data} from {@code offset} as the next frame; see
     * {@link #write(byte[])}.
     *
     * @param data the array holding the piece, not null
     * @param offset the index of the piece's first byte
     * @param length the number of bytes, possibly 0; copied before this returns
     * @throws IndexOutOfBoundsException when the range is outside the array
     * @throws IllegalStateException     when the writer is closed
     * @throws ConnectionClosed          when the connection is closed
     * @throws InterruptedException      when interrupted while waiting; the frame may have been queued
     */
    public void write(byte[] data, int offset, int length) throws InterruptedException {
        Objects.requireNonNull(data, "data");
        writeFrame(Payloads.copy(data, offset, length));
    }

    /**
     * Sends the remaining bytes of {@code data} as the next frame (its position is left alone);
     * see {@link #write(byte[])}.
     *
     * @param data the next piece, not null; its remaining bytes are copied before this returns
     * @throws IllegalStateException when the writer is closed
     * @throws ConnectionClosed      when the connection is closed
     * @throws InterruptedException  when interrupted while waiting; the frame may have been queued
     */
    public void write(ByteBuffer data) throws InterruptedException {
        writeFrame(Payloads.copy(data));
    }

    private void writeFrame(ByteBuffer payload) throws InterruptedException {
        if (closed.get()) {
            throw new IllegalStateException("this MessageWriter is closed: its message is complete");
        }
        fragments.send(message, payload, false);
    }

    /**
     * Ends the message: sends its final frame (empty), or an empty message when nothing was
     * written. Idempotent. Does not wait for the write buffer to drain.
     *
     * @throws ConnectionClosed when the connection is closed, so the message could not be
     *                          completed; when it is closing, this waits (uninterruptibly, bounded by
     *                          the close timeout) for it to close first
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            fragments.finish(message);
        }
    }

    /** For example {@code MessageWriter[text, open]}. */
    @Override
    public String toString() {
        return "MessageWriter[" + (isText() ? "text" : "binary") + ", " + (closed.get() ? "closed" : "open") + "]";
    }
}
