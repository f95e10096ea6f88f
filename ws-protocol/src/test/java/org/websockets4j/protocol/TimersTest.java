package org.websockets4j.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.websockets4j.protocol.Peer.T0;
import static org.websockets4j.protocol.Peer.closeOf;
import static org.websockets4j.protocol.Peer.feed;
import static org.websockets4j.protocol.Peer.seconds;
import static org.websockets4j.protocol.Peer.secs;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.websockets4j.framing.Close;
import org.websockets4j.framing.Frame;
import org.websockets4j.framing.Opcode;
import org.websockets4j.framing.Role;

/** Keepalive pings, the ping timeout, the close timeout and nextDeadline(), with time as an argument. */
class TimersTest {
    private static Connection connection(Role role, ConnectionOptions options, long start) {
        return new Connection(role, options, List.of(), null, start);
    }

    private static ConnectionOptions keepalive(long interval, Long timeout) {
        return ConnectionOptions.builder().pingInterval(secs(interval))
                .pingTimeout(timeout == null ? null : secs(timeout)).build();
    }

    /** Advances to {@code now} and returns the keepalive ping sent then. */
    private static ByteBuffer expectPing(Connection c, Peer peer, long now) {
        c.advanceTime(now);
        Frame ping = peer.readOne(c);
        assertEquals(Opcode.PING, ping.opcode());
        assertEquals(4, ping.length());
        return ping.payload();
    }

