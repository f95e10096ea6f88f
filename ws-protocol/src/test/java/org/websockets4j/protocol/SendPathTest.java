package org.websockets4j.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.websockets4j.protocol.Peer.KEY;
import static org.websockets4j.protocol.Peer.T0;
import static org.websockets4j.protocol.Peer.bytes;
import static org.websockets4j.protocol.Peer.feed;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.websockets4j.framing.Frame;
import org.websockets4j.framing.Opcode;
import org.websockets4j.framing.Role;

/** What dataToSend() returns: header and payload buffers for a gathering write, no payload copy. */
class SendPathTest {
    @Test
    void serverHeaderThenTheCallersPayloadUntouched() {
        Connection c = Peer.open(Role.SERVER);
        ByteBuffer payload = ByteBuffer.wrap(bytes(1, 2, 3));
        c.sendBinary(payload, true);
        List<ByteBuffer> out = c.dataToSend();
        assertEquals(2, out.size());
        assertEquals(ByteBuffer.wrap(bytes(0x82, 3)), out.get(0));
        assertSame(payload, out.get(1), "not copied");
        assertEquals(ByteBuffer.wrap(bytes(1, 2, 3)), payload);
        assertTrue(c.dataToSend().isEmpty(), "drained");
    }

    @Test
    void clientMasksTheCallersPayloadInPlace() {
        Connection c = Peer.open(Role.CLIENT);
        Peer peer = new Peer(Role.CLIENT);
        byte[] data = bytes('a', 'b', 'c', 'd', 'e');
        ByteBuffer payload = ByteBuffer.wrap(data);
        c.sendBinary(payload, true);
        List<ByteBuffer> out = c.dataToSend();
        assertEquals(2, out.size());
        assertEquals(ByteBuffer.wrap(bytes(0x82, 0x85, 0x5a, 0x3c, 0x96, 0xe1)), out.get(0), "mask bit and key");
        assertSame(payload, out.get(1), "masked in place, not copied");
        assertNotEquals('a', data[0]);
        assertEquals("BINARY fin 6162636465\n", Peer.describeFrames(peer.parse(out)));
    }

