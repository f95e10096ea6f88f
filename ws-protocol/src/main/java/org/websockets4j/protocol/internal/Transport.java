package org.websockets4j.protocol.internal;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.CompletionHandler;

/**
 * The byte stream under a WebSocket, as its I/O driver sees it: asynchronous reads and gathering
 * writes that report through completion handlers, a half-close and an abort.
 *
 * <p>Plain TCP over an {@link java.nio.channels.AsynchronousSocketChannel} is the one
 * implementation today; TLS (an {@link javax.net.ssl.SSLEngine} over the same channel) and Unix
 * domain sockets (a {@link java.nio.channels.SocketChannel}) will be others, under the same driver.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>The driver keeps at most one read and at most one write outstanding; an implementation
 *       may rely on that.</li>
 *   <li>Handlers are called on the transport's I/O threads (possibly on the calling thread when
 *       the operation completes at once, but never while the driver holds its lock, since the
 *       driver starts operations after releasing it). They must not block.</li>
 *   <li>A read reports -1 at the end of the stream. A failed or cancelled operation reports
 *       through {@link CompletionHandler#failed}; so does an operation started after
 *       {@link #close()}.</li>
 *   <li>Methods other than the two operations return at once and may be called from any
 *       thread.</li>
 * </ul>
 */
public interface Transport {
    /**
     * Reads bytes into {@code dst}, from its position up to its limit, and reports how many were
     * read (at least one), or -1 at the end of the stream.
     *
     * @param dst the buffer to fill, with room left; the transport owns it until the handler is
     *            called
     * @param handler called once with the count of bytes read, or -1, or the failure
     */
    void read(ByteBuffer dst, CompletionHandler<Integer, Void> handler);

    /**
     * Writes some of the bytes of {@code srcs[offset .. offset + length)}, in order, advancing
     * their positions, and reports how many were written (possibly fewer than offered).
     *
     * @param srcs the buffers to write from; the transport owns them until the handler is called
     * @param offset the index of the first buffer to write
     * @param length the number of buffers, from {@code offset}
     * @param handler called once with the count of bytes written, or the failure
     */
    void write(ByteBuffer[] srcs, int offset, int length, CompletionHandler<Long, Void> handler);

    /**
     * Ends the output stream once everything written so far has gone (TCP: sends FIN) while
     * reading goes on; the peer sees the end of its input.
     *
     * @throws IOException when the stream cannot be half-closed (for example, it is closed)
     */
    void shutdownOutput() throws IOException;

    /**
     * Closes the stream both ways at once, discarding unsent bytes; pending operations then fail.
     * Idempotent.
     *
     * @throws IOException when closing reports an error (the stream is closed anyway)
     */
    void close() throws IOException;

    /**
     * Closes at once and discards what is still unsent, telling the peer so where the stream can
     * (TCP sends a reset, not an orderly end). For a connection given up while output is stuck:
     * a plain close leaves the unsent bytes, and the end of stream behind them, to the kernel,
     * which keeps retrying a peer that does not read for minutes while that peer sees an open
     * connection. Idempotent; pending operations then fail.
     *
     * @throws IOException when closing reports an error (the stream is closed anyway)
     */
    default void abort() throws IOException {
        close();
    }

    /**
     * Whether a read started on the library's polling thread ({@link IoGroup#onPollerThread()})
     * also completes there, its handler running before that thread completes any other read.
     * Readers that start their reads there may then share one buffer, each consuming what it read
     * before its handler returns: an idle connection then holds no read buffer of its own.
     *
     * @return false unless the transport guarantees it
     */
    default boolean readsStayOnPoller() {
        return false;
    }

    /**
     * The local address, or null when unknown. Recorded when the transport was created.
     *
     * @return the local address, or null
     */
    SocketAddress localAddress();

    /**
     * The remote address, or null when unknown. Recorded when the transport was created.
     *
     * @return the remote address, or null
     */
    SocketAddress remoteAddress();
}
