package org.websockets4j.server;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import org.websockets4j.http.Headers;

/**
 * A plain HTTP response that a {@link RequestProcessor} returns instead of letting the WebSocket
 * handshake go on: a health check's {@code 200 OK}, a {@code 401} asking for credentials, a
 * redirect. Python websockets' {@code (status, headers, body)} tuple.
 *
 * <p>The server sends it and closes the connection, so it completes the head itself: it sets
 * {@code Content-Length} from the body (replacing any value given; none for 204 and 304) and
 * {@code Connection: close} (replacing any value given), and adds {@code Date}, {@code Server} and,
 * when there is a body, {@code Content-Type: text/plain} unless the headers already hold them.
 *
 * <p>Immutable and thread-safe: the headers are an {@linkplain Headers#immutableCopy() immutable
 * copy} and the body is copied in and out.
 *
 * @param status  the status, 200-599: a 1xx answer is interim and cannot end a connection
 * @param headers the header fields, in order; must not hold {@code Transfer-Encoding}, since the
 *                body is sent as it is
 * @param body    the body, possibly empty; must be empty for 204 and 304
 */
public record HttpResponse(int status, Headers headers, byte[] body) {
    private static final byte[] EMPTY = new byte[0];

    /**
     * Validates and freezes the response.
     *
     * @throws IllegalArgumentException when the status is not 200-599, the headers hold
     *                                  {@code Transfer-Encoding}, or a 204 or 304 has a body
     * @throws NullPointerException     when an argument is null
     */
    public HttpResponse {
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
        if (status < 200 || status > 599) {
            throw new IllegalArgumentException("HttpResponse status must be 200-599, got " + status
                    + " (a 1xx response cannot end a connection)");
        }
        if (headers.contains("Transfer-Encoding")) {
            throw new IllegalArgumentException("HttpResponse headers must not hold Transfer-Encoding: the body is sent"
                    + " as it is, with a Content-Length computed from it");
        }
        if ((status == 204 || status == 304) && body.length > 0) {
            throw new IllegalArgumentException("a " + status + " response has no body, got " + body.length + " bytes");
        }
        headers = headers.immutableCopy();
        body = body.length == 0 ? EMPTY : body.clone();
    }

    /**
     * A response with no header and no body, for example {@code HttpResponse.of(204)}.
     *
     * @param status the status code, 200-599
     * @return a new response with an empty header list and body
     * @throws IllegalArgumentException when the status is not 200-599
     */
    public static HttpResponse of(int status) {
        return new HttpResponse(status, new Headers(), EMPTY);
    }

    /**
     * A response whose body is {@code text} in UTF-8, with {@code Content-Type: text/plain;
     * charset=utf-8}: {@code HttpResponse.text(200, "OK\n")}.
     *
     * @param status the status code, 200-599, and not 204 or 304 unless {@code text} is empty
     * @param text the body, not null; encoded in UTF-8
     * @return a new response with a {@code Content-Type} field and the encoded body
     * @throws IllegalArgumentException as the canonical constructor
     * @throws NullPointerException     when {@code text} is null
     */
    public static HttpResponse text(int status, String text) {
        return new HttpResponse(status, Headers.of("Content-Type", "text/plain; charset=utf-8"),
                text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A copy of the body; empty when there is none.
     *
     * @return a new copy on each call (a shared empty array when there is no body)
     */
    @Override
    public byte[] body() {
        return body.length == 0 ? EMPTY : body.clone();
    }

    /** Equal when status, headers ({@link Headers#equals}) and body bytes are equal. */
    @Override
    public boolean equals(Object other) {
        return other instanceof HttpResponse that && status == that.status
                && headers.equals(that.headers) && Arrays.equals(body, that.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, headers, Arrays.hashCode(body));
    }

    /** For example {@code HttpResponse[200, headers={...}, body=3 bytes]}; the body itself is left out. */
    @Override
    public String toString() {
        return "HttpResponse[" + status + ", headers=" + headers + ", body=" + body.length + " bytes]";
    }
}
