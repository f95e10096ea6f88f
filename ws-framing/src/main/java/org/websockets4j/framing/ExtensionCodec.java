package org.websockets4j.framing;

/**
 * The per-frame part of a negotiated extension, as the frame codec sees it: which reserved bits it
 * claims, and how it transforms frames on the way out and on the way in. The extension SPI in
 * {@code org.websockets4j.extensions} builds on this; permessage-deflate is the usual one.
 *
 * <p>A {@link FrameWriter} applies codecs in negotiation order to outgoing frames; a
 * {@link FrameReader} applies them in reverse order to incoming ones, so the first negotiated
 * extension is the outermost. An instance belongs to one connection and is called by one thread
 * at a time.
 */
public interface ExtensionCodec {
    /**
     * The extension's registered name.
     *
     * @return the name, for example {@code permessage-deflate}
     */
    String name();

    /**
     * The reserved bits this extension may set.
     *
     * @return a combination of {@link Frame#RSV1}, {@link Frame#RSV2}, {@link Frame#RSV3}
     */
    int reservedBits();

    /**
     * Transforms an outgoing frame.
     *
     * @param frame the frame as the application or the previous codec made it
     * @return the frame to send, or {@code frame} itself when there is nothing to do
     */
    Frame encode(Frame frame);

    /**
     * Transforms an incoming frame and clears the reserved bits it consumed.
     *
     * @param frame   the frame as read, or as the next codec decoded it
     * @param maxSize the largest payload the result may have, in bytes ({@link Long#MAX_VALUE} for no limit)
     * @return the decoded frame
     * @throws PayloadTooBig when the result would exceed {@code maxSize}
     * @throws ProtocolError when the frame cannot be decoded
     */
    Frame decode(Frame frame, long maxSize);

    /**
     * Releases what the codec holds outside the Java heap (for example native zlib state), once
     * the connection is over: the connection calls it exactly once, when it reaches CLOSED (after
     * a closing handshake, a failure, a timeout or a lost transport), and never calls
     * {@link #encode} or {@link #decode} afterwards. It must not throw; the default does nothing.
     */
    default void release() {
    }
}
