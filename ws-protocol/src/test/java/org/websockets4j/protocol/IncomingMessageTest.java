package org.websockets4j.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.websockets4j.framing.Frame;
import org.websockets4j.framing.FrameReader;
import org.websockets4j.framing.InvalidUtf8;
import org.websockets4j.framing.Opcode;
import org.websockets4j.framing.PayloadTooBig;
import org.websockets4j.framing.ProtocolError;
import org.websockets4j.framing.Role;

/** The receive side's per-message checks, fed frames directly. */
class IncomingMessageTest {
    private final FrameReader reader = new FrameReader(Role.SERVER, FrameReader.NO_LIMIT, List.of());

    private IncomingMessage incoming(long maxSize, long maxFragments, long maxFrameSize) {
        ConnectionOptions options = ConnectionOptions.builder()
                .maxSize(maxSize).maxFragments(maxFragments).maxFrameSize(maxFrameSize).build();
        return new IncomingMessage(reader, options, true);
    }

    private static Frame frame(boolean fin, Opcode opcode, byte[] payload) {
        return new Frame(fin, opcode, ByteBuffer.wrap(payload));
    }

    private static Frame frame(boolean fin, Opcode opcode, int length) {
        return frame(fin, opcode, new byte[length]);
    }

    @Test
    void aContinuationReportsTheTypeOfTheMessageItContinues() {
        IncomingMessage incoming = incoming(1000, 10, ConnectionOptions.NO_LIMIT);
        assertEquals(Opcode.BINARY, incoming.accept(frame(false, Opcode.BINARY, 3)));
        assertTrue(incoming.inProgress());
        assertEquals(Opcode.BINARY, incoming.accept(frame(true, Opcode.CONTINUATION, 3)));
        assertFalse(incoming.inProgress());
    }

    @Test
    void framesOutOfOrderAreProtocolErrors() {
        IncomingMessage incoming = incoming(1000, 10, ConnectionOptions.NO_LIMIT);
        assertThrows(ProtocolError.class, () -> incoming.accept(frame(true, Opcode.CONTINUATION, 1)));
        incoming.accept(frame(false, Opcode.TEXT, 1));
        assertThrows(ProtocolError.class, () -> incoming.accept(frame(true, Opcode.BINARY, 1)));
    }

    @Test
    void maxSizeCountsTheWholeMessageAndStartsAgainAfterIt() {
        IncomingMessage incoming = incoming(10, 10, ConnectionOptions.NO_LIMIT);
        incoming.accept(frame(false, Opcode.BINARY, 6));
        PayloadTooBig e = assertThrows(PayloadTooBig.class, () -> incoming.accept(frame(true, Opcode.CONTINUATION, 5)));
        assertEquals(11, e.size());
        assertEquals(10, e.maxSize());

        IncomingMessage fresh = incoming(10, 10, ConnectionOptions.NO_LIMIT);
        fresh.accept(frame(true, Opcode.BINARY, 10));
        fresh.accept(frame(true, Opcode.BINARY, 10)); // a new message, a new budget
    }

    @Test
    void maxFragmentsCountsFrames() {
        IncomingMessage incoming = incoming(1000, 2, ConnectionOptions.NO_LIMIT);
        incoming.accept(frame(false, Opcode.BINARY, 1));
        incoming.accept(frame(false, Opcode.CONTINUATION, 1));
        assertThrows(PayloadTooBig.class, () -> incoming.accept(frame(true, Opcode.CONTINUATION, 1)));
    }

    @Test
    void aStreamedMessageIsBoundOnlyByTheFrameLimitUntilItsLastFrame() {
        IncomingMessage incoming = incoming(10, 1, 8);
        incoming.stream(true);
        incoming.accept(frame(false, Opcode.BINARY, 8));
        incoming.accept(frame(false, Opcode.CONTINUATION, 8));
        assertThrows(PayloadTooBig.class, () -> incoming.accept(frame(false, Opcode.CONTINUATION, 9)));
        incoming.accept(frame(true, Opcode.CONTINUATION, 8));
        assertThrows(PayloadTooBig.class, () -> incoming.accept(frame(false, Opcode.BINARY, 11))); // streaming ended
    }

    @Test
    void theReaderIsToldTheBudgetLeftButNeverLessThanAControlFrame() {
        IncomingMessage incoming = incoming(1000, 10, ConnectionOptions.NO_LIMIT);
        assertEquals(1000, reader.maxPayloadSize(), "from the start");
        incoming.limitNextFrame();
        assertEquals(1000, reader.maxPayloadSize());
        incoming.accept(frame(false, Opcode.BINARY, 900));
        incoming.limitNextFrame();
        assertEquals(125, reader.maxPayloadSize());
    }

    @Test
    void textIsValidatedAcrossFrameBoundaries() {
        byte[] euro = "\u20ac".getBytes(StandardCharsets.UTF_8); // three bytes
        IncomingMessage incoming = incoming(1000, 10, ConnectionOptions.NO_LIMIT);
        incoming.accept(frame(false, Opcode.TEXT, new byte[] {euro[0], euro[1]}));
        incoming.accept(frame(true, Opcode.CONTINUATION, new byte[] {euro[2]}));

        incoming.accept(frame(false, Opcode.TEXT, new byte[] {euro[0]}));
        assertThrows(InvalidUtf8.class, () -> incoming.accept(frame(true, Opcode.CONTINUATION, new byte[] {'a'})));
    }

    @Test
    void aTextMessageCutShortIsInvalid() {
        byte[] euro = "\u20ac".getBytes(StandardCharsets.UTF_8);
        IncomingMessage incoming = incoming(1000, 10, ConnectionOptions.NO_LIMIT);
        assertThrows(InvalidUtf8.class, () -> incoming.accept(frame(true, Opcode.TEXT, new byte[] {euro[0], euro[1]})));
    }
}
