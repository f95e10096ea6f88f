package org.websockets4j.server;

import java.nio.charset.StandardCharsets;
import org.websockets4j.http.AbortHandshake;
import org.websockets4j.http.Headers;
import org.websockets4j.http.InvalidHandshake;
import org.websockets4j.http.InvalidOrigin;
import org.websockets4j.http.InvalidUpgrade;
import org.websockets4j.http.SecurityError;
import org.websockets4j.http.UnsupportedMethod;
import org.websockets4j.http.UnsupportedVersion;

/**
 * Maps why a handshake failed to the HTTP answer: status, specific headers and a short
 * {@code text/plain} body saying why. Stateless.
 *
 * <table>
 *   <caption>Answers</caption>
 *   <tr><th>cause</th><th>status</th><th>headers</th></tr>
 *   <tr><td>{@link AbortHandshake}</td><td>its own</td><td>its own</td></tr>
 *   <tr><td>{@link UnsupportedMethod}</td><td>405</td><td>{@code Allow: GET}</td></tr>
 *   <tr><td>{@link UnsupportedVersion}</td><td>426</td><td>{@code Upgrade: websocket}, {@code Sec-WebSocket-Version: 13}</td></tr>
 *   <tr><td>{@link InvalidUpgrade}</td><td>426</td><td>{@code Upgrade: websocket}, {@code Sec-WebSocket-Version: 13}</td></tr>
 *   <tr><td>{@link InvalidOrigin}</td><td>403</td><td></td></tr>
 *   <tr><td>{@link SecurityError}</td><td>431</td><td></td></tr>
 *   <tr><td>any other {@link InvalidHandshake}</td><td>400</td><td></td></tr>
 *   <tr><td>anything else: a server bug</td><td>500</td><td>(the body tells nothing of it)</td></tr>
 * </table>
 */
final class Refusals {
    /** The longest part of an exception message echoed in a body: messages may quote 8 KiB header lines. */
    private static final int MAX_DETAIL = 200;
    private static final String FAILED = "Failed to open a WebSocket connection";

    /**
     * An answer before {@link ResponseBuilder#closing} completes it.
     *
     * @param status  the status
     * @param headers the headers specific to this answer
     * @param body    the body
     */
    record Answer(int status, Headers headers, byte[] body) {
    }

    private Refusals() {
    }

    /** The answer to {@code cause}; see the class table. */
    static Answer answer(Throwable cause) {
        if (cause instanceof AbortHandshake abort) {
            return new Answer(abort.status(), abort.headers(), abort.body());
        }
        if (cause instanceof UnsupportedMethod method) {
            return text(method.status(), method.responseHeaders(), FAILED + ": the method "
                    + detail(method.method()) + " is not allowed; a WebSocket handshake uses GET.\n");
        }
        if (cause instanceof UnsupportedVersion version) {
            return text(version.status(), upgradeHeaders(), FAILED + ": unsupported Sec-WebSocket-Version "
                    + detail(version.version()) + "; this server speaks version " + UnsupportedVersion.SUPPORTED_VERSION + ".\n");
        }
        if (cause instanceof InvalidUpgrade) {
            return text(426, upgradeHeaders(), FAILED + ": " + detail(cause.getMessage()) + ".\n\n"
                    + "You cannot access a WebSocket server directly with a browser. You need a WebSocket client.\n");
        }
        if (cause instanceof InvalidOrigin) {
            return text(403, new Headers(), FAILED + ": " + detail(cause.getMessage()) + ".\n");
        }
        if (cause instanceof SecurityError) {
            return text(431, new Headers(), FAILED + ": the request is too large: " + detail(cause.getMessage()) + ".\n");
        }
        if (cause instanceof InvalidHandshake) {
            return text(400, new Headers(), FAILED + ": " + detail(cause.getMessage()) + ".\n");
        }
        return text(500, new Headers(), FAILED + ".\nSee server log for more information.\n");
    }

    /** The answer of a server that is shutting down: 503, with Retry-After when a wait is known. */
    static AbortHandshake shuttingDown(java.time.Duration retryAfter) {
        Headers headers = Headers.of("Content-Type", "text/plain; charset=utf-8");
        if (retryAfter != null) {
            long seconds = retryAfter.getSeconds() + (retryAfter.getNano() > 0 ? 1 : 0);
            headers.add("Retry-After", Long.toString(Math.max(1, seconds)));
        }
        return new AbortHandshake(503, headers, "Server is shutting down.\n".getBytes(StandardCharsets.UTF_8));
    }

    private static Headers upgradeHeaders() {
        return Headers.of("Upgrade", "websocket", "Sec-WebSocket-Version", UnsupportedVersion.SUPPORTED_VERSION);
    }

    private static Answer text(int status, Headers headers, String body) {
        return new Answer(status, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code message} cut to {@link #MAX_DETAIL} characters, without a final period (the body adds one). */
    private static String detail(String message) {
        String text = message == null ? "" : message;
        if (text.length() > MAX_DETAIL) {
            text = text.substring(0, MAX_DETAIL) + "...";
        } else if (text.endsWith(".")) {
            text = text.substring(0, text.length() - 1);
        }
        return text;
    }
}
