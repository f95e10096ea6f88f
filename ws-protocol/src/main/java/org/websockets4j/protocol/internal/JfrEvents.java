package org.websockets4j.protocol.internal;

import java.net.SocketAddress;
import java.util.Optional;

/**
 * The library's JDK Flight Recorder events, behind a gate that never touches a {@code jdk.jfr}
 * class unless that module is in the runtime and readable: the protocol module only
 * {@code requires static jdk.jfr}, so a jlink image with java.base alone (or a modular application
 * that does not resolve jdk.jfr) runs without it, and these calls then cost one constant test. The
 * event classes are loaded only past the gate.
 *
 * <table>
 *   <caption>Events (category "WebSocket")</caption>
 *   <tr><th>name</th><th>when</th></tr>
 *   <tr><td>{@code org.websockets4j.Handshake}</td><td>a server's opening handshake ended: accepted or refused, with its status</td></tr>
 *   <tr><td>{@code org.websockets4j.ConnectionClosed}</td><td>a connection ended, either side</td></tr>
 *   <tr><td>{@code org.websockets4j.LargeMessage}</td><td>a message of at least {@link #LARGE_MESSAGE_BYTES} was received or sent</td></tr>
 *   <tr><td>{@code org.websockets4j.KeepaliveTimeout}</td><td>a keepalive ping went unanswered: the connection fails with 1011</td></tr>
 *   <tr><td>{@code org.websockets4j.ProtocolError}</td><td>the peer broke the protocol: the connection fails with 1002, 1007 or 1009</td></tr>
 * </table>
 *
 * <p>Internal: exported to the server and client modules only. Thread-safe (stateless).
 */
public final class JfrEvents {
    /**
     * Whether jdk.jfr is in the boot layer and this module reads it. Fixed at class load: a module
     * cannot appear later in the boot layer.
     */
    static final boolean AVAILABLE = probe();

    /**
     * The size from which a message is reported as {@code org.websockets4j.LargeMessage}: the
     * system property {@code org.websockets4j.jfr.largeMessageBytes}, 1 MiB by default. Read once;
     * below it nothing but one comparison happens per message.
     */
    public static final long LARGE_MESSAGE_BYTES = Long.getLong("org.websockets4j.jfr.largeMessageBytes", 1L << 20);

    private JfrEvents() {
    }

    private static boolean probe() {
        Optional<Module> jfr = ModuleLayer.boot().findModule("jdk.jfr");
        Module self = JfrEvents.class.getModule();
        return jfr.isPresent() && (!self.isNamed() || self.canRead(jfr.get()));
    }

    /**
     * Whether the events can be recorded at all in this runtime.
     *
     * @return true when jdk.jfr is present and readable
     */
    public static boolean available() {
        return AVAILABLE;
    }

    /**
     * A server's opening handshake ended. The path is reported without its query string: tokens
     * travel there.
     *
     * @param remote        the client's address, or null
     * @param path          the request path, or null when none was read; its query is dropped
     * @param status        the HTTP status answered (101 when accepted), 0 when none was (timeout,
     *                      TLS failure, the client left)
     * @param durationNanos how long the handshake took
     */
    public static void handshake(SocketAddress remote, String path, int status, long durationNanos) {
        if (AVAILABLE) {
            JfrEmitter.handshake(remote, path, status, durationNanos);
        }
    }

    /**
     * A connection ended; also emits {@code KeepaliveTimeout} or {@code ProtocolError} when that is
     * why.
     *
     * @param end how it ended, not null
     */
    public static void closed(ConnectionEnd end) {
        if (AVAILABLE) {
            JfrEmitter.closed(end);
        }
    }

    /**
     * A message of at least {@link #LARGE_MESSAGE_BYTES} was received or sent.
     *
     * @param state    the connection's identity
     * @param remote   the peer's address, or null
     * @param received true when received, false when sent
     * @param bytes    its payload size
     */
    public static void largeMessage(ConnectionState state, SocketAddress remote, boolean received, long bytes) {
        if (AVAILABLE) {
            JfrEmitter.largeMessage(state, remote, received, bytes);
        }
    }

    static String address(SocketAddress remote) {
        return remote == null ? "" : remote.toString();
    }
}
