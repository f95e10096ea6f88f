/**
 * Internal: how the server and client modules open a {@link org.websockets4j.protocol.WebSocket}
 * over a connection whose opening handshake has completed ({@link
 * org.websockets4j.protocol.internal.WebSockets#open}), and the {@link
 * org.websockets4j.protocol.internal.Transport} seam under the I/O driver. Exported to
 * {@code org.websockets4j.server} and {@code org.websockets4j.client} only; not an API.
 */
package org.websockets4j.protocol.internal;
