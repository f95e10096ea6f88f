package org.websockets4j.protocol.internal;

import java.util.Objects;
import org.websockets4j.http.Headers;

/**
 * What the opening handshake settled, as the {@link org.websockets4j.protocol.WebSocket} it opens
 * reports it: the request path, both sides' HTTP headers and the subprotocol chosen.
 *
 * <p>Headers are kept as immutable copies ({@link Headers#immutableCopy()}), so the record is
 * immutable and thread-safe; a null {@code Headers} is taken as empty.
 *
 * @param path            the request target of the handshake request, for example {@code /chat?room=1}
 * @param requestHeaders  the handshake request's headers
 * @param responseHeaders the handshake response's headers
 * @param subprotocol     the subprotocol negotiated, or null when none
 */
public record HandshakeInfo(String path, Headers requestHeaders, Headers responseHeaders, String subprotocol) {
    /**
     * Creates the record, freezing the headers.
     *
     * @throws NullPointerException when {@code path} is null
     */
    public HandshakeInfo {
        Objects.requireNonNull(path, "path");
        requestHeaders = requestHeaders == null ? new Headers().immutableCopy() : requestHeaders.immutableCopy();
        responseHeaders = responseHeaders == null ? new Headers().immutableCopy() : responseHeaders.immutableCopy();
    }
}
