package org.websockets4j.protocol;

/**
 * {@link ConnectionClosed} when the connection terminated with an error: the close code is
 * anything but 1000 (OK) and 1001 (going away), for example 1006 when the TCP connection ended
 * without a closing handshake, or 1002 after a protocol error.
 */
public final class ConnectionClosedError extends ConnectionClosed {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception for an abnormal closure.
     *
     * @param code the close code, any but 1000 and 1001
     * @param reason the close reason; null is taken as empty
     * @throws IllegalArgumentException when {@code code} is 1000 or 1001 (use
     *                                  {@link ConnectionClosed#of(int, String)} to pick the type)
     */
    public ConnectionClosedError(int code, String reason) {
        this(code, reason, null);
    }

    ConnectionClosedError(int code, String reason, Throwable cause) {
        super(requireError(code), reason, cause);
    }

    ConnectionClosedError(int code, String reason, Throwable cause, String detail) {
        super(requireError(code), reason, cause, detail);
    }

    private static int requireError(int code) {
        if (isOK(code)) {
            throw new IllegalArgumentException("ConnectionClosedError is for codes other than 1000 and 1001, got " + code
                    + "; use ConnectionClosedOK or ConnectionClosed.of(code, reason)");
        }
        return code;
    }
}
