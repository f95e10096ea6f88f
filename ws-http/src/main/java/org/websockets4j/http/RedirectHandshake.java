package org.websockets4j.http;

/** Raised by a client when the handshake response redirects it to another URI (Python websockets' {@code RedirectHandshake}). */
public class RedirectHandshake extends InvalidHandshake {
    private static final long serialVersionUID = 1L;

    /** What {@link #uri()} returns. */
    private final String uri;

    /**
     * Creates the exception.
     *
     * @param uri the redirect target, as given in the {@code Location} header; the message shows
     *            it with any password replaced by {@code ***} ({@link WebSocketUri#redact(String)})
     */
    public RedirectHandshake(String uri) {
        super("redirect to " + WebSocketUri.redact(uri));
        this.uri = uri;
    }

    /** {@return the redirect target as given, password included: redact it before printing it} */
    public String uri() {
        return uri;
    }
}
