/**
 * WebSocket clients.
 */
module org.websockets4j.client {
    requires transitive org.websockets4j.protocol;

    exports org.websockets4j.client;
}
