/**
 * WebSocket framing (RFC 6455 §5): frames, opcodes, close codes and close payloads, masking,
 * an incremental frame reader and a frame writer, and incremental UTF-8 validation.
 *
 * <p>This is the Java counterpart of Python websockets' {@code websockets.framing}, shaped for a
 * Sans-I/O engine: nothing here touches a socket, a thread or a clock. Bytes go in, frames come
 * out ({@link org.websockets4j.framing.FrameReader}); frames go in, bytes to write come out
 * ({@link org.websockets4j.framing.FrameWriter}). Anything that depends on the sequence of frames
 * (fragmentation, the closing handshake) belongs to the connection in {@code ws-protocol}.
 *
 * <p>The module needs nothing but {@code java.base}, so it can be used on its own. It also holds
 * the root of the library's exception hierarchy, {@link org.websockets4j.framing.WebSocketException},
 * because every other module depends on this one.
 */
package org.websockets4j.framing;
