/**
 * The Sans-I/O WebSocket connection state machine and its I/O driver.
 */
module org.websockets4j.protocol {
    requires transitive org.websockets4j.framing;
    requires transitive org.websockets4j.http;
    requires transitive org.websockets4j.extensions;

    exports org.websockets4j.protocol;
}
