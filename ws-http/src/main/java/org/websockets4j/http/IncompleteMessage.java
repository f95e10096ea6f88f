package org.websockets4j.http;

/**
 * Raised when the input ends before a whole handshake request or response was read: the peer
 * closed the connection mid-message (Python websockets raises {@code EOFError} here).
 *
 * <p>It is not an {@link InvalidMessage}: nothing was malformed and no answer can reach a peer
 * that has gone. {@link #bytesReceived()} is 0 when the peer sent nothing at all, which a server
 * usually drops silently (port scanners, load-balancer health checks).
 */
public class IncompleteMessage extends InvalidHandshake {
    private static final long serialVersionUID = 1L;

    /** What {@link #bytesReceived()} returns. */
    private final long bytesReceived;

    /**
     * Creates the exception.
     *
     * @param message       what was being read when the input ended
     * @param bytesReceived how many bytes of the message had been consumed
     */
    public IncompleteMessage(String message, long bytesReceived) {
        super(message);
        this.bytesReceived = bytesReceived;
    }

    /**
     * How many bytes of the message had been consumed when the input ended.
     *
     * @return the count; 0 when the peer sent nothing
     */
    public long bytesReceived() {
        return bytesReceived;
    }
}
