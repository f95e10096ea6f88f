package org.websockets4j.server;

import org.websockets4j.protocol.WebSocket;

/**
 * What a server does with each connection once its opening handshake succeeded (Python
 * websockets' {@code ws_handler}). It runs on its own thread (a virtual thread unless
 * {@link ServerOptions#handlerExecutor()} says otherwise), so it may block in
 * {@link WebSocket#recv()} and {@link WebSocket#send(String)}.
 *
 * <p>When it returns, the server closes the connection with 1000; when it throws, the server logs
 * the exception (System.Logger {@code org.websockets4j.server}) and closes with 1011, except for a
 * {@link org.websockets4j.protocol.ConnectionClosed}, which only means the peer went away. The path
 * of the request is {@link WebSocket#path()}.
 */
@FunctionalInterface
public interface ConnectionHandler {
    /**
     * Serves one connection.
     *
     * @param webSocket the open connection; the server closes it when this method returns or throws
     * @throws Exception anything: logged at WARNING with the client's address and answered with
     *                   close code 1011; a {@link org.websockets4j.protocol.ConnectionClosed} is
     *                   only logged at DEBUG
     */
    void handle(WebSocket webSocket) throws Exception;
}
