package org.websockets4j.extensions.permessagedeflate;

import java.nio.ByteBuffer;
import java.util.Objects;
import org.websockets4j.extensions.Extension;
import org.websockets4j.framing.Frame;
import org.websockets4j.framing.Opcode;
import org.websockets4j.framing.PayloadTooBig;
import org.websockets4j.framing.ProtocolError;

/**
 * permessage-deflate (RFC 7692) as one connection uses it, once negotiated (Python websockets'
 * {@code PerMessageDeflate}): compresses the data messages it sends and decompresses those the
 * peer compressed, claiming {@link Frame#RSV1}.
 *
 * <p><b>Per message, not per frame.</b> RSV1 is set on the first frame of a compressed message
 * only; the message's frames carry one DEFLATE stream whose final {@code 00 00 ff ff} is removed
 * when sending and appended when receiving (§7.2.1, §7.2.2). A continuation or control frame with
 * RSV1 set is a protocol error (1002), as is a control frame at all compressed. Control frames
 * pass through untouched, also between the fragments of a compressed message. A message sent in
 * one frame and shorter than {@link CompressionSettings#threshold()} goes uncompressed.
 *
 * <p><b>Windows and context.</b> What this side sends never refers further back than
 * 2<sup>{@link #localMaxWindowBits()}</sup> bytes (or {@link CompressionSettings#windowBits()},
 * whichever is smaller), for every size from 8 to 15 bits (see {@code Compressor}); with
 * {@link #localNoContextTakeover()} every message starts with an empty window. What it receives
 * is decoded with a context kept (at most 2<sup>{@link #remoteMaxWindowBits()}</sup> bytes) or
 * reset per message as negotiated; a distance beyond that window is corrupt data.
 *
 * <p><b>Errors.</b> Decompression stops at the budget the connection passes to
 * {@link #decode(Frame, long)} with {@link PayloadTooBig} (1009); corrupt data raises
 * {@link InvalidCompressedData} (1007, see there why).
 *
 * <p><b>Broadcast.</b> Without context takeover, a one-frame message whose payload is a read-only
 * buffer (what a broadcast shares between connections) is compressed once for all the connections
 * that negotiated the same parameters, and the compressed bytes shared read-only; with context
 * takeover each connection's context differs, so each compresses its own.
 *
 * <p><b>Memory.</b> Between messages a connection holds at most its history arrays on the heap
 * (allocated on first use) and, by default, no native zlib state: a deflater is borrowed per
 * frame and an inflater per received message from a bounded shared pool. {@link #release()},
 * which the connection calls once it is CLOSED, hands back or ends whatever is still held.
 *
 * <p>Not thread-safe: the connection calls it from one thread at a time (see {@link Extension}).
 */
public final class PerMessageDeflate implements Extension {
    /** The extension's registered name. */
    public static final String NAME = "permessage-deflate";

    private final boolean remoteNoContextTakeover;
    private final boolean localNoContextTakeover;
    private final int remoteMaxWindowBits;
    private final int localMaxWindowBits;
    private final CompressionSettings settings;
    private final Compressor compressor;
    private final Decompressor decompressor;

    /** True between the first and the last frame of a message being sent compressed. */
    private boolean sendingCompressed;
    /** True between the first and the last frame of a message being received compressed. */
    private boolean receivingCompressed;
    /** True once released: nothing may be encoded or decoded any more. */
    private boolean released;

    /**
     * The extension with the parameters the negotiation settled.
     *
     * @param remoteNoContextTakeover true when the peer resets its context after each message
     * @param localNoContextTakeover  true when this side must reset its context after each message
     * @param remoteMaxWindowBits     the window the peer compresses with, 8 to 15
     * @param localMaxWindowBits      the largest window this side may compress with, 8 to 15
     * @param settings                how this side compresses
     * @throws IllegalArgumentException when a window size is out of range
     * @throws NullPointerException     when {@code settings} is null
     */
    public PerMessageDeflate(boolean remoteNoContextTakeover, boolean localNoContextTakeover,
                             int remoteMaxWindowBits, int localMaxWindowBits, CompressionSettings settings) {
        this(remoteNoContextTakeover, localNoContextTakeover, remoteMaxWindowBits, localMaxWindowBits, settings,
                ZlibPool.SHARED);
    }

