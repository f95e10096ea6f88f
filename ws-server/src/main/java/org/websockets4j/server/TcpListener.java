package org.websockets4j.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.CompletionHandler;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.websockets4j.protocol.internal.HandshakeIo;
import org.websockets4j.protocol.internal.IoGroup;

/**
 * A TCP {@link Listener} over an {@link AsynchronousServerSocketChannel} in the library's channel
 * group: accepted connections complete on the I/O thread and become TCP transports.
 */
final class TcpListener implements Listener {
    static final Duration ACCEPT_RETRY = Duration.ofMillis(50);
    /** Re-arms the accept loop after a failure (one daemon thread, made on first use). */
    private static final ScheduledExecutorService RETRY = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("websockets4j-accept-retry").daemon(true).factory());

    private final AsynchronousServerSocketChannel channel;
    private final SocketAddress address;
    private Sink sink;

    private TcpListener(AsynchronousServerSocketChannel channel) throws IOException {
        this.channel = channel;
        this.address = channel.getLocalAddress();
    }

    /**
     * Binds {@code host:port} with {@code SO_REUSEADDR}, and {@code SO_REUSEPORT} when asked.
     *
     * @param host    the interface, or null for all
     * @param port    the port, 0 for an ephemeral one
     * @param options the backlog and reusePort options
     * @return the listener, not yet accepting
     * @throws IOException when the address cannot be bound
     */
    static TcpListener bind(String host, int port, ServerOptions options) throws IOException {
        AsynchronousServerSocketChannel channel = AsynchronousServerSocketChannel.open(IoGroup.shared());
        try {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            if (options.reusePort()) {
                channel.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            }
            channel.bind(host == null ? new InetSocketAddress(port) : new InetSocketAddress(host, port), options.backlog());
            return new TcpListener(channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public SocketAddress address() {
        return address;
    }

    @Override
    public void start(Sink sink) {
        this.sink = sink;
        acceptNext();
    }

    /**
     * Accepts until an accept is left pending. The channel group runs a completion that was ready
     * at once in the caller (see {@link IoGroup}), so a completion that called this again directly
     * would recurse once per connection waiting in the backlog: a burst of a thousand overflowed
     * the I/O thread's stack and lost the connections being accepted. A completion that runs
     * inside the call hands the next accept back to this loop instead.
     */
    private void acceptNext() {
        while (true) {
            Attempt attempt = new Attempt();
            try {
                channel.accept(null, attempt);
            } catch (Throwable e) {
                if (sink.closing()) {
                    sink.stopped();
                    return;
                }
                retryLater("cannot accept", e);
                return;
            }
            if (attempt.state.compareAndSet(Attempt.PENDING, Attempt.RETURNED)) {
                return; // still pending: its completion accepts the next one
            }
            // It completed inside the call and wants another accept: loop rather than recurse.
        }
    }

    /** One accept, and whether its completion came before the call that started it returned. */
    private final class Attempt implements CompletionHandler<AsynchronousSocketChannel, Void> {
        static final int PENDING = 0;
        /** The call that started the accept returned first: the completion accepts the next itself. */
        static final int RETURNED = 1;
        /** The completion came first and wants another accept: the starting call loops. */
        static final int AGAIN = 2;

        final AtomicInteger state = new AtomicInteger(PENDING);

        @Override
        public void completed(AsynchronousSocketChannel accepted, Void attachment) {
            try {
                sink.accepted(HandshakeIo.tcp(accepted));
            } catch (Throwable e) {
                closeQuietly(accepted); // a connection nobody serves must not hold its descriptor
                sink.trouble("could not start serving an accepted connection", e);
            }
            if (sink.closing()) {
                sink.stopped(); // no further accept
            } else if (!state.compareAndSet(PENDING, AGAIN)) {
                acceptNext();
            }
        }

        @Override
        public void failed(Throwable failure, Void attachment) {
            if (sink.closing() || failure instanceof AsynchronousCloseException
                    || failure instanceof ClosedChannelException) {
                sink.stopped();
                return;
            }
            retryLater("accept failed", failure); // out of file descriptors, say
        }
    }

    /** Reports {@code failure} and accepts again a little later, instead of spinning on it. */
    private void retryLater(String what, Throwable failure) {
        sink.trouble(what + "; accepting again in " + ACCEPT_RETRY.toMillis() + " ms", failure);
        RETRY.schedule(this::acceptNext, ACCEPT_RETRY.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void closeQuietly(AsynchronousSocketChannel accepted) {
        try {
            accepted.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public String toString() {
        return "tcp:" + address;
    }
}
