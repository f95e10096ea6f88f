/**
 * The WebSocket protocol after the opening handshake, independent of client or server role.
 *
 * <p>{@link org.websockets4j.protocol.Connection} is the Sans-I/O state machine of one connection
 * (bytes and sends in; {@link org.websockets4j.protocol.Event}s, bytes to write and TCP
 * instructions out), configured by {@link org.websockets4j.protocol.ConnectionOptions}.
 * {@link org.websockets4j.protocol.MessageAssembler} joins data frames into
 * {@link org.websockets4j.protocol.Message}s. Using a closed connection raises
 * {@link org.websockets4j.protocol.ConnectionClosed}.
 *
 * <p>{@link org.websockets4j.protocol.WebSocket} is what applications hold: blocking and
 * {@code CompletableFuture} methods over an I/O driver that runs a {@code Connection} over an
 * {@link java.nio.channels.AsynchronousSocketChannel}; {@link org.websockets4j.protocol.MessageWriter}
 * streams one large message. Servers and clients open WebSockets through the internal package
 * {@code org.websockets4j.protocol.internal}.
 *
 * <h2>Getting started</h2>
 * Applications do not build a {@code WebSocket} themselves: {@code WebSocketServer.serve} (in
 * {@code ws-server}) hands one to a handler per connection, and {@code WebSocketClient.connect}
 * (in {@code ws-client}) returns one. Both require this module transitively. Using one:
 * {@snippet :
 * ws.send("Hello");                       // blocks until the frame is written; sendAsync does not
 * Message reply = ws.recv();              // the next whole message, text or binary
 * for (Message message : ws) {            // every message until the peer closes with 1000
 *     ws.send(message);
 * }
 * }
 * A closed connection raises {@link org.websockets4j.protocol.ConnectionClosedOK} (1000, 1001) or
 * {@link org.websockets4j.protocol.ConnectionClosedError} from every call. The
 * {@link org.websockets4j.protocol.Connection} state machine can also be driven over any
 * transport of your own: feed it bytes and the time, write what it returns.
 */
package org.websockets4j.protocol;
