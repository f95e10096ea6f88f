package org.websockets4j.protocol.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;
import java.util.List;
import java.util.Objects;
import org.websockets4j.framing.ExtensionCodec;
import org.websockets4j.framing.FrameData;
import org.websockets4j.framing.Role;
import org.websockets4j.protocol.ConnectionOptions;
import org.websockets4j.protocol.WebSocket;

/**
 * How the server and the client turn a connection whose opening handshake has completed into a
 * {@link WebSocket}, and the hooks behind broadcasting: one payload prepared once
 * ({@link #sharedText}, {@link #sharedBinary}) and queued on many connections without a copy per
 * connection ({@link #sendShared}).
 *
 * <p>Internal: this package is exported to the server and client modules only. Thread-safe.
 */
public final class WebSockets {
    private WebSockets() {
    }

    /**
     * Opens a WebSocket over a connected channel whose opening handshake has completed;
     * {@code leftover} holds bytes received after the handshake head (may be empty). The WebSocket
     * owns the channel from now on: it reads and writes it on the channel group's threads, and
     * closes it when the connection ends. Reading starts at once (after {@code leftover} is
     * processed), and so do the keepalive pings.
     *
     * @param channel   a connected channel; nobody else may use it afterwards
     * @param role      the side this is: {@link Role#CLIENT} masks its frames
     * @param options   the connection options
     * @param codecs    the negotiated extensions, in negotiation order (empty for none)
     * @param leftover  bytes already read past the handshake, from position to limit; copied out
     *                  before this method returns, so the caller may reuse the buffer
     * @param handshake what the handshake settled, reported by the WebSocket's accessors
     * @return the open WebSocket
     * @throws NullPointerException     when an argument is null
     * @throws IllegalArgumentException when two codecs claim the same reserved bit; the channel is
     *                                  closed then
     */
    public static WebSocket open(AsynchronousSocketChannel channel, Role role, ConnectionOptions options,
                                 List<? extends ExtensionCodec> codecs, ByteBuffer leftover, HandshakeInfo handshake) {
        Objects.requireNonNull(channel, "channel");
        return open(new TcpTransport(channel), role, options, codecs, leftover, handshake); // closes it on failure
    }

