/**
 * WebSocket clients.
 *
 * <p>This package will hold {@code connect} and {@code unixConnect}, the client
 * side of the opening handshake, following redirects, and the interactive
 * command-line client.
 */
package org.websockets4j.client;
