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

    private void acceptNext() {
        try {
            channel.accept(null, new CompletionHandler<AsynchronousSocketChannel, Void>() {
                @Override
                public void completed(AsynchronousSocketChannel accepted, Void attachment) {
                    try {
                        sink.accepted(HandshakeIo.tcp(accepted));
                    } finally {
                        if (sink.closing()) {
                            sink.stopped(); // no further accept
                        } else {
                            acceptNext();
                        }
                    }
                }

                @Override
                public void failed(Throwable failure, Void attachment) {
                    if (sink.closing() || failure instanceof AsynchronousCloseException
                            || failure instanceof ClosedChannelException) {
                        sink.stopped();
                        return;
                    }
                    // Out of file descriptors, say: try again a little later instead of spinning.
                    sink.trouble("accept failed; accepting again in " + ACCEPT_RETRY.toMillis() + " ms", failure);
                    RETRY.schedule(TcpListener.this::acceptNext, ACCEPT_RETRY.toMillis(), TimeUnit.MILLISECONDS);
                }
            });
        } catch (Throwable e) {
            if (sink.closing()) {
                sink.stopped();
                return;
            }
            sink.trouble("cannot accept; trying again in " + ACCEPT_RETRY.toMillis() + " ms", e);
            RETRY.schedule(this::acceptNext, ACCEPT_RETRY.toMillis(), TimeUnit.MILLISECONDS);
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
