package org.websockets4j.protocol.internal;

import java.lang.invoke.MethodHandles;
import java.nio.ByteBuffer;
import java.util.List;
import org.websockets4j.framing.ExtensionCodec;
import org.websockets4j.framing.Role;
import org.websockets4j.protocol.ConnectionOptions;
import org.websockets4j.protocol.WebSocket;

/**
 * The door from this package into {@code org.websockets4j.protocol}, whose way of creating a
 * {@link WebSocket} is not public: {@link WebSocket}'s static initialiser registers an
 * {@link Opener} and its {@link Internals} here (the JDK's "shared secrets" pattern), and
 * {@link WebSockets} uses them.
 *
 * <p>Internal: this package is exported to the server and client modules only.
 */
public final class ProtocolAccess {
    private static volatile Opener opener;
    private static volatile Internals internals;

    private ProtocolAccess() {
    }

    /** Opens a {@link WebSocket} over a transport; see {@link WebSockets#open}. */
    @FunctionalInterface
    public interface Opener {
        /**
         * Opens a WebSocket over {@code transport}, which it owns from then on.
         *
         * @param transport the connected stream under the WebSocket; owned by it from now on
         * @param role the side this is
         * @param options the connection options
         * @param codecs the negotiated extensions, in negotiation order
         * @param leftover bytes read past the handshake, copied out before this returns
         * @param handshake what the handshake settled
         * @return the open WebSocket, already reading
         * @see WebSockets#open
         */
        WebSocket open(Transport transport, Role role, ConnectionOptions options,
                       List<? extends ExtensionCodec> codecs, ByteBuffer leftover, HandshakeInfo handshake);
    }

    /** The package-private {@link WebSocket} members {@link WebSockets} reaches for broadcasting. */
    public interface Internals {
        /**
         * See {@link WebSockets#sendShared}.
         *
         * @param webSocket the connection
         * @param text true for a text message, false for a binary one
         * @param sharedPayload the read-only payload, duplicated, never copied or modified
         * @return what was done with the connection
         */
        SharedSend sendShared(WebSocket webSocket, boolean text, ByteBuffer sharedPayload);

        /**
         * See {@link WebSockets#bufferedBytes}.
         *
         * @param webSocket the connection
         * @return the bytes queued and not yet written
         */
        long bufferedBytes(WebSocket webSocket);
    }

    /**
     * Registers the opener; called once, by {@link WebSocket}'s static initialiser.
     *
     * @param implementation the opener, not null
     * @throws IllegalStateException when one is registered already
     */
    public static synchronized void register(Opener implementation) {
        if (opener != null) {
            throw new IllegalStateException("a WebSocket opener is registered already");
        }
        opener = implementation;
    }

    /**
     * Registers the internals; called once, by {@link WebSocket}'s static initialiser.
     *
     * @param implementation the internals, not null
     * @throws IllegalStateException when they are registered already
     */
    public static synchronized void registerInternals(Internals implementation) {
        if (internals != null) {
            throw new IllegalStateException("WebSocket internals are registered already");
        }
        internals = implementation;
    }

    /** The opener, initialising {@link WebSocket} first if needed. */
    static Opener opener() {
        Opener current = opener;
        if (current == null) {
            initialiseWebSocket();
            current = opener;
            if (current == null) {
                throw new IllegalStateException(WebSocket.class.getName() + " registered no opener");
            }
        }
        return current;
    }

    /** The internals, initialising {@link WebSocket} first if needed. */
    static Internals internals() {
        Internals current = internals;
        if (current == null) {
            initialiseWebSocket();
            current = internals;
            if (current == null) {
                throw new IllegalStateException(WebSocket.class.getName() + " registered no internals");
            }
        }
        return current;
    }

    private static void initialiseWebSocket() {
        try {
            MethodHandles.lookup().ensureInitialized(WebSocket.class);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot initialise " + WebSocket.class.getName(), e);
        }
    }
}