    /**
     * {@link #open(AsynchronousSocketChannel, Role, ConnectionOptions, List, ByteBuffer, HandshakeInfo)}
     * over any {@link Transport} (TCP, TLS over another transport, a Unix or given socket channel): the WebSocket owns it
     * from now on and closes it when the connection ends.
     *
     * @param transport the byte stream whose opening handshake completed; nobody else may use it
     * @param role      the side this is
     * @param options   the connection options
     * @param codecs    the negotiated extensions, in negotiation order
     * @param leftover  bytes read past the handshake (copied out before this returns)
     * @param handshake what the handshake settled
     * @return the open WebSocket
     * @throws NullPointerException     when an argument is null
     * @throws IllegalArgumentException when two codecs claim the same reserved bit; the transport
     *                                  is closed then
     */
    public static WebSocket open(Transport transport, Role role, ConnectionOptions options,
                                 List<? extends ExtensionCodec> codecs, ByteBuffer leftover, HandshakeInfo handshake) {
        Objects.requireNonNull(transport, "transport");
        try {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(options, "options");
            Objects.requireNonNull(codecs, "codecs");
            Objects.requireNonNull(leftover, "leftover");
            Objects.requireNonNull(handshake, "handshake");
            return ProtocolAccess.opener().open(transport, role, options, codecs, leftover, handshake);
        } catch (RuntimeException | Error e) {
            try {
                transport.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    // ------------------------------------------------------------------ broadcasting

    /**
     * The UTF-8 bytes of {@code text} as a read-only buffer that {@link #sendShared} may hand to
     * any number of connections.
     *
     * @param text the message, not null
     * @return a new read-only buffer of the encoded text
     * @throws IllegalArgumentException when {@code text} holds an unpaired surrogate
     * @throws NullPointerException     when {@code text} is null
     */
    public static ByteBuffer sharedText(String text) {
        Objects.requireNonNull(text, "text");
        return ByteBuffer.wrap(FrameData.utf8(text)).asReadOnlyBuffer();
    }

    /**
     * A read-only copy of {@code data} that {@link #sendShared} may hand to any number of
     * connections; the caller keeps its array.
     *
     * @param data the payload, not null; copied
     * @return a new read-only buffer over the copy
     * @throws NullPointerException when {@code data} is null
     */
    public static ByteBuffer sharedBinary(byte[] data) {
        Objects.requireNonNull(data, "data");
        return ByteBuffer.wrap(data.clone()).asReadOnlyBuffer();
    }

    /**
     * A read-only copy of {@code data}'s remaining bytes (its position is left alone) that
     * {@link #sendShared} may hand to any number of connections.
     *
     * @param data the payload, not null; its remaining bytes are copied
     * @return a new read-only buffer over the copy
     * @throws NullPointerException when {@code data} is null
     */
    public static ByteBuffer sharedBinary(ByteBuffer data) {
        Objects.requireNonNull(data, "data");
        byte[] copy = new byte[data.remaining()];
        data.get(data.position(), copy);
        return ByteBuffer.wrap(copy).asReadOnlyBuffer();
    }

    /**
     * Queues one complete, unfragmented message on {@code webSocket} without ever waiting, for
     * broadcasting; or skips the connection. Under the connection's lock, in this order: a
     * connection that is not {@link org.websockets4j.protocol.State#OPEN} is skipped
     * ({@link SharedSend#NOT_OPEN}); one with a fragmented message in progress (or waiting to
     * start) is skipped ({@link SharedSend#SENDING_FRAGMENTED}: queueing would have to wait for it,
     * and sends deferred behind it would keep the payload alive); one with more than its
     * {@code writeLimit} bytes waiting to be written is skipped
     * ({@link SharedSend#OVER_WRITE_LIMIT}); otherwise the frame is queued and written through the
     * same path as {@link WebSocket#sendAsync(String)}, and {@link SharedSend#SENT} is returned.
     * Unlike {@code sendAsync}, nothing waits for the write buffer to drain.
     *
     * <p>The connection gets a {@link ByteBuffer#duplicate()} of {@code sharedPayload}: the bytes
     * are not copied and never modified, so the same buffer may be passed to any number of
     * connections, concurrently. A server's frames are unmasked, so only the frame header (2 to 10
     * bytes) is per connection; a client must mask, so its frame writer masks into a copy of its
     * own (read-only payloads are never masked in place).
     *
     * @param webSocket     the connection
     * @param text          true for a text message (the payload must be UTF-8: it is not checked),
     *                      false for a binary one
     * @param sharedPayload the payload, from position to limit; must be read-only and must not
     *                      change afterwards (see {@link #sharedText}, {@link #sharedBinary})
     * @return what was done
     * @throws NullPointerException     when an argument is null
     * @throws IllegalArgumentException when {@code sharedPayload} is not read-only
     */
    public static SharedSend sendShared(WebSocket webSocket, boolean text, ByteBuffer sharedPayload) {
        Objects.requireNonNull(webSocket, "webSocket");
        Objects.requireNonNull(sharedPayload, "sharedPayload");
        if (!sharedPayload.isReadOnly()) {
            throw new IllegalArgumentException("a shared payload must be a read-only buffer");
        }
        return ProtocolAccess.internals().sendShared(webSocket, text, sharedPayload);
    }

    /**
     * The bytes queued on {@code webSocket} and not yet written, including those of the write in
     * flight: what {@link #sendShared} compares with {@code writeLimit}. A snapshot.
     *
     * @param webSocket the connection, not null
     * @return the bytes waiting to be written, at least 0
     * @throws NullPointerException when {@code webSocket} is null
     */
    public static long bufferedBytes(WebSocket webSocket) {
        Objects.requireNonNull(webSocket, "webSocket");
        return ProtocolAccess.internals().bufferedBytes(webSocket);
    }
}
