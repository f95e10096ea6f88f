/**
 * The WebSocket extension SPI and permessage-deflate (RFC 7692).
 */
module org.websockets4j.extensions {
    requires transitive org.websockets4j.framing;
    requires transitive org.websockets4j.http;

    exports org.websockets4j.extensions;
    exports org.websockets4j.extensions.permessagedeflate;
}
