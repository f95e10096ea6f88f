package org.websockets4j.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.websockets4j.protocol.Peer.T0;
import static org.websockets4j.protocol.Peer.bytes;
import static org.websockets4j.protocol.Peer.closeOf;
import static org.websockets4j.protocol.Peer.feed;
import static org.websockets4j.protocol.Peer.seconds;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.websockets4j.framing.Close;
import org.websockets4j.framing.Frame;
import org.websockets4j.framing.InvalidUtf8;
import org.websockets4j.framing.PayloadTooBig;
import org.websockets4j.framing.ProtocolError;
import org.websockets4j.framing.Role;
import org.websockets4j.framing.WebSocketException;

/**
 * Every rule the peer can break, on both sides: the close code, the close frame sent, the TCP
 * instruction, what happens to later input, and the exception reported once closed.
 */
class ProtocolViolationTest {
    record Violation(String name, int code, Function<Peer, byte[]> bytes) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Violation> violations() {
        return Stream.of(
                // Framing rules, enforced by the frame reader.
                new Violation("reserved opcode 3", 1002, p -> p.raw(0x83, new byte[0])),
                new Violation("reserved opcode 11", 1002, p -> p.raw(0x8B, new byte[] {1})),
                new Violation("RSV1 without extension", 1002, p -> p.raw(0xC1, bytes('a'))),
                new Violation("RSV2 without extension", 1002, p -> p.raw(0xA2, new byte[0])),
                new Violation("RSV3 without extension", 1002, p -> p.raw(0x91, bytes('a'))),
                new Violation("fragmented ping", 1002, p -> p.raw(0x09, new byte[0])),
                new Violation("fragmented close", 1002, p -> p.raw(0x08, bytes(3, 232))),
                new Violation("ping of 126 bytes", 1002, p -> p.raw(0x89, new byte[126])),
                new Violation("pong of 126 bytes", 1002, p -> p.raw(0x8A, new byte[126])),
                new Violation("close of 126 bytes", 1002, p -> p.raw(0x88, closePayload(126))),
                new Violation("wrong masking", 1002, p -> p.raw(0x81, bytes('a'), true)),
                new Violation("64-bit length with its top bit set", 1002, p -> p.role.masksOutgoing()
                        ? bytes(0x82, 0xFF, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
                        : bytes(0x82, 0x7F, 0x80, 0, 0, 0, 0, 0, 0, 0)),
                // Fragmentation rules, enforced by the connection.
                new Violation("continuation without a started message", 1002, p -> p.continuation("x", true)),
                new Violation("continuation after a finished message", 1002,
                        p -> Peer.concat(p.text("done", true), p.continuation("x", false))),
                new Violation("text inside a fragmented text", 1002,
                        p -> Peer.concat(p.text("a", false), p.text("b", true))),
                new Violation("binary inside a fragmented text", 1002,
                        p -> Peer.concat(p.text("a", false), p.binary(bytes(1), true))),
                new Violation("text inside a fragmented binary", 1002,
                        p -> Peer.concat(p.binary(bytes(1), false), p.text("b", false))),
                // Close frames.
                new Violation("close with a 1-byte payload", 1002, p -> p.raw(0x88, bytes(3))),
                new Violation("close with code 999", 1002, p -> p.raw(0x88, bytes(3, 231))),
                new Violation("close with code 1004", 1002, p -> p.raw(0x88, bytes(3, 236))),
                new Violation("close with code 1005", 1002, p -> p.raw(0x88, bytes(3, 237))),
                new Violation("close with code 1006", 1002, p -> p.raw(0x88, bytes(3, 238))),
                new Violation("close with code 1015", 1002, p -> p.raw(0x88, bytes(3, 247))),
                new Violation("close with code 2999", 1002, p -> p.raw(0x88, bytes(0x0B, 0xB7))),
                new Violation("close with code 5000", 1002, p -> p.raw(0x88, bytes(0x13, 0x88))),
                new Violation("close reason not UTF-8", 1007, p -> p.raw(0x88, bytes(3, 232, 'o', 0xFF))),
                // Text.
                new Violation("text not UTF-8", 1007, p -> p.frame(org.websockets4j.framing.Opcode.TEXT, true, bytes('a', 0xC0, 0x80))),
                new Violation("text surrogate", 1007, p -> p.frame(org.websockets4j.framing.Opcode.TEXT, true, bytes(0xED, 0xA0, 0x80))),
                new Violation("text ends inside a character", 1007, p -> p.frame(org.websockets4j.framing.Opcode.TEXT, true, bytes(0xE2, 0x82))));
    }

    private static byte[] closePayload(int length) {
        byte[] payload = new byte[length];
        payload[0] = 3;
        payload[1] = (byte) 232;
        java.util.Arrays.fill(payload, 2, length, (byte) 'x');
        return payload;
    }

