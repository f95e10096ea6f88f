package org.websockets4j.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.websockets4j.protocol.Peer.T0;
import static org.websockets4j.protocol.Peer.bytes;
import static org.websockets4j.protocol.Peer.feed;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.websockets4j.framing.Frame;
import org.websockets4j.framing.Opcode;
import org.websockets4j.framing.Role;

/** Pings answered automatically (RFC 6455 §5.5.2), pongs matched to our pings (§5.5.3). */
class PingPongTest {
    @ParameterizedTest
    @EnumSource(Role.class)
    void pingIsAnsweredWithTheSamePayload(Role role) {
        Connection c = Peer.open(role);
        Peer peer = new Peer(role);
        feed(c, peer.ping("hello?"), peer.ping(""));
        List<Event> events = c.eventsReceived();
        assertEquals("PING 68656c6c6f3f\nPING \n", Peer.describe(events));
        assertEquals("PONG fin 68656c6c6f3f\nPONG fin \n", Peer.describeFrames(peer.read(c)));
        // The event's payload is untouched by the masking of the pong on a client.
        Event.PingReceived ping = (Event.PingReceived) events.get(0);
        assertEquals("hello?", Peer.string(ping.payload()));
        assertTrue(ping.payload().isReadOnly());
        assertThrows(ReadOnlyBufferException.class, () -> ping.payload().put(0, (byte) 0));
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void pongAcknowledgesItsPingAndEveryEarlierOne(Role role) {
        Connection c = Peer.open(role);
        Peer peer = new Peer(role);
        ByteBuffer a = c.sendPing(ByteBuffer.wrap(bytes('a')));
        ByteBuffer b = c.sendPing(ByteBuffer.wrap(bytes('b')));
        ByteBuffer d = c.sendPing(ByteBuffer.wrap(bytes('d')));
        assertEquals("PING fin 61\nPING fin 62\nPING fin 64\n", Peer.describeFrames(peer.read(c)));

        feed(c, peer.pong("b"));
        Event.PongReceived pong = (Event.PongReceived) c.eventsReceived().get(0);
        assertEquals(List.of(a, b), pong.acknowledgedPings());
        assertEquals("b", Peer.string(pong.payload()));

        feed(c, peer.pong("a")); // already acknowledged: unsolicited now
        assertEquals(List.of(), ((Event.PongReceived) c.eventsReceived().get(0)).acknowledgedPings());

        feed(c, peer.pong("d"));
        assertEquals(List.of(d), ((Event.PongReceived) c.eventsReceived().get(0)).acknowledgedPings());
        assertTrue(c.dataToSend().isEmpty(), "a pong is never answered");
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void unsolicitedPong(Role role) {
        Connection c = Peer.open(role);
        Peer peer = new Peer(role);
        c.sendPing(ByteBuffer.wrap(bytes('a')));
        feed(c, peer.pong("heartbeat"));
        assertEquals("PONG 686561727462656174 acks=0\n", Peer.describe(c.eventsReceived()));
        // The outstanding ping is still waiting.
        feed(c, peer.pong("a"));
        assertEquals(1, ((Event.PongReceived) c.eventsReceived().get(0)).acknowledgedPings().size());
    }

    @Test
    void duplicatePingDataIsRejectedWhileOutstanding() {
        Connection c = Peer.open(Role.CLIENT);
        Peer peer = new Peer(Role.CLIENT);
        c.sendPing(ByteBuffer.wrap(bytes(1, 2, 3)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> c.sendPing(ByteBuffer.wrap(bytes(1, 2, 3))));
        assertEquals("already waiting for a pong with the same data", e.getMessage());
        assertEquals(1, peer.read(c).size());
        feed(c, peer.frame(Opcode.PONG, true, bytes(1, 2, 3)));
        c.sendPing(ByteBuffer.wrap(bytes(1, 2, 3))); // answered: the data is free again
        assertEquals(1, peer.read(c).size());
        // Empty data counts as data too.
        c.sendPing(ByteBuffer.allocate(0));
        assertThrows(IllegalArgumentException.class, () -> c.sendPing(ByteBuffer.allocate(0)));
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void defaultPingDataIsFourRandomBytes(Role role) {
        Connection c = Peer.open(role);
        Peer peer = new Peer(role);
        Set<ByteBuffer> seen = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            ByteBuffer data = c.sendPing(null);
            assertEquals(4, data.remaining());
            Frame sent = peer.readOne(c);
            assertEquals(Opcode.PING, sent.opcode());
            assertEquals(data, sent.payload());
            seen.add(data);
        }
        assertTrue(seen.size() > 1);
    }

    @Test
    void pingAndPongPayloadsAreCopied() {
        Connection c = Peer.open(Role.CLIENT);
        Peer peer = new Peer(Role.CLIENT);
        ByteBuffer mine = ByteBuffer.wrap(bytes(1, 2, 3));
        ByteBuffer returned = c.sendPing(mine);
        assertEquals(0, mine.position(), "not consumed");
        mine.put(0, (byte) 9); // the caller's buffer stays the caller's
        ByteBuffer pongData = ByteBuffer.wrap(bytes(4));
        c.sendPong(pongData);
        pongData.put(0, (byte) 8);
        assertEquals("PING fin 010203\nPONG fin 04\n", Peer.describeFrames(peer.read(c)));
        assertEquals(ByteBuffer.wrap(bytes(1, 2, 3)), returned);
        returned.get(); // moving the returned view does not disturb matching
        feed(c, peer.frame(Opcode.PONG, true, bytes(1, 2, 3)));
        assertEquals(1, ((Event.PongReceived) c.eventsReceived().get(0)).acknowledgedPings().size());
    }

    @Test
    void controlPayloadsAreAtMost125Bytes() {
        Connection c = Peer.open(Role.SERVER);
        Peer peer = new Peer(Role.SERVER);
        IllegalArgumentException ping = assertThrows(IllegalArgumentException.class, () -> c.sendPing(ByteBuffer.allocate(126)));
        assertEquals("PING payload is 126 bytes; a control frame carries at most 125", ping.getMessage());
        IllegalArgumentException pong = assertThrows(IllegalArgumentException.class, () -> c.sendPong(ByteBuffer.allocate(126)));
        assertEquals("PONG payload is 126 bytes; a control frame carries at most 125", pong.getMessage());
        assertTrue(c.dataToSend().isEmpty());
        c.sendPing(ByteBuffer.allocate(125));
        c.sendPong(ByteBuffer.allocate(125));
        assertEquals(2, peer.read(c).size());
    }

    @Test
    void emptyPong() {
        Connection c = Peer.open(Role.SERVER);
        Peer peer = new Peer(Role.SERVER);
        c.sendPong(null);
        assertEquals("PONG fin \n", Peer.describeFrames(peer.read(c)));
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void pingsAreStillAnsweredAfterOurClose(Role role) {
        Connection c = Peer.open(role);
        Peer peer = new Peer(role);
        c.sendClose(1000, "", T0);
        peer.read(c);
        // §5.5.2: a pong is owed unless a close frame was received; §5.5.1 only stops data frames.
        feed(c, peer.ping("still?"));
        assertEquals("PONG fin 7374696c6c3f\n", Peer.describeFrames(peer.read(c)));
    }

    @Test
    void pongPayloadIsOurs() {
        Connection c = Peer.open(Role.SERVER);
        Peer peer = new Peer(Role.SERVER);
        byte[] wire = peer.ping("data");
        ByteBuffer in = ByteBuffer.wrap(wire);
        c.receiveData(in, T0);
        java.util.Arrays.fill(wire, (byte) 0); // the driver reuses its read buffer
        assertEquals("PONG fin 64617461\n", Peer.describeFrames(peer.read(c)));
        assertNotEquals(0, c.eventsReceived().size());
    }
}
