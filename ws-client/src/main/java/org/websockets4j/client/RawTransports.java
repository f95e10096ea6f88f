package org.websockets4j.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
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
            return unix(unix, deadline, timeout);
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
     * A Unix domain socket connection within the deadline. Connecting is local, but it still
     * blocks while the server's accept backlog is full (a server that stopped accepting), and a
     * non-blocking connect cannot wait for that (Linux answers EAGAIN, not EINPROGRESS). So the
     * calling thread connects in blocking mode while a virtual thread closes the channel at the
     * deadline; it is stopped and joined before returning, so nothing outlives the call.
     */
    private static Transport unix(UnixDomainSocketAddress address, long deadline, Duration timeout)
            throws IOException, InterruptedException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            if (deadline == HandshakeIo.NO_DEADLINE) {
                channel.connect(address);
            } else {
                connectBefore(channel, address, deadline, timeout);
            }
            return HandshakeIo.channel(channel);
        } catch (IOException | InterruptedException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static void connectBefore(SocketChannel channel, UnixDomainSocketAddress address, long deadline,
                                      Duration timeout) throws IOException, InterruptedException {
        AtomicBoolean expired = new AtomicBoolean();
        Thread watchdog = Thread.ofVirtual().name("websockets4j-unix-connect-timeout").start(() -> {
            try {
                long left = deadline - System.nanoTime();
                if (left > 0) {
                    TimeUnit.NANOSECONDS.sleep(left);
                }
                expired.set(true);
                channel.close(); // wakes the blocked connect with AsynchronousCloseException
            } catch (InterruptedException | IOException e) {
                // connected in time (interrupted), or closed anyway
            }
        });
        try {
            channel.connect(address);
        } catch (AsynchronousCloseException e) {
            if (expired.get()) {
                SocketTimeoutException timedOut = new SocketTimeoutException("opening handshake timed out after "
                        + timeout + " (connecting to " + address + ")");
                timedOut.initCause(e);
                throw timedOut;
            }
            throw e;
        } finally {
            watchdog.interrupt();
            watchdog.join();
        }
        if (expired.get()) { // connected just as the watchdog closed the channel
            throw new SocketTimeoutException("opening handshake timed out after " + timeout);
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