    static Stream<Arguments> cases() {
        return violations().flatMap(v -> Stream.of(Arguments.of(v, Role.SERVER), Arguments.of(v, Role.CLIENT)));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("cases")
    void failsTheConnection(Violation violation, Role role) {
        Connection c = Peer.open(role);
        Peer peer = new Peer(role);
        feed(c, T0 + 1, violation.bytes().apply(peer), peer.text("never processed", true));

        // §7.1.7: a close frame with the code, then the TCP connection is closed, on either side.
        Close sent = closeOf(peer.readOne(c));
        assertEquals(violation.code(), sent.code(), sent.toString());
        assertTrue(sent.reason().length() > 0, "the reason says what was wrong");
        assertEquals(sent, c.closeSent());
        assertEquals(State.CLOSING, c.state());
        assertTrue(c.closeTransport());
        assertTrue(c.closeExpected());
        assertEquals(T0 + 1 + seconds(10), c.nextDeadline());
        c.eventsReceived().forEach(e -> assertInstanceOf(Event.DataFrame.class, e, "no event from the bad frame or after it"));

        // Nothing from the peer is processed any more, not even its answering close.
        ByteBuffer more = ByteBuffer.wrap(Peer.concat(peer.text("more", true), peer.ping("p"), peer.close(1000, "")));
        c.receiveData(more, T0 + 2);
        assertFalse(more.hasRemaining());
        assertTrue(c.eventsReceived().isEmpty());
        assertTrue(c.dataToSend().isEmpty());

        c.receiveEof(T0 + 3);
        assertEquals(State.CLOSED, c.state());
        assertEquals(1006, c.closeCode(), "§7.1.5: no close frame was received");
        ConnectionClosed e = c.closeException();
        assertInstanceOf(ConnectionClosedError.class, e);
        WebSocketException cause = assertInstanceOf(WebSocketException.class, e.getCause());
        int causeCode = cause instanceof ProtocolError p ? p.closeCode() : ((PayloadTooBig) cause).closeCode();
        assertEquals(violation.code(), causeCode);
        if (violation.code() == 1007) {
            assertInstanceOf(InvalidUtf8.class, cause);
        }
        assertEquals(Connection.reasonFor(cause.getMessage()), sent.reason());
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void failureWhileClosingSendsNoSecondClose(Role role) {
        Connection c = Peer.open(role);
        Peer peer = new Peer(role);
        c.sendClose(1000, "bye", T0);
        peer.read(c);
        feed(c, T0 + seconds(3), peer.continuation("x", true));
        assertTrue(c.dataToSend().isEmpty());
        assertTrue(c.closeTransport());
        assertEquals(State.CLOSING, c.state());
        assertEquals(T0 + seconds(13), c.nextDeadline());
        assertEquals(new Close(1000, "bye"), c.closeSent());
        c.receiveEof(T0);
        assertInstanceOf(ProtocolError.class, c.closeException().getCause());
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void applicationFail(Role role) {
        Connection c = Peer.open(role);
        Peer peer = new Peer(role);
        c.fail(1008, "policy", T0);
        assertEquals(new Close(1008, "policy"), closeOf(peer.readOne(c)));
        assertEquals(State.CLOSING, c.state());
        assertTrue(c.closeTransport());
        feed(c, peer.close(1008, ""));
        assertTrue(c.eventsReceived().isEmpty(), "§7.1.7: not even the answering close is processed");
        c.fail(1011, "again", T0); // already failing: nothing more
        assertTrue(c.dataToSend().isEmpty());
        c.receiveEof(T0);
        assertEquals(1006, c.closeCode());
        assertNull(c.closeException().getCause());
        c.fail(1000, "", T0); // closed: ignored
        assertEquals(State.CLOSED, c.state());
    }

    @Test
    void failWith1006SendsNoFrame() {
        Connection c = Peer.open(Role.SERVER);
        c.fail(1006, "connection reset", T0);
        assertTrue(c.dataToSend().isEmpty());
        assertNull(c.closeSent());
        assertEquals(State.CLOSING, c.state());
        assertTrue(c.closeTransport());
        c.receiveEof(T0);
        assertEquals(1006, c.closeCode());
    }

    @Test
    void failValidatesItsArguments() {
        Connection c = Peer.open(Role.CLIENT);
        assertThrows(IllegalArgumentException.class, () -> c.fail(1005, "", T0));
        assertThrows(IllegalArgumentException.class, () -> c.fail(999, "", T0));
        assertThrows(IllegalArgumentException.class, () -> c.fail(1011, "é".repeat(62), T0));
        assertEquals(State.OPEN, c.state());
        c.fail(1011, null, T0);
        assertEquals(new Close(1011, ""), c.closeSent());
    }

    @Test
    void dataFramesBeforeTheViolationAreDelivered() {
        Connection c = Peer.open(Role.SERVER);
        Peer peer = new Peer(Role.SERVER);
        feed(c, peer.text("good", true), peer.text("start", false), peer.ping("p"), peer.raw(0x83, new byte[0]));
        assertEquals(3, c.eventsReceived().size());
        List<Frame> sent = peer.read(c);
        assertEquals(2, sent.size(), "the pong, then the close: " + sent);
        assertEquals(1002, closeOf(sent.get(1)).code());
    }

    @Test
    void longErrorMessagesAreCutToFitTheCloseFrame() {
        assertEquals("", Connection.reasonFor(null));
        assertEquals("short", Connection.reasonFor("short"));
        String ascii = "a".repeat(200);
        assertEquals(123, Connection.reasonFor(ascii).length());
        String twoByte = "é".repeat(100); // 200 bytes: 61 characters fit
        assertEquals("é".repeat(61), Connection.reasonFor(twoByte));
        String fourByte = "x" + "\uD83D\uDE00".repeat(40); // 1 + 4n bytes: 30 emoji fit in 121
        assertEquals("x" + "\uD83D\uDE00".repeat(30), Connection.reasonFor(fourByte));
        assertEquals("a?b", Connection.reasonFor("a\uD800b"), "an unpaired surrogate cannot be encoded");
        Close.serialize(1002, Connection.reasonFor(fourByte));
    }

    @Test
    void anErrorFromTheReaderIsReportedOnce() {
        Connection c = Peer.open(Role.CLIENT);
        Peer peer = new Peer(Role.CLIENT);
        feed(c, peer.raw(0x83, new byte[0]));
        ProtocolError first = (ProtocolError) failureCause(c);
        assertSame(first, failureCause(c));
    }

    private static Throwable failureCause(Connection c) {
        if (c.state() != State.CLOSED) {
            c.receiveEof(T0);
        }
        return c.closeException().getCause();
    }
}
