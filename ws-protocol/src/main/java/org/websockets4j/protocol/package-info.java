/**
 * The WebSocket protocol, independent of client or server role.
 *
 * <p>This package will hold the Sans-I/O connection state machine (bytes in,
 * events and bytes out), the {@code WebSocket} type that applications use to
 * send and receive messages, connection options, the
 * {@code ConnectionClosed} exceptions, and the driver that runs a connection
 * over an {@link java.nio.channels.AsynchronousSocketChannel}.
 */
package org.websockets4j.protocol;
