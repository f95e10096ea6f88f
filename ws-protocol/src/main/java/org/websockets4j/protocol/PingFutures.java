package org.websockets4j.protocol;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The futures of the application's pings that await their pong, keyed by payload. The keepalive
 * pings of the {@link Connection} are not here: a pong that acknowledges one of them finds no
 * future. Not thread-safe: guarded by the driver's lock.
 */
final class PingFutures {
    /** Made by the first application ping: most connections never send one. */
    private Map<ByteBuffer, CompletableFuture<Void>> waiting;

    /** Remembers the future of the ping sent with {@code payload} (a read-only buffer nobody moves). */
    void add(ByteBuffer payload, CompletableFuture<Void> future) {
        if (waiting == null) {
            waiting = new HashMap<>();
        }
        waiting.put(payload, future);
    }

    /**
     * The futures a pong completes, in the order of {@code acknowledged} (oldest ping first);
     * they are forgotten here.
     */
    List<CompletableFuture<Void>> acknowledge(List<ByteBuffer> acknowledged) {
        if (waiting == null) {
            return List.of();
        }
        List<CompletableFuture<Void>> done = new ArrayList<>(acknowledged.size());
        for (ByteBuffer payload : acknowledged) {
            CompletableFuture<Void> future = waiting.remove(payload);
            if (future != null) {
                done.add(future);
            }
        }
        return done;
    }

    /** Every future still waiting, forgotten here: the connection is over. */
    List<CompletableFuture<Void>> drain() {
        if (waiting == null) {
            return List.of();
        }
        List<CompletableFuture<Void>> all = new ArrayList<>(waiting.values());
        waiting = null;
        return all;
    }

    boolean isEmpty() {
        return waiting == null || waiting.isEmpty();
    }
}
