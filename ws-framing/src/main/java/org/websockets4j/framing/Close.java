package org.websockets4j.framing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The status code and reason of a close frame: the counterpart of Python websockets'
 * {@code parse_close} and {@code serialize_close}.
 *
 * <p>Any code can be held (1005 and 1006 are what a connection reports when no code was
 * received); {@link #parse(ByteBuffer)} and {@link #serialize()} enforce what may appear on the
 * wire. Immutable and thread-safe.
 *
 * @param code   the status code
 * @param reason the reason, never null (empty when there is none)
 */
public record Close(int code, String reason) {
    /** The largest reason, in UTF-8 bytes, that fits a close frame (125 − 2 bytes of code). */
    public static final int MAX_REASON_BYTES = 123;

    /** What a close frame with an empty payload means: 1005, no status received. */
    public static final Close NO_STATUS = new Close(CloseCodes.NO_STATUS_RECEIVED, "");

    /**
     * A close status; the code is not checked here ({@link #serialize()} checks it).
     *
     * @throws NullPointerException when {@code reason} is null
     */
    public Close {
        if (reason == null) {
            throw new NullPointerException("reason");
        }
    }

    /**
     * Parses a close frame's payload, from its position to its limit (the position is left
     * unchanged).
     *
     * @param payload the close frame's payload
     * @return the code and reason; {@link #NO_STATUS} for an empty payload
     * @throws ProtocolError when the payload is one byte long, or the code may not appear on the wire
     * @throws InvalidUtf8   when the reason is not valid UTF-8 (close with 1007)
     */
    public static Close parse(ByteBuffer payload) {
        int length = payload.remaining();
        if (length == 0) {
            return NO_STATUS;
        }
        if (length == 1) {
            throw new ProtocolError("close frame too short: a 1-byte payload cannot hold a status code");
        }
        if (length > 125) {
            throw new ProtocolError("close frame too long: " + length + " bytes, at most 125 are allowed");
        }
        int start = payload.position();
        int code = ((payload.get(start) & 0xFF) << 8) | (payload.get(start + 1) & 0xFF);
        if (!CloseCodes.isValidOnWire(code)) {
            throw new ProtocolError("invalid status code in close frame: " + code);
        }
        ByteBuffer reasonBytes = payload.slice(start + 2, length - 2);
        Utf8Validator.validate(reasonBytes);
        return new Close(code, StandardCharsets.UTF_8.decode(reasonBytes).toString());
    }

    /**
     * The close frame payload for this code and reason: two bytes of code, then the reason in UTF-8.
     *
     * @return a new buffer holding the payload, ready to read
     * @throws IllegalArgumentException when the code may not be sent (see {@link CloseCodes}), or
     *                                  the reason is longer than 123 UTF-8 bytes or holds an
     *                                  unpaired surrogate
     */
    public ByteBuffer serialize() {
        if (!CloseCodes.isValidOnWire(code)) {
            throw new IllegalArgumentException("close code " + code + " may not be sent in a close frame;"
                    + " use 1000-1003, 1007-1014 or 3000-4999");
        }
        byte[] utf8 = FrameData.utf8(reason);
        if (utf8.length > MAX_REASON_BYTES) {
            throw new IllegalArgumentException("close reason is " + utf8.length
                    + " bytes in UTF-8; at most " + MAX_REASON_BYTES + " fit in a close frame");
        }
        ByteBuffer out = ByteBuffer.allocate(2 + utf8.length);
        out.putShort((short) code).put(utf8).flip();
        return out;
    }

    /**
     * Shorthand for {@code new Close(code, reason).serialize()}.
     *
     * @param code   the close code
     * @param reason the reason, possibly empty
     * @return a new buffer holding the payload, ready to read
     * @throws IllegalArgumentException as {@link #serialize()} does
     */
    public static ByteBuffer serialize(int code, String reason) {
        return new Close(code, reason).serialize();
    }

    /** For example {@code 1000 (OK) bye}. */
    @Override
    public String toString() {
        String text = code + " (" + CloseCodes.describe(code) + ")";
        return reason.isEmpty() ? text : text + " " + reason;
    }
}
