package org.websockets4j.server;

import java.util.concurrent.CompletionStage;
import org.websockets4j.protocol.WebSocket;

/**
 * What a server does with each connection, without a thread of its own (Python websockets'
 * asyncio handler): called once the opening handshake succeeded, it starts the work and returns
 * a stage that completes when the connection's work is done. A server of many idle connections
 * then holds no thread per connection, only the connections' own state.
 *
 * <p>It is called on the thread that ran the handshake and must return promptly; the callbacks
 * chained on the connection's futures ({@link WebSocket#recvAsync()},
 * {@link WebSocket#forEachAsync}, …) run on the I/O thread that completed them, so they must not
 * block either: use the {@code *Async} methods. A handler that needs to block belongs in a
 * {@link ConnectionHandler}.
 *
 * <p>When the stage completes normally, the server closes the connection with 1000; when it
 * completes exceptionally (or the handler throws, or returns null), the server logs the failure
 * (System.Logger {@code org.websockets4j.server}) and closes with 1011, except for a
 * {@link org.websockets4j.protocol.ConnectionClosed}, which only means the peer went away.
 *
 * <p>Pass it to {@code WebSocketServer.serveAsync}, for example an echo server:
 * {@code WebSocketServer.serveAsync(ws -> ws.forEachAsync(ws::sendAsync), "127.0.0.1", 8765)}.
 */
@FunctionalInterface
public interface AsyncConnectionHandler {
    /**
     * Starts handling one connection.
     *
     * @param webSocket the open connection; the server closes it when the returned stage completes
     * @return a stage completed when the handler is done with the connection, not null
     */
    CompletionStage<?> handle(WebSocket webSocket);
}
