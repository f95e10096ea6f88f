package org.websockets4j.extensions;

import java.util.List;
import java.util.Objects;
import org.websockets4j.http.ExtensionParameter;
import org.websockets4j.http.NegotiationError;

/**
 * The server side of an extension's negotiation (Python websockets'
 * {@code ServerExtensionFactory}): decides whether to accept a client's offer, with which
 * response parameters, and builds the {@link Extension}.
 *
 * <p>A factory is configuration, shared by every connection of a server: it must be thread-safe
 * (usually immutable). Each call of {@link #accept} that returns builds a new {@link Extension}
 * for one connection.
 */
public interface ServerExtensionFactory {
    /**
     * The extension name accepted, for example {@code permessage-deflate}: only the client's
     * offers of this name are passed to {@link #accept}.
     *
     * @return the name, a token (RFC 9110 §5.6.2), never null
     */
    String name();

    /**
     * Accepts or declines one offer of this extension (Python's {@code process_request_params}).
     *
     * @param offerParameters the parameters the client offered, in order
     * @param alreadyAccepted the extensions accepted before this offer in the same handshake, in
     *                        order (immutable)
     * @return the parameters to answer with and a new extension for this connection; never null
     * @throws NegotiationError to decline this offer: the next factory of the same name, then the
     *                          client's next offer, is tried; the handshake goes on
     */
    Accepted accept(List<ExtensionParameter> offerParameters, List<Extension> alreadyAccepted);

    /**
     * An accepted offer.
     *
     * @param responseParameters the parameters for the response's {@code Sec-WebSocket-Extensions},
     *                           in order (an immutable copy; empty for none)
     * @param extension          the extension for this connection, named {@link #name()}
     */
    record Accepted(List<ExtensionParameter> responseParameters, Extension extension) {
        /**
         * Takes an immutable copy of {@code responseParameters}.
         *
         * @throws NullPointerException when an argument or a parameter is null
         */
        public Accepted {
            responseParameters = List.copyOf(responseParameters);
            Objects.requireNonNull(extension, "extension");
        }
    }
}
