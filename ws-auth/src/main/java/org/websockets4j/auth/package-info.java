/**
 * Authentication for WebSocket servers, during the opening handshake.
 *
 * <p>{@link org.websockets4j.auth.BasicAuth} checks HTTP Basic credentials (RFC 7617) and answers
 * {@code 401 Unauthorized} with a {@code WWW-Authenticate} challenge;
 * {@link org.websockets4j.auth.Authentication#require(org.websockets4j.auth.Authenticator)} turns
 * any {@link org.websockets4j.auth.Authenticator} (a token, a cookie) into a request hook. Both
 * store the user name on the connection as {@link org.websockets4j.auth.Authentication#USERNAME}.
 * {@link org.websockets4j.auth.TimingSafe} compares secrets.
 */
package org.websockets4j.auth;
