package org.websockets4j.protocol.internal;

/**
 * What a server (or any owner of many connections) is told about each of them, to keep its
 * counters: one call per complete message each way, one when a connection's write buffer reaches a
 * new high, one when it ends.
 *
 * <p>Internal: exported to the server and client modules only. Calls come from the connection's
 * I/O and sending threads, with the connection's lock held, so an implementation must be
 * thread-safe, fast and must not block or call back into the connection; the message calls are on
 * the hot path and must allocate nothing. Every method does nothing by default.
 */
public interface ConnectionObserver {
    /** Observes nothing: the default of a connection nobody counts (a client's). */
    ConnectionObserver NONE = new ConnectionObserver() {
    };

    /**
     * A complete message arrived (streamed ones too, counted at their last frame).
     *
     * @param bytes its payload size, after decompression
     */
    default void messageReceived(long bytes) {
    }

    /**
     * A complete message was queued for sending (a fragmented one at its last frame).
     *
     * @param bytes its payload size, before compression
     */
    default void messageSent(long bytes) {
    }

    /**
     * This connection's write buffer holds more bytes than it ever did before.
     *
     * @param bytes the bytes now queued and not yet written
     */
    default void writeBufferHigh(long bytes) {
    }

    /**
     * The connection is over: called once, when it is CLOSED and its transport closing.
     *
     * @param end how it ended, not null
     */
    default void closed(ConnectionEnd end) {
    }
}
