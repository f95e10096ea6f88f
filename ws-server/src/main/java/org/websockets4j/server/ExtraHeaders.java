package org.websockets4j.server;

import org.websockets4j.http.Headers;

/**
 * The additional headers of a successful handshake's {@code 101} response (Python websockets'
 * {@code extra_headers}): fixed with {@link #fixed(Headers)}, or computed from the request.
 *
 * <p>The fields are appended after those of the handshake, in order. A {@code Server} or
 * {@code Date} field replaces the one the server would add. Fields that belong to the handshake
 * or cannot appear in a {@code 101} are refused: {@code Upgrade}, {@code Connection},
 * {@code Sec-WebSocket-Accept}, {@code Sec-WebSocket-Protocol} (choose it with a
 * {@link SubprotocolSelector}), {@code Sec-WebSocket-Extensions}, {@code Content-Length} and
 * {@code Transfer-Encoding}. Fixed headers are checked when the options are built
 * ({@link IllegalArgumentException}); computed ones when the handshake runs, where a refused field
 * or an exception is answered as {@link RequestProcessor} describes (500 for a bug).
 *
 * <p>Implementations are shared by every connection of a server and must be thread-safe.
 */
@FunctionalInterface
public interface ExtraHeaders {
    /**
     * The headers to add for this request.
     *
     * @param path           the path and query of the request-target, not decoded
     *                       ({@link org.websockets4j.http.Request#resourceName()}: an absolute-form
     *                       target such as {@code ws://host/chat?x=1} gives {@code /chat?x=1})
     * @param requestHeaders the request's headers (immutable)
     * @return the headers to add, or null for none
     */
    Headers headers(String path, Headers requestHeaders);

    /**
     * The same headers for every request: an {@linkplain Headers#immutableCopy() immutable copy}
     * of {@code headers}, taken now.
     *
     * @param headers the fields to add to every response, not null; later changes to it are not
     *                seen
     * @return a thread-safe {@code ExtraHeaders} returning the copy for every request
     * @throws NullPointerException when {@code headers} is null
     */
    static ExtraHeaders fixed(Headers headers) {
        return new FixedHeaders(headers.immutableCopy());
    }
}
