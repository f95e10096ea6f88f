package org.websockets4j.examples.conformance;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.websockets4j.framing.Frame;
import org.websockets4j.framing.ExtensionCodec;
import org.websockets4j.framing.Opcode;
import org.websockets4j.framing.ProtocolError;

/**
 * A permessage-deflate decoder for the raw client, written straight on zlib ({@link Inflater}) so
 * that the server's compressed frames are checked by something other than the code under test.
 * Context takeover is assumed (one inflater for the connection); it counts the messages that
 * arrived compressed. Sending is left to the tests, which build their compressed frames by hand.
 */
final class ZlibInflateCodec implements ExtensionCodec {
    private static final byte[] TAIL = {0, 0, (byte) 0xff, (byte) 0xff};

    private final Inflater inflater = new Inflater(true);
    private boolean inCompressedMessage;
    private int compressedMessages;

    @Override
    public String name() {
        return "permessage-deflate";
    }

    @Override
    public int reservedBits() {
        return Frame.RSV1;
    }

    @Override
    public Frame encode(Frame frame) {
        return frame;
    }

    @Override
    public Frame decode(Frame frame, long maxSize) {
        if (frame.opcode().isControl()) {
            return frame;
        }
        if (frame.opcode() != Opcode.CONTINUATION) {
            inCompressedMessage = frame.rsv1();
        }
        if (!inCompressedMessage) {
            return frame;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        inflate(frame.payloadBytes(), out);
        if (frame.fin()) {
            inflate(TAIL, out);
            compressedMessages++;
        }
        return new Frame(frame.fin(), false, frame.rsv2(), frame.rsv3(), frame.opcode(), ByteBuffer.wrap(out.toByteArray()));
    }

    private void inflate(byte[] input, ByteArrayOutputStream out) {
        inflater.setInput(input);
        byte[] buffer = new byte[8192];
        try {
            while (true) {
                int n = inflater.inflate(buffer);
                out.write(buffer, 0, n);
                if (n == 0 && (inflater.needsInput() || inflater.finished())) {
                    return;
                }
            }
        } catch (DataFormatException e) {
            throw new ProtocolError("the server sent corrupt compressed data: " + e.getMessage());
        }
    }

    /** How many whole messages arrived compressed. */
    int compressedMessages() {
        return compressedMessages;
    }
}
