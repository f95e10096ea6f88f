package org.websockets4j.protocol.internal;

/**
 * What {@link WebSockets#sendShared} did with one connection: queued the message, or skipped it
 * and why. Decided atomically under the connection's lock.
 *
 * <p>Internal: this package is exported to the server and client modules only.
 */
public enum SharedSend {
    /** The message's frame is queued for writing. */
    SENT,
    /** The connection is closing or closed: nothing was queued. */
    NOT_OPEN,
    /** More than {@code writeLimit} bytes already wait to be written (a slow consumer): nothing was queued. */
    OVER_WRITE_LIMIT,
    /**
     * A fragmented message ({@code send(Iterable)}, {@code sendStream}) is in progress or about to
     * start on the connection: nothing was queued.
     */
    SENDING_FRAGMENTED
}
