package org.websockets4j.server;

import java.net.SocketAddress;
import org.websockets4j.protocol.internal.Transport;

/**
 * One listening socket of a {@link WebSocketServer}: it accepts connections and hands each over
 * as a {@link Transport}. A server has one or more (several hosts, a Unix path, a given channel),
 * all feeding the same connection path. Implementations are thread-safe.
 */
interface Listener {
    /** Where the server hears from a listener. Called on the listener's accepting thread. */
    interface Sink {
        /**
         * A connection was accepted; the sink owns it from now on.
         *
         * @param transport the accepted connection's byte stream
         */
        void accepted(Transport transport);

        /** The listener stopped accepting for good (it was closed); called exactly once. */
        void stopped();

        /**
         * Whether the server is closing, so a failure to accept is expected.
         *
         * @return true once the server's close() started
         */
        boolean closing();

        /**
         * Accepting failed and will be tried again shortly (out of file descriptors, say).
         *
         * @param what    what failed, for the log
         * @param failure the failure
         */
        void trouble(String what, Throwable failure);
    }

    /**
     * The bound address: an {@link java.net.InetSocketAddress} with its actual port, or a
     * {@link java.net.UnixDomainSocketAddress}.
     *
     * @return the address, never null
     */
    SocketAddress address();

    /**
     * Starts accepting; each connection goes to {@code sink} until {@link #close()}.
     *
     * @param sink where connections go; {@link Sink#stopped()} is called once accepting ends
     */
    void start(Sink sink);

    /** Stops accepting and releases the socket (and a Unix socket's file). Idempotent. */
    void close();
}
