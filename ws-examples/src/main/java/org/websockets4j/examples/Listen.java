package org.websockets4j.examples;

import java.io.IOException;
import java.nio.file.Path;
import org.websockets4j.server.AsyncConnectionHandler;
import org.websockets4j.server.ConnectionHandler;
import org.websockets4j.server.ServerOptions;
import org.websockets4j.server.WebSocketServer;

/**
 * Where a test server listens: a TCP host and port, or a Unix domain socket's path.
 *
 * @param host the interface, when {@code unix} is null
 * @param port the TCP port, when {@code unix} is null
 * @param unix the socket file, or null for TCP
 */
record Listen(String host, int port, Path unix) {
    /** Starts a server with a blocking handler there. */
    WebSocketServer serve(ConnectionHandler handler, ServerOptions options) throws IOException {
        return unix != null ? WebSocketServer.unixServe(handler, unix, options) : WebSocketServer.serve(handler, host, port, options);
    }

    /** Starts a server with an async handler there. */
    WebSocketServer serveAsync(AsyncConnectionHandler handler, ServerOptions options) throws IOException {
        return unix != null ? WebSocketServer.unixServeAsync(handler, unix, options)
                : WebSocketServer.serveAsync(handler, host, port, options);
    }

    /** What the "listening on" line shows: {@code unix:PATH} or the URI to connect to. */
    String describe(WebSocketServer running) {
        return unix != null ? "unix:" + unix : Main.uri(host, running.port());
    }
}
