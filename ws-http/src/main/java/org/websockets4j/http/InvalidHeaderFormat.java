package org.websockets4j.http;

/**
 * Raised when a header value cannot be parsed: it does not match the grammar of that header
 * (Python websockets' {@code InvalidHeaderFormat}). Says what was expected and where.
 */
public class InvalidHeaderFormat extends InvalidHeader {
    private static final long serialVersionUID = 1L;

    /** What {@link #error()} returns. */
    private final String error;
    /** What {@link #position()} returns. */
    private final int position;

    /**
     * Creates the exception.
     *
     * @param name     the header name
     * @param error    what was expected, for example {@code "expected token"}
     * @param header   the whole header value
     * @param position the index in {@code header} where parsing failed
     */
    public InvalidHeaderFormat(String name, String error, String header, int position) {
        super(name, header, "invalid " + name + " header: " + error + " at " + position + " in " + header);
        this.error = error;
        this.position = position;
    }

    /** {@return what was expected at {@link #position()}} */
    public String error() {
        return error;
    }

    /** {@return the index in the header value where parsing failed} */
    public int position() {
        return position;
    }
}
