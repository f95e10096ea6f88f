package org.websockets4j.framing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The {@link Frame} record: factories, rules, equality and its text form. */
class FrameTest {
    private static ByteBuffer buffer(int... values) {
        return ByteBuffer.wrap(TestBytes.bytes(values));
    }

    @Test
    void factories() {
        assertEquals(new Frame(true, false, false, false, Opcode.TEXT, ByteBuffer.wrap("hé".getBytes(StandardCharsets.UTF_8))),
                Frame.text("hé"));
        assertEquals(new Frame(true, Opcode.BINARY, buffer(1, 2)), Frame.binary(new byte[] {1, 2}));
        assertEquals(new Frame(true, Opcode.PING, buffer(3)), Frame.ping(new byte[] {3}));
        assertEquals(new Frame(true, Opcode.PONG, buffer()), Frame.pong(new byte[0]));
        assertEquals(new Frame(true, Opcode.CONTINUATION, buffer(4)), Frame.of(Opcode.CONTINUATION, buffer(4)));
        assertEquals(new Frame(true, Opcode.CLOSE, buffer(0x03, 0xE8, 'o', 'k')), Frame.close(1000, "ok"));
        assertEquals(new Frame(true, Opcode.CLOSE, buffer()), Frame.close());
        assertTrue(Frame.close().payload().isReadOnly(), "the shared empty payload cannot be changed");
    }

    @Test
    void factoriesDoNotCopy() {
        byte[] data = {1, 2, 3};
        Frame frame = Frame.binary(data);
        data[0] = 7;
        assertEquals(7, frame.payload().get(0));
    }

    @Test
    void nullsAreRejected() {
        assertThrows(NullPointerException.class, () -> new Frame(true, null, ByteBuffer.allocate(0)));
        assertThrows(NullPointerException.class, () -> new Frame(true, Opcode.TEXT, null));
    }

    @Test
    void accessors() {
        ByteBuffer payload = ByteBuffer.wrap(new byte[] {9, 8, 7, 6}).position(1);
        Frame frame = new Frame(false, true, false, true, Opcode.BINARY, payload);
        assertEquals(3, frame.length());
        assertArrayEquals(new byte[] {8, 7, 6}, frame.payloadBytes());
        assertEquals(1, payload.position(), "payloadBytes leaves the position alone");
        assertEquals(Frame.RSV1 | Frame.RSV3, frame.rsvBits());
        assertEquals(0x50, frame.rsvBits());

        Frame bits = frame.withRsvBits(Frame.RSV2);
        assertFalse(bits.rsv1());
        assertTrue(bits.rsv2());
        assertFalse(bits.rsv3());
        assertEquals(frame.payload(), bits.payload());
        assertFalse(bits.fin());
        assertEquals(0, frame.withRsvBits(0).rsvBits());
        assertEquals(0x70, frame.withRsvBits(0x70).rsvBits());

        Frame other = frame.withPayload(buffer(1));
        assertEquals(1, other.length());
        assertEquals(frame.rsvBits(), other.rsvBits());
        assertEquals(Opcode.BINARY, other.opcode());
    }

    @Test
    void checkRules() {
        assertDoesNotThrow(() -> Frame.text("ok").check());
        assertDoesNotThrow(() -> new Frame(false, Opcode.BINARY, ByteBuffer.allocate(100_000)).check());
        assertDoesNotThrow(() -> Frame.ping(new byte[125]).check());
        for (int rsv : new int[] {Frame.RSV1, Frame.RSV2, Frame.RSV3, 0x70}) {
            ProtocolError e = assertThrows(ProtocolError.class, () -> Frame.text("x").withRsvBits(rsv).check());
            assertEquals(1002, e.closeCode());
        }
        assertTrue(assertThrows(ProtocolError.class, () -> Frame.text("x").withRsvBits(0x60).check())
                .getMessage().contains("RSV1 RSV2"));
        for (Opcode control : new Opcode[] {Opcode.CLOSE, Opcode.PING, Opcode.PONG}) {
            assertThrows(ProtocolError.class, () -> new Frame(false, control, ByteBuffer.allocate(0)).check());
            assertThrows(ProtocolError.class, () -> Frame.of(control, ByteBuffer.allocate(126)).check());
            assertDoesNotThrow(() -> Frame.of(control, ByteBuffer.allocate(125)).check());
        }
    }

    @Test
    void checkWithAllowedBits() {
        Frame frame = Frame.text("x").withRsvBits(Frame.RSV1 | Frame.RSV3);
        assertDoesNotThrow(() -> frame.check(Frame.RSV1 | Frame.RSV3));
        assertDoesNotThrow(() -> frame.check(0x70));
        ProtocolError e = assertThrows(ProtocolError.class, () -> frame.check(Frame.RSV1));
        assertTrue(e.getMessage().contains("RSV3") && !e.getMessage().contains("RSV1"), e.getMessage());
        // Allowed bits do not relax the control frame rules.
        assertThrows(ProtocolError.class, () -> Frame.ping(new byte[126]).check(0x70));
    }

