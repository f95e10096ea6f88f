package org.websockets4j.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Binds the listeners a server starts with; on failure, closes those already bound. */
final class Listeners {
    private Listeners() {
    }

    /**
     * One TCP listener per host, all on {@code port}; with port 0 the first host's ephemeral port
     * is used for the others too, so that the server has one port.
     */
    static List<Listener> tcp(List<String> hosts, int port, ServerOptions options) throws IOException {
        Objects.requireNonNull(hosts, "hosts");
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("hosts must not be empty; use a list holding null for all interfaces");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535, got " + port);
        }
        List<Listener> bound = new ArrayList<>(hosts.size());
        try {
            for (String host : hosts) {
                TcpListener listener = TcpListener.bind(host, port, options);
                bound.add(listener);
                if (port == 0) {
                    port = ((InetSocketAddress) listener.address()).getPort();
                }
            }
            return bound;
        } catch (IOException | RuntimeException e) {
            bound.forEach(Listener::close);
            throw e;
        }
    }

    /** A Unix domain socket listener at {@code path}. */
    static List<Listener> unix(Path path, ServerOptions options) throws IOException {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(options, "options");
        if (options.reusePort()) {
            throw new IllegalArgumentException("reusePort applies to TCP sockets, not to a Unix domain socket; leave it false");
        }
        return List.of(UnixSocketFile.bind(path, options.backlog()));
    }

    /** A listener over a channel the caller bound. */
    static List<Listener> adopt(ServerSocketChannel channel, ServerOptions options) throws IOException {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(options, "options");
        if (options.reusePort()) {
            throw new IllegalArgumentException("reusePort cannot apply to a channel that is already bound; set"
                    + " SO_REUSEPORT on it before binding, and leave the option false");
        }
        return List.of(new ChannelListener(channel, null));
    }
}
