package org.websockets4j.http;

import java.util.Objects;

/**
 * One parameter of an extension in a {@code Sec-WebSocket-Extensions} header, such as
 * {@code client_max_window_bits} or {@code server_max_window_bits=10} (RFC 6455 §9.1).
 *
 * <p>Both parts are tokens: §9.1 requires a quoted value to be a token once unquoted, so a value
 * never needs quoting and {@link HeaderGrammar#buildExtension(java.util.List)} writes it bare.
 *
 * @param name  the parameter name, a token
 * @param value the value, a token, or null when the parameter has none
 */
public record ExtensionParameter(String name, String value) {
    /**
     * Checks the name and the value.
     *
     * @throws NullPointerException     when the name is null
     * @throws IllegalArgumentException when the name, or a non-null value, is not a token
     */
    public ExtensionParameter {
        Objects.requireNonNull(name, "name");
        if (!Tokens.isToken(name)) {
            throw new IllegalArgumentException("extension parameter name must be a token: " + Tokens.quoteForMessage(name));
        }
        if (value != null && !Tokens.isToken(value)) {
            throw new IllegalArgumentException("value of extension parameter " + name + " must be a token: "
                    + Tokens.quoteForMessage(value));
        }
    }

    /**
     * A parameter without a value.
     *
     * @param name the parameter name, a token
     * @throws IllegalArgumentException when the name is not a token
     */
    public ExtensionParameter(String name) {
        this(name, null);
    }

    /** {@code name} or {@code name=value}, as in the header. */
    @Override
    public String toString() {
        return value == null ? name : name + "=" + value;
    }
}
