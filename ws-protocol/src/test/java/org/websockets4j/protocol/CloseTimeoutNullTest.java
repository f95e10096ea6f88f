package org.websockets4j.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.websockets4j.framing.Frame;
import org.websockets4j.framing.Opcode;
import org.websockets4j.framing.Role;

/**
 * {@code closeTimeout(null)} means no timeout, as {@code close_timeout=None} in websockets 10+
 * (websockets 8 read None as the default): close waits as long as the peer takes.
 */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CloseTimeoutNullTest {

    @Test
    void closeWaitsForASlowPeerInsteadOfGivingUp() throws Exception {
        ConnectionOptions options = Loopback.quiet().closeTimeout(null).build();
        assertNull(options.closeTimeout());
        try (Loopback.Raw raw = Loopback.raw(Role.SERVER, options)) {
            CompletableFuture<Void> closing = raw.ws().closeAsync(1000, "bye");
            Frame close = raw.peer().readFrame();
            assertEquals(Opcode.CLOSE, close.opcode());
            Thread.sleep(500); // far longer than any timeout a None could stand for in a test
            assertFalse(closing.isDone(), "still waiting for the peer's close frame");
            raw.peer().send(Frame.close(1000, ""));
            Thread.sleep(300);
            assertFalse(closing.isDone(), "and then for the end of the TCP connection");
            raw.peer().close();
            closing.get(Loopback.GUARD_SECONDS, TimeUnit.SECONDS);
            assertEquals(1000, raw.ws().closeCode());
        }
    }
}
