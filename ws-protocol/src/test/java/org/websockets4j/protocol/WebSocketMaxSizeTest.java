package org.websockets4j.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.websockets4j.framing.PayloadTooBig;

/** maxSize over real sockets: a message at the limit passes, one byte more fails with 1009. */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WebSocketMaxSizeTest {
    private static final int LIMIT = 10_000;

    @Test
    void aMessageAtMaxSizePassesAndOneByteMoreFailsWith1009() throws Exception {
        ConnectionOptions limited = Loopback.quiet().maxSize(LIMIT).build();
        try (Loopback.Pair pair = Loopback.pair(limited, Loopback.quiet().build())) {
            pair.client().send(new byte[LIMIT]);
            assertEquals(LIMIT, pair.server().recvBinary().length);
            pair.client().send(new byte[LIMIT + 1]);

            // The side that fails the connection: ConnectionClosedError, caused by PayloadTooBig (1009).
            ConnectionClosedError error = assertThrows(ConnectionClosedError.class, pair.server()::recv);
            PayloadTooBig cause = assertInstanceOf(PayloadTooBig.class, error.getCause());
            assertEquals(1009, cause.closeCode());
            assertEquals(LIMIT + 1, cause.size());
            assertTrue(error.getMessage().contains("sent 1009 (message too big)"), error.getMessage());
            // The sender is told 1009.
            ConnectionClosedError told = assertThrows(ConnectionClosedError.class, pair.client()::recv);
            assertEquals(1009, told.code());
        }
    }

    @Test
    void theLimitCountsEveryFragment() throws Exception {
        ConnectionOptions limited = Loopback.quiet().maxSize(LIMIT).build();
        try (Loopback.Pair pair = Loopback.pair(Loopback.quiet().build(), limited)) {
            pair.server().send(List.of(new byte[LIMIT / 2], new byte[LIMIT / 2]));
            assertEquals(LIMIT, pair.client().recvBinary().length);
            pair.server().send(List.of(new byte[LIMIT / 2], new byte[LIMIT / 2], new byte[1]));
            assertInstanceOf(PayloadTooBig.class, assertThrows(ConnectionClosedError.class, pair.client()::recv).getCause());
            assertEquals(1009, assertThrows(ConnectionClosedError.class, pair.server()::recv).code());
        }
    }
}
