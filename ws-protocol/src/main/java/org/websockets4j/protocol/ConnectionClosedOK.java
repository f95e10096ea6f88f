package org.websockets4j.protocol;

/**
 * {@link ConnectionClosed} when the connection terminated properly: the close code is 1000 (OK)
 * or 1001 (going away). Iterating over a connection's messages ends quietly on this one.
 */
public final class ConnectionClosedOK extends ConnectionClosed {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception for a proper closure.
     *
     * @param code the close code, 1000 or 1001
     * @param reason the close reason; null is taken as empty
     * @throws IllegalArgumentException when {@code code} is neither 1000 nor 1001 (use
     *                                  {@link ConnectionClosed#of(int, String)} to pick the type)
     */
    public ConnectionClosedOK(int code, String reason) {
        this(code, reason, null);
    }

    ConnectionClosedOK(int code, String reason, Throwable cause) {
        super(requireOK(code), reason, cause);
    }

    ConnectionClosedOK(int code, String reason, Throwable cause, String detail) {
        super(requireOK(code), reason, cause, detail);
    }

    private static int requireOK(int code) {
        if (!isOK(code)) {
            throw new IllegalArgumentException("ConnectionClosedOK is for codes 1000 and 1001, got " + code
                    + "; use ConnectionClosedError or ConnectionClosed.of(code, reason)");
        }
        return code;
    }
}
