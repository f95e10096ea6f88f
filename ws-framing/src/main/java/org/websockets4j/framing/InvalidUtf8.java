package org.websockets4j.framing;

/**
 * Raised when a text message or a close reason is not valid UTF-8 (RFC 6455 §8.1).
 *
 * <p>The connection must fail with {@link CloseCodes#INVALID_PAYLOAD_DATA} (1007), which
 * {@link #closeCode()} returns. {@link #offset()} is the index, counted from the start of the
 * message or reason, of the first byte that cannot be part of valid UTF-8 (for a sequence cut off
 * at the end, the index just past the last byte).
 */
public final class InvalidUtf8 extends ProtocolError {
    private static final long serialVersionUID = 1L;

    /** The index of the first invalid byte. */
    private final long offset;

    /**
     * Creates the error for the first invalid byte at {@code offset}.
     *
     * @param message what is wrong, for the exception message
     * @param offset  the index of the first invalid byte, from the start of the validated data
     */
    public InvalidUtf8(String message, long offset) {
        super(message, CloseCodes.INVALID_PAYLOAD_DATA);
        this.offset = offset;
    }

    /**
     * Where the data went wrong.
     *
     * @return the index of the first invalid byte, counted from the start of the validated data
     */
    public long offset() {
        return offset;
    }
}
