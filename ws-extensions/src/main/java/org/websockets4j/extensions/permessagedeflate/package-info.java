/**
 * permessage-deflate (RFC 7692), Python websockets' {@code websockets.extensions.permessage_deflate}:
 * {@link org.websockets4j.extensions.permessagedeflate.ClientPerMessageDeflateFactory} and
 * {@link org.websockets4j.extensions.permessagedeflate.ServerPerMessageDeflateFactory} negotiate
 * the four parameters of RFC 7692 §7.1, and
 * {@link org.websockets4j.extensions.permessagedeflate.PerMessageDeflate} compresses and
 * decompresses the messages of one connection;
 * {@link org.websockets4j.extensions.permessagedeflate.CompressionSettings} holds the compressor's
 * knobs (level, threshold, memory).
 *
 * <p>Built on {@link java.util.zip.Deflater} and {@link java.util.zip.Inflater} only. Every
 * window size from 8 to 15 bits is honoured when compressing (the JDK's deflater always uses
 * 15): see {@link org.websockets4j.extensions.permessagedeflate.PerMessageDeflate} for how, and the
 * module's README for the cost model and measurements.
 */
package org.websockets4j.extensions.permessagedeflate;
