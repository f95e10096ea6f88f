package org.websockets4j.framing;

/**
 * The frame opcodes defined by RFC 6455 §5.2. Reserved opcodes (3–7 and 11–15) have no constant:
 * {@link #of(int)} rejects them, so a {@link Frame} can never hold one.
 */
public enum Opcode {
    /** 0x0: a continuation of a fragmented data message. */
    CONTINUATION(0x0),
    /** 0x1: the first frame of a text message. */
    TEXT(0x1),
    /** 0x2: the first frame of a binary message. */
    BINARY(0x2),
    /** 0x8: a close frame. */
    CLOSE(0x8),
    /** 0x9: a ping. */
    PING(0x9),
    /** 0xA: a pong. */
    PONG(0xA);

    private static final Opcode[] BY_CODE = new Opcode[16];

    static {
        for (Opcode opcode : values()) {
            BY_CODE[opcode.code] = opcode;
        }
    }

    private final int code;

    Opcode(int code) {
        this.code = code;
    }

    /**
     * The value on the wire.
     *
     * @return the 4-bit opcode
     */
    public int code() {
        return code;
    }

    /**
     * Whether this is a control opcode: frames that must not be fragmented and carry at most 125 bytes.
     *
     * @return true for close, ping and pong
     */
    public boolean isControl() {
        return code >= 0x8;
    }

    /**
     * Whether this is a data opcode.
     *
     * @return true for continuation, text and binary
     */
    public boolean isData() {
        return code < 0x8;
    }

    /**
     * The opcode for a 4-bit wire value.
     *
     * @param code the value, 0-15
     * @return the opcode
     * @throws ProtocolError for a reserved opcode (3–7, 11–15)
     * @throws IllegalArgumentException for a value outside 0–15
     */
    public static Opcode of(int code) {
        if (code < 0 || code > 0xF) {
            throw new IllegalArgumentException("opcode must be 0-15, got " + code);
        }
        Opcode opcode = BY_CODE[code];
        if (opcode == null) {
            throw new ProtocolError("invalid opcode: " + code + " is reserved");
        }
        return opcode;
    }

    /** The opcode for a 4-bit wire value, or {@code null} when it is reserved; never throws for 0–15. */
    static Opcode lookup(int code) {
        return BY_CODE[code & 0xF];
    }
}
