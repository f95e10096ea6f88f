/**
 * The Sans-I/O WebSocket connection state machine and its I/O driver.
 *
 * <p>{@code org.websockets4j.protocol} is the public API ({@code WebSocket}, {@code Connection},
 * options, messages, {@code ConnectionClosed*}). {@code org.websockets4j.protocol.internal} is how
 * the server and client modules open a {@code WebSocket} once their handshake has completed; it is
 * exported to them only.
 */
module org.websockets4j.protocol {
    requires transitive org.websockets4j.framing;
    requires transitive org.websockets4j.http;
    requires transitive org.websockets4j.extensions;
    // Only for the JFR events: the module runs without it (a jlink image of java.base alone); see
    // org.websockets4j.protocol.internal.JfrEvents, which never touches it unless it is there.
    requires static jdk.jfr;

    exports org.websockets4j.protocol;
    exports org.websockets4j.protocol.internal to org.websockets4j.server, org.websockets4j.client;
}
