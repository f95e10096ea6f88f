package org.websockets4j.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.websockets4j.protocol.Peer.T0;
import static org.websockets4j.protocol.Peer.closeOf;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.websockets4j.framing.ExtensionCodec;
import org.websockets4j.framing.Frame;
import org.websockets4j.framing.FrameReader;
import org.websockets4j.framing.FrameWriter;
import org.websockets4j.framing.Opcode;
import org.websockets4j.framing.Role;
import org.websockets4j.framing.WebSocketException;

/** Negotiated extensions run on every frame in and out (a toy extension, no mocking). */
class ExtensionCodecTest {
    /** Inverts data payloads and marks them with RSV1. */
    static final class Invert implements ExtensionCodec {
        boolean broken;
        boolean outOfMemory;

        @Override
        public String name() {
            return "x-invert";
        }

        @Override
        public int reservedBits() {
            return Frame.RSV1;
        }

        @Override
        public Frame encode(Frame frame) {
            return frame.opcode().isData() ? invert(frame).withRsvBits(Frame.RSV1) : frame;
        }

        @Override
        public Frame decode(Frame frame, long maxSize) {
            if (broken) {
                throw new IllegalStateException("codec bug");
            }
            if (outOfMemory) {
                throw new OutOfMemoryError("Java heap space (as inflating past what the heap holds)");
            }
            return frame.rsv1() ? invert(frame).withRsvBits(0) : frame;
        }

        private static Frame invert(Frame frame) {
            ByteBuffer in = frame.payload();
            ByteBuffer out = ByteBuffer.allocate(in.remaining());
            for (int i = in.position(); i < in.limit(); i++) {
                out.put((byte) ~in.get(i));
            }
            return frame.withPayload(out.flip());
        }
    }

    @Test
    void framesPassThroughTheCodecBothWays() {
        Connection c = new Connection(Role.SERVER, Peer.quiet(), List.of(new Invert()), null, T0);
        FrameWriter clientWriter = new FrameWriter(Role.CLIENT, () -> Peer.KEY, List.of(new Invert()));
        byte[] wire = clientWriter.toBytes(new Frame(true, Opcode.TEXT, Peer.utf8("hi")));
        assertEquals(0xC1, wire[0] & 0xFF, "RSV1 on the wire");
        c.receiveData(ByteBuffer.wrap(wire), T0);
        assertEquals("TEXT fin 6869\n", Peer.describe(c.eventsReceived()));

        c.sendText("ok", true);
        c.sendPing(ByteBuffer.wrap(new byte[] {1}));
        List<ByteBuffer> out = c.dataToSend();
        assertEquals(0xC1, out.get(0).get(0) & 0xFF);
        FrameReader clientReader = new FrameReader(Role.CLIENT, FrameReader.NO_LIMIT, List.of(new Invert()));
        ByteBuffer all = ByteBuffer.wrap(Peer.concat(out.stream().map(Peer::remaining).toArray(byte[][]::new)));
        assertEquals("ok", Peer.string(clientReader.read(all).payload()));
        assertEquals(Opcode.PING, clientReader.read(all).opcode());
    }

    @Test
    void aCodecThatBreaksItsContractFailsTheConnectionWith1011() {
        Invert codec = new Invert();
        Connection c = new Connection(Role.CLIENT, Peer.quiet(), List.of(codec), null, T0);
        Peer peer = new Peer(Role.CLIENT);
        codec.broken = true;
        Peer.feed(c, peer.text("x", true), peer.text("y", true));
        assertTrue(c.eventsReceived().isEmpty());
        assertEquals(1011, closeOf(peer.readOne(c)).code());
        assertTrue(c.closeTransport());
        Peer.feed(c, peer.text("z", true)); // discarded, no IllegalStateException from the failed reader
        c.receiveEof(T0);
        WebSocketException cause = assertInstanceOf(WebSocketException.class, c.closeException().getCause());
        assertInstanceOf(IllegalStateException.class, cause.getCause());
    }

    @Test
    void runningOutOfMemoryDecodingAFrameFailsThatConnectionWith1011() {
        Invert codec = new Invert();
        Connection c = new Connection(Role.SERVER, Peer.quiet(), List.of(codec), null, T0);
        Peer peer = new Peer(Role.SERVER);
        codec.outOfMemory = true;
        Peer.feed(c, peer.text("x", true));
        assertEquals(1011, closeOf(peer.readOne(c)).code(), "the peer is told, not left with a bare end of stream");
        c.receiveEof(T0);
        WebSocketException cause = assertInstanceOf(WebSocketException.class, c.closeException().getCause());
        assertInstanceOf(OutOfMemoryError.class, cause.getCause());
    }
}
