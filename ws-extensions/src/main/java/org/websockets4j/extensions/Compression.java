package org.websockets4j.extensions;

/**
 * The {@code compression} option of servers and clients (Python websockets' {@code compression}
 * argument of {@code serve} and {@code connect}): a shortcut that adds a compression extension to
 * the configured ones.
 */
public enum Compression {
    /**
     * permessage-deflate (RFC 7692), the default as in Python's {@code compression="deflate"}:
     * its factory at its defaults is appended to the extensions, unless one named
     * {@code permessage-deflate} is already configured (which then wins, with its own parameters).
     */
    DEFLATE,
    /** No compression extension is added (Python's {@code compression=None}). */
    NONE
}
