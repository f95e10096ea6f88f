package org.websockets4j.http;

/**
 * Raised when the {@code Upgrade} or {@code Connection} header does not ask for a WebSocket
 * upgrade (Python websockets' {@code InvalidUpgrade}). A server answers it with 426 Upgrade
 * Required.
 */
public class InvalidUpgrade extends InvalidHeader {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param name  {@code Upgrade} or {@code Connection}
     * @param value the value received (null when missing)
     */
    public InvalidUpgrade(String name, String value) {
        super(name, value);
    }
}
