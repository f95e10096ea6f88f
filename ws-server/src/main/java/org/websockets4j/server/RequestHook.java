package org.websockets4j.server;

import org.websockets4j.http.Headers;

/**
 * A {@link RequestProcessor} that sees the whole {@link HandshakeContext}: the request, the
 * client's address, and the connection's identity and attributes, so that it can store what it
 * learnt (who the client is, which room it asked for) for the handler. Python websockets'
 * {@code process_request(connection, request)} (version 13 and later).
 *
 * <pre>{@code
 * ServerOptions.builder().processRequest(context -> {
 *     context.setAttribute(ROOM, roomOf(context.path()));
 *     return null;
 * })
 * }</pre>
 *
 * <p>What it may return and throw, and the thread it runs on, are those of
 * {@link RequestProcessor}. Shared by every connection of a server: must be thread-safe.
 */
@FunctionalInterface
public interface RequestHook extends RequestProcessor {
    /**
     * Looks at a request and decides.
     *
     * @param context the request and its connection's identity and attributes
     * @return null to go on with the handshake, or the response to send instead
     */
    @Override
    HttpResponse process(HandshakeContext context);

    /**
     * Runs {@link #process(HandshakeContext)} with a context of its own ({@link HandshakeContext#of}):
     * attributes stored there reach no connection.
     *
     * @param path           the path and query of the request-target, not decoded
     * @param requestHeaders the request's headers (immutable)
     * @return what {@link #process(HandshakeContext)} returns
     */
    @Override
    default HttpResponse process(String path, Headers requestHeaders) {
        return process(HandshakeContext.of(path, requestHeaders));
    }
}