    private static void expectNothing(Connection c, long now) {
        c.advanceTime(now);
        assertTrue(c.dataToSend().isEmpty());
        assertEquals(State.OPEN, c.state());
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void pingsAtTheIntervalWhilePongsArrive(Role role) {
        Connection c = connection(role, ConnectionOptions.defaults(), T0);
        Peer peer = new Peer(role);
        assertEquals(T0 + seconds(20), c.nextDeadline());
        expectNothing(c, T0 + seconds(20) - 1);

        ByteBuffer first = expectPing(c, peer, T0 + seconds(20));
        assertEquals(T0 + seconds(40), c.nextDeadline(), "the pong deadline");
        feed(c, T0 + seconds(21), peer.pong(first));
        Event.PongReceived pong = (Event.PongReceived) c.eventsReceived().get(0);
        assertEquals(List.of(first), pong.acknowledgedPings());
        assertEquals(T0 + seconds(40), c.nextDeadline(), "the next ping, one interval after the last");

        expectNothing(c, T0 + seconds(39));
        ByteBuffer second = expectPing(c, peer, T0 + seconds(40));
        feed(c, T0 + seconds(59), peer.pong(second)); // just in time
        expectNothing(c, T0 + seconds(59));
        expectPing(c, peer, T0 + seconds(60));
        assertEquals(State.OPEN, c.state());
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void noPongWithinTheTimeoutFailsWith1011(Role role) {
        Connection c = connection(role, ConnectionOptions.defaults(), T0);
        Peer peer = new Peer(role);
        expectPing(c, peer, T0 + seconds(20));
        expectNothing(c, T0 + seconds(40) - 1);

        c.advanceTime(T0 + seconds(40));
        assertEquals(new Close(1011, "keepalive ping timeout"), closeOf(peer.readOne(c)));
        assertEquals(State.CLOSING, c.state());
        assertTrue(c.closeTransport());
        assertEquals(T0 + seconds(50), c.nextDeadline(), "the close timeout");

        c.receiveEof(T0 + seconds(41));
        assertEquals(1006, c.closeCode());
        ConnectionClosed e = c.closeException();
        assertInstanceOf(ConnectionClosedError.class, e);
        assertEquals(1006, e.code());
    }

    @Test
    void anyPongAnsweringALaterPingCompletesTheKeepalivePing() {
        Connection c = connection(Role.CLIENT, ConnectionOptions.defaults(), T0);
        Peer peer = new Peer(Role.CLIENT);
        expectPing(c, peer, T0 + seconds(20));
        ByteBuffer mine = c.sendPing(ByteBuffer.wrap(new byte[] {42}));
        peer.read(c);
        feed(c, T0 + seconds(30), peer.pong(mine));
        assertEquals(2, ((Event.PongReceived) c.eventsReceived().get(0)).acknowledgedPings().size());
        expectNothing(c, T0 + seconds(39));
        expectPing(c, peer, T0 + seconds(40));
    }

    @Test
    void anUnsolicitedPongDoesNotCompleteTheKeepalivePing() {
        Connection c = connection(Role.SERVER, ConnectionOptions.defaults(), T0);
        Peer peer = new Peer(Role.SERVER);
        expectPing(c, peer, T0 + seconds(20));
        feed(c, T0 + seconds(25), peer.pong("not it"));
        c.advanceTime(T0 + seconds(40));
        assertEquals(1011, closeOf(peer.readOne(c)).code());
    }

    @Test
    void withoutTimeoutPingsGoOutEveryIntervalAnsweredOrNot() {
        Connection c = connection(Role.SERVER, keepalive(5, null), T0);
        Peer peer = new Peer(Role.SERVER);
        for (int i = 1; i <= 5; i++) {
            assertEquals(T0 + seconds(5L * i), c.nextDeadline());
            expectPing(c, peer, T0 + seconds(5L * i));
        }
        assertEquals(State.OPEN, c.state());
    }

    @Test
    void withoutTimeoutOnlyTheLatestUnansweredKeepalivePingIsRemembered() {
        // A silent peer must not make the pending pings grow by one per interval.
        Connection c = connection(Role.SERVER, keepalive(5, null), T0);
        Peer peer = new Peer(Role.SERVER);
        ByteBuffer first = expectPing(c, peer, T0 + seconds(5));
        ByteBuffer last = first;
        for (int i = 2; i <= 100; i++) {
            last = expectPing(c, peer, T0 + seconds(5L * i));
        }
        feed(c, T0 + seconds(501), peer.pong(first));
        Event.PongReceived stale = assertInstanceOf(Event.PongReceived.class, c.eventsReceived().get(0));
        assertEquals(List.of(), stale.acknowledgedPings(), "the replaced ping was forgotten");
        feed(c, T0 + seconds(502), peer.pong(last));
        Event.PongReceived answer = assertInstanceOf(Event.PongReceived.class, c.eventsReceived().get(0));
        assertEquals(List.of(last), answer.acknowledgedPings());
    }

    @Test
    void timeoutLongerThanTheIntervalWaitsForThePongThenPingsAtOnce() {
        Connection c = connection(Role.SERVER, keepalive(10, 30L), T0);
        Peer peer = new Peer(Role.SERVER);
        ByteBuffer ping = expectPing(c, peer, T0 + seconds(10));
        assertEquals(T0 + seconds(40), c.nextDeadline());
        expectNothing(c, T0 + seconds(20)); // one ping outstanding at a time
        feed(c, T0 + seconds(25), peer.pong(ping));
        assertEquals(T0 + seconds(25), c.nextDeadline(), "overdue: right away");
        expectPing(c, peer, T0 + seconds(25));
        assertEquals(T0 + seconds(55), c.nextDeadline());
    }

    @Test
    void lateAdvanceSendsOnePing() {
        Connection c = connection(Role.CLIENT, keepalive(10, null), T0);
        Peer peer = new Peer(Role.CLIENT);
        expectPing(c, peer, T0 + seconds(95));
        assertEquals(T0 + seconds(105), c.nextDeadline());
    }

    @Test
    void noKeepaliveWithoutInterval() {
        Connection c = connection(Role.SERVER, Peer.quiet(), T0);
        assertEquals(Long.MAX_VALUE, c.nextDeadline());
        expectNothing(c, T0 + seconds(1_000_000));
    }

    @Test
    void keepaliveStartsWhenAConnectingConnectionOpens() {
        Connection c = new Connection(Role.CLIENT, State.CONNECTING, ConnectionOptions.defaults(), List.of(), null, T0);
        Peer peer = new Peer(Role.CLIENT);
        assertEquals(Long.MAX_VALUE, c.nextDeadline());
        c.advanceTime(T0 + seconds(100));
        assertTrue(c.dataToSend().isEmpty());
        c.open(T0 + seconds(100));
        assertEquals(T0 + seconds(120), c.nextDeadline());
        expectPing(c, peer, T0 + seconds(120));
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void keepaliveStopsOnceClosing(Role role) {
        Connection c = connection(role, ConnectionOptions.defaults(), T0);
        Peer peer = new Peer(role);
        expectPing(c, peer, T0 + seconds(20)); // its pong will never come
        c.sendClose(1000, "", T0 + seconds(21));
        peer.read(c);
        assertEquals(T0 + seconds(31), c.nextDeadline(), "only the close timeout");
        c.advanceTime(T0 + seconds(30));
        assertTrue(c.dataToSend().isEmpty());
        assertEquals(State.CLOSING, c.state());
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void closeTimeoutWhenThePeerNeverAnswersOurClose(Role role) {
        Connection c = connection(role, Peer.quiet(), T0);
        c.sendClose(1000, "bye", T0 + 5);
        c.dataToSend();
        assertEquals(T0 + 5 + seconds(10), c.nextDeadline());
        c.advanceTime(T0 + 5 + seconds(10) - 1);
        assertEquals(State.CLOSING, c.state());
        assertFalse(c.closeTransport());

        c.advanceTime(T0 + 5 + seconds(10));
        assertEquals(State.CLOSED, c.state());
        assertTrue(c.closeTransport(), "§7.1.1: give up and close TCP, a client included");
        assertFalse(c.closeExpected());
        assertEquals(Long.MAX_VALUE, c.nextDeadline());
        assertTrue(c.dataToSend().isEmpty());
        assertEquals(1006, c.closeCode());
        assertInstanceOf(ConnectionClosedError.class, c.closeException());
    }

    @Test
    void closeTimeoutWhenTheServerNeverClosesTcp() {
        Connection c = connection(Role.CLIENT, Peer.quiet(), T0);
        Peer peer = new Peer(Role.CLIENT);
        c.sendClose(1000, "", T0);
        feed(c, T0 + seconds(4), peer.close(1000, "ok"));
        assertEquals(T0 + seconds(14), c.nextDeadline());
        c.advanceTime(T0 + seconds(10));
        assertEquals(State.CLOSING, c.state());
        c.advanceTime(T0 + seconds(14));
        assertEquals(State.CLOSED, c.state());
        assertTrue(c.closeTransport());
        assertEquals(1000, c.closeCode(), "the close frame was received: the closure was clean");
        assertEquals("ok", c.closeReason());
        assertInstanceOf(ConnectionClosedOK.class, c.closeException());
    }

    @Test
    void closeTimeoutWhenTheClientNeverClosesTcp() {
        Connection c = connection(Role.SERVER, Peer.quiet(), T0);
        Peer peer = new Peer(Role.SERVER);
        feed(c, T0 + seconds(1), peer.close(1000, ""));
        assertTrue(c.closeTransport());
        c.advanceTime(T0 + seconds(11));
        assertEquals(State.CLOSED, c.state());
        assertEquals(1000, c.closeCode());
    }

    @Test
    void noCloseTimeout() {
        Connection c = connection(Role.CLIENT, Peer.quiet().toBuilder().closeTimeout(null).build(), T0);
        c.sendClose(1000, "", T0);
        assertEquals(Long.MAX_VALUE, c.nextDeadline());
        c.advanceTime(T0 + seconds(1_000_000));
        assertEquals(State.CLOSING, c.state());
    }

    @Test
    void deadlineAfterAFailure() {
        Connection c = connection(Role.CLIENT, Peer.quiet(), T0);
        Peer peer = new Peer(Role.CLIENT);
        feed(c, T0 + seconds(2), peer.continuation("x", true));
        assertEquals(T0 + seconds(12), c.nextDeadline());
        c.advanceTime(T0 + seconds(12));
        assertEquals(State.CLOSED, c.state());
    }

    @ParameterizedTest
    @ValueSource(longs = {Long.MAX_VALUE - 15_000_000_000L, -5_000_000_000L, Long.MIN_VALUE})
    void timesMayWrapAround(long start) {
        Connection c = connection(Role.SERVER, ConnectionOptions.defaults(), start);
        Peer peer = new Peer(Role.SERVER);
        assertEquals(start + seconds(20), c.nextDeadline());
        expectNothing(c, start + seconds(19));
        ByteBuffer ping = expectPing(c, peer, start + seconds(20));
        feed(c, start + seconds(21), peer.pong(ping));
        expectNothing(c, start + seconds(39));
        expectPing(c, peer, start + seconds(40));
        c.advanceTime(start + seconds(60));
        assertEquals(1011, closeOf(peer.readOne(c)).code());
        c.advanceTime(start + seconds(69));
        assertEquals(State.CLOSING, c.state());
        c.advanceTime(start + seconds(70));
        assertEquals(State.CLOSED, c.state());
    }

    @Test
    void hugeDurationsMeanForever() {
        ConnectionOptions options = ConnectionOptions.builder().pingInterval(java.time.Duration.ofDays(365L * 1_000_000))
                .closeTimeout(java.time.Duration.ofDays(365L * 1_000_000)).build();
        Connection c = connection(Role.SERVER, options, T0);
        long deadline = c.nextDeadline();
        assertTrue(deadline - T0 > seconds(1_000_000_000L), "far away, without overflowing into the past");
        expectNothing(c, T0 + seconds(1_000_000_000L));
        c.sendClose(1000, "", T0);
        c.advanceTime(T0 + seconds(1_000_000_000L));
        assertEquals(State.CLOSING, c.state());
    }
}
