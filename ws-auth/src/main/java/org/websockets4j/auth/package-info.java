/**
 * Authentication for WebSocket servers.
 *
 * <p>This package will hold HTTP Basic authentication (RFC 7617) for servers:
 * checking the {@code Authorization} header of the opening handshake and
 * answering {@code 401 Unauthorized} with a {@code WWW-Authenticate} challenge.
 */
package org.websockets4j.auth;
