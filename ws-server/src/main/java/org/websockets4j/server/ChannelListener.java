package org.websockets4j.server;

import java.io.IOException;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Objects;
import org.websockets4j.protocol.internal.HandshakeIo;

/**
 * A {@link Listener} over a listening {@link ServerSocketChannel} of any family: a Unix domain
 * socket, or a channel the caller bound (an inherited one included), which an
 * {@link java.nio.channels.AsynchronousServerSocketChannel} cannot adopt. One virtual thread
 * blocks in {@code accept()} (parking, not pinning a carrier); accepted channels become
 * selector-driven transports ({@link HandshakeIo#channel}).
 */
final class ChannelListener implements Listener {
    private final ServerSocketChannel channel;
    private final SocketAddress address;
    /** The socket file this listener created and removes on close, or null. */
    private final UnixSocketFile file;
    private volatile Thread acceptor;

    ChannelListener(ServerSocketChannel channel, UnixSocketFile file) throws IOException {
        this.channel = Objects.requireNonNull(channel, "channel");
        SocketAddress bound = channel.getLocalAddress();
        if (bound == null) {
            throw new IllegalArgumentException("the ServerSocketChannel must be bound (and listening)");
        }
        this.address = bound;
        this.file = file;
        channel.configureBlocking(true);
    }

    @Override
    public SocketAddress address() {
        return address;
    }

    @Override
    public void start(Sink sink) {
        acceptor = Thread.ofVirtual().name("websockets4j-accept-" + this).start(() -> acceptLoop(sink));
    }

    private void acceptLoop(Sink sink) {
        try {
            while (true) {
                SocketChannel accepted;
                try {
                    accepted = channel.accept();
                } catch (ClosedChannelException e) { // AsynchronousCloseException too: close() was called
                    return;
                } catch (IOException | RuntimeException e) {
                    if (sink.closing() || !channel.isOpen()) {
                        return;
                    }
                    sink.trouble("accept failed; accepting again in " + TcpListener.ACCEPT_RETRY.toMillis() + " ms", e);
                    Thread.sleep(TcpListener.ACCEPT_RETRY.toMillis());
                    continue;
                }
                try {
                    sink.accepted(HandshakeIo.channel(accepted));
                } catch (IOException | RuntimeException e) {
                    closeQuietly(accepted);
                    sink.trouble("cannot set up an accepted connection; closing it", e);
                }
                if (sink.closing()) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            // stopping
        } finally {
            sink.stopped();
        }
    }

    @Override
    public void close() {
        closeQuietly(channel);
        if (file != null) {
            file.delete();
        }
    }

    private static void closeQuietly(java.nio.channels.Channel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public String toString() {
        return address instanceof UnixDomainSocketAddress unix ? "unix:" + unix.getPath() : "tcp:" + address;
    }
}
