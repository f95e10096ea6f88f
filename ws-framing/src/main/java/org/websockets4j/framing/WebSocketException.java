package org.websockets4j.framing;

/**
 * Root of every exception websockets4j throws, the counterpart of Python websockets'
 * {@code WebSocketException}.
 *
 * <p>It is unchecked: a WebSocket handler usually runs on its own virtual thread and lets a
 * failure end it, and the asynchronous API reports failures through futures anyway. Catch this
 * type to catch everything the library raises on purpose; {@link IllegalArgumentException} and
 * {@link IllegalStateException} still signal misuse of an API.
 *
 * <p>It lives in the lowest module, {@code org.websockets4j.framing}, so that every module (each
 * of which requires this one) shares one hierarchy while the frame codec stays usable alone.
 */
public class WebSocketException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message.
     *
     * @param message what happened
     */
    public WebSocketException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and the failure that caused it.
     *
     * @param message what happened
     * @param cause   the failure that caused it
     */
    public WebSocketException(String message, Throwable cause) {
        super(message, cause);
    }
}
