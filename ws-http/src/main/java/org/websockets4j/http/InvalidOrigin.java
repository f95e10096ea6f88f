package org.websockets4j.http;

/** Raised when the {@code Origin} header of a request is not allowed (Python websockets' {@code InvalidOrigin}). */
public class InvalidOrigin extends InvalidHeader {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param origin the origin received, or null when the request had none
     */
    public InvalidOrigin(String origin) {
        super("Origin", origin);
    }

    /** {@return the origin received, or null when there was none} */
    public String origin() {
        return value();
    }
}
