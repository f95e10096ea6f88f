package org.websockets4j.extensions;

import org.websockets4j.framing.ExtensionCodec;

/**
 * A negotiated extension, as one connection uses it (Python websockets'
 * {@code websockets.extensions.base.Extension}): its {@linkplain #name() name}, the
 * {@linkplain #reservedBits() reserved bits} it claims, and how it {@linkplain #encode encodes}
 * outgoing frames and {@linkplain #decode decodes} incoming ones.
 *
 * <p><b>Contract.</b> An instance is built by a {@link ClientExtensionFactory} or a
 * {@link ServerExtensionFactory} for one connection and belongs to it: it may keep state across
 * frames (a compression context), and it is not thread-safe — the connection calls it from one
 * thread at a time. {@link #name()} is the name negotiated (the factory's); {@link #reservedBits()}
 * is a constant combination of {@link org.websockets4j.framing.Frame#RSV1},
 * {@link org.websockets4j.framing.Frame#RSV2} and {@link org.websockets4j.framing.Frame#RSV3}, and two
 * extensions of one connection never claim the same bit ({@link Negotiation} refuses it).
 * Outgoing frames go through the extensions in negotiation order, incoming ones in reverse order.
 * {@code decode} clears the bits it consumed; a frame with a reserved bit left after all
 * extensions is a protocol error.
 *
 * <p>{@code encode} must not modify the frame's payload in place: it may be read-only, or shared
 * by several connections (a broadcast); return a frame with a new payload instead.
 */
public interface Extension extends ExtensionCodec {
}
