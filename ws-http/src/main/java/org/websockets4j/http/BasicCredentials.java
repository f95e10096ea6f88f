package org.websockets4j.http;

import java.util.Objects;

/**
 * A user-id and password for HTTP Basic authentication (RFC 7617), as
 * {@link HeaderGrammar#parseAuthorizationBasic(String)} returns them.
 *
 * <p>{@link #toString()} never shows the password, so that credentials can be logged safely.
 *
 * @param username the user-id; never holds a colon, since the encoded form splits at the first one
 * @param password the password; may hold colons
 */
public record BasicCredentials(String username, String password) {
    /**
     * Checks both parts.
     *
     * @throws NullPointerException     when either part is null
     * @throws IllegalArgumentException when the username holds a colon (RFC 7617 §2)
     */
    public BasicCredentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        if (username.indexOf(':') >= 0) {
            throw new IllegalArgumentException("a Basic user-id cannot contain a colon (RFC 7617 §2)");
        }
    }

    /** For example {@code BasicCredentials[username=alice, password=***]}; the password is hidden. */
    @Override
    public String toString() {
        return "BasicCredentials[username=" + username + ", password=***]";
    }
}
