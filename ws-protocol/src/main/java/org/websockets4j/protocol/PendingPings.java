package org.websockets4j.protocol;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The pings sent and not yet answered, oldest first, identified by their payload (which is why
 * two outstanding pings may not carry the same bytes). Holds read-only buffers nobody else reads,
 * so their positions, and therefore {@link ByteBuffer#equals}, stay put.
 */
final class PendingPings {
    /** Made by the first ping: most connections never send one. */
    private ArrayList<ByteBuffer> outstanding;

    boolean contains(ByteBuffer payload) {
        return outstanding != null && outstanding.contains(payload);
    }

    void add(ByteBuffer payload) {
        if (outstanding == null) {
            outstanding = new ArrayList<>(2);
        }
        outstanding.add(payload);
    }

    /** Forgets a ping: a pong carrying its payload will then be unsolicited. */
    void remove(ByteBuffer payload) {
        if (outstanding != null) {
            outstanding.remove(payload);
        }
    }

    /**
     * Completes the ping whose payload matches {@code pong} and every ping sent before it
     * (RFC 6455 §5.5.3: a pong may answer only the latest of several pings).
     *
     * @return the completed pings, oldest first; empty for an unsolicited pong
     */
    List<ByteBuffer> acknowledge(ByteBuffer pong) {
        int index = outstanding == null ? -1 : outstanding.indexOf(pong);
        if (index < 0) {
            return List.of();
        }
        List<ByteBuffer> head = outstanding.subList(0, index + 1);
        List<ByteBuffer> acknowledged = List.copyOf(head);
        head.clear();
        return acknowledged;
    }

    int size() {
        return outstanding == null ? 0 : outstanding.size();
    }
}
