package org.websockets4j.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.websockets4j.protocol.Peer.T0;
import static org.websockets4j.protocol.Peer.closeOf;
import static org.websockets4j.protocol.Peer.feed;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.websockets4j.framing.FrameWriter;
import org.websockets4j.framing.PayloadTooBig;
import org.websockets4j.framing.Role;

/** maxSize: per message, across fragments, refused from the frame header when possible (1009). */
class MaxSizeTest {
    private static Connection withMaxSize(Role role, long maxSize) {
        return Peer.open(role, ConnectionOptions.builder().pingInterval(null).maxSize(maxSize).build());
    }

    private static void assertTooBig(Connection c, Peer peer, long size) {
        assertEquals(1009, closeOf(peer.readOne(c)).code());
        assertTrue(c.closeTransport());
        c.receiveEof(T0);
        PayloadTooBig cause = assertInstanceOf(PayloadTooBig.class, c.closeException().getCause());
        assertEquals(size, cause.size());
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void singleFrameAtTheLimit(Role role) {
        Connection c = withMaxSize(role, 1000);
        Peer peer = new Peer(role);
        feed(c, peer.binary(new byte[1000], true));
        assertEquals(1, c.eventsReceived().size());
        assertTrue(c.dataToSend().isEmpty());
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void singleFrameOverTheLimitIsRefusedFromItsHeader(Role role) {
        Connection c = withMaxSize(role, 1000);
        Peer peer = new Peer(role);
        byte[] frame = peer.binary(new byte[1001], true);
        int header = FrameWriter.headerLength(1001, role == Role.SERVER);
        c.receiveData(ByteBuffer.wrap(frame, 0, header), T0); // no payload byte yet
        assertTooBig(c, peer, 1001);
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void fragmentedMessageAtTheLimit(Role role) {
        Connection c = withMaxSize(role, 1000);
        Peer peer = new Peer(role);
        feed(c, peer.text("a".repeat(600), false), peer.ping("between"), peer.continuation("b".repeat(399), false),
                peer.continuation("c", true));
        assertEquals(4, c.eventsReceived().size());
        assertEquals(State.OPEN, c.state());
        // The budget starts afresh with the next message.
        feed(c, peer.binary(new byte[1000], true));
        assertEquals(1, c.eventsReceived().size());
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void fragmentedMessageOverTheLimitIsRefusedFromTheHeaderOfTheFrameThatCrossesIt(Role role) {
        Connection c = withMaxSize(role, 1000);
        Peer peer = new Peer(role);
        feed(c, peer.text("a".repeat(600), false));
        byte[] next = peer.continuation("b".repeat(401), true);
        c.receiveData(ByteBuffer.wrap(next, 0, FrameWriter.headerLength(401, role == Role.SERVER)), T0);
        assertEquals(1, c.eventsReceived().size());
        assertTooBig(c, peer, 1001);
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void fragmentedMessageOneByteOverTheLimitWithSmallFrames(Role role) {
        Connection c = withMaxSize(role, 1000);
        Peer peer = new Peer(role);
        // The last frame is smaller than a control frame may be: it is checked once read.
        feed(c, peer.binary(new byte[950], false), peer.continuation(new byte[50], false), peer.continuation(new byte[1], true));
        assertEquals(2, c.eventsReceived().size());
        assertTooBig(c, peer, 1001);
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void controlFramesAreNotChargedToTheMessage(Role role) {
        Connection c = withMaxSize(role, 1000);
        Peer peer = new Peer(role);
        feed(c, peer.binary(new byte[990], false), peer.ping("x".repeat(125)), peer.pong("y".repeat(125)),
                peer.continuation(new byte[10], true));
        assertEquals(4, c.eventsReceived().size());
        assertEquals(State.OPEN, c.state());
    }

    @Test
    void tinyLimit() {
        Connection c = withMaxSize(Role.SERVER, 0);
        Peer peer = new Peer(Role.SERVER);
        feed(c, peer.text("", true), peer.ping("pings are fine"));
        assertEquals(2, c.eventsReceived().size());
        feed(c, peer.text("x", true));
        assertEquals(1009, closeOf(peer.read(c).get(1)).code());
    }

    @Test
    void defaultLimitIsOneMebibyte() {
        Connection c = Peer.open(Role.SERVER);
        Peer peer = new Peer(Role.SERVER);
        feed(c, peer.binary(new byte[1 << 20], true));
        assertEquals(1, c.eventsReceived().size());
        byte[] tooBig = peer.binary(new byte[(1 << 20) + 1], true);
        c.receiveData(ByteBuffer.wrap(tooBig, 0, 14), T0);
        assertTooBig(c, peer, (1 << 20) + 1);
    }

    @Test
    void noLimit() {
        Connection c = withMaxSize(Role.CLIENT, ConnectionOptions.NO_LIMIT);
        Peer peer = new Peer(Role.CLIENT);
        feed(c, peer.binary(new byte[3 << 20], false), peer.continuation(new byte[1 << 20], true));
        List<Event> events = c.eventsReceived();
        assertEquals(2, events.size());
        assertEquals(State.OPEN, c.state());
    }
}
