/**
 * HTTP/1.1 pieces of the opening handshake: headers, request/response parsing,
 * handshake keys and ws/wss URIs.
 */
module org.websockets4j.http {
    requires transitive org.websockets4j.framing;

    exports org.websockets4j.http;
}
