package org.websockets4j.server;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.websockets4j.extensions.Extension;
import org.websockets4j.http.Headers;
import org.websockets4j.http.IncompleteMessage;
import org.websockets4j.http.InvalidHandshake;

/**
 * What a {@link ServerHandshake} decided about a connection: {@link Accepted} (write the
 * {@code 101} response, then run the WebSocket connection), {@link Rejected} (write the error
 * response, then close), or {@link Abandoned} (the client left before sending a whole request:
 * write nothing, close). Immutable and thread-safe.
 */
public sealed interface HandshakeOutcome permits HandshakeOutcome.Accepted, HandshakeOutcome.Rejected, HandshakeOutcome.Abandoned {

    /**
     * The handshake succeeded. Write {@link #responseBytes()}; the WebSocket connection starts
     * right after them, and its first bytes are those left in the buffer given to
     * {@link ServerHandshake#receiveData(java.nio.ByteBuffer)} (a client may send its first frames
     * in the same segment as its request).
     *
     * @param responseBytes   the {@code 101 Switching Protocols} response, as sent on the wire
     * @param path            the path and query of the request-target, not decoded
     *                        ({@link org.websockets4j.http.Request#resourceName()}: an absolute-form
     *                        target such as {@code ws://host/chat?x=1} gives {@code /chat?x=1})
     * @param requestHeaders  the request's headers (immutable)
     * @param responseHeaders the response's headers (immutable)
     * @param subprotocol     the subprotocol chosen, or null for none
     * @param extensions      the extensions negotiated, in the order of the response's
     *                        {@code Sec-WebSocket-Extensions} (immutable; empty for none): new
     *                        instances that belong to this connection
     */
    record Accepted(byte[] responseBytes, String path, Headers requestHeaders, Headers responseHeaders,
                    String subprotocol, List<Extension> extensions) implements HandshakeOutcome {
        /**
         * Freezes the outcome; copies the bytes and takes immutable copies of the headers and the list.
         *
         * @throws NullPointerException when an argument other than {@code subprotocol} is null
         */
        public Accepted {
            responseBytes = responseBytes.clone();
            Objects.requireNonNull(path, "path");
            requestHeaders = requestHeaders.immutableCopy();
            responseHeaders = responseHeaders.immutableCopy();
            extensions = List.copyOf(extensions);
        }

        /**
         * An outcome without extensions.
         *
         * @param responseBytes the {@code 101} response as sent; copied
         * @param path the path and query of the request-target, not decoded
         * @param requestHeaders the request's headers; an immutable copy is kept
         * @param responseHeaders the response's headers; an immutable copy is kept
         * @param subprotocol the subprotocol chosen, or null for none
         * @throws NullPointerException when an argument other than {@code subprotocol} is null
         */
        public Accepted(byte[] responseBytes, String path, Headers requestHeaders, Headers responseHeaders,
                        String subprotocol) {
            this(responseBytes, path, requestHeaders, responseHeaders, subprotocol, List.of());
        }

        /**
         * A copy of the response bytes.
         *
         * @return a new copy on each call, so the outcome stays immutable
         */
        @Override
        public byte[] responseBytes() {
            return responseBytes.clone();
        }

        /** Equal when every component is, the bytes compared by content. */
        @Override
        public boolean equals(Object other) {
            return other instanceof Accepted that && Arrays.equals(responseBytes, that.responseBytes)
                    && path.equals(that.path) && requestHeaders.equals(that.requestHeaders)
                    && responseHeaders.equals(that.responseHeaders) && Objects.equals(subprotocol, that.subprotocol)
                    && extensions.equals(that.extensions);
        }

        @Override
        public int hashCode() {
            return Objects.hash(Arrays.hashCode(responseBytes), path, requestHeaders, responseHeaders, subprotocol, extensions);
        }

        /** For example {@code Accepted[path=/chat, subprotocol=chat, extensions=[], 129 response bytes]}. */
        @Override
        public String toString() {
            return "Accepted[path=" + path + ", subprotocol=" + subprotocol + ", extensions="
                    + extensions.stream().map(Extension::name).toList() + ", " + responseBytes.length + " response bytes]";
        }
    }

    /**
     * The server refused the handshake, or answered it with a plain HTTP response
     * ({@link RequestProcessor}). Write {@link #responseBytes()}, then close the connection: the
     * response says {@code Connection: close}. Bytes the client sent after what was read may
     * remain unread; closing a socket with unread input makes TCP send a reset that can destroy
     * the response in flight, so shut down output and drain the input briefly before closing.
     *
     * <p>{@link #cause()} says why. It is an {@link InvalidHandshake} when the client caused the
     * refusal or the server decided it: a malformed or invalid request, a refused origin, an
     * {@link org.websockets4j.http.AbortHandshake} carrying the response of
     * {@link RequestProcessor} or of the server shutting down. Anything else means a bug on the
     * server side (a hook threw, or chose a subprotocol the client did not offer) and came with a
     * {@code 500}: worth logging as a warning.
     *
     * @param responseBytes the response, as sent on the wire
     * @param status        its status code
     * @param cause         why; never null
     */
    record Rejected(byte[] responseBytes, int status, Throwable cause) implements HandshakeOutcome {
        /**
         * Freezes the outcome; copies the bytes.
         *
         * @throws NullPointerException when an argument is null
         */
        public Rejected {
            responseBytes = responseBytes.clone();
            Objects.requireNonNull(cause, "cause");
        }

        /**
         * A copy of the response bytes.
         *
         * @return a new copy on each call, so the outcome stays immutable
         */
        @Override
        public byte[] responseBytes() {
            return responseBytes.clone();
        }

        /** Equal when status and bytes are, and the causes are the same object. */
        @Override
        public boolean equals(Object other) {
            return other instanceof Rejected that && status == that.status
                    && Arrays.equals(responseBytes, that.responseBytes) && cause == that.cause;
        }

        @Override
        public int hashCode() {
            return Objects.hash(Arrays.hashCode(responseBytes), status, System.identityHashCode(cause));
        }

        /** For example {@code Rejected[403, InvalidOrigin: invalid Origin header: https://evil.example]}. */
        @Override
        public String toString() {
            return "Rejected[" + status + ", " + cause.getClass().getSimpleName() + ": " + cause.getMessage() + "]";
        }
    }

    /**
     * The client closed the connection before sending a whole request; there is nobody to answer.
     * Close the connection without writing anything. {@link IncompleteMessage#bytesReceived()} is
     * 0 when the client sent nothing at all (a port scan, a TCP health check), which a server
     * usually does not even log.
     *
     * @param cause what was being read when the input ended
     */
    record Abandoned(IncompleteMessage cause) implements HandshakeOutcome {
        /**
         * Freezes the outcome.
         *
         * @throws NullPointerException when {@code cause} is null
         */
        public Abandoned {
            Objects.requireNonNull(cause, "cause");
        }
    }
}
