package org.websockets4j.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The future of a send that needs no wait is done at once and may be shared by such sends: what a
 * caller does to it cannot change it for another.
 */
class SentFutureTest {
    @Test
    void aSendThatNeedsNoWaitIsDoneAndItsSharedFutureCannotBeChanged() throws Exception {
        try (Loopback.Pair pair = Loopback.pair()) {
            CompletableFuture<Void> first = pair.server().sendAsync("one");
            assertTrue(first.isDone());
            assertNull(first.join());
            assertThrows(UnsupportedOperationException.class, () -> first.obtrudeValue(null));
            assertThrows(UnsupportedOperationException.class, () -> first.obtrudeException(new RuntimeException("x")));
            assertFalse(first.complete(null));
            assertFalse(first.completeExceptionally(new RuntimeException("x")));
            assertFalse(first.cancel(true));
            CompletableFuture<Void> second = pair.server().sendAsync(new byte[] {1});
            assertTrue(second.isDone() && !second.isCompletedExceptionally() && !second.isCancelled(),
                    "whatever was tried on the first one");
            assertEquals(new Message.Text("one"), pair.client().recvAsync().get(Loopback.GUARD_SECONDS, TimeUnit.SECONDS));
            assertEquals(Message.Binary.class, pair.client().recvAsync().get(Loopback.GUARD_SECONDS, TimeUnit.SECONDS).getClass());
        }
    }

    @Test
    void aSendOnAClosedConnectionStillFailsWithItsOwnFuture() throws Exception {
        try (Loopback.Pair pair = Loopback.pair()) {
            pair.server().closeAsync().get(Loopback.GUARD_SECONDS, TimeUnit.SECONDS);
            CompletableFuture<Void> late = pair.server().sendAsync("late");
            assertTrue(late.isCompletedExceptionally());
        }
    }
}
