package org.websockets4j.server;

import java.util.List;
import org.websockets4j.extensions.Extension;
import org.websockets4j.http.Response;

/**
 * A response a {@link ServerHandshake} decided on, before {@link ServerOptions#processResponse()}
 * had its say: the response, why it refuses (null for a {@code 101}), and what a {@code 101}
 * negotiated.
 */
record HandshakeDraft(Response response, Throwable cause, String subprotocol, List<Extension> extensions) {
}
