/**
 * WebSocket framing (RFC 6455 section 5): frames, opcodes, masking, close codes,
 * and the exception base class shared by every websockets4j module.
 */
module org.websockets4j.framing {
    exports org.websockets4j.framing;
}
