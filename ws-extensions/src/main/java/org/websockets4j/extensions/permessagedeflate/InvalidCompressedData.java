package org.websockets4j.extensions.permessagedeflate;

import org.websockets4j.framing.CloseCodes;
import org.websockets4j.framing.ProtocolError;

/**
 * Raised when a compressed message cannot be decompressed: not valid DEFLATE, a distance further
 * back than the negotiated window. The connection fails with
 * {@link CloseCodes#INVALID_PAYLOAD_DATA} (1007).
 *
 * <p><b>Why 1007 and not 1002.</b> RFC 7692 §8.1 leaves the code open; the framing around a
 * corrupt compressed payload is valid (RSV1 was negotiated, the frame well formed), what is wrong
 * is the payload's content, which is what RFC 6455 §7.4.1 reserves 1007 for ("data within a
 * message that was not consistent with the type of the message"), exactly as for invalid UTF-8 in
 * a text message. Python websockets (10+) sends 1002 instead; both fail the connection, and a
 * peer treats them alike.
 */
public final class InvalidCompressedData extends ProtocolError {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error with close code {@link CloseCodes#INVALID_PAYLOAD_DATA}.
     *
     * @param message what was wrong with the compressed data, for logs and the close reason
     */
    public InvalidCompressedData(String message) {
        super(message, CloseCodes.INVALID_PAYLOAD_DATA);
    }
}
