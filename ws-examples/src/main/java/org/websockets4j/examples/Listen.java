package org.websockets4j.examples;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channel;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import org.websockets4j.server.AsyncConnectionHandler;
import org.websockets4j.server.ConnectionHandler;
import org.websockets4j.server.ServerOptions;
import org.websockets4j.server.WebSocketServer;

/**
 * Where a test server listens: a TCP host and port, a Unix domain socket's path, or the
 * listening socket inherited on standard input (socket activation).
 *
 * @param host      the interface, for TCP
 * @param port      the TCP port, for TCP
 * @param unix      the socket file, or null
 * @param inherited whether to serve {@link System#inheritedChannel()}
 */
record Listen(String host, int port, Path unix, boolean inherited) {
    /** TCP or a Unix socket. */
    Listen(String host, int port, Path unix) {
        this(host, port, unix, false);
    }

    /** The inherited listening channel, or a clear error when there is none. */
    private static ServerSocketChannel inheritedChannel() throws IOException {
        Channel channel = System.inheritedChannel();
        if (channel instanceof ServerSocketChannel listening) {
            return listening;
        }
        throw new IOException("--inherited: standard input is not a listening socket (got " + channel
                + "); start the server through socket activation (inetd, systemd StandardInput=socket)");
    }

    /** Starts a server with a blocking handler there. */
    WebSocketServer serve(ConnectionHandler handler, ServerOptions options) throws IOException {
        if (inherited) {
            return WebSocketServer.serve(handler, inheritedChannel(), options);
        }
        return unix != null ? WebSocketServer.unixServe(handler, unix, options) : WebSocketServer.serve(handler, host, port, options);
    }

    /** Starts a server with an async handler there. */
    WebSocketServer serveAsync(AsyncConnectionHandler handler, ServerOptions options) throws IOException {
        if (inherited) {
            return WebSocketServer.serveAsync(handler, inheritedChannel(), options);
        }
        return unix != null ? WebSocketServer.unixServeAsync(handler, unix, options)
                : WebSocketServer.serveAsync(handler, host, port, options);
    }

    /** What the "listening on" line shows: {@code unix:PATH} or the URI to connect to. */
    String describe(WebSocketServer running, boolean secure) {
        if (running.address() instanceof UnixDomainSocketAddress address) {
            return "unix:" + address.getPath();
        }
        String shown = inherited ? ((InetSocketAddress) running.address()).getHostString() : host;
        return Main.uri(shown, running.port(), secure);
    }
}
