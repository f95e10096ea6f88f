package org.websockets4j.protocol;

import java.util.concurrent.CompletableFuture;

/**
 * The one future every asynchronous send that needs no wait returns: completed before anyone sees
 * it, so a busy sender allocates no future per message. Since it is shared, it refuses the two
 * methods that could change a completed future ({@code obtrudeValue}, {@code obtrudeException});
 * {@code complete}, {@code completeExceptionally} and {@code cancel} are already no-ops on a
 * completed future. Thread-safe.
 */
final class SentFuture extends CompletableFuture<Void> {
    /** The shared, completed instance. */
    static final CompletableFuture<Void> SENT = new SentFuture();

    private SentFuture() {
        super.complete(null);
    }

    /**
     * Refused: the future is shared by many sends.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public void obtrudeValue(Void value) {
        throw new UnsupportedOperationException("a send's future is shared once done; it cannot be obtruded");
    }

    /**
     * Refused: the future is shared by many sends.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public void obtrudeException(Throwable failure) {
        throw new UnsupportedOperationException("a send's future is shared once done; it cannot be obtruded");
    }
}
