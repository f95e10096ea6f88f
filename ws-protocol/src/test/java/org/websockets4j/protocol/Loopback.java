package org.websockets4j.protocol;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.websockets4j.framing.Role;
import org.websockets4j.http.Headers;
import org.websockets4j.protocol.internal.HandshakeInfo;
import org.websockets4j.protocol.internal.IoGroup;
import org.websockets4j.protocol.internal.WebSockets;

/**
 * Real loopback connections for driver tests: two WebSockets opened over a connected pair of
 * channels (no handshake: {@link WebSockets#open} is called on each side directly), or one
 * WebSocket facing a {@link RawPeer} that speaks frames by hand.
 */
final class Loopback {
    static final InetAddress LOCALHOST = InetAddress.getLoopbackAddress();
    static final HandshakeInfo INFO = new HandshakeInfo("/test", Headers.of("Host", "localhost"),
            Headers.of("Upgrade", "websocket"), null);
    static final long GUARD_SECONDS = 10;

    private Loopback() {
    }

    /** Options with no keepalive and a short close timeout, so that a broken test ends quickly. */
    static ConnectionOptions.Builder quiet() {
        return ConnectionOptions.builder().pingInterval(null).closeTimeout(Duration.ofSeconds(2));
    }

    /** A server WebSocket and a client WebSocket connected to each other. */
    record Pair(WebSocket server, WebSocket client) implements AutoCloseable {
        /** Ends both sides, politely if they cooperate, by aborting otherwise. */
        @Override
        public void close() {
            server.closeAsync();
            client.closeAsync();
            for (WebSocket ws : List.of(server, client)) {
                try {
                    ws.closedFuture().get(GUARD_SECONDS, TimeUnit.SECONDS);
                } catch (Exception e) {
                    ws.abort();
                }
            }
        }
    }

    static Pair pair() throws Exception {
        return pair(quiet().build(), quiet().build());
    }

    static Pair pair(ConnectionOptions serverOptions, ConnectionOptions clientOptions) throws Exception {
        return pairs(1, serverOptions, clientOptions, null).get(0);
    }

    /**
     * {@code count} connected pairs.
     *
     * @param socketBuffer SO_RCVBUF and SO_SNDBUF for every socket, or null for the defaults
     */
    static List<Pair> pairs(int count, ConnectionOptions serverOptions, ConnectionOptions clientOptions,
                            Integer socketBuffer) throws Exception {
        List<Pair> pairs = new ArrayList<>();
        try (AsynchronousServerSocketChannel listener = AsynchronousServerSocketChannel.open(IoGroup.shared())) {
            if (socketBuffer != null) {
                listener.setOption(StandardSocketOptions.SO_RCVBUF, socketBuffer);
            }
            listener.bind(new InetSocketAddress(LOCALHOST, 0), count);
            for (int i = 0; i < count; i++) {
                Future<AsynchronousSocketChannel> accepted = listener.accept();
                AsynchronousSocketChannel client = AsynchronousSocketChannel.open(IoGroup.shared());
                if (socketBuffer != null) {
                    client.setOption(StandardSocketOptions.SO_RCVBUF, socketBuffer);
                    client.setOption(StandardSocketOptions.SO_SNDBUF, socketBuffer);
                }
                client.connect(listener.getLocalAddress()).get(GUARD_SECONDS, TimeUnit.SECONDS);
                AsynchronousSocketChannel server = accepted.get(GUARD_SECONDS, TimeUnit.SECONDS);
                if (socketBuffer != null) {
                    server.setOption(StandardSocketOptions.SO_SNDBUF, socketBuffer);
                }
                WebSocket serverSide = WebSockets.open(server, Role.SERVER, serverOptions, List.of(),
                        ByteBuffer.allocate(0), INFO);
                WebSocket clientSide = WebSockets.open(client, Role.CLIENT, clientOptions, List.of(),
                        ByteBuffer.allocate(0), INFO);
                pairs.add(new Pair(serverSide, clientSide));
            }
        }
        return pairs;
    }

    /** A WebSocket playing {@code role}, and the raw peer on the other end. */
    record Raw(WebSocket ws, RawPeer peer) implements AutoCloseable {
        @Override
        public void close() {
            ws.abort();
            peer.close();
        }
    }

    /** A WebSocket playing {@code role} facing a raw peer; {@code leftover} is handed to it as received bytes. */
    static Raw raw(Role role, ConnectionOptions options, byte[] leftover) throws Exception {
        ByteBuffer extra = ByteBuffer.wrap(leftover);
        if (role == Role.SERVER) {
            try (AsynchronousServerSocketChannel listener = AsynchronousServerSocketChannel.open(IoGroup.shared())) {
                listener.bind(new InetSocketAddress(LOCALHOST, 0));
                Future<AsynchronousSocketChannel> accepted = listener.accept();
                Socket socket = new Socket(LOCALHOST, ((InetSocketAddress) listener.getLocalAddress()).getPort());
                AsynchronousSocketChannel channel = accepted.get(GUARD_SECONDS, TimeUnit.SECONDS);
                return new Raw(WebSockets.open(channel, role, options, List.of(), extra, INFO), new RawPeer(socket, Role.CLIENT));
            }
        }
        try (ServerSocket listener = new ServerSocket(0, 1, LOCALHOST)) {
            AsynchronousSocketChannel channel = AsynchronousSocketChannel.open(IoGroup.shared());
            channel.connect(listener.getLocalSocketAddress()).get(GUARD_SECONDS, TimeUnit.SECONDS);
            Socket socket = listener.accept();
            return new Raw(WebSockets.open(channel, role, options, List.of(), extra, INFO), new RawPeer(socket, Role.SERVER));
        }
    }

    static Raw raw(Role role, ConnectionOptions options) throws Exception {
        return raw(role, options, new byte[0]);
    }

    /** Starts a virtual thread that echoes every message until the connection closes. */
    static Thread echo(WebSocket ws) {
        return Thread.ofVirtual().name("echo").start(() -> {
            try {
                for (Message message : ws) {
                    ws.send(message);
                }
            } catch (ConnectionClosed | InterruptedException expected) {
                // the test closed the connection
            } catch (Throwable unexpected) {
                ws.closeAsync(1011, "echo failed: " + unexpected.getClass().getSimpleName()); // fail fast, not by timeout
                throw unexpected;
            }
        });
    }

    static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // cleanup only
        }
    }

    static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // cleanup only
        }
    }
}
