package org.websockets4j.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.websockets4j.framing.Close;
import org.websockets4j.framing.Frame;
import org.websockets4j.framing.Opcode;
import org.websockets4j.framing.Role;

/** Pings, pongs and keepalive over real sockets. */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WebSocketPingTest {

    @Test
    void pingsAreCompletedByTheirPongs() throws Exception {
        try (Loopback.Pair pair = Loopback.pair()) {
            pair.client().ping().get(Loopback.GUARD_SECONDS, TimeUnit.SECONDS);
            pair.server().ping("hello").get(Loopback.GUARD_SECONDS, TimeUnit.SECONDS);
            pair.server().ping(new byte[] {1, 2, 3}).get(Loopback.GUARD_SECONDS, TimeUnit.SECONDS);
            List<CompletableFuture<Void>> many = new java.util.ArrayList<>();
            for (int i = 0; i < 50; i++) {
                many.add(pair.client().ping(ByteBuffer.allocate(4).putInt(0, i)));
            }
            CompletableFuture.allOf(many.toArray(CompletableFuture[]::new)).get(Loopback.GUARD_SECONDS, TimeUnit.SECONDS);
            assertThrows(IllegalArgumentException.class, () -> pair.client().ping(new byte[126]));
        }
    }

    @Test
    void onePongCompletesEveryEarlierPing() throws Exception {
        try (Loopback.Raw raw = Loopback.raw(Role.CLIENT, Loopback.quiet().build())) {
            CompletableFuture<Void> a = raw.ws().ping("a");
            CompletableFuture<Void> b = raw.ws().ping("b");
            CompletableFuture<Void> c = raw.ws().ping("c");
            CompletableFuture<Void> d = raw.ws().ping("d");
            assertThrows(IllegalArgumentException.class, () -> raw.ws().ping("a"), "a ping with the same data is pending");
            for (String expected : List.of("a", "b", "c", "d")) {
                Frame ping = raw.peer().readFrame();
                assertEquals(Opcode.PING, ping.opcode());
                assertEquals(expected, new String(ping.payloadBytes(), StandardCharsets.UTF_8));
            }
            raw.peer().send(Frame.pong("c".getBytes(StandardCharsets.UTF_8)));
            CompletableFuture.allOf(a, b, c).get(Loopback.GUARD_SECONDS, TimeUnit.SECONDS);
            raw.ws().send("sync"); // once this arrives, the pong was processed long ago
            assertEquals(Opcode.TEXT, raw.peer().readFrame().opcode());
            assertFalse(d.isDone());
            raw.peer().send(Frame.pong("unsolicited".getBytes(StandardCharsets.UTF_8)));
            raw.peer().send(Frame.pong("d".getBytes(StandardCharsets.UTF_8)));
            d.get(Loopback.GUARD_SECONDS, TimeUnit.SECONDS);
        }
    }

    @Test
    void pongsAreSentOnRequestAndPingsAnsweredAutomatically() throws Exception {
        try (Loopback.Raw raw = Loopback.raw(Role.SERVER, Loopback.quiet().build())) {
            raw.ws().pong("heartbeat");
            raw.ws().pong();
            raw.ws().pongAsync(ByteBuffer.wrap(new byte[] {7})).get(Loopback.GUARD_SECONDS, TimeUnit.SECONDS);
            Frame pong = raw.peer().readFrame();
            assertEquals(Opcode.PONG, pong.opcode());
            assertEquals("heartbeat", new String(pong.payloadBytes(), StandardCharsets.UTF_8));
            assertEquals(0, raw.peer().readFrame().length());
            assertArrayEquals(new byte[] {7}, raw.peer().readFrame().payloadBytes());
            raw.peer().send(Frame.ping("are you there".getBytes(StandardCharsets.UTF_8)));
            Frame answer = raw.peer().readFrame();
            assertEquals(Opcode.PONG, answer.opcode());
            assertEquals("are you there", new String(answer.payloadBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void keepaliveKeepsAnAnsweringPeerOpen() throws Exception {
        ConnectionOptions options = Loopback.quiet().pingInterval(Duration.ofMillis(50)).pingTimeout(Duration.ofMillis(500)).build();
        try (Loopback.Pair pair = Loopback.pair(options, options)) {
            Thread.sleep(400); // several keepalive rounds each way
            assertTrue(pair.server().isOpen());
            assertTrue(pair.client().isOpen());
            pair.client().send("still here");
            assertEquals("still here", pair.server().recvText());
        }
    }

    @Test
    void keepaliveFailsASilentPeerWith1011() throws Exception {
        ConnectionOptions options = Loopback.quiet()
                .pingInterval(Duration.ofMillis(100)).pingTimeout(Duration.ofMillis(100))
                .closeTimeout(Duration.ofMillis(200)).build();
        try (Loopback.Raw raw = Loopback.raw(Role.SERVER, options)) {
            Thread peer = raw.peer().discardInBackground(); // never answers a ping
            ConnectionClosedError error = assertThrows(ConnectionClosedError.class, raw.ws()::recv);
            // As in Python websockets 8, the side that fails reports 1006; the peer is told 1011.
            assertEquals(1006, error.code());
            peer.join();
            List<Frame> frames = List.copyOf(raw.peer().seen);
            assertEquals(Opcode.PING, frames.get(0).opcode());
            Frame close = frames.get(frames.size() - 1);
            assertEquals(Opcode.CLOSE, close.opcode());
            assertEquals(1011, Close.parse(close.payload()).code());
            assertEquals("keepalive ping timeout", Close.parse(close.payload()).reason());
        }
    }
}