    PerMessageDeflate(boolean remoteNoContextTakeover, boolean localNoContextTakeover,
                      int remoteMaxWindowBits, int localMaxWindowBits, CompressionSettings settings, ZlibPool pool) {
        this.remoteNoContextTakeover = remoteNoContextTakeover;
        this.localNoContextTakeover = localNoContextTakeover;
        this.remoteMaxWindowBits = WindowBits.check("remoteMaxWindowBits", remoteMaxWindowBits);
        this.localMaxWindowBits = WindowBits.check("localMaxWindowBits", localMaxWindowBits);
        this.settings = Objects.requireNonNull(settings, "settings");
        this.compressor = new Compressor(Math.min(localMaxWindowBits, settings.windowBits()), localNoContextTakeover,
                settings, pool);
        this.decompressor = new Decompressor(remoteMaxWindowBits, remoteNoContextTakeover, pool);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int reservedBits() {
        return Frame.RSV1;
    }

    /**
     * Whether the peer resets its compression context after each message, as negotiated.
     *
     * @return true when the peer resets its context per message, so received messages are
     *         decoded without keeping a context
     */
    public boolean remoteNoContextTakeover() {
        return remoteNoContextTakeover;
    }

    /**
     * Whether this side resets its compression context after each message, as negotiated.
     *
     * @return true when every message sent starts with an empty window
     */
    public boolean localNoContextTakeover() {
        return localNoContextTakeover;
    }

    /**
     * The base-2 logarithm of the peer's LZ77 window, as negotiated.
     *
     * @return the peer's window bits, 8 to 15; received data referring further back is corrupt
     */
    public int remoteMaxWindowBits() {
        return remoteMaxWindowBits;
    }

    /**
     * The base-2 logarithm of the largest LZ77 window this side may use, as negotiated; the
     * compressor uses the smaller of it and {@link CompressionSettings#windowBits()}.
     *
     * @return the negotiated window bits, 8 to 15
     */
    public int localMaxWindowBits() {
        return localMaxWindowBits;
    }

    /**
     * How this side compresses.
     *
     * @return the settings given at construction, never null
     */
    public CompressionSettings settings() {
        return settings;
    }

    /**
     * True while this connection holds native zlib state: a dedicated deflater, or an inflater in
     * the middle of a received message. False after {@link #release()}. For monitoring and tests.
     *
     * @return true while native zlib state is held
     */
    public boolean holdsNativeState() {
        return compressor.holdsNativeState() || decompressor.holdsNativeState();
    }

    /**
     * Heap bytes this connection keeps between messages as compression contexts (0 until a
     * context is needed; at most 2<sup>localBits</sup> + 2<sup>remoteBits</sup>). For monitoring
     * and tests.
     *
     * @return the heap bytes of both directions' kept contexts, at least 0
     */
    public int contextFootprint() {
        return compressor.historyFootprint() + decompressor.historyFootprint();
    }

    /**
     * Compresses data frames (see the class comment); control frames pass through.
     *
     * @throws NullPointerException  when {@code frame} is null
     * @throws IllegalStateException after {@link #release()}
     */
    @Override
    public Frame encode(Frame frame) {
        checkNotReleased();
        switch (frame.opcode()) {
            case TEXT, BINARY -> {
                sendingCompressed = !(frame.fin() && frame.length() < settings.threshold());
                if (!sendingCompressed) {
                    return frame;
                }
                ByteBuffer compressed = frame.fin() ? compressor.compressMessage(frame.payload())
                        : compressor.compress(frame.payload(), false);
                sendingCompressed = !frame.fin();
                return new Frame(frame.fin(), true, frame.rsv2(), frame.rsv3(), frame.opcode(), compressed);
            }
            case CONTINUATION -> {
                if (!sendingCompressed) {
                    return frame;
                }
                ByteBuffer compressed = compressor.compress(frame.payload(), frame.fin());
                sendingCompressed = !frame.fin();
                return frame.withPayload(compressed);
            }
            default -> {
                return frame;
            }
        }
    }

    /**
     * Decompresses the frames of compressed messages, within {@code maxSize}, and clears RSV1.
     *
     * @throws ProtocolError         when RSV1 is set on a continuation or control frame (1002)
     * @throws InvalidCompressedData when the compressed data is corrupt (1007)
     * @throws PayloadTooBig         when a frame inflates to more than {@code maxSize} bytes (1009)
     * @throws IllegalStateException after {@link #release()}
     */
    @Override
    public Frame decode(Frame frame, long maxSize) {
        checkNotReleased();
        Opcode opcode = frame.opcode();
        if (opcode.isControl()) {
            if (frame.rsv1()) {
                throw new ProtocolError("RSV1 set on a " + opcode + " frame: control frames are never compressed");
            }
            return frame;
        }
        if (opcode == Opcode.CONTINUATION) {
            if (frame.rsv1()) {
                throw new ProtocolError("RSV1 set on a continuation frame: permessage-deflate sets it on a"
                        + " message's first frame only");
            }
        } else {
            // A new message; one abandoned mid-way is a protocol error the connection reports.
            decompressor.abandonMessage();
            receivingCompressed = frame.rsv1();
        }
        if (!receivingCompressed) {
            return frame;
        }
        ByteBuffer decompressed = decompressor.decompress(frame.payload(), frame.fin(), maxSize);
        if (frame.fin()) {
            receivingCompressed = false;
        }
        return new Frame(frame.fin(), false, frame.rsv2(), frame.rsv3(), opcode, decompressed);
    }

    /** Messages (or frames) this connection deflated itself, not counting shared broadcast results. For tests. */
    long deflatedCount() {
        return compressor.deflated();
    }

    /** Hands back or ends the native zlib state this connection holds; idempotent, never throws. */
    @Override
    public void release() {
        released = true;
        compressor.release();
        decompressor.release();
    }

    private void checkNotReleased() {
        if (released) {
            // Using it now would allocate native state nobody releases again.
            throw new IllegalStateException("permessage-deflate was released: its connection is closed");
        }
    }

    @Override
    public String toString() {
        return "PerMessageDeflate[remoteNoContextTakeover=" + remoteNoContextTakeover
                + ", localNoContextTakeover=" + localNoContextTakeover
                + ", remoteMaxWindowBits=" + remoteMaxWindowBits
                + ", localMaxWindowBits=" + localMaxWindowBits + ", " + settings + "]";
    }
}
