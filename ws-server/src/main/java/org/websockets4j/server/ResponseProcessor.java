package org.websockets4j.server;

import org.websockets4j.http.Response;

/**
 * Sees the response a server is about to send to an opening handshake and may change it (Python
 * websockets' {@code process_response(connection, request, response)}, version 13 and later): add a
 * {@code Set-Cookie} or a tracing header to the {@code 101}, log the refusal of a connection with its
 * {@link HandshakeContext#id() id}, or turn a {@code 101} into a refusal.
 *
 * <pre>{@code
 * ServerOptions.builder().processResponse((context, response) -> {
 *     Headers headers = response.headers().copy().add("X-Connection-Id", context.id().toString());
 *     return new Response(response.status(), response.reason(), headers, response.body());
 * })
 * }</pre>
 *
 * <p>It runs once per request that was read whole, after the handshake decided: on the
 * {@code 101 Switching Protocols}, on a refusal (400, 403, 426, 500...) and on a response of
 * {@link ServerOptions#processRequest()}. It does not run on a request too malformed to be read
 * (no request to show it), nor while the server is shutting down. The response it sees is complete:
 * {@code Date} and {@code Server} are there, and so is the {@code Content-Length} of a refusal.
 *
 * <p>What it may return:
 * <ul>
 *   <li>null, or the response it was given: it is sent unchanged;</li>
 *   <li>another {@code 101}, only in place of the {@code 101}: its headers are sent as they are, so
 *       it may add, change and remove fields, except that {@code Upgrade}, {@code Connection},
 *       {@code Sec-WebSocket-Accept}, {@code Sec-WebSocket-Extensions} and
 *       {@code Sec-WebSocket-Protocol} must keep their values (the connection was negotiated with
 *       them), and it must have no body;</li>
 *   <li>a response with a status 200-599, in place of either: it refuses the connection; it is
 *       completed as a {@link HttpResponse} from {@link RequestProcessor} is (its
 *       {@code Content-Length} and {@code Connection: close} set, {@code Transfer-Encoding}
 *       refused).</li>
 * </ul>
 * Anything else (another 1xx, a {@code 101} in place of a refusal, a changed handshake header) is a
 * server bug answered {@code 500}, as is a {@link RuntimeException} it throws; it may throw an
 * {@link org.websockets4j.http.AbortHandshake} to send that response. It is not run again on the
 * answer to its own failure. An {@link Error} is not caught.
 *
 * <p>Runs on the thread that drives the handshake, within the opening timeout. Shared by every
 * connection of a server: must be thread-safe.
 */
@FunctionalInterface
public interface ResponseProcessor {
    /**
     * Looks at the response about to be sent and returns it, changed or not.
     *
     * @param context  the request and its connection's identity and attributes
     * @param response the response as it would be sent (immutable)
     * @return null or {@code response} to send it unchanged, or the response to send instead
     */
    Response process(HandshakeContext context, Response response);
}
