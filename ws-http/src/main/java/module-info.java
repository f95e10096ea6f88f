/**
 * HTTP/1.1 pieces of the opening handshake: headers, request/response parsing,
 * handshake keys and ws/wss URIs.
 */
module org.websockets4j.http {
    requires transitive org.websockets4j.framing;

    // Uncomment together with the first class of org.websockets4j.http: javac
    // refuses to export a package that holds only package-info.java
    // ("package is empty or does not exist").
    // exports org.websockets4j.http;
}
