package org.websockets4j.protocol.internal;

import java.io.IOException;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * {@link Transport} over a connected {@link AsynchronousSocketChannel}: plain TCP. Handlers run
 * on the channel group's threads. Thread-safe as far as the channel is.
 *
 * <p>{@link #abort()} is the default plain close: the channel offers no {@code SO_LINGER}, so no
 * reset can be asked for. The descriptor and our buffers go at once all the same; unsent bytes
 * and the FIN behind them stay with the kernel, which bounds such orphaned sockets
 * ({@code net.ipv4.tcp_orphan_retries}, {@code tcp_max_orphans}).
 */
final class TcpTransport implements Transport {
    private final AsynchronousSocketChannel channel;
    private final SocketAddress local;
    private final SocketAddress remote;

    TcpTransport(AsynchronousSocketChannel channel) {
        this.channel = Objects.requireNonNull(channel, "channel");
        noDelay(channel);
        this.local = address(channel, true);
        this.remote = address(channel, false);
    }

    /**
     * Turns Nagle's algorithm off, as asyncio (hence Python websockets) does on every TCP
     * connection: a message leaves in one gathering write over plain TCP, but over TLS a message
     * larger than a record leaves as several records, and Nagle then holds the last small one
     * until the peer's delayed ACK (40 ms on Linux): 16 KiB echoes over TLS ran at 6 MB/s.
     */
    private static void noDelay(AsynchronousSocketChannel channel) {
        try {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        } catch (IOException | UnsupportedOperationException e) {
            // a closed channel fails its first operation instead
        }
    }

    private static SocketAddress address(AsynchronousSocketChannel channel, boolean local) {
        try {
            return local ? channel.getLocalAddress() : channel.getRemoteAddress();
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void read(ByteBuffer dst, CompletionHandler<Integer, Void> handler) {
        try {
            channel.read(dst, null, handler);
        } catch (RuntimeException e) { // e.g. ShutdownChannelGroupException: report it the usual way
            handler.failed(e, null);
        }
    }

    @Override
    public boolean readsStayOnPoller() {
        return IoGroup.onePoller(); // the channel is in the shared group: completions run on its poller
    }

    @Override
    public void write(ByteBuffer[] srcs, int offset, int length, CompletionHandler<Long, Void> handler) {
        try {
            // A timeout of 0 means none.
            channel.write(srcs, offset, length, 0L, TimeUnit.MILLISECONDS, null, handler);
        } catch (RuntimeException e) {
            handler.failed(e, null);
        }
    }

    @Override
    public void shutdownOutput() throws IOException {
        channel.shutdownOutput();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    @Override
    public SocketAddress localAddress() {
        return local;
    }

    @Override
    public SocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public String toString() {
        return "TcpTransport[" + local + " <-> " + remote + "]";
    }
}
