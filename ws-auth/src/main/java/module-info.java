/**
 * Authentication for WebSocket servers: HTTP Basic ({@code BasicAuth}), a hook for other schemes
 * ({@code Authenticator}, {@code Authentication.require}) and timing-safe comparisons. Needs
 * nothing beyond {@code java.base} and the server module.
 */
module org.websockets4j.auth {
    requires transitive org.websockets4j.server;

    exports org.websockets4j.auth;
}
