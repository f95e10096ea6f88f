package org.websockets4j.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.websockets4j.protocol.Peer.T0;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.websockets4j.framing.Frame;
import org.websockets4j.framing.Role;

/** A short exchange gives the same events and answers however the input is split. */
class SplitInputTest {
    /** Text in three fragments around a ping, a binary message, a pong, an emoji text, and the close. */
    private static byte[] exchange(Peer peer) {
        return Peer.concat(
                peer.text("Hel", false), peer.ping("p"), peer.continuation("lo", false), peer.continuation("!", true),
                peer.binary(new byte[300], true),
                peer.pong("unsolicited"),
                peer.frame(org.websockets4j.framing.Opcode.TEXT, false, Peer.bytes(0xF0, 0x9F)),
                peer.continuation(Peer.bytes(0x98, 0x80), true),
                peer.close(1000, "done"),
                peer.text("ignored", true));
    }

    private record Outcome(String events, String sent, State state) {
    }

    private static Outcome run(Role role, byte[] original, int... cuts) {
        byte[] wire = original.clone(); // a server unmasks in place
        Connection c = Peer.open(role);
        Peer peer = new Peer(role);
        List<Event> events = new ArrayList<>();
        List<Frame> sent = new ArrayList<>();
        int from = 0;
        for (int cut : cuts) {
            c.receiveData(ByteBuffer.wrap(wire, from, cut - from).slice(), T0);
            from = cut;
            events.addAll(c.eventsReceived());
            sent.addAll(peer.read(c));
        }
        // A reused buffer: the connection must not keep views of it.
        ByteBuffer rest = ByteBuffer.allocate(wire.length).put(wire, from, wire.length - from).flip();
        c.receiveData(rest, T0);
        rest.clear();
        while (rest.hasRemaining()) {
            rest.put((byte) 0x55);
        }
        events.addAll(c.eventsReceived());
        sent.addAll(peer.read(c));
        return new Outcome(Peer.describe(events), Peer.describeFrames(sent), c.state());
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void everySplitPointGivesTheSameResult(Role role) {
        byte[] wire = exchange(new Peer(role));
        Outcome whole = run(role, wire);
        assertEquals("""
                TEXT 48656c
                PING 70
                CONTINUATION 6c6f
                CONTINUATION fin 21
                BINARY fin %s
                PONG 756e736f6c696369746564 acks=0
                TEXT f09f
                CONTINUATION fin 9880
                CLOSE 1000 (OK) done
                """.formatted("00".repeat(300)), whole.events());
        assertEquals("PONG fin 70\nCLOSE fin 03e8\n", whole.sent());
        assertEquals(State.CLOSING, whole.state());
        for (int cut = 1; cut < wire.length; cut++) {
            assertEquals(whole, run(role, wire, cut), "split at " + cut);
        }
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void byteByByte(Role role) {
        byte[] wire = exchange(new Peer(role));
        int[] cuts = new int[wire.length - 1];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = i + 1;
        }
        assertEquals(run(role, wire), run(role, wire, cuts));
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void everyPairOfSplitPointsInTheFirstFrames(Role role) {
        byte[] wire = exchange(new Peer(role));
        Outcome whole = run(role, wire);
        int span = Math.min(wire.length, 40);
        for (int a = 1; a < span; a++) {
            for (int b = a + 1; b < span; b++) {
                assertEquals(whole, run(role, wire, a, b), "split at " + a + ", " + b);
            }
        }
    }
}
