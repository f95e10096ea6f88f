package org.websockets4j.server;

import java.util.concurrent.CompletionStage;
import org.websockets4j.protocol.WebSocket;

/**
 * Serves the connections of one route of an {@link AsyncRouter}: an
 * {@link AsyncConnectionHandler} that also gets the values its pattern took from the path. Same
 * threading and closing rules as {@link AsyncConnectionHandler}.
 */
@FunctionalInterface
public interface AsyncRouteHandler {
    /**
     * Starts handling one connection whose path matched the route.
     *
     * @param webSocket the open connection; the server closes it when the returned stage completes
     * @param params    the values of the route's parameters, never null (empty without any)
     * @return a stage completed when the handler is done with the connection, not null
     */
    CompletionStage<?> handle(WebSocket webSocket, PathParameters params);
}
