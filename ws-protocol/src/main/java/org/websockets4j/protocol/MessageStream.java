package org.websockets4j.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Objects;
import org.websockets4j.framing.Opcode;

/**
 * One incoming message read as its fragments arrive (websockets' {@code recv_streaming}), from
 * {@link WebSocket#recvStream()}: the bytes of a binary message, or the UTF-8 of a text message,
 * which {@link #reader()} decodes.
 *
 * <p><b>Memory.</b> What this stream holds is what arrived and was not read yet; while it holds
 * anything the connection stops reading from the socket, so a slow reader slows the peer down
 * (TCP flow control) instead of memory growing. It holds at most one fragment (bounded by
 * {@link ConnectionOptions#maxFrameSize()}) plus what one socket read brought
 * ({@link ConnectionOptions#readLimit()}). {@link ConnectionOptions#maxSize()} and
 * {@link ConnectionOptions#maxFragments()} do not bound a streamed message; maxFrameSize does,
 * frame by frame (a larger frame fails the connection with 1009).
 *
 * <p><b>End.</b> {@code read} returns -1 after the message's last byte. When the connection
 * closes before that, {@code read} throws an {@link IOException} whose cause is the connection's
 * {@link ConnectionClosed}, once the bytes that did arrive were read. {@link #close()} skips the
 * rest of the message: its remaining fragments are discarded as they arrive, and the next
 * {@link WebSocket#recv()} returns the message after it.
 *
 * <p><b>Threads.</b> One thread reads at a time (as with any {@link InputStream}); {@link #close()}
 * may be called from any thread. A read that would wait on the library's I/O thread throws
 * {@link IllegalStateException}, as {@link WebSocket#recv()} does there.
 */
public final class MessageStream extends InputStream {
    private final Driver driver;
    private final boolean text;
    // Guarded by the driver's lock (for a stream of a message already whole, by this object).
    private final ArrayDeque<byte[]> chunks = new ArrayDeque<>(2);
    private int offset;
    private boolean finished;
    private boolean closed;
    private Reader reader;

    /** A stream the driver fills as fragments arrive ({@code driver} not null), or of a whole message. */
    private MessageStream(Driver driver, boolean text) {
        this.driver = driver;
        this.text = text;
    }

    /** A stream of a message that arrived whole before {@code recvStream} was called. */
    static MessageStream of(Message message) {
        boolean text = message instanceof Message.Text;
        MessageStream stream = new MessageStream(null, text);
        byte[] bytes = text ? ((Message.Text) message).text().getBytes(StandardCharsets.UTF_8) : ((Message.Binary) message).data();
        if (bytes.length > 0) {
            stream.chunks.add(bytes);
        }
        stream.finished = true;
        return stream;
    }

    /** A stream the driver fills, starting with the message's first fragment (or the part already assembled). */
    static MessageStream started(Driver driver, Opcode type) {
        return new MessageStream(Objects.requireNonNull(driver), type == Opcode.TEXT);
    }

    /**
     * Whether the message is text (read it with {@link #reader()}) or binary.
     *
     * @return true for a text message
     */
    public boolean isText() {
        return text;
    }

    /**
     * The message's text, decoded from this stream as UTF-8 (the connection already checked it).
     * Reading the reader reads this stream; closing it closes this stream.
     *
     * @return the same reader on every call
     * @throws IllegalStateException when the message is binary
     */
    public Reader reader() {
        if (!text) {
            throw new IllegalStateException("the message is binary: read its bytes from this InputStream");
        }
        if (reader == null) {
            reader = new InputStreamReader(this, StandardCharsets.UTF_8);
        }
        return reader;
    }

    /**
     * Reads one byte, waiting for a fragment when none is held.
     *
     * @return the byte, 0-255, or -1 at the end of the message
     * @throws IOException when the stream was closed, or the connection closed before the end of
     *                     the message (cause: the {@link ConnectionClosed}), or the wait was
     *                     interrupted ({@link java.io.InterruptedIOException})
     */
    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    /**
     * Reads what is held, up to {@code length} bytes, waiting for a fragment when nothing is.
     *
     * @param bytes  where to put the bytes
     * @param off    the first index to write
     * @param length the most bytes to read
     * @return the number of bytes read, at least 1 unless {@code length} is 0; -1 at the end
     * @throws IOException as {@link #read()}
     */
    @Override
    public int read(byte[] bytes, int off, int length) throws IOException {
        Objects.checkFromIndexSize(off, length, bytes.length);
        if (driver == null) {
            synchronized (this) {
                return take(bytes, off, length);
            }
        }
        return driver.streams().read(this, bytes, off, length);
    }

    /**
     * The bytes that can be read without waiting.
     *
     * @return the bytes held now
     * @throws IOException when the stream was closed
     */
    @Override
    public int available() throws IOException {
        if (driver == null) {
            synchronized (this) {
                return held();
            }
        }
        return driver.streams().available(this);
    }

    /** Skips the rest of the message: what is held is dropped, and what still arrives is discarded. Idempotent. */
    @Override
    public void close() {
        if (driver == null) {
            synchronized (this) {
                markClosed();
            }
        } else {
            driver.streams().close(this);
        }
    }

    // ---------------------------------------------------------------- for the driver, under its lock

    /** Copies held bytes; -1 at the end; 0 when nothing is held yet (the caller waits). */
    int take(byte[] bytes, int off, int length) throws IOException {
        if (closed) {
            throw new IOException("the message stream is closed");
        }
        if (chunks.isEmpty()) {
            return finished ? -1 : 0;
        }
        if (length == 0) {
            return 0;
        }
        int copied = 0;
        while (copied < length && !chunks.isEmpty()) {
            byte[] head = chunks.peekFirst();
            int n = Math.min(length - copied, head.length - offset);
            System.arraycopy(head, offset, bytes, off + copied, n);
            copied += n;
            offset += n;
            if (offset == head.length) {
                chunks.pollFirst();
                offset = 0;
            }
        }
        return copied;
    }

    int held() throws IOException {
        if (closed) {
            throw new IOException("the message stream is closed");
        }
        long total = -offset;
        for (byte[] chunk : chunks) {
            total += chunk.length;
        }
        return (int) Math.min(total, Integer.MAX_VALUE);
    }

    /** A fragment arrived; dropped when the reader closed the stream. */
    void fragment(ByteBuffer view, boolean fin) {
        if (!closed && view.hasRemaining()) {
            byte[] copy = new byte[view.remaining()];
            view.get(view.position(), copy);
            chunks.addLast(copy);
        }
        if (fin) {
            finished = true;
        }
    }

    /** The part of the message assembled before the stream was asked for. */
    void prefix(byte[] bytes) {
        if (bytes.length > 0) {
            chunks.addLast(bytes);
        }
    }

    void markClosed() {
        closed = true;
        chunks.clear();
        offset = 0;
    }

    /** True while fragments are held unread: the driver does not read the socket meanwhile. */
    boolean holdsUnread() {
        return !chunks.isEmpty();
    }

    boolean finished() {
        return finished;
    }

    /** True while the stream stands between the application and the next message: not closed, not read to its end. */
    boolean unfinished() {
        return !closed && !(finished && chunks.isEmpty());
    }
}
