package org.websockets4j.server;

import org.websockets4j.protocol.WebSocket;

/**
 * Serves the connections of one route of a {@link Router}: a {@link ConnectionHandler} that also
 * gets the values its pattern took from the path (websockets' route handlers get them as keyword
 * arguments). Same threading and closing rules as {@link ConnectionHandler}.
 */
@FunctionalInterface
public interface RouteHandler {
    /**
     * Serves one connection whose path matched the route.
     *
     * @param webSocket the open connection; the server closes it when this method returns or throws
     * @param params    the values of the route's parameters, never null (empty without any)
     * @throws Exception anything, handled as for {@link ConnectionHandler#handle(WebSocket)}
     */
    void handle(WebSocket webSocket, PathParameters params) throws Exception;
}
