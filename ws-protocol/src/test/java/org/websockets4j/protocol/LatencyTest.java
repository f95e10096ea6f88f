package org.websockets4j.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.websockets4j.framing.Frame;
import org.websockets4j.framing.Opcode;
import org.websockets4j.framing.Role;

/** {@link WebSocket#latency()}: the round trip of the last keepalive ping (websockets' {@code latency}). */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LatencyTest {

    @Test
    void zeroUntilTheFirstKeepalivePongThenAtLeastThePeersDelay() throws Exception {
        ConnectionOptions options = Loopback.quiet().pingInterval(Duration.ofMillis(50)).pingTimeout(Duration.ofSeconds(10)).build(); // one ping at a time
        try (Loopback.Raw raw = Loopback.raw(Role.SERVER, options)) {
            assertEquals(Duration.ZERO, raw.ws().latency());
            Frame ping = raw.peer().readFrame();
            assertEquals(Opcode.PING, ping.opcode());
            assertEquals(Duration.ZERO, raw.ws().latency(), "no pong yet");
            Thread.sleep(100); // the peer answers late: the round trip is at least this
            raw.peer().send(Frame.pong(ping.payloadBytes()));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Loopback.GUARD_SECONDS);
            while (raw.ws().latency().isZero() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            Duration latency = raw.ws().latency();
            assertTrue(latency.compareTo(Duration.ofMillis(100)) >= 0, "latency " + latency);
        }
    }

    @Test
    void measuredBetweenTwoRealEndpoints() throws Exception {
        ConnectionOptions keepalive = Loopback.quiet().pingInterval(Duration.ofMillis(20)).build();
        try (Loopback.Pair pair = Loopback.pair(keepalive, keepalive)) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Loopback.GUARD_SECONDS);
            while ((pair.client().latency().isZero() || pair.server().latency().isZero()) && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertTrue(pair.client().latency().compareTo(Duration.ZERO) > 0);
            assertTrue(pair.server().latency().compareTo(Duration.ZERO) > 0);
        }
    }

    @Test
    void manualPingsAreNotMeasured() throws Exception {
        try (Loopback.Pair pair = Loopback.pair()) { // no keepalive
            pair.client().ping().get(Loopback.GUARD_SECONDS, TimeUnit.SECONDS);
            assertEquals(Duration.ZERO, pair.client().latency());
        }
    }
}
