package org.websockets4j.server;

import org.websockets4j.http.Headers;

/**
 * {@link ExtraHeaders#fixed(Headers)}: the same immutable headers for every request, visible to
 * {@link ServerOptions} so that it can check them when the options are built. Thread-safe.
 *
 * @param headers an immutable copy
 */
record FixedHeaders(Headers headers) implements ExtraHeaders {
    @Override
    public Headers headers(String path, Headers requestHeaders) {
        return headers;
    }
}