    @Test
    void clientCopiesAReadOnlyPayloadToMaskIt() {
        Connection c = Peer.open(Role.CLIENT);
        Peer peer = new Peer(Role.CLIENT);
        byte[] data = bytes(1, 2, 3);
        ByteBuffer payload = ByteBuffer.wrap(data).asReadOnlyBuffer();
        c.sendBinary(payload, true);
        List<ByteBuffer> out = c.dataToSend();
        assertNotSame(payload, out.get(1));
        assertArrayEquals(bytes(1, 2, 3), data);
        assertEquals("BINARY fin 010203\n", Peer.describeFrames(peer.parse(out)));
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void directBuffersAndOffsets(Role role) {
        Connection c = Peer.open(role);
        Peer peer = new Peer(role);
        ByteBuffer direct = ByteBuffer.allocateDirect(10).put(bytes(0, 0, 7, 8, 9, 0)).position(2).limit(5);
        c.sendBinary(direct, true);
        assertEquals("BINARY fin 070809\n", Peer.describeFrames(peer.read(c)));
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void emptyPayloadsAddNoBuffer(Role role) {
        Connection c = Peer.open(role);
        c.sendText("", true);
        c.sendPong(null);
        c.sendClose(T0);
        List<ByteBuffer> out = c.dataToSend();
        assertEquals(3, out.size(), "three headers only");
        int headerLength = role == Role.CLIENT ? 6 : 2;
        out.forEach(b -> assertEquals(headerLength, b.remaining()));
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void headerLengths(Role role) {
        Connection c = Peer.open(role);
        Peer peer = new Peer(role);
        int mask = role == Role.CLIENT ? 4 : 0;
        for (int[] lengthAndHeader : new int[][] {{125, 2}, {126, 4}, {65535, 4}, {65536, 10}, {70000, 10}}) {
            c.sendBinary(ByteBuffer.allocate(lengthAndHeader[0]), true);
            List<ByteBuffer> out = c.dataToSend();
            assertEquals(lengthAndHeader[1] + mask, out.get(0).remaining());
            assertEquals(lengthAndHeader[0], peer.parse(out).get(0).length());
        }
    }

    @Test
    void textFromAString() {
        Connection c = Peer.open(Role.SERVER);
        Peer peer = new Peer(Role.SERVER);
        c.sendText("héllo \uD83D\uDE00", true);
        c.sendText(Peer.utf8("raw"), true);
        List<Frame> frames = peer.read(c);
        assertEquals("héllo \uD83D\uDE00", Peer.string(frames.get(0).payload()));
        assertEquals(Opcode.TEXT, frames.get(1).opcode());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.sendText("a\uDC00", true));
        assertTrue(e.getMessage().contains("unpaired surrogate"), e.getMessage());
        assertTrue(c.dataToSend().isEmpty());
    }

    @Test
    void nullArgumentsAreRejected() {
        Connection c = Peer.open(Role.SERVER);
        assertThrows(NullPointerException.class, () -> c.sendText((String) null, true));
        assertThrows(NullPointerException.class, () -> c.sendText((ByteBuffer) null, true));
        assertThrows(NullPointerException.class, () -> c.sendBinary(null, true));
        assertThrows(NullPointerException.class, () -> c.sendContinuation(null, true));
        assertThrows(NullPointerException.class, () -> c.receiveData(null, T0));
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void headersHandedOutAreNeverOverwritten(Role role) {
        // The driver may still be writing an earlier batch while the connection encodes the next.
        Connection c = Peer.open(role);
        Peer peer = new Peer(role);
        List<ByteBuffer> written = new ArrayList<>();
        List<byte[]> snapshots = new ArrayList<>();
        for (int batch = 0; batch < 40; batch++) {
            for (int i = 0; i <= batch % 3; i++) {
                c.sendBinary(ByteBuffer.wrap(new byte[] {(byte) batch, (byte) i}), true);
                c.sendPing(null);
            }
            for (ByteBuffer buffer : c.dataToSend()) {
                written.add(buffer);
                snapshots.add(Peer.remaining(buffer));
            }
        }
        for (int i = 0; i < written.size(); i++) {
            assertArrayEquals(snapshots.get(i), Peer.remaining(written.get(i)), "buffer " + i);
        }
        List<Frame> frames = peer.parse(written);
        assertEquals(2 * (14 * 1 + 13 * 2 + 13 * 3), frames.size());
    }

    @Test
    void eventsAndDataAreDrained() {
        Connection c = Peer.open(Role.SERVER);
        Peer peer = new Peer(Role.SERVER);
        assertTrue(c.eventsReceived().isEmpty());
        assertTrue(c.dataToSend().isEmpty());
        feed(c, peer.ping("x"), peer.text("y", true));
        List<Event> events = c.eventsReceived();
        assertEquals(2, events.size());
        events.clear(); // the caller owns the list
        assertTrue(c.eventsReceived().isEmpty());
        assertEquals(1, c.dataToSend().size() - 1);
        assertTrue(c.dataToSend().isEmpty());
    }

    @Test
    void clientUsesTheGivenKeySource() {
        Connection c = new Connection(Role.CLIENT, Peer.quiet(), List.of(), () -> 0x01020304, T0);
        c.sendBinary(ByteBuffer.allocate(1), true);
        ByteBuffer header = c.dataToSend().get(0);
        assertEquals(ByteBuffer.wrap(bytes(0x82, 0x81, 1, 2, 3, 4)), header);
        // null means a secure source; it still masks.
        Connection secure = new Connection(Role.CLIENT, Peer.quiet(), List.of(), null, T0);
        secure.sendBinary(ByteBuffer.allocate(1), true);
        assertEquals(0x81, secure.dataToSend().get(0).get(1) & 0xFF);
        assertNotEquals(0, KEY);
    }
}
