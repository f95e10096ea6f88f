/**
 * WebSocket servers.
 *
 * <p>So far: the server side of the opening handshake, Sans-I/O ({@link
 * org.websockets4j.server.ServerHandshake}: bytes in, a {@link
 * org.websockets4j.server.HandshakeOutcome} with the bytes to write out), and the options of a
 * server ({@link org.websockets4j.server.ServerOptions}): origins, subprotocols and their
 * selection ({@link org.websockets4j.server.SubprotocolSelector}), extra response headers
 * ({@link org.websockets4j.server.ExtraHeaders}), and the hook that may answer the HTTP request
 * itself ({@link org.websockets4j.server.RequestProcessor}, {@link
 * org.websockets4j.server.HttpResponse}). {@code serve}, {@code unixServe},
 * {@code WebSocketServer} and broadcasting come next, on top of these.
 */
package org.websockets4j.server;
