package org.websockets4j.framing;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One WebSocket frame: the FIN bit, the three reserved bits, the opcode and the payload (RFC 6455
 * §5.2). The mask bit, payload length and masking key are not part of it: {@link FrameReader}
 * and {@link FrameWriter} handle them on the fly.
 *
 * <p>The payload is the bytes from the buffer's position to its limit. A frame does not copy its
 * payload, so it is only as immutable as that buffer: whoever builds a frame hands the buffer
 * over, and {@link FrameWriter} masks it in place. {@link #equals} and {@link #hashCode} compare
 * payload contents.
 *
 * @param fin     true on the last (or only) frame of a message
 * @param rsv1    reserved bit 1, meaningful only when an extension claims it (permessage-deflate)
 * @param rsv2    reserved bit 2
 * @param rsv3    reserved bit 3
 * @param opcode  the opcode
 * @param payload the payload data, from its position to its limit
 */
public record Frame(boolean fin, boolean rsv1, boolean rsv2, boolean rsv3, Opcode opcode, ByteBuffer payload) {
    /** The bit of {@link #rsv1()} in the first header byte, as used in {@link #rsvBits()} and {@link ExtensionCodec#reservedBits()}. */
    public static final int RSV1 = 0x40;
    /** The bit of {@link #rsv2()} in the first header byte. */
    public static final int RSV2 = 0x20;
    /** The bit of {@link #rsv3()} in the first header byte. */
    public static final int RSV3 = 0x10;
    /** The largest payload a control frame may carry. */
    public static final int MAX_CONTROL_PAYLOAD = 125;

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0).asReadOnlyBuffer();

    /**
     * A frame with every bit as given; nothing but nulls is checked here ({@link #check()} checks
     * the rules).
     *
     * @throws NullPointerException when {@code opcode} or {@code payload} is null
     */
    public Frame {
        Objects.requireNonNull(opcode, "opcode");
        Objects.requireNonNull(payload, "payload");
    }

    /**
     * A frame with no reserved bit set.
     *
     * @param fin     true on the last (or only) frame of a message
     * @param opcode  the opcode
     * @param payload the payload, from its position to its limit (not copied)
     */
    public Frame(boolean fin, Opcode opcode, ByteBuffer payload) {
        this(fin, false, false, false, opcode, payload);
    }

    /**
     * A final text frame carrying {@code text} in UTF-8.
     *
     * @param text the text
     * @return the frame
     * @throws IllegalArgumentException when {@code text} holds an unpaired surrogate
     */
    public static Frame text(String text) {
        return new Frame(true, Opcode.TEXT, ByteBuffer.wrap(FrameData.utf8(text)));
    }

    /**
     * A final binary frame.
     *
     * @param data the payload, wrapped, not copied
     * @return the frame
     */
    public static Frame binary(byte[] data) {
        return new Frame(true, Opcode.BINARY, ByteBuffer.wrap(data));
    }

    /**
     * A final frame of the given opcode and payload.
     *
     * @param opcode  the opcode
     * @param payload the payload, from its position to its limit (not copied)
     * @return the frame
     */
    public static Frame of(Opcode opcode, ByteBuffer payload) {
        return new Frame(true, opcode, payload);
    }

    /**
     * A ping.
     *
     * @param data the payload, at most 125 bytes to pass {@link #check()}; wrapped, not copied
     * @return the frame
     */
    public static Frame ping(byte[] data) {
        return new Frame(true, Opcode.PING, ByteBuffer.wrap(data));
    }

    /**
     * A pong.
     *
     * @param data the payload, at most 125 bytes to pass {@link #check()}; wrapped, not copied
     * @return the frame
     */
    public static Frame pong(byte[] data) {
        return new Frame(true, Opcode.PONG, ByteBuffer.wrap(data));
    }

    /**
     * A close frame with the given code and reason.
     *
     * @param code   the close code
     * @param reason the reason, possibly empty
     * @return the frame
     * @throws IllegalArgumentException when the code may not be sent or the reason is too long (see {@link Close#serialize()})
     */
    public static Frame close(int code, String reason) {
        return new Frame(true, Opcode.CLOSE, Close.serialize(code, reason));
    }

    /**
     * A close frame with no payload (the peer reports 1005).
     *
     * @return the frame
     */
    public static Frame close() {
        return new Frame(true, Opcode.CLOSE, EMPTY);
    }

    /**
     * The reserved bits as they sit in the first header byte.
     *
     * @return a combination of {@link #RSV1}, {@link #RSV2}, {@link #RSV3}
     */
    public int rsvBits() {
        return (rsv1 ? RSV1 : 0) | (rsv2 ? RSV2 : 0) | (rsv3 ? RSV3 : 0);
    }

    /**
     * The payload length.
     *
     * @return the bytes from the payload's position to its limit
     */
    public int length() {
        return payload.remaining();
    }

    /**
     * A copy of the payload bytes; the payload's position is unchanged.
     *
     * @return a new array
     */
    public byte[] payloadBytes() {
        byte[] copy = new byte[payload.remaining()];
        payload.get(payload.position(), copy);
        return copy;
    }

    /**
     * This frame with another payload.
     *
     * @param newPayload the payload of the new frame (not copied)
     * @return a new frame with the same bits and opcode
     */
    public Frame withPayload(ByteBuffer newPayload) {
        return new Frame(fin, rsv1, rsv2, rsv3, opcode, newPayload);
    }

    /**
     * This frame with its reserved bits replaced.
     *
     * @param bits a combination of {@link #RSV1}, {@link #RSV2}, {@link #RSV3}
     * @return a new frame with the same payload, FIN bit and opcode
     */
    public Frame withRsvBits(int bits) {
        return new Frame(fin, (bits & RSV1) != 0, (bits & RSV2) != 0, (bits & RSV3) != 0, opcode, payload);
    }

    /**
     * Checks that no reserved bit is set and that a control frame is final and at most 125 bytes.
     *
     * @throws ProtocolError when a rule is broken
     */
    public void check() {
        check(0);
    }

    /**
     * Checks that only the reserved bits in {@code allowedRsvBits} (those claimed by negotiated
     * extensions) are set, and that a control frame is final and carries at most 125 bytes.
     * Reserved opcodes cannot be represented at all: {@link Opcode#of(int)} rejects them.
     *
     * @param allowedRsvBits the reserved bits that may be set, a combination of {@link #RSV1},
     *                       {@link #RSV2}, {@link #RSV3}
     * @throws ProtocolError when a rule is broken
     */
    public void check(int allowedRsvBits) {
        checkHeader(fin, rsvBits(), opcode, payload.remaining(), allowedRsvBits);
    }

    static void checkHeader(boolean fin, int rsvBits, Opcode opcode, long length, int allowedRsvBits) {
        if ((rsvBits & ~allowedRsvBits) != 0) {
            throw new ProtocolError("reserved bits must be 0 unless an extension negotiated them (got "
                    + describeRsv(rsvBits & ~allowedRsvBits) + ")");
        }
        if (opcode.isControl()) {
            if (!fin) {
                throw new ProtocolError("fragmented control frame: " + opcode + " must have FIN set");
            }
            if (length > MAX_CONTROL_PAYLOAD) {
                throw new ProtocolError("control frame too long: " + opcode + " carries " + length
                        + " bytes, at most 125 are allowed");
            }
        }
    }

    private static String describeRsv(int bits) {
        StringBuilder text = new StringBuilder();
        if ((bits & RSV1) != 0) text.append("RSV1 ");
        if ((bits & RSV2) != 0) text.append("RSV2 ");
        if ((bits & RSV3) != 0) text.append("RSV3 ");
        return text.toString().trim();
    }

    /**
     * {@code head} as text when it is strict UTF-8; a sequence cut at its end is dropped when the
     * payload goes on ({@code cut}). Null when it is not text.
     */
    private static String asText(byte[] head, boolean cut) {
        CharBuffer chars = CharBuffer.allocate(head.length);
        CoderResult result = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(head), chars, !cut);
        return result.isError() ? null : chars.flip().toString();
    }

    /** For example {@code TEXT fin len=5 "hello"} or {@code BINARY rsv1 len=3 0a0b0c} or
     * {@code CLOSE fin len=5 1000 (OK) bye}; long payloads are cut. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(opcode.name());
        if (fin) text.append(" fin");
        if (rsv1) text.append(" rsv1");
        if (rsv2) text.append(" rsv2");
        if (rsv3) text.append(" rsv3");
        int length = payload.remaining();
        text.append(" len=").append(length);
        if (opcode == Opcode.CLOSE && length != 1) {
            try {
                Close close = Close.parse(payload); // may throw: append nothing before it succeeds
                return text.append(' ').append(close).toString();
            } catch (ProtocolError e) {
                // shown as hex below
            }
        }
        if (length > 0) {
            int shown = Math.min(length, 32);
            byte[] head = new byte[shown];
            payload.get(payload.position(), head);
            String suffix = shown < length ? "…" : "";
            boolean textual = opcode == Opcode.TEXT || opcode == Opcode.PING || opcode == Opcode.PONG;
            String shownText = textual ? asText(head, shown < length) : null;
            if (shownText != null) {
                text.append(" \"").append(shownText).append(suffix).append('"');
            } else {
                text.append(' ').append(HexFormat.of().formatHex(head)).append(suffix);
            }
        }
        return text.toString();
    }
}
