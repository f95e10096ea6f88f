/**
 * WebSocket clients.
 *
 * <p>{@link org.websockets4j.client.ClientOptions} holds the options of a client
 * and {@link org.websockets4j.client.ClientHandshake} performs the client side of
 * the opening handshake, Sans-I/O. {@code connect} and {@code unixConnect}
 * (which open the socket and follow redirects) and the interactive command-line
 * client are to come.
 */
package org.websockets4j.client;
