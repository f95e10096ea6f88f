package org.websockets4j.server;

import java.util.Locale;
import java.util.Set;
import org.websockets4j.http.Headers;

/** The fields {@link ExtraHeaders} may not add to a {@code 101} response. Stateless. */
final class ExtraHeaderCheck {
    private static final Set<String> REFUSED = Set.of(
            "upgrade", "connection", "sec-websocket-accept", "sec-websocket-protocol",
            "sec-websocket-extensions", "content-length", "transfer-encoding");

    private ExtraHeaderCheck() {
    }

    /**
     * Checks extra headers.
     *
     * @param what names the source in the message, for example {@code "extraHeaders"}
     * @throws IllegalArgumentException naming the first refused field
     */
    static void check(Headers headers, String what) {
        for (Headers.Field field : headers) {
            String name = field.name().toLowerCase(Locale.ROOT);
            if (REFUSED.contains(name)) {
                throw new IllegalArgumentException(what + " must not set " + field.name() + ": "
                        + (name.equals("sec-websocket-protocol")
                                ? "choose the subprotocol with selectSubprotocol"
                                : "the handshake sets it, or a 101 response cannot have it"));
            }
        }
    }
}
