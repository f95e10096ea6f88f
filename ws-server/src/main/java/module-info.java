/**
 * WebSocket servers.
 */
module org.websockets4j.server {
    requires transitive org.websockets4j.protocol;

    exports org.websockets4j.server;
}
