package org.websockets4j.protocol;

import org.websockets4j.framing.CloseCodes;
import org.websockets4j.framing.WebSocketException;

/**
 * Raised when trying to interact with a closed connection (Python websockets'
 * {@code ConnectionClosed}).
 *
 * <p>{@link #code()} and {@link #reason()} are the connection's close code and reason (RFC 6455
 * §7.1.5, §7.1.6): those of the close frame received, 1005 when it carried no status code, 1006
 * when the connection ended without one. The message has Python websockets 8's format, for
 * example {@code code = 1000 (OK), reason = bye} or
 * {@code code = 1006 (connection closed abnormally [internal]), no reason}.
 *
 * <p>The class is sealed: a closure is either {@link ConnectionClosedOK} (1000 or 1001) or
 * {@link ConnectionClosedError} (any other code). {@link #of(int, String)} picks the right one.
 * When the connection failed because of something the peer sent, the cause is the error it
 * broke ({@link org.websockets4j.framing.ProtocolError},
 * {@link org.websockets4j.framing.PayloadTooBig}).
 */
public abstract sealed class ConnectionClosed extends WebSocketException
        permits ConnectionClosedOK, ConnectionClosedError {
    private static final long serialVersionUID = 1L;

    /** The close code. */
    private final int code;
    /** The close reason, never null. */
    private final String reason;

    ConnectionClosed(int code, String reason, Throwable cause) {
        this(code, reason, cause, null);
    }

    /** With {@code detail} (what we sent, when no close frame came back) appended to the message. */
    ConnectionClosed(int code, String reason, Throwable cause, String detail) {
        super(detail == null ? format(code, reason == null ? "" : reason)
                : format(code, reason == null ? "" : reason) + "; " + detail, cause);
        this.code = code;
        this.reason = reason == null ? "" : reason;
    }

    /**
     * The exception for a connection closed with {@code code}: {@link ConnectionClosedOK} for 1000
     * and 1001, {@link ConnectionClosedError} otherwise.
     *
     * @param code the connection's close code; not validated, since 1005 and 1006 are never sent
     *             but are reported
     * @param reason the close reason; null is taken as empty
     * @return a new exception, never null
     */
    public static ConnectionClosed of(int code, String reason) {
        return of(code, reason, null);
    }

    /**
     * Like {@link #of(int, String)}, with the failure that ended the connection as the cause
     * (may be null).
     *
     * @param code the connection's close code
     * @param reason the close reason; null is taken as empty
     * @param cause what ended the connection, or null
     * @return a new exception, never null
     */
    public static ConnectionClosed of(int code, String reason, Throwable cause) {
        return of(code, reason, cause, null);
    }

    static ConnectionClosed of(int code, String reason, Throwable cause, String detail) {
        return isOK(code) ? new ConnectionClosedOK(code, reason, cause, detail)
                : new ConnectionClosedError(code, reason, cause, detail);
    }

    /**
     * True for the codes of a proper closure, 1000 (OK) and 1001 (going away).
     *
     * @param code a close code
     * @return whether a closure with {@code code} counts as proper
     */
    public static boolean isOK(int code) {
        return code == CloseCodes.NORMAL_CLOSURE || code == CloseCodes.GOING_AWAY;
    }

    /**
     * The close code.
     *
     * @return the close code: the peer's, 1005 when its close frame had none, or 1006 when no close
     *         frame was received
     */
    public int code() {
        return code;
    }

    /**
     * The close reason, never null (empty when there is none).
     *
     * @return the reason, never null
     */
    public String reason() {
        return reason;
    }

    /** Python websockets 8's {@code format_close}: {@code code = 1000 (OK), reason = bye}. */
    static String format(int code, String reason) {
        String text = "code = " + code + " (" + CloseCodes.describe(code) + "), ";
        return reason.isEmpty() ? text + "no reason" : text + "reason = " + reason;
    }
}
