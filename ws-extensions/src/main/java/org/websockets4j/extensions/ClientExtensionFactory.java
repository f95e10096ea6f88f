package org.websockets4j.extensions;

import java.util.List;
import org.websockets4j.http.ExtensionParameter;
import org.websockets4j.http.NegotiationError;

/**
 * The client side of an extension's negotiation (Python websockets'
 * {@code ClientExtensionFactory}): what to offer in the request's
 * {@code Sec-WebSocket-Extensions}, and how to build an {@link Extension} from the server's
 * answer.
 *
 * <p>A factory is configuration, shared by every connection of a client: it must be thread-safe
 * (usually immutable). Each call of {@link #accept} returns a new {@link Extension} for one
 * connection.
 */
public interface ClientExtensionFactory {
    /**
     * The extension name offered, for example {@code permessage-deflate}.
     *
     * @return the name, a token (RFC 9110 §5.6.2), never null
     */
    String name();

    /**
     * The parameters to offer in the request, in order (Python's {@code get_request_params}).
     *
     * @return the parameters; empty for none
     */
    List<ExtensionParameter> requestParameters();

    /**
     * Builds the extension the server accepted with {@code responseParameters} (Python's
     * {@code process_response_params}).
     *
     * @param responseParameters the parameters of the server's answer for this extension, in order
     * @param alreadyAccepted    the extensions accepted before this one in the same response, in
     *                           order (immutable); for example to refuse a second instance of itself
     * @return a new extension for this connection, named {@link #name()}; never null
     * @throws NegotiationError when the parameters are unacceptable: the handshake then fails,
     *                          unless another factory of the same name accepts them
     */
    Extension accept(List<ExtensionParameter> responseParameters, List<Extension> alreadyAccepted);
}
