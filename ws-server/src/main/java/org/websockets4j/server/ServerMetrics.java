package org.websockets4j.server;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A snapshot of a server's counters since it started, from {@link WebSocketServer#metrics()}: hand
 * it to Micrometer, OpenTelemetry or a log line; the library depends on none of them. Every
 * counter only grows, except {@code openConnections}.
 *
 * <p>The counters are read one after another while connections carry on, so a snapshot taken
 * under load is not one instant: two of its numbers may be a message apart. Immutable and
 * thread-safe; its maps are unmodifiable, sorted by key, and hold only the keys seen.
 *
 * @param openConnections      connections whose opening handshake succeeded and that have not
 *                             ended yet
 * @param handshakesAccepted   opening handshakes answered 101, counted when the answer is sent
 * @param handshakesRefused    opening handshakes answered with another status, by status
 *                             (400, 403, 426, 503 while shutting down, a {@code processRequest}
 *                             answer ...), counted when the answer is sent
 * @param handshakesFailed     opening handshakes that got no answer: the client left or was too
 *                             slow ({@code openTimeout}), or its TLS handshake failed
 * @param messagesReceived     complete messages received, at their last frame (streamed ones too)
 * @param messagesSent         complete messages queued for sending, at their last frame
 * @param bytesReceived        payload bytes of the messages received (decompressed; frame headers
 *                             and control frames not counted), counted frame by frame
 * @param bytesSent            payload bytes of the messages queued for sending (before compression),
 *                             counted frame by frame
 * @param closeCodesReceived   ended connections by the code of the close frame they received
 *                             (1005 for an empty one), or 1006 when none arrived
 * @param closeCodesSent       ended connections by the code of the close frame the server sent;
 *                             those where it sent none are not counted
 * @param abnormalCloses       ended connections whose code received or sent was not 1000, 1001
 *                             or 1005: the ones the server logs at INFO
 * @param writeBufferHighWater the most bytes any one connection ever had queued and not yet
 *                             written (see {@code ConnectionOptions.writeLimit})
 */
public record ServerMetrics(long openConnections, long handshakesAccepted, Map<Integer, Long> handshakesRefused,
                            long handshakesFailed, long messagesReceived, long messagesSent, long bytesReceived,
                            long bytesSent, Map<Integer, Long> closeCodesReceived, Map<Integer, Long> closeCodesSent,
                            long abnormalCloses, long writeBufferHighWater) {
    /**
     * Copies the maps (sorted, unmodifiable).
     *
     * @throws NullPointerException when a map, or one of its keys or values, is null
     */
    public ServerMetrics {
        handshakesRefused = sorted(handshakesRefused);
        closeCodesReceived = sorted(closeCodesReceived);
        closeCodesSent = sorted(closeCodesSent);
    }

    /**
     * All refused handshakes, whatever their status.
     *
     * @return the sum of {@link #handshakesRefused()}'s values
     */
    public long handshakesRefusedTotal() {
        long total = 0;
        for (long count : handshakesRefused.values()) {
            total += count;
        }
        return total;
    }

    private static Map<Integer, Long> sorted(Map<Integer, Long> counts) {
        Objects.requireNonNull(counts, "counts");
        TreeMap<Integer, Long> copy = new TreeMap<>();
        counts.forEach((key, value) -> copy.put(Objects.requireNonNull(key), Objects.requireNonNull(value)));
        return Collections.unmodifiableMap(copy);
    }
}
