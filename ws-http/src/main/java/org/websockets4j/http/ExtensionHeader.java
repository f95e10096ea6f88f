package org.websockets4j.http;

import java.util.List;
import java.util.Objects;

/**
 * One extension offered or accepted in a {@code Sec-WebSocket-Extensions} header, with its
 * parameters in header order, such as {@code permessage-deflate; client_max_window_bits}
 * (RFC 6455 §9.1). Python websockets represents it as a {@code (name, [(name, value), ...])} tuple.
 *
 * @param name       the extension name, a token
 * @param parameters the parameters, in order (an immutable copy; repeated names are kept)
 */
public record ExtensionHeader(String name, List<ExtensionParameter> parameters) {
    /**
     * Checks the name and copies the parameters.
     *
     * @throws NullPointerException     when the name, the list or an element is null
     * @throws IllegalArgumentException when the name is not a token
     */
    public ExtensionHeader {
        Objects.requireNonNull(name, "name");
        if (!Tokens.isToken(name)) {
            throw new IllegalArgumentException("extension name must be a token: " + Tokens.quoteForMessage(name));
        }
        parameters = List.copyOf(parameters);
    }

    /**
     * An extension with the given parameters.
     *
     * @param name       the extension name, a token
     * @param parameters the parameters, in order
     * @return the extension
     * @throws NullPointerException     when an argument or a parameter is null
     * @throws IllegalArgumentException when the name is not a token
     */
    public static ExtensionHeader of(String name, ExtensionParameter... parameters) {
        return new ExtensionHeader(name, List.of(parameters));
    }

    /** The extension as written in the header, for example {@code permessage-deflate; client_max_window_bits}. */
    @Override
    public String toString() {
        return HeaderGrammar.buildExtension(List.of(this));
    }
}
