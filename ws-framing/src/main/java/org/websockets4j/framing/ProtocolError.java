package org.websockets4j.framing;

/**
 * Raised when the other side breaks the WebSocket protocol (Python websockets'
 * {@code ProtocolError}).
 *
 * <p>{@link #closeCode()} is the close code the connection must send when it fails because of
 * this error: {@link CloseCodes#PROTOCOL_ERROR} (1002) unless a subclass says otherwise
 * ({@link InvalidUtf8} uses 1007).
 */
public class ProtocolError extends WebSocketException {
    private static final long serialVersionUID = 1L;

    /** The close code the connection must send. */
    private final int closeCode;

    /**
     * Creates a protocol error that fails the connection with 1002.
     *
     * @param message what the peer did wrong
     */
    public ProtocolError(String message) {
        this(message, CloseCodes.PROTOCOL_ERROR);
    }

    /**
     * Creates a protocol error that fails the connection with the given close code.
     *
     * @param message   what the peer did wrong
     * @param closeCode the close code to send
     */
    protected ProtocolError(String message, int closeCode) {
        super(message);
        this.closeCode = closeCode;
    }

    /**
     * How to close.
     *
     * @return the close code the connection must send when it fails because of this error
     */
    public int closeCode() {
        return closeCode;
    }
}
