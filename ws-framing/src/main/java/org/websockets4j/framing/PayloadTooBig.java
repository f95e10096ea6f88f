package org.websockets4j.framing;

/**
 * Raised when a frame's payload, or a message, exceeds the maximum size (Python websockets'
 * {@code PayloadTooBig}).
 *
 * <p>The frame reader raises it from the frame header, before buffering any of the payload. The
 * connection must fail with {@link CloseCodes#MESSAGE_TOO_BIG} (1009), which {@link #closeCode()}
 * returns.
 */
public final class PayloadTooBig extends WebSocketException {
    private static final long serialVersionUID = 1L;

    /** The size announced or reached, in bytes. */
    private final long size;
    /** The limit exceeded, in bytes. */
    private final long maxSize;

    /**
     * Creates the error for a payload of {@code size} bytes above {@code maxSize}.
     *
     * @param size    the size announced or reached, in bytes
     * @param maxSize the limit exceeded, in bytes
     */
    public PayloadTooBig(long size, long maxSize) {
        super("payload length " + size + " exceeds the limit of " + maxSize + " bytes");
        this.size = size;
        this.maxSize = maxSize;
    }

    /**
     * Creates the error for a limit that is not counted in bytes, such as the number of frames a
     * message may arrive in; {@link #size()} and {@link #maxSize()} are then in that unit.
     *
     * @param message what was exceeded, for people
     * @param size    the amount reached
     * @param maxSize the limit exceeded
     */
    public PayloadTooBig(String message, long size, long maxSize) {
        super(message);
        this.size = size;
        this.maxSize = maxSize;
    }

    /**
     * How big the payload was.
     *
     * @return the size announced or reached, in bytes
     */
    public long size() {
        return size;
    }

    /**
     * The limit.
     *
     * @return the limit that was exceeded, in bytes
     */
    public long maxSize() {
        return maxSize;
    }

    /**
     * The close code the connection must send.
     *
     * @return 1009, message too big
     */
    public int closeCode() {
        return CloseCodes.MESSAGE_TOO_BIG;
    }
}
