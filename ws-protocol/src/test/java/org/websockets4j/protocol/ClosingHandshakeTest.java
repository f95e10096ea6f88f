package org.websockets4j.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.websockets4j.protocol.Peer.T0;
import static org.websockets4j.protocol.Peer.closeOf;
import static org.websockets4j.protocol.Peer.feed;
import static org.websockets4j.protocol.Peer.seconds;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.websockets4j.framing.Close;
import org.websockets4j.framing.Frame;
import org.websockets4j.framing.Opcode;
import org.websockets4j.framing.Role;
import org.websockets4j.http.InvalidState;

/** The closing handshake on both sides, in both orders, with the TCP rules of RFC 6455 §7.1.1. */
class ClosingHandshakeTest {
    private static final long CLOSE_TIMEOUT = seconds(10);

    private static void assertStep(Connection c, State state, boolean closeTransport, boolean closeExpected) {
        assertEquals(state, c.state(), "state");
        assertEquals(closeTransport, c.closeTransport(), "closeTransport");
        assertEquals(closeExpected, c.closeExpected(), "closeExpected");
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void weCloseFirst(Role role) {
        Connection c = Peer.open(role);
        Peer peer = new Peer(role);
        assertStep(c, State.OPEN, false, false);

        c.sendClose(1000, "bye", T0 + 1);
        assertStep(c, State.CLOSING, false, true);
        assertEquals(new Close(1000, "bye"), closeOf(peer.readOne(c)));
        assertEquals(new Close(1000, "bye"), c.closeSent());
        assertEquals(T0 + 1 + CLOSE_TIMEOUT, c.nextDeadline());

        // RFC 6455 §1.4: the peer may still send data until its own close frame.
        feed(c, T0 + 2, peer.text("still here", true));
        assertEquals("TEXT fin " + hex("still here") + "\n", Peer.describe(c.eventsReceived()));

        feed(c, T0 + 3, peer.close(1000, "ok"));
        assertEquals(List.of(new Event.CloseReceived(new Close(1000, "ok"))), c.eventsReceived());
        assertTrue(c.dataToSend().isEmpty(), "our close frame is already out: no second one");
        // The handshake is complete: the server closes TCP, the client waits for it to.
        assertStep(c, State.CLOSING, role == Role.SERVER, true);
        assertEquals(T0 + 3 + CLOSE_TIMEOUT, c.nextDeadline(), "a new close timeout for the TCP close");
        assertEquals(0, c.closeCode());
        assertNull(c.closeReason());

        c.receiveEof(T0 + 4);
        assertStep(c, State.CLOSED, true, false);
        assertEquals(1000, c.closeCode());
        assertEquals("ok", c.closeReason());
        assertEquals(Long.MAX_VALUE, c.nextDeadline());
        ConnectionClosed e = c.closeException();
        assertInstanceOf(ConnectionClosedOK.class, e);
        assertEquals(1000, e.code());
        assertEquals("ok", e.reason());
        assertTrue(c.dataToSend().isEmpty());
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void peerClosesFirst(Role role) {
        Connection c = Peer.open(role);
        Peer peer = new Peer(role);
        feed(c, T0 + 5, peer.close(1001, "going away now"));
        assertEquals(List.of(new Event.CloseReceived(new Close(1001, "going away now"))), c.eventsReceived());
        // §5.5.1: the answer echoes the status code.
        assertEquals(new Close(1001, ""), closeOf(peer.readOne(c)));
        assertEquals(new Close(1001, ""), c.closeSent());
        assertEquals(new Close(1001, "going away now"), c.closeReceived());
        assertStep(c, State.CLOSING, role == Role.SERVER, true);
        assertEquals(T0 + 5 + CLOSE_TIMEOUT, c.nextDeadline());

        c.receiveEof(T0 + 6);
        assertStep(c, State.CLOSED, true, false);
        assertEquals(1001, c.closeCode());
        assertEquals("going away now", c.closeReason());
        assertInstanceOf(ConnectionClosedOK.class, c.closeException());
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void errorCodeInTheCloseFrameMakesConnectionClosedError(Role role) {
        Connection c = Peer.open(role);
        Peer peer = new Peer(role);
        feed(c, peer.close(4001, "custom"));
        assertEquals(new Close(4001, ""), closeOf(peer.readOne(c)));
        c.receiveEof(T0);
        ConnectionClosed e = c.closeException();
        assertInstanceOf(ConnectionClosedError.class, e);
        assertEquals(4001, e.code());
        assertEquals("custom", e.reason());
        assertEquals("code = 4001 (private use), reason = custom", e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void emptyCloseIsAnsweredWithAnEmptyCloseAndMeans1005(Role role) {
        Connection c = Peer.open(role);
        Peer peer = new Peer(role);
        feed(c, peer.emptyClose());
        assertEquals(List.of(new Event.CloseReceived(Close.NO_STATUS)), c.eventsReceived());
        Frame answer = peer.readOne(c);
        assertEquals(Opcode.CLOSE, answer.opcode());
        assertEquals(0, answer.length());
        assertEquals(Close.NO_STATUS, c.closeSent());
        c.receiveEof(T0);
        assertEquals(1005, c.closeCode());
        assertEquals("", c.closeReason());
        assertInstanceOf(ConnectionClosedError.class, c.closeException());
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void sendCloseWithoutStatusSendsAnEmptyClose(Role role) {
        Connection c = Peer.open(role);
        Peer peer = new Peer(role);
        c.sendClose(T0);
        Frame sent = peer.readOne(c);
        assertEquals(Opcode.CLOSE, sent.opcode());
        assertEquals(0, sent.length());
        assertEquals(Close.NO_STATUS, c.closeSent());
        feed(c, peer.emptyClose());
        c.receiveEof(T0);
        assertEquals(1005, c.closeCode());
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void eofWhileOpenIsAbnormalClosure(Role role) {
        Connection c = Peer.open(role);
        c.receiveEof(T0);
        assertStep(c, State.CLOSED, true, false);
        assertTrue(c.dataToSend().isEmpty(), "1006 is never sent");
        assertEquals(1006, c.closeCode());
        assertEquals("", c.closeReason());
        ConnectionClosed e = c.closeException();
        assertInstanceOf(ConnectionClosedError.class, e);
        assertEquals("code = 1006 (connection closed abnormally [internal]), no reason", e.getMessage());
        assertNull(e.getCause());
        c.receiveEof(T0); // harmless
        assertEquals(State.CLOSED, c.state());
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void eofInTheMiddleOfAFrameIsAbnormalClosure(Role role) {
        Connection c = Peer.open(role);
        Peer peer = new Peer(role);
        byte[] frame = peer.text("cut short", true);
        c.receiveData(ByteBuffer.wrap(frame, 0, frame.length - 2), T0);
        assertTrue(c.eventsReceived().isEmpty());
        c.receiveEof(T0);
        assertEquals(1006, c.closeCode());
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void eofAfterOurCloseWithoutTheirsIs1006(Role role) {
        Connection c = Peer.open(role);
        c.sendClose(1000, "", T0);
        c.receiveEof(T0 + 1);
        assertStep(c, State.CLOSED, true, false);
        assertEquals(1006, c.closeCode());
        assertInstanceOf(ConnectionClosedError.class, c.closeException());
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void nothingAfterTheCloseFrameIsProcessed(Role role) {
        Connection c = Peer.open(role);
        Peer peer = new Peer(role);
        // In the same read as the close frame, then in a later one.
        feed(c, peer.close(1000, ""), peer.text("after", true), peer.ping("p"), peer.raw(0x83, new byte[0]));
        feed(c, peer.binary(new byte[] {1}, true), peer.close(1002, "again"));
        assertEquals(List.of(new Event.CloseReceived(new Close(1000, ""))), c.eventsReceived());
        List<Frame> sent = peer.read(c);
        assertEquals(1, sent.size(), "only the close answer; the ping is not answered: " + sent);
        assertEquals(State.CLOSING, c.state());
        c.receiveEof(T0);
        assertEquals(1000, c.closeCode());
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void closeInsideAFragmentedMessageAbandonsIt(Role role) {
        Connection c = Peer.open(role);
        Peer peer = new Peer(role);
        // §5.4: control frames may come between fragments, the close frame included.
        feed(c, peer.text("part", false), peer.close(1000, "stop"), peer.continuation("rest", true));
        List<Event> events = c.eventsReceived();
        assertEquals(2, events.size());
        assertEquals(new Event.CloseReceived(new Close(1000, "stop")), events.get(1));
        assertEquals(new Close(1000, ""), closeOf(peer.readOne(c)));
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void sendsAfterAnOkCloseThrowConnectionClosedOK(Role role) {
        Connection c = Peer.open(role);
        Peer peer = new Peer(role);
        c.sendClose(1000, "done", T0);
        feed(c, peer.close(1000, "done too"));
        c.receiveEof(T0);
        c.dataToSend();
        for (Runnable send : everySend(c)) {
            ConnectionClosedOK e = assertThrows(ConnectionClosedOK.class, send::run);
            assertEquals(1000, e.code());
            assertEquals("done too", e.reason());
        }
        assertTrue(c.dataToSend().isEmpty());
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void sendsAfterAnAbnormalCloseThrowConnectionClosedError(Role role) {
        Connection c = Peer.open(role);
        c.receiveEof(T0);
        for (Runnable send : everySend(c)) {
            ConnectionClosedError e = assertThrows(ConnectionClosedError.class, send::run);
            assertEquals(1006, e.code());
            assertEquals("", e.reason());
        }
    }

    private static List<Runnable> everySend(Connection c) {
        return List.of(
                () -> c.sendText("x", true),
                () -> c.sendText(ByteBuffer.allocate(1), true),
                () -> c.sendBinary(ByteBuffer.allocate(1), true),
                () -> c.sendContinuation(ByteBuffer.allocate(1), true),
                () -> c.sendPing(null),
                () -> c.sendPong(null),
                () -> c.sendClose(1000, "", T0),
                () -> c.sendClose(T0));
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void dataSendsWhileClosingAreInvalidState(Role role) {
        Connection c = Peer.open(role);
        c.sendBinary(ByteBuffer.allocate(3), false); // a fragmented message in progress does not matter
        c.sendClose(1000, "", T0);
        c.dataToSend();
        InvalidState e = assertThrows(InvalidState.class, () -> c.sendText("x", true));
        assertEquals("cannot send a TEXT frame: the connection is closing (a close frame was sent)", e.getMessage());
        assertThrows(InvalidState.class, () -> c.sendBinary(ByteBuffer.allocate(1), true));
        assertThrows(InvalidState.class, () -> c.sendContinuation(ByteBuffer.allocate(1), true));
        InvalidState twice = assertThrows(InvalidState.class, () -> c.sendClose(1000, "", T0));
        assertEquals("the closing handshake already started: a close frame was sent", twice.getMessage());
        assertThrows(InvalidState.class, () -> c.sendClose(T0));
        assertTrue(c.dataToSend().isEmpty());
        assertEquals(State.CLOSING, c.state());
    }

    @Test
    void controlFramesMayStillBeSentWhileWaitingForTheClose() {
        Connection c = Peer.open(Role.CLIENT);
        Peer peer = new Peer(Role.CLIENT);
        c.sendClose(1000, "", T0);
        c.sendPing(ByteBuffer.wrap(new byte[] {7}));
        c.sendPong(null);
        assertEquals(List.of(Opcode.CLOSE, Opcode.PING, Opcode.PONG), peer.read(c).stream().map(Frame::opcode).toList());
    }

    @Test
    void noFrameAfterTheServerClosedTcp() {
        Connection c = Peer.open(Role.SERVER);
        Peer peer = new Peer(Role.SERVER);
        feed(c, peer.close(1000, ""));
        assertTrue(c.closeTransport());
        InvalidState e = assertThrows(InvalidState.class, () -> c.sendPing(null));
        assertEquals("cannot send a PING: the TCP connection is closing", e.getMessage());
        assertThrows(InvalidState.class, () -> c.sendPong(null));
    }

    @Test
    void sendCloseValidatesBeforeChangingAnything() {
        Connection c = Peer.open(Role.SERVER);
        assertThrows(IllegalArgumentException.class, () -> c.sendClose(1005, "", T0));
        assertThrows(IllegalArgumentException.class, () -> c.sendClose(1006, "", T0));
        assertThrows(IllegalArgumentException.class, () -> c.sendClose(999, "", T0));
        assertThrows(IllegalArgumentException.class, () -> c.sendClose(1000, "x".repeat(124), T0));
        assertThrows(IllegalArgumentException.class, () -> c.sendClose(1000, "\ud800", T0));
        assertEquals(State.OPEN, c.state());
        assertTrue(c.dataToSend().isEmpty());
        c.sendClose(1000, "x".repeat(123), T0);
        assertEquals(State.CLOSING, c.state());
    }

    @Test
    void nullReasonIsEmpty() {
        Connection c = Peer.open(Role.SERVER);
        Peer peer = new Peer(Role.SERVER);
        c.sendClose(1000, null, T0);
        assertEquals(new Close(1000, ""), closeOf(peer.readOne(c)));
    }

    @Test
    void closeCodeAndExceptionBeforeClosed() {
        Connection c = Peer.open(Role.CLIENT);
        assertEquals(0, c.closeCode());
        assertNull(c.closeReason());
        assertNull(c.closeSent());
        assertNull(c.closeReceived());
        InvalidState e = assertThrows(InvalidState.class, c::closeException);
        assertEquals("the connection is not closed yet (state OPEN)", e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void dataReceivedAfterClosedIsDiscarded(Role role) {
        Connection c = Peer.open(role);
        Peer peer = new Peer(role);
        c.receiveEof(T0);
        ByteBuffer in = ByteBuffer.wrap(peer.text("late", true));
        c.receiveData(in, T0);
        assertFalse(in.hasRemaining(), "consumed");
        assertTrue(c.eventsReceived().isEmpty());
    }

    @Test
    void connectingState() {
        Connection c = new Connection(Role.CLIENT, State.CONNECTING, Peer.quiet(), List.of(), null, T0);
        Peer peer = new Peer(Role.CLIENT);
        assertEquals(State.CONNECTING, c.state());
        assertFalse(c.closeExpected());
        assertThrows(InvalidState.class, () -> c.receiveData(ByteBuffer.wrap(peer.text("x", true)), T0));
        InvalidState e = assertThrows(InvalidState.class, () -> c.sendText("x", true));
        assertEquals("cannot send a TEXT frame before the opening handshake completes (state CONNECTING)", e.getMessage());
        assertThrows(InvalidState.class, () -> c.sendBinary(ByteBuffer.allocate(1), true));
        assertThrows(InvalidState.class, () -> c.sendContinuation(ByteBuffer.allocate(1), true));
        assertThrows(InvalidState.class, () -> c.sendPing(null));
        assertThrows(InvalidState.class, () -> c.sendPong(null));
        assertThrows(InvalidState.class, () -> c.sendClose(1000, "", T0));
        assertTrue(c.dataToSend().isEmpty());

        c.open(T0 + 1);
        assertEquals(State.OPEN, c.state());
        InvalidState again = assertThrows(InvalidState.class, () -> c.open(T0));
        assertEquals("open() is for a CONNECTING connection; this one is OPEN", again.getMessage());
        feed(c, peer.text("now", true));
        assertEquals(1, c.eventsReceived().size());
    }

    @Test
    void failingWhileConnectingClosesAtOnceWithoutAFrame() {
        Connection c = new Connection(Role.SERVER, State.CONNECTING, Peer.quiet(), List.of(), null, T0);
        c.fail(1002, "bad handshake", T0);
        assertEquals(State.CLOSED, c.state());
        assertTrue(c.closeTransport());
        assertTrue(c.dataToSend().isEmpty());
        assertEquals(1006, c.closeCode());
    }

    @Test
    void eofWhileConnecting() {
        Connection c = new Connection(Role.CLIENT, State.CONNECTING, Peer.quiet(), List.of(), null, T0);
        c.receiveEof(T0);
        assertEquals(State.CLOSED, c.state());
        assertEquals(1006, c.closeCode());
        assertThrows(InvalidState.class, () -> c.open(T0));
    }

    @Test
    void aConnectionStartsConnectingOrOpen() {
        for (State state : List.of(State.CLOSING, State.CLOSED)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new Connection(Role.SERVER, state, Peer.quiet(), List.of(), null, T0));
            assertEquals("a connection starts CONNECTING or OPEN, not " + state, e.getMessage());
        }
        assertEquals(State.OPEN, new Connection(Role.CLIENT, T0).state());
        assertEquals(Role.CLIENT, new Connection(Role.CLIENT, T0).role());
        assertEquals(ConnectionOptions.defaults(), new Connection(Role.CLIENT, T0).options());
    }

    private static String hex(String text) {
        return java.util.HexFormat.of().formatHex(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