    @Test
    void equalityIsByContent() {
        Frame heap = new Frame(true, Opcode.BINARY, buffer(1, 2, 3));
        Frame direct = new Frame(true, Opcode.BINARY, TestBytes.direct(new byte[] {1, 2, 3}));
        Frame offset = new Frame(true, Opcode.BINARY, buffer(9, 1, 2, 3).position(1));
        Frame readOnly = new Frame(true, Opcode.BINARY, buffer(1, 2, 3).asReadOnlyBuffer());
        for (Frame same : new Frame[] {direct, offset, readOnly}) {
            assertEquals(heap, same);
            assertEquals(heap.hashCode(), same.hashCode());
        }
        assertNotEquals(heap, new Frame(true, Opcode.BINARY, buffer(1, 2, 4)));
        assertNotEquals(heap, new Frame(true, Opcode.BINARY, buffer(1, 2)));
        assertNotEquals(heap, new Frame(false, Opcode.BINARY, buffer(1, 2, 3)));
        assertNotEquals(heap, new Frame(true, Opcode.TEXT, buffer(1, 2, 3)));
        assertNotEquals(heap, heap.withRsvBits(Frame.RSV2));
    }

    @Test
    void toStringShowsTextAsText() {
        assertEquals("TEXT fin len=5 \"hello\"", Frame.text("hello").toString());
        assertEquals("TEXT len=3 \"dé\"", new Frame(false, Opcode.TEXT, ByteBuffer.wrap("dé".getBytes(StandardCharsets.UTF_8))).toString());
        assertEquals("TEXT fin len=0", Frame.text("").toString());
    }

    @Test
    void toStringShowsBinaryAsHex() {
        assertEquals("BINARY fin rsv1 len=3 0a0b0c", Frame.binary(new byte[] {10, 11, 12}).withRsvBits(Frame.RSV1).toString());
        assertEquals("CONTINUATION rsv2 rsv3 len=1 ff",
                new Frame(false, false, true, true, Opcode.CONTINUATION, buffer(0xFF)).toString());
        assertEquals("BINARY fin len=2 6869", Frame.binary("hi".getBytes(StandardCharsets.US_ASCII)).toString());
        // Text, ping or pong payloads that are not valid UTF-8 are shown in hex too.
        assertEquals("TEXT fin len=2 c328", Frame.of(Opcode.TEXT, buffer(0xC3, 0x28)).toString());
        assertEquals("PING fin len=1 ff", Frame.ping(new byte[] {(byte) 0xFF}).toString());
        assertEquals("TEXT fin len=1 c3", Frame.of(Opcode.TEXT, buffer(0xC3)).toString());
    }

    @Test
    void toStringShowsPingAndPongAsText() {
        assertEquals("PING fin len=2 \"hi\"", Frame.ping("hi".getBytes(StandardCharsets.US_ASCII)).toString());
        assertEquals("PONG fin len=0", Frame.pong(new byte[0]).toString());
    }

    @Test
    void toStringShowsCloseCodeAndReason() {
        assertEquals("CLOSE fin len=5 1000 (OK) bye", Frame.close(1000, "bye").toString());
        assertEquals("CLOSE fin len=2 4000 (private use)", Frame.close(4000, "").toString());
        assertEquals("CLOSE fin len=0 1005 (no status code [internal])", Frame.close().toString());
        // A payload that is not a valid close payload is shown in hex.
        assertEquals("CLOSE fin len=1 03", Frame.of(Opcode.CLOSE, buffer(3)).toString());
        assertEquals("CLOSE fin len=2 03e7", Frame.of(Opcode.CLOSE, buffer(0x03, 0xE7)).toString());
        assertEquals("CLOSE fin len=3 03e8ff", Frame.of(Opcode.CLOSE, buffer(0x03, 0xE8, 0xFF)).toString());
    }

    @Test
    void toStringCutsLongPayloads() {
        String text = Frame.text("x".repeat(1000)).toString();
        assertEquals("TEXT fin len=1000 \"" + "x".repeat(32) + "…\"", text);
        String binary = Frame.binary(new byte[1000]).toString();
        assertEquals("BINARY fin len=1000 " + "00".repeat(32) + "…", binary);
        // A character cut at the 32-byte mark still shows as text.
        String accents = Frame.text("x" + "é".repeat(40)).toString();
        assertEquals("TEXT fin len=81 \"x" + "é".repeat(15) + "…\"", accents, "the cut character is dropped, not shown as U+FFFD");
        ByteBuffer payload = ByteBuffer.wrap(new byte[100]).position(10);
        Frame.of(Opcode.BINARY, payload).toString();
        assertEquals(10, payload.position(), "toString leaves the position alone");
        assertEquals("BINARY fin len=32 " + "00".repeat(32), Frame.binary(new byte[32]).toString(), "32 bytes are not cut");
        assertEquals("BINARY fin len=33 " + "00".repeat(32) + "…", Frame.binary(new byte[33]).toString());
    }

    @Test
    void constants() {
        assertEquals(0x40, Frame.RSV1);
        assertEquals(0x20, Frame.RSV2);
        assertEquals(0x10, Frame.RSV3);
        assertEquals(125, Frame.MAX_CONTROL_PAYLOAD);
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void roles(Role role) {
        assertEquals(role == Role.CLIENT, role.masksOutgoing());
        assertEquals(role == Role.SERVER, role.expectsMaskedIncoming());
    }
}
