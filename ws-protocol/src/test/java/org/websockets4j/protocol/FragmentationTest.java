package org.websockets4j.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.websockets4j.protocol.Peer.T0;
import static org.websockets4j.protocol.Peer.bytes;
import static org.websockets4j.protocol.Peer.closeOf;
import static org.websockets4j.protocol.Peer.feed;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.websockets4j.framing.Frame;
import org.websockets4j.framing.InvalidUtf8;
import org.websockets4j.framing.Opcode;
import org.websockets4j.framing.Role;
import org.websockets4j.http.InvalidState;

/** Fragmented messages in both directions, control frames between fragments, UTF-8 across frames. */
class FragmentationTest {
    private static List<Message> messages(List<Event> events) {
        MessageAssembler assembler = new MessageAssembler();
        List<Message> messages = new ArrayList<>();
        for (Event event : events) {
            if (event instanceof Event.DataFrame frame) {
                Message message = assembler.add(frame);
                if (message != null) {
                    messages.add(message);
                }
            }
        }
        return messages;
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void controlFramesBetweenFragments(Role role) {
        Connection c = Peer.open(role);
        Peer peer = new Peer(role);
        ByteBuffer ping = c.sendPing(ByteBuffer.wrap(bytes(1, 2)));
        peer.read(c);
        feed(c, peer.text("Hel", false), peer.ping("are you there"), peer.continuation("lo, ", false),
                peer.pong(ping), peer.continuation("world", true), peer.binary(bytes(9), true));
        List<Event> events = c.eventsReceived();
        assertEquals("""
                TEXT 48656c
                PING 61726520796f75207468657265
                CONTINUATION 6c6f2c20
                PONG 0102 acks=1
                CONTINUATION fin 776f726c64
                BINARY fin 09
                """, Peer.describe(events));
        assertEquals(List.of(new Message.Text("Hello, world"), new Message.Binary(bytes(9))), messages(events));
        Frame pong = peer.readOne(c);
        assertEquals(Opcode.PONG, pong.opcode());
        assertEquals("are you there", Peer.string(pong.payload()));
        assertEquals(State.OPEN, c.state());
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void fourByteCharacterSplitAcrossThreeFrames(Role role) {
        Connection c = Peer.open(role);
        Peer peer = new Peer(role);
        byte[] emoji = "\uD83D\uDE00".getBytes(StandardCharsets.UTF_8); // F0 9F 98 80
        feed(c, peer.frame(Opcode.TEXT, false, new byte[] {emoji[0]}));
        feed(c, peer.continuation(new byte[] {emoji[1], emoji[2]}, false));
        feed(c, peer.continuation(new byte[] {emoji[3]}, true));
        assertEquals(List.of(new Message.Text("\uD83D\uDE00")), messages(c.eventsReceived()));
        assertTrue(c.dataToSend().isEmpty());
        // The validator starts the next message afresh.
        feed(c, peer.text("é", true));
        assertEquals(List.of(new Message.Text("é")), messages(c.eventsReceived()));
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void invalidByteFailsBeforeTheMessageEnds(Role role) {
        Connection c = Peer.open(role);
        Peer peer = new Peer(role);
        feed(c, peer.text("ok ", false));
        feed(c, peer.frame(Opcode.CONTINUATION, false, bytes('a', 'b', 0xFF, 'c')));
        // The message never ended, yet the connection already failed, and the bad fragment was not delivered.
        assertEquals("TEXT 6f6b20\n", Peer.describe(c.eventsReceived()));
        assertEquals(1007, closeOf(peer.readOne(c)).code());
        c.receiveEof(T0);
        InvalidUtf8 cause = assertInstanceOf(InvalidUtf8.class, c.closeException().getCause());
        assertEquals(5, cause.offset(), "counted from the start of the message");
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void invalidByteInTheFirstFragment(Role role) {
        Connection c = Peer.open(role);
        Peer peer = new Peer(role);
        feed(c, peer.frame(Opcode.TEXT, false, bytes(0x61, 0x62, 0xFF)), peer.continuation("never seen", true));
        assertTrue(c.eventsReceived().isEmpty());
        assertEquals(1007, closeOf(peer.readOne(c)).code());
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void sequenceBrokenAcrossFrames(Role role) {
        Connection c = Peer.open(role);
        Peer peer = new Peer(role);
        feed(c, peer.frame(Opcode.TEXT, false, bytes(0xE2, 0x82)), peer.continuation(bytes('A'), true));
        assertEquals(1, c.eventsReceived().size());
        assertEquals(1007, closeOf(peer.readOne(c)).code());
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void messageEndingInsideACharacter(Role role) {
        Connection c = Peer.open(role);
        Peer peer = new Peer(role);
        feed(c, peer.frame(Opcode.TEXT, false, bytes(0xF0, 0x9F)), peer.continuation(bytes(0x98), true));
        assertEquals(1, c.eventsReceived().size());
        assertEquals(1007, closeOf(peer.readOne(c)).code());
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void binaryIsNotValidated(Role role) {
        Connection c = Peer.open(role);
        Peer peer = new Peer(role);
        feed(c, peer.binary(bytes(0xFF, 0xC0), false), peer.continuation(bytes(0x80), true));
        assertEquals(List.of(new Message.Binary(bytes(0xFF, 0xC0, 0x80))), messages(c.eventsReceived()));
        assertEquals(State.OPEN, c.state());
    }

    @Test
    void emptyFragments() {
        Connection c = Peer.open(Role.SERVER);
        Peer peer = new Peer(Role.SERVER);
        feed(c, peer.text("", false), peer.continuation("", false), peer.continuation("", true), peer.text("", true));
        assertEquals(List.of(new Message.Text(""), new Message.Text("")), messages(c.eventsReceived()));
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void sendingAFragmentedMessageWithPingsBetween(Role role) {
        Connection c = Peer.open(role);
        Peer peer = new Peer(role);
        c.sendText("Hel", false);
        c.sendPing(ByteBuffer.wrap(bytes(1)));
        c.sendContinuation(Peer.utf8("lo"), false);
        c.sendPong(ByteBuffer.wrap(bytes(2)));
        c.sendContinuation(Peer.utf8("!"), true);
        c.sendBinary(ByteBuffer.wrap(bytes(5)), true);
        List<Frame> sent = peer.read(c);
        assertEquals("""
                TEXT 48656c
                PING fin 01
                CONTINUATION 6c6f
                PONG fin 02
                CONTINUATION fin 21
                BINARY fin 05
                """, Peer.describeFrames(sent));
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void sendingRulesForFragments(Role role) {
        Connection c = Peer.open(role);
        InvalidState orphan = assertThrows(InvalidState.class, () -> c.sendContinuation(ByteBuffer.allocate(1), true));
        assertEquals("cannot send a continuation frame: no fragmented message was started"
                + " (start one with sendText or sendBinary and fin=false)", orphan.getMessage());
        c.sendBinary(ByteBuffer.allocate(1), false);
        InvalidState nested = assertThrows(InvalidState.class, () -> c.sendText("x", true));
        assertEquals("cannot start a TEXT message: the fragmented message in progress must first end with"
                + " sendContinuation(data, true)", nested.getMessage());
        assertThrows(InvalidState.class, () -> c.sendBinary(ByteBuffer.allocate(1), false));
        assertThrows(InvalidState.class, () -> c.sendText(ByteBuffer.allocate(1), true));
        c.sendContinuation(ByteBuffer.allocate(1), true);
        assertThrows(InvalidState.class, () -> c.sendContinuation(ByteBuffer.allocate(1), true));
        c.sendText("new message", true);
        assertEquals(3, new Peer(role).read(c).size(), "refused sends queue nothing");
    }
}
