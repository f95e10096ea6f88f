package org.websockets4j.framing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.websockets4j.framing.TestBytes.RFC_KEY;
import static org.websockets4j.framing.TestBytes.fixedKey;
import static org.websockets4j.framing.TestBytes.hex;
import static org.websockets4j.framing.TestBytes.naiveMask;
import static org.websockets4j.framing.TestBytes.remaining;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Header layouts, masking in place, and what the writer refuses. */
class FrameWriterTest {
    private static final byte[] DATA = {10, 20, 30, 40, 50, 60, 70};

    private static FrameWriter client() {
        return new FrameWriter(Role.CLIENT, fixedKey(RFC_KEY), List.of());
    }

    @ParameterizedTest(name = "{0} fin={1} len={2} masked={3}")
    @CsvSource({
        "TEXT, true, 0, false, 8100",
        "BINARY, false, 1, false, 0201",
        "CONTINUATION, true, 125, false, 807d",
        "CONTINUATION, false, 126, false, 007e007e",
        "BINARY, true, 65535, false, 827effff",
        "BINARY, true, 65536, false, 827f0000000000010000",
        "BINARY, true, 1000000, false, 827f00000000000f4240",
        "CLOSE, true, 0, true, 888037fa213d",
        "PING, true, 125, true, 89fd37fa213d",
        "PONG, true, 3, true, 8a8337fa213d",
        "TEXT, true, 300, true, 81fe012c37fa213d",
        "BINARY, false, 70000, true, 02ff000000000001117037fa213d",
    })
    void headerLayout(Opcode opcode, boolean fin, int length, boolean masked, String header) {
        FrameWriter writer = masked ? client() : new FrameWriter(Role.SERVER);
        ByteBuffer out = ByteBuffer.allocate(FrameWriter.MAX_HEADER_LENGTH);
        writer.encode(new Frame(fin, opcode, ByteBuffer.allocate(length)), out);
        assertEquals(header, hex(remaining(out.flip())));
        assertEquals(FrameWriter.headerLength(length, masked), out.remaining());
    }

    @Test
    void headerGoesAtThePositionOfTheHeaderBuffer() {
        ByteBuffer out = ByteBuffer.allocate(20).position(5);
        new FrameWriter(Role.SERVER).encode(Frame.binary(new byte[3]), out);
        assertEquals(7, out.position());
        assertEquals("00000000008203", hex(remaining(out.flip())));
    }

    @Test
    void masksThePayloadInPlace() {
        ByteBuffer payload = ByteBuffer.wrap(DATA.clone());
        ByteBuffer header = ByteBuffer.allocate(FrameWriter.MAX_HEADER_LENGTH);
        ByteBuffer out = client().encode(Frame.of(Opcode.BINARY, payload), header);
        assertSame(payload, out);
        assertEquals(0, out.position());
        assertArrayEquals(naiveMask(DATA, RFC_KEY, 0), payload.array());
    }

    @Test
    void masksOnlyFromPositionToLimit() {
        byte[] backing = new byte[20];
        Arrays.fill(backing, (byte) 0x11);
        ByteBuffer payload = ByteBuffer.wrap(backing, 4, 10);
        ByteBuffer out = client().encode(Frame.of(Opcode.BINARY, payload), ByteBuffer.allocate(14));
        assertSame(payload, out);
        assertEquals(4, out.position());
        assertEquals(14, out.limit());
        byte[] expected = new byte[20];
        Arrays.fill(expected, (byte) 0x11);
        System.arraycopy(naiveMask(Arrays.copyOfRange(expected, 4, 14), RFC_KEY, 0), 0, expected, 4, 10);
        assertArrayEquals(expected, backing);
    }

    @Test
    void masksADirectPayloadInPlace() {
        ByteBuffer payload = TestBytes.direct(DATA);
        ByteBuffer out = client().encode(Frame.of(Opcode.BINARY, payload), ByteBuffer.allocate(14));
        assertSame(payload, out);
        assertArrayEquals(naiveMask(DATA, RFC_KEY, 0), remaining(payload));
    }

    @Test
    void copiesAReadOnlyPayload() {
        byte[] data = DATA.clone();
        ByteBuffer payload = ByteBuffer.wrap(data).asReadOnlyBuffer();
        ByteBuffer out = client().encode(Frame.of(Opcode.BINARY, payload), ByteBuffer.allocate(14));
        assertNotSame(payload, out);
        assertArrayEquals(naiveMask(DATA, RFC_KEY, 0), remaining(out));
        assertArrayEquals(DATA, data);
        assertEquals(0, payload.position());
        // Frame.close() shares one read-only empty payload: it must stay usable.
        assertEquals("888037fa213d", hex(client().toBytes(Frame.close())));
        assertEquals(0, Frame.close().length());
    }

    @Test
    void serverNeverMasks() {
        FrameWriter writer = new FrameWriter(Role.SERVER, () -> {
            throw new AssertionError("a server must not draw masking keys");
        }, List.of());
        ByteBuffer payload = ByteBuffer.wrap(DATA.clone());
        ByteBuffer header = ByteBuffer.allocate(14);
        assertSame(payload, writer.encode(Frame.of(Opcode.BINARY, payload), header));
        assertArrayEquals(DATA, payload.array());
        assertEquals(2, header.position());
        assertEquals(0, header.get(1) & 0x80);
        assertArrayEquals(DATA, Arrays.copyOfRange(new FrameWriter(Role.SERVER).toBytes(Frame.binary(DATA.clone())), 2, 9));
    }

