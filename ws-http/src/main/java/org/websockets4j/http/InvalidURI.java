package org.websockets4j.http;

import org.websockets4j.framing.WebSocketException;

/** Raised when connecting to a URI that is not a valid WebSocket URI (Python websockets' {@code InvalidURI}). */
public class InvalidURI extends WebSocketException {
    private static final long serialVersionUID = 1L;

    /** What {@link #uri()} returns. */
    private final String uri;

    /**
     * Creates the exception.
     *
     * @param uri    the URI as given; any password in it is replaced by {@code ***} here
     *               ({@link WebSocketUri#redact(String)}), so that neither the message nor
     *               {@link #uri()} ever holds it
     * @param reason what is wrong with it
     */
    public InvalidURI(String uri, String reason) {
        super(WebSocketUri.redact(uri) + " isn't a valid WebSocket URI: " + reason);
        this.uri = WebSocketUri.redact(uri);
    }

    /** {@return the URI as given, with any password replaced by {@code ***} and control characters escaped} */
    public String uri() {
        return uri;
    }
}
