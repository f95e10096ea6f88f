package org.websockets4j.http;

/** Raised by a client when the handshake response redirects it to another URI (Python websockets' {@code RedirectHandshake}). */
public class RedirectHandshake extends InvalidHandshake {
    private static final long serialVersionUID = 1L;

    /** What {@link #uri()} returns. */
    private final String uri;

    /**
     * Creates the exception.
     *
     * @param uri the redirect target, as given in the {@code Location} header
     */
    public RedirectHandshake(String uri) {
        super("redirect to " + uri);
        this.uri = uri;
    }

    /** {@return the redirect target} */
    public String uri() {
        return uri;
    }
}