    @Test
    void clientNeedsAKeySource() {
        assertThrows(NullPointerException.class, () -> new FrameWriter(Role.CLIENT, null, List.of()));
    }

    @Test
    void defaultClientWriterUsesFreshKeys() {
        FrameWriter writer = new FrameWriter(Role.CLIENT);
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 600; i++) { // crosses the 256-key blocks of the secure source
            byte[] wire = writer.toBytes(Frame.binary(new byte[4]));
            assertEquals(0x84, wire[1] & 0xFF);
            // Masking zeros reveals the key: the payload equals the key bytes in the header.
            assertEquals(hex(Arrays.copyOfRange(wire, 2, 6)), hex(Arrays.copyOfRange(wire, 6, 10)));
            keys.add(hex(Arrays.copyOfRange(wire, 2, 6)));
        }
        assertTrue(keys.size() >= 595, "only " + keys.size() + " distinct keys in 600 frames");
    }

    @Test
    void headerBufferTooSmall() {
        AtomicInteger drawn = new AtomicInteger();
        FrameWriter writer = new FrameWriter(Role.CLIENT, () -> {
            drawn.incrementAndGet();
            return RFC_KEY;
        }, List.of());
        ByteBuffer payload = ByteBuffer.wrap(DATA.clone());
        ByteBuffer header = ByteBuffer.allocate(5);
        assertThrows(BufferOverflowException.class, () -> writer.encode(Frame.of(Opcode.BINARY, payload), header));
        assertEquals(0, header.position(), "nothing written");
        assertArrayEquals(DATA, payload.array(), "nothing masked");
        assertEquals(0, drawn.get());

        assertThrows(BufferOverflowException.class, () -> writer.encode(Frame.binary(new byte[126]), ByteBuffer.allocate(7)));
        assertThrows(BufferOverflowException.class, () -> writer.encode(Frame.binary(new byte[65536]), ByteBuffer.allocate(13)));
        FrameWriter server = new FrameWriter(Role.SERVER);
        assertThrows(BufferOverflowException.class, () -> server.encode(Frame.binary(new byte[1]), ByteBuffer.allocate(1)));
        assertThrows(BufferOverflowException.class, () -> server.encode(Frame.binary(new byte[126]), ByteBuffer.allocate(3)));
        assertThrows(BufferOverflowException.class, () -> server.encode(Frame.binary(new byte[65536]), ByteBuffer.allocate(9)));
        // Exactly enough room is enough.
        server.encode(Frame.binary(new byte[65536]), ByteBuffer.allocate(10));
        writer.encode(Frame.binary(new byte[65536]), ByteBuffer.allocate(14));
        writer.encode(Frame.binary(new byte[1]), ByteBuffer.allocate(6));
    }

    @Test
    void rejectsFramesThatBreakTheRules() {
        for (FrameWriter writer : List.of(client(), new FrameWriter(Role.SERVER))) {
            ByteBuffer header = ByteBuffer.allocate(14);
            for (int rsv : new int[] {Frame.RSV1, Frame.RSV2, Frame.RSV3}) {
                assertEquals(1002, assertThrows(ProtocolError.class,
                        () -> writer.encode(Frame.text("x").withRsvBits(rsv), header)).closeCode());
            }
            assertThrows(ProtocolError.class, () -> writer.encode(new Frame(false, Opcode.PING, ByteBuffer.allocate(0)), header));
            assertThrows(ProtocolError.class, () -> writer.encode(new Frame(false, Opcode.CLOSE, ByteBuffer.allocate(0)), header));
            assertThrows(ProtocolError.class, () -> writer.encode(Frame.pong(new byte[126]), header));
            assertThrows(ProtocolError.class, () -> writer.encode(Frame.of(Opcode.CLOSE, ByteBuffer.allocate(200)), header));
            assertEquals(0, header.position());
            writer.encode(Frame.pong(new byte[125]), header);
        }
    }

    @Test
    void twoBufferFormAndToBytes() {
        ByteBuffer payload = ByteBuffer.wrap(DATA.clone());
        ByteBuffer[] parts = client().encode(Frame.of(Opcode.TEXT, payload));
        assertEquals(2, parts.length);
        assertEquals("818737fa213d", hex(remaining(parts[0])));
        assertEquals(0, parts[0].position());
        assertSame(payload, parts[1]);
        assertArrayEquals(naiveMask(DATA, RFC_KEY, 0), remaining(parts[1]));

        byte[] whole = client().toBytes(Frame.of(Opcode.TEXT, ByteBuffer.wrap(DATA.clone())));
        assertEquals("818737fa213d" + hex(naiveMask(DATA, RFC_KEY, 0)), hex(whole));
        ByteBuffer unmasked = ByteBuffer.wrap(DATA.clone(), 2, 3);
        assertEquals("8203" + hex(new byte[] {30, 40, 50}), hex(new FrameWriter(Role.SERVER).toBytes(Frame.of(Opcode.BINARY, unmasked))));
        assertEquals(2, unmasked.position(), "toBytes leaves the payload position alone");
    }

    @Test
    void keysComeFromTheSourceFrameByFrame() {
        int[] keys = {0x01020304, 0xa0b0c0d0, 0};
        AtomicInteger next = new AtomicInteger();
        FrameWriter writer = new FrameWriter(Role.CLIENT, () -> keys[next.getAndIncrement()], List.of());
        for (int key : keys) {
            byte[] wire = writer.toBytes(Frame.binary(DATA.clone()));
            assertEquals(hex(TestBytes.expectedHeader(0x82, DATA.length, key)) + hex(naiveMask(DATA, key, 0)), hex(wire));
        }
    }
}
