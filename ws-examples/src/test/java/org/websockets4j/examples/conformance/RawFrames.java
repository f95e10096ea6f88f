package org.websockets4j.examples.conformance;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * What the raw peers ({@link RawClient}, {@link RawServer}) share: opcodes as numbers, frames built
 * byte by byte (so that malformed ones can be written too), and reading an HTTP head off a socket.
 */
final class RawFrames {
    static final int CONTINUATION = 0x0;
    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;

    /** The masking key of every masked frame built here (and of {@link RawClient}'s frame writer). */
    static final int MASK_KEY = 0x37FA213D;

    private RawFrames() {
    }

    /**
     * Builds a frame's bytes with any first byte (FIN, RSV bits, opcode as given), masked with
     * {@link #MASK_KEY} or not; {@code long16} forces the 16-bit length form whatever the length.
     */
    static byte[] frameBytes(boolean fin, int rsv, int opcode, byte[] payload, boolean masked, boolean long16) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write((fin ? 0x80 : 0) | rsv | opcode);
        writeLength(frame, payload.length, masked, long16);
        if (masked) {
            writeKey(frame);
            for (int i = 0; i < payload.length; i++) {
                frame.write(payload[i] ^ (MASK_KEY >>> (24 - 8 * (i & 3))));
            }
        } else {
            frame.writeBytes(payload);
        }
        return frame.toByteArray();
    }

    /** Only the header (with masking key) of a masked frame announcing {@code length} bytes. */
    static byte[] headerOnly(boolean fin, int opcode, long length) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(14);
        frame.write((fin ? 0x80 : 0) | opcode);
        writeLength(frame, length, true, false);
        writeKey(frame);
        return frame.toByteArray();
    }

    private static void writeLength(ByteArrayOutputStream frame, long length, boolean masked, boolean long16) {
        int maskBit = masked ? 0x80 : 0;
        if (length < 126 && !long16) {
            frame.write(maskBit | (int) length);
        } else if (length <= 0xFFFF) {
            frame.write(maskBit | 126);
            frame.write((int) (length >>> 8));
            frame.write((int) length);
        } else {
            frame.write(maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) (length >>> shift));
            }
        }
    }

    private static void writeKey(ByteArrayOutputStream frame) {
        frame.write(MASK_KEY >>> 24);
        frame.write(MASK_KEY >>> 16);
        frame.write(MASK_KEY >>> 8);
        frame.write(MASK_KEY);
    }

    /**
     * Reads an HTTP head, up to and including CRLFCRLF, byte by byte so that nothing after it is
     * consumed.
     *
     * @param what "request" or "response", for the message when the stream ends inside the head
     */
    static String readHead(InputStream in, String what) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("end of stream inside the " + what + " head: " + head);
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }
}
