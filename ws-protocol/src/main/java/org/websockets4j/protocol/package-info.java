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
 */
package org.websockets4j.protocol;
