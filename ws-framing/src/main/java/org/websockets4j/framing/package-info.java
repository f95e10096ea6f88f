/**
 * WebSocket framing (RFC 6455 §5): frames, opcodes, close codes and close payloads, masking,
 * an incremental frame reader and a frame writer, and incremental UTF-8 validation.
 *
 * <p>This is the lowest layer, the Java counterpart of Python websockets'
 * {@code websockets.framing}, shaped for a Sans-I/O engine: nothing here touches a socket, a
 * thread or a clock. Bytes go in, frames come out ({@link org.websockets4j.framing.FrameReader});
 * frames go in, bytes to write come out ({@link org.websockets4j.framing.FrameWriter}). Anything
 * that depends on the sequence of frames (fragmentation, the closing handshake) belongs to the
 * connection in {@code ws-protocol}.
 *
 * <p>The module needs nothing but {@code java.base}, so it can be used on its own
 * ({@code requires org.websockets4j.framing;}). It also holds the root of the library's exception
 * hierarchy, {@link org.websockets4j.framing.WebSocketException}, because every other module
 * depends on this one.
 *
 * <h2>Getting started</h2>
 * A client encodes, a server decodes; the reader keeps partial frames between reads itself:
 * {@snippet :
 * FrameWriter client = new FrameWriter(Role.CLIENT);             // masks with SecureRandom keys
 * byte[] wire = client.toBytes(Frame.text("Hello"));
 *
 * FrameReader server = new FrameReader(Role.SERVER, 1 << 20, List.of()); // 1 MiB payload limit
 * Frame frame = server.read(ByteBuffer.wrap(wire));              // null until a frame is complete
 * String text = new String(frame.payloadBytes(), StandardCharsets.UTF_8);
 * }
 * A broken rule raises {@link org.websockets4j.framing.ProtocolError}, whose
 * {@link org.websockets4j.framing.ProtocolError#closeCode() closeCode()} is the close code to send.
 */
package org.websockets4j.framing;
