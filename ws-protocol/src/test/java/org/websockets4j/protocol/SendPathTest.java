package org.websockets4j.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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

/** What dataToSend() returns: buffers for a gathering write, small frames packed together, large payloads not copied. */
class SendPathTest {
    @Test
    void aSmallPayloadIsCopiedAfterItsHeaderAndTheCallersIsUntouched() {
        Connection c = Peer.open(Role.SERVER);
        ByteBuffer payload = ByteBuffer.wrap(bytes(1, 2, 3));
        c.sendBinary(payload, true);
        List<ByteBuffer> out = c.dataToSend();
        assertEquals(List.of(ByteBuffer.wrap(bytes(0x82, 3, 1, 2, 3))), out, "one buffer: header and payload");
        assertEquals(ByteBuffer.wrap(bytes(1, 2, 3)), payload);
        assertTrue(c.dataToSend().isEmpty(), "drained");
    }

    @Test
    void smallFramesComeOutAsOneBuffer() {
        Connection c = Peer.open(Role.SERVER);
        Peer peer = new Peer(Role.SERVER);
        for (int i = 0; i < 5; i++) {
            c.sendText("message " + i, true);
        }
        c.sendPing(null);
        List<ByteBuffer> out = c.dataToSend();
        assertEquals(1, out.size());
        assertEquals(5 * (2 + 9) + 2 + 4, out.get(0).remaining(), "five texts and a ping with a 4-byte payload");
        assertEquals(6, peer.parse(out).size());
    }

    @Test
    void aLargePayloadIsTheCallersBufferNotACopy() {
        Connection c = Peer.open(Role.SERVER);
        Peer peer = new Peer(Role.SERVER);
        c.sendText("before", true);
        ByteBuffer payload = ByteBuffer.allocate(Outbox.COPY_LIMIT + 1);
        c.sendBinary(payload, true);
        c.sendText("after", true);
        List<ByteBuffer> out = c.dataToSend();
        assertEquals(3, out.size(), "small frame and the large header, the payload, the next small frame");
        assertSame(payload, out.get(1), "not copied");
        assertEquals("TEXT fin 6265666f7265\nBINARY fin " + "00".repeat(Outbox.COPY_LIMIT + 1) + "\nTEXT fin 6166746572\n",
                Peer.describeFrames(peer.parse(out)));
    }

    @Test
    void clientMasksTheCallersLargePayloadInPlace() {
        Connection c = Peer.open(Role.CLIENT);
        Peer peer = new Peer(Role.CLIENT);
        byte[] data = new byte[Outbox.COPY_LIMIT + 1];
        data[0] = 'a';
        ByteBuffer payload = ByteBuffer.wrap(data);
        c.sendBinary(payload, true);
        List<ByteBuffer> out = c.dataToSend();
        assertEquals(2, out.size());
        assertEquals(8, out.get(0).remaining(), "two length bytes and the key");
        assertSame(payload, out.get(1), "masked in place, not copied");
        assertNotEquals('a', data[0]);
        assertEquals(Outbox.COPY_LIMIT + 1, peer.parse(out).get(0).length());
    }

    @Test
    void clientMasksTheCopyOfASmallPayloadNotTheCallersBytes() {
        Connection c = Peer.open(Role.CLIENT);
        Peer peer = new Peer(Role.CLIENT);
        byte[] data = bytes('a', 'b', 'c', 'd', 'e');
        c.sendBinary(ByteBuffer.wrap(data), true);
        assertArrayEquals(bytes('a', 'b', 'c', 'd', 'e'), data);
        List<ByteBuffer> out = c.dataToSend();
        assertEquals(1, out.size());
        assertEquals(ByteBuffer.wrap(bytes(0x82, 0x85, 0x5a, 0x3c, 0x96, 0xe1)), out.get(0).slice(0, 6), "mask bit and key");
        assertEquals("BINARY fin 6162636465\n", Peer.describeFrames(peer.parse(out)));
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void aReadOnlyPayloadIsNeverWritten(Role role) {
        for (int length : new int[] {3, Outbox.COPY_LIMIT + 1}) {
            Connection c = Peer.open(role);
            Peer peer = new Peer(role);
            byte[] data = new byte[length];
            data[0] = 1;
            ByteBuffer payload = ByteBuffer.wrap(data).asReadOnlyBuffer();
            c.sendBinary(payload, true);
            List<ByteBuffer> out = c.dataToSend();
            assertEquals(1, data[0]);
            assertEquals(length, peer.parse(out).get(0).length());
        }
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
        int headerLength = role == Role.CLIENT ? 6 : 2;
        assertEquals(3 * headerLength, out.stream().mapToInt(ByteBuffer::remaining).sum(), "three headers only");
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
            int total = out.stream().mapToInt(ByteBuffer::remaining).sum();
            assertEquals(lengthAndHeader[1] + mask, total - lengthAndHeader[0]);
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
        assertEquals("PONG fin 78\n", Peer.describeFrames(peer.read(c)));
        assertTrue(c.dataToSend().isEmpty());
    }

    @Test
    void clientUsesTheGivenKeySource() {
        Connection c = new Connection(Role.CLIENT, Peer.quiet(), List.of(), () -> 0x01020304, T0);
        c.sendBinary(ByteBuffer.allocate(1), true);
        ByteBuffer header = c.dataToSend().get(0);
        assertEquals(ByteBuffer.wrap(bytes(0x82, 0x81, 1, 2, 3, 4, 1)), header, "header, then 0 masked with the key's first byte");
        // null means a secure source; it still masks.
        Connection secure = new Connection(Role.CLIENT, Peer.quiet(), List.of(), null, T0);
        secure.sendBinary(ByteBuffer.allocate(1), true);
        assertEquals(0x81, secure.dataToSend().get(0).get(1) & 0xFF);
        assertNotEquals(0, KEY);
    }
}
