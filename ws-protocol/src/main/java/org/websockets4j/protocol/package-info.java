/**
 * The WebSocket protocol after the opening handshake, independent of client or server role.
 *
 * <p>{@link org.websockets4j.protocol.Connection} is the Sans-I/O state machine of one connection
 * (bytes and sends in; {@link org.websockets4j.protocol.Event}s, bytes to write and TCP
 * instructions out), configured by {@link org.websockets4j.protocol.ConnectionOptions}.
 * {@link org.websockets4j.protocol.MessageAssembler} joins data frames into
 * {@link org.websockets4j.protocol.Message}s. Using a closed connection raises
 * {@link org.websockets4j.protocol.ConnectionClosed}. The driver that runs a connection over an
 * {@link java.nio.channels.AsynchronousSocketChannel} and the {@code WebSocket} type that
 * applications use will sit on top of these.
 */
package org.websockets4j.protocol;
