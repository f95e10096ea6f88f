package org.websockets4j.server;

import java.net.SocketAddress;
import java.util.Objects;
import java.util.UUID;
import org.websockets4j.http.Headers;
import org.websockets4j.protocol.AttributeKey;
import org.websockets4j.protocol.WebSocket;
import org.websockets4j.protocol.internal.ConnectionState;

/**
 * One connection as the hooks of its opening handshake see it, before any {@link WebSocket} exists
 * (the {@code connection} argument of Python websockets' {@code process_request} and
 * {@code process_response}, version 13 and later): the request's path and headers, the client's
 * address, and the connection's {@linkplain #id() identity} and {@linkplain #attribute attributes}.
 *
 * <p>The identity and the attributes are the connection's own: once the handshake succeeds, the
 * handler's {@link WebSocket#id()} is the same UUID, and {@link WebSocket#attribute(AttributeKey)}
 * returns what a hook stored here. That is how an authentication hook hands the user name to the
 * handler:
 *
 * <pre>{@code
 * static final AttributeKey<String> USER = AttributeKey.of("user", String.class);
 *
 * ServerOptions options = ServerOptions.builder()
 *         .processRequest(context -> {
 *             String user = sessions.userOf(context.requestHeaders().get("Cookie"));
 *             if (user == null) {
 *                 return HttpResponse.text(401, "log in first\n");
 *             }
 *             context.setAttribute(USER, user);
 *             return null;                       // go on with the handshake
 *         })
 *         .build();
 * // in the handler: String user = ws.attribute(USER);
 * }</pre>
 *
 * <p>Thread-safe. The path and headers are immutable; attributes may be read and written from any
 * thread.
 */
public final class HandshakeContext {
    private final String path;
    private final Headers requestHeaders;
    private final SocketAddress remoteAddress;
    private final ConnectionState state;

    HandshakeContext(String path, Headers requestHeaders, SocketAddress remoteAddress, ConnectionState state) {
        this.path = Objects.requireNonNull(path, "path");
        this.requestHeaders = requestHeaders.immutableCopy();
        this.remoteAddress = remoteAddress;
        this.state = state;
    }

    /**
     * A context for a request that no connection carries, to test a hook without a socket:
     * a fresh identity and no attribute.
     *
     * @param path           the path and query of the request, not decoded
     * @param requestHeaders the request's headers; an immutable copy is kept
     * @return a new context whose {@link #remoteAddress()} is null
     * @throws NullPointerException when an argument is null
     */
    public static HandshakeContext of(String path, Headers requestHeaders) {
        Objects.requireNonNull(requestHeaders, "requestHeaders");
        return new HandshakeContext(path, requestHeaders, null, new ConnectionState());
    }

    /**
     * The path and query of the request-target, not decoded
     * ({@link org.websockets4j.http.Request#resourceName()}), as {@link WebSocket#path()} will
     * report it.
     *
     * @return the path, starting with {@code /}, never null
     */
    public String path() {
        return path;
    }

    /**
     * The request's headers.
     *
     * @return the headers, immutable, never null
     */
    public Headers requestHeaders() {
        return requestHeaders;
    }

    /**
     * The client's address.
     *
     * @return the remote address, or null when unknown (a handshake driven without a socket)
     */
    public SocketAddress remoteAddress() {
        return remoteAddress;
    }

    /**
     * The connection's identity: the UUID {@link WebSocket#id()} will return.
     *
     * @return the same UUID on every call, never null
     */
    public UUID id() {
        return state.id();
    }

    /**
     * The attribute stored under {@code key}, by an earlier hook for example.
     *
     * @param key the key, not null
     * @param <T> the value's type
     * @return the value, or null when none is stored
     * @throws NullPointerException when {@code key} is null
     */
    public <T> T attribute(AttributeKey<T> key) {
        return state.attribute(key);
    }

    /**
     * Stores an attribute on the connection, or removes it when {@code value} is null. The
     * handler sees it through {@link WebSocket#attribute(AttributeKey)} if the handshake succeeds.
     *
     * @param key   the key, not null
     * @param value the value, or null to remove the attribute
     * @param <T>   the value's type
     * @return the value stored before, or null
     * @throws NullPointerException when {@code key} is null
     * @throws ClassCastException   when the key has a {@linkplain AttributeKey#type() type} and the
     *                              value is not an instance of it
     */
    public <T> T setAttribute(AttributeKey<T> key, T value) {
        return state.setAttribute(key, value);
    }

    /** The state shared with the connection, for {@link WebSocketServer}. */
    ConnectionState state() {
        return state;
    }

    /** For example {@code HandshakeContext[/chat, from /127.0.0.1:50312]}; headers and attributes are left out. */
    @Override
    public String toString() {
        return "HandshakeContext[" + path + ", from " + remoteAddress + "]";
    }
}
