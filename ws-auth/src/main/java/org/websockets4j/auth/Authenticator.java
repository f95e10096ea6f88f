package org.websockets4j.auth;

import org.websockets4j.server.HandshakeContext;

/**
 * Decides who the client of an opening handshake is, from its request: the general hook behind
 * {@link Authentication#require(Authenticator)}, for schemes other than Basic (a bearer token in
 * {@code Authorization}, a session cookie, a token in the query string that a browser can send).
 *
 * <pre>{@code
 * Authenticator byToken = request -> {
 *     String token = Authentication.queryParameter(request.path(), "token");
 *     return token == null ? null : sessions.userOf(token);   // null: refused
 * };
 * ServerOptions options = ServerOptions.builder()
 *         .processRequest(Authentication.require(byToken))
 *         .build();
 * // in the handler: String user = Authentication.username(ws);
 * }</pre>
 *
 * <p>Compare secrets with {@link TimingSafe}, not {@link String#equals}. It may store more about
 * the client on the context ({@link HandshakeContext#setAttribute}); the handler sees it. It runs
 * on the handshake's thread, within the opening timeout, for every connection of the server:
 * it must be thread-safe and should be quick.
 */
@FunctionalInterface
public interface Authenticator {
    /**
     * Authenticates a request.
     *
     * @param request the request and its connection's identity and attributes
     * @return the client's user name (stored as {@link Authentication#USERNAME}), or null to refuse
     *         it; throw an {@link org.websockets4j.http.AbortHandshake} to answer otherwise (a
     *         {@code 400} for a malformed credential, say); any other exception is a server bug,
     *         answered {@code 500}
     */
    String authenticate(HandshakeContext request);
}
