package org.websockets4j.server;

import org.websockets4j.http.Headers;

/**
 * Intercepts the HTTP request of an opening handshake before it is checked (Python websockets'
 * {@code process_request}): answer a health check on a given path with {@code 200 OK}, refuse a
 * request without credentials with {@code 401}, or return null to let the handshake go on.
 *
 * <p>It runs first, before the request is checked as a WebSocket upgrade, so it also sees plain
 * HTTP requests. It runs on the thread that drives the handshake, once per connection, and should
 * return quickly: the opening timeout keeps running meanwhile.
 *
 * <p>What it may throw: an {@link org.websockets4j.http.AbortHandshake} sends that exception's
 * status, headers and body; another {@link org.websockets4j.http.InvalidHandshake} is answered as
 * if the handshake's own check had failed ({@link org.websockets4j.http.InvalidOrigin} with 403,
 * the rest with 400); any other {@link RuntimeException} is a server bug, answered with
 * {@code 500 Internal Server Error} and kept as the cause of the rejection so that the server can
 * log it. An {@link Error} is not caught.
 *
 * <p>To see the connection's identity and store attributes for the handler, implement
 * {@link RequestHook} instead (a lambda of one argument, the {@link HandshakeContext}); the server
 * always calls {@link #process(HandshakeContext)}, which for a plain {@code RequestProcessor} passes
 * the path and headers on. {@link #chain} runs several in turn.
 *
 * <p>Implementations are shared by every connection of a server and must be thread-safe.
 */
@FunctionalInterface
public interface RequestProcessor {
    /**
     * Looks at a request and decides.
     *
     * @param path           the path and query of the request-target, not decoded
     *                       ({@link org.websockets4j.http.Request#resourceName()}: an absolute-form
     *                       target such as {@code ws://host/chat?x=1} gives {@code /chat?x=1})
     * @param requestHeaders the request's headers (immutable)
     * @return null to go on with the handshake, or the response to send instead (the connection
     *         is then closed)
     */
    HttpResponse process(String path, Headers requestHeaders);

    /**
     * Looks at a request, with its connection's identity and attributes, and decides; what the
     * server calls. By default {@link #process(String, Headers)} with the context's path and
     * headers; {@link RequestHook} overrides it.
     *
     * @param context the request and its connection
     * @return null to go on with the handshake, or the response to send instead
     */
    default HttpResponse process(HandshakeContext context) {
        return process(context.path(), context.requestHeaders());
    }

    /**
     * Runs processors in turn until one answers: the first non-null response is sent, and the
     * processors after it do not run; null when every one returned null. For example authentication
     * first, then a health check: {@code RequestProcessor.chain(basicAuth, health)}. Each sees the
     * same context, so a later one reads the attributes an earlier one stored.
     *
     * @param processors the processors, in order; the array is copied
     * @return a processor running them in order, thread-safe when they are
     * @throws NullPointerException when the array or one of its elements is null
     */
    static RequestHook chain(RequestProcessor... processors) {
        java.util.List<RequestProcessor> all = java.util.List.of(processors);
        return context -> {
            for (RequestProcessor processor : all) {
                HttpResponse response = processor.process(context);
                if (response != null) {
                    return response;
                }
            }
            return null;
        };
    }
}
