package org.websockets4j.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.websockets4j.protocol.Peer.T0;
import static org.websockets4j.protocol.Peer.closeOf;
import static org.websockets4j.protocol.Peer.feed;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.websockets4j.framing.PayloadTooBig;
import org.websockets4j.framing.Role;

/** maxFragments: a message may arrive in at most that many frames; one more is 1009, empty frames included. */
class MaxFragmentsTest {
    private static Connection withMaxFragments(Role role, long maxFragments) {
        return Peer.open(role, ConnectionOptions.builder().pingInterval(null).maxFragments(maxFragments).build());
    }

    /** A text message of {@code frames} frames: "a", then empty continuations, the last one final. */
    private static byte[] fragmented(Peer peer, int frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(peer.text("a", frames == 1));
        for (int i = 2; i <= frames; i++) {
            out.writeBytes(peer.continuation("", i == frames));
        }
        return out.toByteArray();
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void aMessageOfExactlyMaxFragmentsFramesIsAccepted(Role role) {
        Connection c = withMaxFragments(role, 10);
        Peer peer = new Peer(role);
        feed(c, fragmented(peer, 10));
        assertEquals(10, c.eventsReceived().size());
        assertEquals(State.OPEN, c.state());
        // The count starts afresh with the next message.
        feed(c, fragmented(peer, 10));
        assertEquals(10, c.eventsReceived().size());
        assertEquals(State.OPEN, c.state());
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void oneFrameMoreFailsWith1009EvenWhenTheFramesAreEmpty(Role role) {
        Connection c = withMaxFragments(role, 10);
        Peer peer = new Peer(role);
        byte[] eleven = fragmented(peer, 11);
        c.receiveData(ByteBuffer.wrap(eleven), T0);
        assertEquals(10, c.eventsReceived().size(), "the first ten frames were delivered, the eleventh refused");
        assertEquals(1009, closeOf(peer.readOne(c)).code());
        assertTrue(c.closeTransport());
        c.receiveEof(T0);
        PayloadTooBig cause = assertInstanceOf(PayloadTooBig.class, c.closeException().getCause());
        assertEquals(11, cause.size());
        assertEquals(10, cause.maxSize());
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void controlFramesBetweenFragmentsDoNotCount(Role role) {
        Connection c = withMaxFragments(role, 2);
        Peer peer = new Peer(role);
        feed(c, peer.text("a", false), peer.ping("1"), peer.ping("2"), peer.ping("3"), peer.continuation("b", true));
        assertEquals(State.OPEN, c.state());
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void noLimit(Role role) {
        Connection c = withMaxFragments(role, ConnectionOptions.NO_LIMIT);
        Peer peer = new Peer(role);
        feed(c, fragmented(peer, 70_000));
        assertEquals(State.OPEN, c.state());
    }
}
