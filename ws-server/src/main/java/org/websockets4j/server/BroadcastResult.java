package org.websockets4j.server;

import java.util.List;
import java.util.Objects;
import org.websockets4j.protocol.WebSocket;

/**
 * What {@link WebSocketServer#broadcast(Iterable, String)} did: how many connections the message
 * was queued on, and which were skipped and why. Immutable.
 *
 * @param sent    how many connections the message was queued on (a connection listed twice counts twice)
 * @param skipped the connections skipped, in the order they were met
 */
public record BroadcastResult(int sent, List<Skipped> skipped) {
    /**
     * Creates the record, freezing {@code skipped}.
     *
     * @throws IllegalArgumentException when {@code sent} is negative
     * @throws NullPointerException     when {@code skipped} or one of its elements is null
     */
    public BroadcastResult {
        if (sent < 0) {
            throw new IllegalArgumentException("sent must not be negative, got " + sent);
        }
        skipped = List.copyOf(skipped);
    }

    /**
     * True when no connection was skipped.
     *
     * @return whether the message was queued on every connection given
     */
    public boolean allSent() {
        return skipped.isEmpty();
    }

    /**
     * The connections skipped for {@code reason}, in the order they were met.
     *
     * @param reason the reason to select, not null
     * @return a new unmodifiable list, possibly empty; a connection listed twice appears twice
     */
    public List<WebSocket> skipped(Reason reason) {
        Objects.requireNonNull(reason, "reason");
        return skipped.stream().filter(s -> s.reason() == reason).map(Skipped::connection).toList();
    }

    /** Why a connection did not get the message. */
    public enum Reason {
        /** The connection is closing or closed (Python websockets skips those silently). */
        NOT_OPEN,
        /**
         * More than {@code writeLimit} bytes already wait to be written to it: a slow consumer. The
         * message is dropped for it rather than queued, so its buffer stays bounded.
         */
        WRITE_BUFFER_FULL,
        /**
         * A fragmented message ({@code send(Iterable)}, {@code sendStream}) is in progress on it;
         * a broadcast cannot wait for it to end. (Python websockets 10 raised here; later versions
         * skip the connection, as this library does.)
         */
        SENDING_FRAGMENTED,
        /** Queueing failed with an unexpected exception (a bug), logged at DEBUG; the connection is left as it was. */
        FAILED
    }

    /**
     * One connection skipped.
     *
     * @param connection the connection
     * @param reason     why
     */
    public record Skipped(WebSocket connection, Reason reason) {
        /**
         * Creates the record.
         *
         * @throws NullPointerException when an argument is null
         */
        public Skipped {
            Objects.requireNonNull(connection, "connection");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
