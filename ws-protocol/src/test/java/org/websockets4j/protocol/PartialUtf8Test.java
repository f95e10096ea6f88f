package org.websockets4j.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.websockets4j.protocol.Peer.T0;
import static org.websockets4j.protocol.Peer.closeOf;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.websockets4j.framing.InvalidUtf8;
import org.websockets4j.framing.Opcode;
import org.websockets4j.framing.Role;

/** UTF-8 is checked as a text frame's bytes arrive, not only when the frame completes (issue 16, item 3). */
class PartialUtf8Test {
    @ParameterizedTest
    @EnumSource(Role.class)
    void anInvalidByteFailsTheConnectionBeforeTheFrameCompletes(Role role) {
        Connection c = Peer.open(role);
        Peer peer = new Peer(role);
        byte[] payload = new byte[10_000];
        java.util.Arrays.fill(payload, (byte) 'a');
        payload[500] = (byte) 0xFF;
        byte[] frame = peer.frame(Opcode.TEXT, true, payload);
        c.receiveData(ByteBuffer.wrap(frame, 0, 1_000), T0); // the header and the first ~990 payload bytes
        assertEquals(1007, closeOf(peer.readOne(c)).code());
        assertTrue(c.closeTransport());
        c.receiveEof(T0);
        assertInstanceOf(InvalidUtf8.class, c.closeException().getCause());
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void aCharacterSplitAcrossReadsAndFragmentsIsFine(Role role) {
        Connection c = Peer.open(role);
        Peer peer = new Peer(role);
        String text = "é€😀".repeat(500);
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        int half = utf8.length / 2 + 1; // inside a character
        byte[] first = peer.frame(Opcode.TEXT, false, java.util.Arrays.copyOf(utf8, half));
        byte[] second = peer.frame(Opcode.CONTINUATION, true, java.util.Arrays.copyOfRange(utf8, half, utf8.length));
        byte[] wire = new byte[first.length + second.length];
        System.arraycopy(first, 0, wire, 0, first.length);
        System.arraycopy(second, 0, wire, first.length, second.length);
        for (int i = 0; i < wire.length; i += 7) { // seven bytes per read: every frame arrives in pieces
            c.receiveData(ByteBuffer.wrap(wire, i, Math.min(7, wire.length - i)), T0);
        }
        assertEquals(State.OPEN, c.state());
        assertEquals(2, c.eventsReceived().size());
        assertTrue(c.dataToSend().isEmpty());
    }
}
