package org.websockets4j.protocol.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;
import java.util.List;
import java.util.Objects;
import org.websockets4j.framing.ExtensionCodec;
import org.websockets4j.framing.Role;
import org.websockets4j.protocol.ConnectionOptions;
import org.websockets4j.protocol.WebSocket;

/**
 * How the server and the client turn a connection whose opening handshake has completed into a
 * {@link WebSocket}.
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
        try {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(options, "options");
            Objects.requireNonNull(codecs, "codecs");
            Objects.requireNonNull(leftover, "leftover");
            Objects.requireNonNull(handshake, "handshake");
            return ProtocolAccess.opener().open(new TcpTransport(channel), role, options, codecs, leftover, handshake);
        } catch (RuntimeException | Error e) {
            try {
                channel.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }
}
