package org.websockets4j.framing;

/**
 * Which end of a connection a reader or writer works for. Per RFC 6455 §5.1 a client masks every
 * frame it sends and a server masks none; each side fails the connection on a frame masked the
 * wrong way.
 */
public enum Role {
    /** The side that opened the connection: it masks what it sends and expects unmasked frames. */
    CLIENT,
    /** The side that accepted the connection: it sends unmasked frames and expects masked ones. */
    SERVER;

    /**
     * Whether frames sent by this side are masked.
     *
     * @return true for the client
     */
    public boolean masksOutgoing() {
        return this == CLIENT;
    }

    /**
     * Whether frames received by this side must be masked.
     *
     * @return true for the server
     */
    public boolean expectsMaskedIncoming() {
        return this == SERVER;
    }
}
