package org.websockets4j.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.websockets4j.protocol.internal.IoGroup;

/** The shared channel group makes reads wait for the poller, so one busy connection cannot starve the others. */
class IoGroupFairnessTest {
    @Test
    void theSharedGroupTurnsSynchronousReadsOffUnlessTheUserChose() {
        String before = System.getProperty("sun.nio.ch.disableSynchronousRead");
        assertSame(IoGroup.shared(), IoGroup.shared());
        assertEquals(before == null ? "true" : before, System.getProperty("sun.nio.ch.disableSynchronousRead"));
    }
}
