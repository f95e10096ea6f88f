package org.websockets4j.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.websockets4j.http.WebSocketUri;
import org.websockets4j.protocol.internal.HandshakeIo;
import org.websockets4j.protocol.internal.IoGroup;
import org.websockets4j.protocol.internal.Transport;

/**
 * Opens the client's raw byte stream, before any handshake: a TCP connection in the library's
 * channel group (to the URI's host and port or {@link ClientOptions#socketAddress()}, from
 * {@link ClientOptions#localAddress()}), or a Unix domain socket connection.
 */
final class RawTransports {
    private RawTransports() {
    }

    /**
     * Connects where {@code options} say, within the deadline.
     *
     * @param uri      the target, whose host and port are used unless the options name an address
     * @param options  the client options
     * @param deadline {@link System#nanoTime()} by which to be connected, or {@link HandshakeIo#NO_DEADLINE}
     * @param timeout  the open timeout, for the message
     * @return the connected transport
     * @throws SocketTimeoutException when the deadline passes first
     * @throws IOException            when connecting fails
     * @throws InterruptedException   when interrupted
     */
    static Transport open(WebSocketUri uri, ClientOptions options, long deadline, Duration timeout)
            throws IOException, InterruptedException {
        SocketAddress address = options.socketAddress();
        if (address instanceof UnixDomainSocketAddress unix) {
            return unix(unix);
        }
        if (address == null) {
            address = new InetSocketAddress(uri.host(), uri.port());
        }
        return tcp(address, options.localAddress(), deadline, timeout);
    }

    /**
     * A TCP connection to {@code address} (resolved here when unresolved), bound first to
     * {@code local} when not null, within the deadline.
     */
    static Transport tcp(SocketAddress address, InetSocketAddress local, long deadline, Duration timeout)
            throws IOException, InterruptedException {
        if (address instanceof InetSocketAddress inet && inet.isUnresolved()) {
            address = new InetSocketAddress(inet.getHostString(), inet.getPort());
        }
        AsynchronousSocketChannel channel = AsynchronousSocketChannel.open(IoGroup.shared());
        try {
            if (local != null) {
                channel.bind(local);
            }
            await(channel, channel.connect(address), deadline, timeout);
            return HandshakeIo.tcp(channel);
        } catch (IOException | InterruptedException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * A Unix domain socket connection. Connecting is a local operation that completes at once
     * (or fails: no file, nobody listening, no permission), so it is not bounded by the deadline.
     */
    private static Transport unix(UnixDomainSocketAddress address) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(address);
            return HandshakeIo.channel(channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static void await(AsynchronousSocketChannel channel, Future<Void> pending, long deadline, Duration timeout)
            throws IOException, InterruptedException {
        try {
            if (deadline == HandshakeIo.NO_DEADLINE) {
                pending.get();
            } else {
                pending.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (TimeoutException e) {
            channel.close();
            throw new SocketTimeoutException("opening handshake timed out after " + timeout);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        }
    }
}
