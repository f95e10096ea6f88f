package org.websockets4j.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.websockets4j.protocol.Peer.T0;
import static org.websockets4j.protocol.Peer.closeOf;
import static org.websockets4j.protocol.Peer.feed;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.websockets4j.framing.FrameWriter;
import org.websockets4j.framing.PayloadTooBig;
import org.websockets4j.framing.Role;

/** maxFrameSize: one data frame's limit, separate from maxSize (websockets' (message, fragment) max_size). */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MaxFrameSizeTest {
    private static Connection open(Role role, ConnectionOptions.Builder options) {
        return Peer.open(role, options.pingInterval(null).build());
    }

    @Test
    void defaultsToMaxSizeAndFollowsIt() {
        assertEquals(ConnectionOptions.DEFAULT_MAX_SIZE, ConnectionOptions.defaults().maxFrameSize());
        assertEquals(5000, ConnectionOptions.builder().maxSize(5000).build().maxFrameSize());
        ConnectionOptions set = ConnectionOptions.builder().maxFrameSize(100).build();
        assertEquals(100, set.maxFrameSize());
        assertEquals(100, set.toBuilder().maxSize(10).build().maxFrameSize(), "once set, it stays");
        assertEquals(ConnectionOptions.NO_LIMIT, ConnectionOptions.builder().maxFrameSize(ConnectionOptions.NO_LIMIT).build().maxFrameSize());
        assertThrows(IllegalArgumentException.class, () -> ConnectionOptions.builder().maxFrameSize(0).build());
    }

    @Test
    void aLongMessageInShortFramesPassesWhileOneLongFrameFailsWith1009FromItsHeader() {
        Connection c = open(Role.SERVER, ConnectionOptions.builder().maxSize(10_000).maxFrameSize(1000));
        Peer peer = new Peer(Role.SERVER);
        feed(c, peer.binary(new byte[1000], false), peer.continuation(new byte[1000], false),
                peer.continuation(new byte[1000], true));
        assertEquals(3, c.eventsReceived().size());
        byte[] frame = peer.binary(new byte[1001], true);
        int header = FrameWriter.headerLength(1001, true);
        c.receiveData(ByteBuffer.wrap(frame, 0, header), T0); // refused before any payload byte
        assertEquals(1009, closeOf(peer.readOne(c)).code());
        c.receiveEof(T0);
        PayloadTooBig cause = assertInstanceOf(PayloadTooBig.class, c.closeException().getCause());
        assertEquals(1001, cause.size());
        assertEquals(1000, cause.maxSize());
        assertTrue(cause.getMessage().contains("maxFrameSize"), cause.getMessage());
    }

    @Test
    void aSmallFrameLimitStillLetsControlFramesThrough() {
        Connection c = open(Role.CLIENT, ConnectionOptions.builder().maxFrameSize(10));
        Peer peer = new Peer(Role.CLIENT);
        feed(c, peer.ping("a ping longer than ten bytes"));
        assertEquals(1, c.eventsReceived().size());
        assertEquals(1, peer.read(c).size(), "the pong");
        feed(c, peer.text("0123456789", true));
        assertEquals(1, c.eventsReceived().size());
        feed(c, peer.text("0123456789x", true)); // under 125 bytes: checked once read
        assertEquals(1009, closeOf(peer.readOne(c)).code());
    }

    @Test
    void maxSizeStillBoundsTheMessage() {
        Connection c = open(Role.SERVER, ConnectionOptions.builder().maxSize(1500).maxFrameSize(1000));
        Peer peer = new Peer(Role.SERVER);
        feed(c, peer.binary(new byte[1000], false), peer.continuation(new byte[501], true));
        assertEquals(1009, closeOf(peer.readOne(c)).code());
        c.receiveEof(T0);
        assertEquals(1501, assertInstanceOf(PayloadTooBig.class, c.closeException().getCause()).size());
    }

    @Test
    void overRealSockets() throws Exception {
        ConnectionOptions limited = Loopback.quiet().maxSize(100_000).maxFrameSize(1000).build();
        try (Loopback.Pair pair = Loopback.pair(limited, Loopback.quiet().build())) {
            pair.client().send(List.of(new byte[1000], new byte[1000], new byte[1000]));
            assertEquals(3000, pair.server().recvBinary().length);
            pair.client().send(new byte[1001]);
            ConnectionClosedError error = assertThrows(ConnectionClosedError.class, pair.server()::recv);
            assertInstanceOf(PayloadTooBig.class, error.getCause());
            assertEquals(1009, assertThrows(ConnectionClosedError.class, pair.client()::recv).code());
        }
    }
}
