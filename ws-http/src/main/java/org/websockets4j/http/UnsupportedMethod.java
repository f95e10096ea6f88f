package org.websockets4j.http;

/**
 * Raised by {@link RequestReader} when a well-formed request uses a method other than
 * {@code GET}, the only method of a WebSocket opening handshake (RFC 6455 §4.1).
 *
 * <p>Unlike other {@link InvalidMessage}s, which a server answers with 400 Bad Request, a server
 * should answer this one with {@value #STATUS} Method Not Allowed and an {@code Allow: GET} header
 * (RFC 9110 §15.5.6): send {@link #status()} with {@link #responseHeaders()}.
 */
public class UnsupportedMethod extends InvalidMessage {
    private static final long serialVersionUID = 1L;

    /** The status a server should answer with: 405 Method Not Allowed. */
    public static final int STATUS = 405;

    /** What {@link #method()} returns. */
    private final String method;

    /**
     * Creates the exception.
     *
     * @param method the method received, a token (RFC 9110 §9.1)
     */
    public UnsupportedMethod(String method) {
        super("unsupported HTTP method " + Tokens.quoteForMessage(method)
                + ": a WebSocket handshake request must use GET (answer " + STATUS + " with Allow: GET)");
        this.method = method;
    }

    /** {@return the method received; method names are case-sensitive, so this may be {@code "get"}} */
    public String method() {
        return method;
    }

    /** {@return {@value #STATUS}, the status to answer with} */
    public int status() {
        return STATUS;
    }

    /** {@return new mutable headers holding {@code Allow: GET}, to send with {@link #status()}} */
    public Headers responseHeaders() {
        return Headers.of("Allow", "GET");
    }
}
