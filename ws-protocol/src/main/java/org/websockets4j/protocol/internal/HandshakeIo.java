package org.websockets4j.protocol.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * The opening handshake's I/O, shared by the server and the client: blocking reads and writes
 * over a {@link Transport} with one deadline, and the read-until-outcome loop that feeds a
 * Sans-I/O handshake until it decides. Meant for virtual threads (the server's connection thread,
 * the client's caller): a wait parks the thread, the I/O thread completes it.
 *
 * <p>Because it runs over {@code Transport}, a TLS or Unix-socket transport gets the same
 * handshake code. Thread-safe (it keeps no state).
 */
public final class HandshakeIo {
    /** No deadline. */
    public static final long NO_DEADLINE = Long.MAX_VALUE;

    private HandshakeIo() {
    }

    /**
     * A Sans-I/O handshake fed by {@link #readUntil}.
     *
     * @param <T> what the handshake decides
     */
    public interface Step<T> {
        /**
         * Takes the bytes received so far (position to limit) and consumes what it parsed.
         *
         * @param in the buffered input
         * @return the decision, or null while more bytes are needed
         */
        T data(ByteBuffer in);

        /**
         * The peer ended the stream before a decision.
         *
         * @return the decision for that case (or throws)
         */
        T eof();
    }

    /**
     * {@link Transport} over a connected TCP channel.
     *
     * @param channel a connected channel; the transport owns it from now on
     * @return the transport
     */
    public static Transport tcp(AsynchronousSocketChannel channel) {
        return new TcpTransport(channel);
    }

    /**
     * {@link Transport} over a connected {@link java.nio.channels.SocketChannel} of any family (a
     * Unix domain socket, an inherited or caller-supplied TCP socket): switched to non-blocking
     * mode, completed by the shared selector thread when it must wait.
     *
     * @param channel a connected channel; the transport owns it from now on
     * @return the transport
     * @throws IOException              when the channel cannot be made non-blocking
     * @throws IllegalArgumentException when the channel is not connected
     */
    public static Transport channel(java.nio.channels.SocketChannel channel) throws IOException {
        return new ChannelTransport(channel);
    }

    /**
     * Reads and feeds {@code step} until it decides; on return {@code buffer} holds, from its
     * position to its limit, the bytes received after what the handshake consumed.
     *
     * @param transport where to read
     * @param buffer    the buffer to read into, empty (position 0, limit = capacity)
     * @param deadline  {@link System#nanoTime()} by which the decision must come, or {@link #NO_DEADLINE}
     * @param step      the handshake
     * @param <T>       the decision's type
     * @return the decision, never null
     * @throws TimeoutException     when the deadline passes first (the transport is closed then)
     * @throws ExecutionException   when the transport fails (its cause is the I/O error)
     * @throws InterruptedException when the thread is interrupted (the transport is closed then)
     */
    public static <T> T readUntil(Transport transport, ByteBuffer buffer, long deadline, Step<T> step)
            throws TimeoutException, ExecutionException, InterruptedException {
        while (true) {
            int n = read(transport, buffer, deadline);
            buffer.flip();
            T decision = n < 0 ? step.eof() : step.data(buffer);
            if (decision != null) {
                return decision;
            }
            buffer.compact();
        }
    }

    /**
     * Reads once into {@code dst}.
     *
     * @param transport where to read
     * @param dst       the buffer, with room left
     * @param deadline  as in {@link #readUntil}
     * @return the bytes read, or -1 at the end of the stream
     * @throws TimeoutException     when the deadline passes first (the transport is closed then)
     * @throws ExecutionException   when the transport fails
     * @throws InterruptedException when the thread is interrupted (the transport is closed then)
     */
    public static int read(Transport transport, ByteBuffer dst, long deadline)
            throws TimeoutException, ExecutionException, InterruptedException {
        Waiter<Integer> done = new Waiter<>();
        transport.read(dst, done);
        return done.await(transport, deadline);
    }

    /**
     * Writes all of {@code src}.
     *
     * @param transport where to write
     * @param src       the bytes, from position to limit; consumed
     * @param deadline  as in {@link #readUntil}
     * @throws TimeoutException     when the deadline passes first (the transport is closed then)
     * @throws ExecutionException   when the transport fails
     * @throws InterruptedException when the thread is interrupted (the transport is closed then)
     */
    public static void writeFully(Transport transport, ByteBuffer src, long deadline)
            throws TimeoutException, ExecutionException, InterruptedException {
        ByteBuffer[] one = {src};
        while (src.hasRemaining()) {
            Waiter<Long> done = new Waiter<>();
            transport.write(one, 0, 1, done);
            done.await(transport, deadline);
        }
    }

    /**
     * One operation's completion, awaited by the thread that started it. Not a
     * {@code CompletableFuture}: its timed {@code get} parks several frames deeper, and every
     * accepted connection's handshake thread parks here with its whole stack copied to the heap.
     */
    private static final class Waiter<V> implements CompletionHandler<V, Void> {
        private final Thread waiter = Thread.currentThread();
        private V result;
        private Throwable error;
        /** Set after result or error, read by the waiter: publishes them. */
        private volatile boolean done;

        @Override
        public void completed(V value, Void unused) {
            result = value;
            done = true;
            LockSupport.unpark(waiter);
        }

        @Override
        public void failed(Throwable failure, Void unused) {
            error = failure;
            done = true;
            LockSupport.unpark(waiter);
        }

        /** Waits for the completion; on a timeout or an interrupt, closes the transport (ending the operation). */
        V await(Transport transport, long deadline)
                throws TimeoutException, ExecutionException, InterruptedException {
            while (!done) {
                if (Thread.interrupted()) {
                    closeQuietly(transport);
                    throw new InterruptedException();
                }
                if (deadline == NO_DEADLINE) {
                    LockSupport.park(this);
                } else {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        closeQuietly(transport);
                        throw new TimeoutException();
                    }
                    LockSupport.parkNanos(this, left);
                }
            }
            if (error != null) {
                throw new ExecutionException(error);
            }
            return result;
        }
    }

    private static void closeQuietly(Transport transport) {
        try {
            transport.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
