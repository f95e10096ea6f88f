/**
 * WebSocket servers.
 *
 * <p>This package will hold {@code serve}, {@code unixServe} and
 * {@code WebSocketServer}, the server side of the opening handshake, origin
 * checks, subprotocol selection, the hook for inspecting or answering the
 * HTTP request, and broadcasting a message to many connections.
 */
package org.websockets4j.server;
