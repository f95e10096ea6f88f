package org.websockets4j.server;

import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.websockets4j.protocol.WebSocket;
import org.websockets4j.protocol.internal.WebSockets;

/**
 * The work behind {@link WebSocketServer#broadcast(Iterable, String)} and its binary twins (whose
 * javadoc is the contract): one shared payload, queued on each connection or skipped with a
 * reason, never blocking and never throwing because of one connection. Thread-safe (stateless).
 */
final class Broadcaster {
    private static final System.Logger LOG = System.getLogger("org.websockets4j.server");

    private Broadcaster() {
    }

    /**
     * Queues {@code message} as one text frame on each connection.
     *
     * @throws NullPointerException     when {@code connections}, one of its elements or
     *                                  {@code message} is null (nothing is sent)
     * @throws IllegalArgumentException when {@code message} holds an unpaired surrogate (nothing is sent)
     */
    static BroadcastResult text(Iterable<WebSocket> connections, String message) {
        List<WebSocket> targets = targets(connections);
        return send(targets, true, WebSockets.sharedText(Objects.requireNonNull(message, "message")));
    }

    /**
     * Queues a copy of {@code message}, made once, as one binary frame on each connection.
     *
     * @throws NullPointerException when {@code connections}, one of its elements or {@code message} is null
     */
    static BroadcastResult binary(Iterable<WebSocket> connections, byte[] message) {
        List<WebSocket> targets = targets(connections);
        return send(targets, false, WebSockets.sharedBinary(Objects.requireNonNull(message, "message")));
    }

    /**
     * Queues a copy of {@code message}'s remaining bytes, made once (its position left alone), as
     * one binary frame on each connection.
     *
     * @throws NullPointerException when {@code connections}, one of its elements or {@code message} is null
     */
    static BroadcastResult binary(Iterable<WebSocket> connections, ByteBuffer message) {
        List<WebSocket> targets = targets(connections);
        return send(targets, false, WebSockets.sharedBinary(Objects.requireNonNull(message, "message")));
    }

    /** The connections, null elements refused before anything is sent. */
    private static List<WebSocket> targets(Iterable<WebSocket> connections) {
        Objects.requireNonNull(connections, "connections");
        List<WebSocket> targets = new ArrayList<>();
        for (WebSocket connection : connections) {
            targets.add(Objects.requireNonNull(connection, "connections holds a null element"));
        }
        return targets;
    }

    /** Queues the shared payload on each target in order; an exception on one is logged and counted as FAILED. */
    private static BroadcastResult send(List<WebSocket> targets, boolean text, ByteBuffer payload) {
        int sent = 0;
        List<BroadcastResult.Skipped> skipped = new ArrayList<>(0);
        for (WebSocket connection : targets) {
            BroadcastResult.Reason reason;
            try {
                reason = switch (WebSockets.sendShared(connection, text, payload)) {
                    case SENT -> null;
                    case NOT_OPEN -> BroadcastResult.Reason.NOT_OPEN;
                    case OVER_WRITE_LIMIT -> BroadcastResult.Reason.WRITE_BUFFER_FULL;
                    case SENDING_FRAGMENTED -> BroadcastResult.Reason.SENDING_FRAGMENTED;
                };
            } catch (RuntimeException e) {
                LOG.log(Level.DEBUG, () -> "broadcast failed on " + connection, e);
                reason = BroadcastResult.Reason.FAILED;
            }
            if (reason == null) {
                sent++;
            } else {
                skipped.add(new BroadcastResult.Skipped(connection, reason));
            }
        }
        return new BroadcastResult(sent, skipped);
    }
}
