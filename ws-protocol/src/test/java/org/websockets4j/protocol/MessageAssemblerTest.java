package org.websockets4j.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.websockets4j.protocol.Peer.bytes;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.websockets4j.framing.Close;
import org.websockets4j.framing.Opcode;

class MessageAssemblerTest {
    private static Event.DataFrame frame(Opcode opcode, byte[] payload, boolean fin) {
        return new Event.DataFrame(opcode, ByteBuffer.wrap(payload), fin);
    }

    private static Event.DataFrame frame(Opcode opcode, String text, boolean fin) {
        return frame(opcode, text.getBytes(StandardCharsets.UTF_8), fin);
    }

    @Test
    void singleFrameMessages() {
        MessageAssembler assembler = new MessageAssembler();
        assertEquals(new Message.Text("héllo"), assembler.add(frame(Opcode.TEXT, "héllo", true)));
        byte[] data = bytes(1, 2, 3);
        Message.Binary binary = (Message.Binary) assembler.add(frame(Opcode.BINARY, data, true));
        assertSame(data, binary.data(), "a payload that is its whole array is taken over");
        assertFalse(assembler.inProgress());
    }

    @Test
    void theDriversPathTakesADetachedWholeArrayOverAndCopiesAView() {
        MessageAssembler assembler = new MessageAssembler();
        byte[] own = bytes(1, 2, 3);
        Message.Binary taken = (Message.Binary) assembler.add(Opcode.BINARY, true, ByteBuffer.wrap(own), true, true);
        assertSame(own, taken.data(), "a detached payload filling its array is kept");

        byte[] shared = bytes(1, 2, 3);
        Message.Binary copied = (Message.Binary) assembler.add(Opcode.BINARY, true, ByteBuffer.wrap(shared), true, false);
        assertArrayEquals(shared, copied.data());
        assertFalse(shared == copied.data(), "a view of a reused buffer is copied");

        ByteBuffer part = ByteBuffer.wrap(bytes(0, 1, 2, 3), 1, 3);
        Message.Binary partial = (Message.Binary) assembler.add(Opcode.BINARY, true, part, true, true);
        assertArrayEquals(bytes(1, 2, 3), partial.data(), "not the whole array: copied even when detached");
    }

    @Test
    void slicedAndDirectPayloadsAreCopied() {
        MessageAssembler assembler = new MessageAssembler();
        byte[] array = bytes(0, 1, 2, 3, 0);
        ByteBuffer slice = ByteBuffer.wrap(array, 1, 3).slice();
        Message.Binary binary = (Message.Binary) assembler.add(new Event.DataFrame(Opcode.BINARY, slice, true));
        assertArrayEquals(bytes(1, 2, 3), binary.data());
        ByteBuffer direct = ByteBuffer.allocateDirect(2).put(bytes('o', 'k')).flip();
        assertEquals(new Message.Text("ok"), assembler.add(new Event.DataFrame(Opcode.TEXT, direct, true)));
        ByteBuffer readOnly = ByteBuffer.wrap(bytes(7)).asReadOnlyBuffer();
        assertEquals(new Message.Binary(bytes(7)), assembler.add(new Event.DataFrame(Opcode.BINARY, readOnly, true)));
    }

    @Test
    void fragmentedTextWithACharacterSplitAcrossFragments() {
        MessageAssembler assembler = new MessageAssembler();
        byte[] emoji = "\uD83D\uDE00".getBytes(StandardCharsets.UTF_8);
        assertNull(assembler.add(frame(Opcode.TEXT, bytes('a', emoji[0]), false)));
        assertTrue(assembler.inProgress());
        assertNull(assembler.add(frame(Opcode.CONTINUATION, bytes(emoji[1], emoji[2]), false)));
        assertNull(assembler.add(frame(Opcode.CONTINUATION, new byte[0], false)));
        assertEquals(new Message.Text("a\uD83D\uDE00b"),
                assembler.add(frame(Opcode.CONTINUATION, bytes(emoji[3], 'b'), true)));
        assertFalse(assembler.inProgress());
    }

    @Test
    void fragmentedBinary() {
        MessageAssembler assembler = new MessageAssembler();
        assertNull(assembler.add(frame(Opcode.BINARY, bytes(1), false)));
        assertEquals(new Message.Binary(bytes(1, 2, 3)), assembler.add(frame(Opcode.CONTINUATION, bytes(2, 3), true)));
        assertEquals(new Message.Binary(new byte[0]), assembler.add(frame(Opcode.BINARY, new byte[0], true)));
    }

    @Test
    void outOfOrderFrames() {
        MessageAssembler assembler = new MessageAssembler();
        assertThrows(IllegalStateException.class, () -> assembler.add(frame(Opcode.CONTINUATION, "x", true)));
        assembler.add(frame(Opcode.TEXT, "x", false));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> assembler.add(frame(Opcode.BINARY, "y", true)));
        assertEquals("a new BINARY message started inside a fragmented TEXT message", e.getMessage());
        assembler.reset();
        assertFalse(assembler.inProgress());
        assertEquals(new Message.Binary(bytes('y')), assembler.add(frame(Opcode.BINARY, "y", true)));
    }

    @Test
    void messageValueSemantics() {
        assertEquals(new Message.Binary(bytes(1, 2)), new Message.Binary(bytes(1, 2)));
        assertEquals(new Message.Binary(bytes(1, 2)).hashCode(), new Message.Binary(bytes(1, 2)).hashCode());
        assertNotEquals(new Message.Binary(bytes(1, 2)), new Message.Binary(bytes(1, 3)));
        assertNotEquals(new Message.Binary(bytes('a')), new Message.Text("a"));
        assertEquals("Binary[length=3, 0a0b0c]", new Message.Binary(bytes(10, 11, 12)).toString());
        assertEquals("Binary[length=40, " + "00".repeat(32) + "…]", new Message.Binary(new byte[40]).toString());
        assertEquals("Text[\"hi\"]", new Message.Text("hi").toString());
        assertEquals("Text[\"" + "x".repeat(64) + "…\", length=65]", new Message.Text("x".repeat(65)).toString());
        assertEquals("ok", new Message.Binary(bytes('o', 'k')).asUtf8());
        assertThrows(NullPointerException.class, () -> new Message.Text(null));
        assertThrows(NullPointerException.class, () -> new Message.Binary(null));
    }

    @Test
    void eventsCheckTheirArguments() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Event.DataFrame(Opcode.PING, ByteBuffer.allocate(0), true));
        assertEquals("a DataFrame carries TEXT, BINARY or CONTINUATION, not PING", e.getMessage());
        assertThrows(NullPointerException.class, () -> new Event.DataFrame(null, ByteBuffer.allocate(0), true));
        assertThrows(NullPointerException.class, () -> new Event.PingReceived(null));
        assertThrows(NullPointerException.class, () -> new Event.PongReceived(ByteBuffer.allocate(0), null));
        assertThrows(NullPointerException.class, () -> new Event.CloseReceived(null));
        List<ByteBuffer> acks = new java.util.ArrayList<>(List.of(ByteBuffer.allocate(1)));
        Event.PongReceived pong = new Event.PongReceived(ByteBuffer.allocate(1), acks);
        acks.clear();
        assertEquals(1, pong.acknowledgedPings().size(), "copied");
        assertEquals(new Event.CloseReceived(Close.NO_STATUS), new Event.CloseReceived(new Close(1005, "")));
    }
}
