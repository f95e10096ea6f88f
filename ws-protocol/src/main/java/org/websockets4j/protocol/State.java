package org.websockets4j.protocol;

/**
 * The states of a WebSocket connection (RFC 6455 §4.1, §7.1), as {@link Connection#state()}
 * reports them.
 *
 * <p>A connection only moves forward: CONNECTING → OPEN → CLOSING → CLOSED, and it may skip
 * CLOSING when the TCP connection ends abruptly.
 */
public enum State {
    /** The opening handshake is in progress: no frame may be sent or received yet. */
    CONNECTING,
    /** The handshake succeeded: data and control frames flow both ways. */
    OPEN,
    /**
     * The closing handshake started: a close frame was sent (by us first, as the answer to the
     * peer's, or because the connection failed). No data frame may be sent any more; the
     * connection waits for the peer's close frame and then for the end of the TCP connection.
     */
    CLOSING,
    /** The TCP connection is closed (or must be closed right away): nothing more happens. */
    CLOSED
}
