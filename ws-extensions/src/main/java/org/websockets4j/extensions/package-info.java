/**
 * WebSocket extensions (RFC 6455 §9).
 *
 * <p>The extension SPI: an {@link org.websockets4j.extensions.Extension} transforms the frames of
 * one connection; a {@link org.websockets4j.extensions.ClientExtensionFactory} or
 * {@link org.websockets4j.extensions.ServerExtensionFactory} negotiates its parameters in the
 * opening handshake and builds one; {@link org.websockets4j.extensions.Negotiation} holds the two
 * Sans-I/O negotiation algorithms the handshakes run (Python websockets'
 * {@code websockets.extensions.base} and the protocols' {@code process_extensions}).
 * permessage-deflate (RFC 7692) is the built-in implementation, in
 * {@code org.websockets4j.extensions.permessagedeflate}; {@link org.websockets4j.extensions.Compression}
 * is the servers' and clients' {@code compression} option.
 */
package org.websockets4j.extensions;
