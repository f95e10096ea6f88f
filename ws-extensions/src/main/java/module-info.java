/**
 * The WebSocket extension SPI and permessage-deflate (RFC 7692).
 */
module org.websockets4j.extensions {
    requires transitive org.websockets4j.framing;
    requires transitive org.websockets4j.http;

    // Uncomment together with the first class of org.websockets4j.extensions: javac
    // refuses to export a package that holds only package-info.java
    // ("package is empty or does not exist").
    // exports org.websockets4j.extensions;
}
