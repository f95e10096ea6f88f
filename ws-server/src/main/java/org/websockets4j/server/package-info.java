/**
 * WebSocket servers: the counterpart of Python websockets' {@code serve}.
 *
 * <p>The top layer on the server side, over {@code ws-protocol} (required transitively, so a
 * server module needs only {@code requires org.websockets4j.server;}).
 * {@link org.websockets4j.server.WebSocketServer#serve WebSocketServer.serve} listens, performs
 * the opening handshake ({@link org.websockets4j.server.ServerHandshake}, Sans-I/O) and runs a
 * {@link org.websockets4j.server.ConnectionHandler} on a virtual thread per connection;
 * {@link org.websockets4j.server.WebSocketServer#broadcast WebSocketServer.broadcast} sends one
 * message to many connections. {@link org.websockets4j.server.ServerOptions} holds the rest:
 * origins, subprotocols and their selection ({@link org.websockets4j.server.SubprotocolSelector}),
 * extra response headers ({@link org.websockets4j.server.ExtraHeaders}), extensions, limits and
 * timeouts, and a hook that may answer the HTTP request itself
 * ({@link org.websockets4j.server.RequestProcessor}, {@link org.websockets4j.server.HttpResponse}).
 *
 * <h2>Getting started</h2>
 * An echo server on port 8765 that runs until closed:
 * {@snippet :
 * try (WebSocketServer server = WebSocketServer.serve(ws -> {
 *     for (Message message : ws) {        // ends when the client closes
 *         ws.send(message);
 *     }
 * }, "localhost", 8765)) {
 *     server.awaitClosed();               // until close() is called from another thread
 * }
 * }
 * When the handler returns the connection is closed with 1000; when it throws, the exception is
 * logged through {@link java.lang.System.Logger} {@code org.websockets4j.server} and the connection
 * is closed with 1011.
 */
package org.websockets4j.server;
