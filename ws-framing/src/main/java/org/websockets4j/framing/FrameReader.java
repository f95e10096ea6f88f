package org.websockets4j.framing;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Incremental frame parser: feed it received bytes, split anywhere, and it yields whole frames.
 *
 * <p>Call {@link #read(ByteBuffer)} with whatever bytes have arrived; it consumes them and returns
 * the next complete frame, or {@code null} when it needs more bytes. Call it again with the same
 * buffer while it returns frames: one buffer may hold many frames, and a frame may span many
 * buffers (the reader keeps the partial header and payload itself).
 *
 * <p>It enforces, from the header and before buffering any payload: reserved opcodes, reserved bits
 * not claimed by an extension, control frames that are fragmented or longer than 125 bytes, the
 * masking rule for its {@link Role} (a server reads masked frames, a client unmasked ones), a
 * 64-bit length with its most significant bit set, and the maximum payload size. Non-minimal
 * length encodings are accepted: RFC 6455 does not forbid them. Complete frames pass through the
 * extension codecs in reverse order, then must have no reserved bit left.
 *
 * <p><b>Payload lifetime.</b> To avoid copying, a returned frame's payload may be a view of
 * {@code in} (unmasked in place there) or of the reader's own buffer. It stays valid until the next
 * call to {@code read} or until the caller changes the bytes of {@code in}, whichever comes first;
 * copy it to keep it longer.
 *
 * <p><b>Memory.</b> A frame that arrives whole in one buffer is not copied. A split frame's payload
 * is gathered in a buffer that grows with the bytes actually received (never sized from the
 * header alone beyond 64 KiB), so a hostile length costs nothing until its bytes arrive.
 *
 * <p>Not thread-safe: one reader per connection, driven by one thread at a time. After it throws,
 * the stream is unusable and every later call throws {@link IllegalStateException}.
 */
public final class FrameReader {
    /** Maximum payload size meaning "no limit" (payloads are still held in memory, so at most about 2 GiB). */
    public static final long NO_LIMIT = Long.MAX_VALUE;

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0).asReadOnlyBuffer();
    /** Shared by every reader and writer with no extension: toArray returns it for an empty list. */
    static final ExtensionCodec[] NO_CODECS = new ExtensionCodec[0];

    private static final int MAX_BUFFERABLE = Integer.MAX_VALUE - 8;
    /** Split payloads up to this size gather in one buffer kept for the reader's life. */
    private static final int SPARE = 4 * 1024;
    /** The smallest such buffer: it grows, by powers of two up to {@link #SPARE}, to the largest split payload seen. */
    private static final int MIN_SPARE = 128;
    /** Split payloads above this size get a buffer that grows as their bytes arrive. */
    private static final int CHUNK = 64 * 1024;

    private final boolean expectMasked;
    private final ExtensionCodec[] codecs;
    private final int claimedRsvBits;
    private long maxPayloadSize;

    private final byte[] head = new byte[14];
    private int headLength;
    private int headNeeded = 2;
    private boolean inPayload;
    private boolean failed;

    private boolean fin;
    private int rsvBits;
    private Opcode opcode;
    private int payloadLength;
    private boolean masked;
    private int maskKey;
    private int maskOffset;

    /** Gathers the payload of a frame split across reads; null when none is in progress. */
    private ByteBuffer partial;
    /**
     * A small gathering buffer kept between frames so that split small frames allocate nothing;
     * sized to the largest split payload so far (a connection of small messages keeps 128 bytes,
     * not {@link #SPARE}), null until a frame is split.
     */
    private ByteBuffer spare;
    /** The input buffer {@link #view} looks into: a driver reads from the same buffer every time. */
    private ByteBuffer viewSource;
    /**
     * One view of {@link #viewSource} handed out as the payload of each frame that lies whole in
     * it: a payload is only valid until the next call, so one view serves all the frames read
     * from one buffer until it runs out.
     */
    private ByteBuffer view;
    /** Whether the last payload handed out is a buffer made for it alone (see {@link #payloadDetached()}). */
    private boolean detached;

    /**
     * A reader with no size limit and no extension.
     *
     * @param role the side that reads: {@link Role#SERVER} expects masked frames, {@link Role#CLIENT} unmasked ones
     */
    public FrameReader(Role role) {
        this(role, NO_LIMIT, List.of());
    }

    /**
     * A reader for the side {@code role}.
     *
     * @param role           the side that reads: {@link Role#SERVER} expects masked frames, {@link Role#CLIENT} unmasked ones
     * @param maxPayloadSize the largest payload accepted, in bytes, or {@link #NO_LIMIT}
     * @param codecs         the negotiated extensions, in negotiation order
     * @throws IllegalArgumentException when {@code maxPayloadSize} is negative, or two codecs claim the same reserved bit
     */
    public FrameReader(Role role, long maxPayloadSize, List<? extends ExtensionCodec> codecs) {
        this.expectMasked = role.expectsMaskedIncoming();
        maxPayloadSize(maxPayloadSize);
        this.codecs = codecs.toArray(NO_CODECS);
        this.claimedRsvBits = claimedBits(this.codecs);
    }

    /**
     * The current limit.
     *
     * @return the largest payload accepted, in bytes
     */
    public long maxPayloadSize() {
        return maxPayloadSize;
    }

    /**
     * Changes the limit for frames whose header has not been read yet; a connection lowers it to
     * what is left of its message budget while a fragmented message is in progress.
     *
     * @param limit the largest payload accepted, in bytes, or {@link #NO_LIMIT}
     * @throws IllegalArgumentException when negative
     */
    public void maxPayloadSize(long limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("maxPayloadSize must be >= 0, got " + limit);
        }
        this.maxPayloadSize = limit;
    }

    /**
     * The opcode of the frame whose payload is arriving, so that a caller can check what it has
     * of it before the frame completes (see {@link #partialPayload()}).
     *
     * @return the opcode once the frame's header has been read and until the frame is returned;
     *         null otherwise
     */
    public Opcode partialOpcode() {
        return inPayload ? opcode : null;
    }

    /**
     * The reserved bits of the frame whose payload is arriving, as they came on the wire (before
     * any extension decodes the frame).
     *
     * @return the RSV bits ({@link Frame#RSV1} | ...) of the frame in progress; 0 when none
     */
    public int partialRsvBits() {
        return inPayload ? rsvBits : 0;
    }

    /**
     * The payload bytes of the frame in progress that have arrived so far, unmasked, as they came
     * on the wire (before any extension decodes the frame): lets a caller validate a long frame as
     * it arrives, for example UTF-8, instead of only once it is complete.
     *
     * @return a read-only view from the payload's first byte to the last one received; empty when
     *         no payload byte is buffered (none arrived yet, or the frame came whole); valid until
     *         the next {@link #read}
     */
    public ByteBuffer partialPayload() {
        if (!inPayload || partial == null) {
            return EMPTY;
        }
        return partial.duplicate().flip().asReadOnlyBuffer();
    }

    /**
     * Whether an end of stream now would cut a frame.
     *
     * @return true when part of a frame has been consumed but not yet returned
     */
    public boolean hasPartialFrame() {
        return inPayload || headLength > 0;
    }

    /**
     * Consumes bytes from {@code in} and returns the next complete frame, or {@code null} when
     * {@code in} ran out first (all its bytes are then consumed and kept).
     *
     * @param in the bytes received, from its position to its limit; the position advances past
     *           what was consumed
     * @return the frame, whose payload is a view valid until the next call (the reader reuses one
     *         view object for the frames of one input buffer), or {@code null}
     * @throws ProtocolError         when the peer broke a framing rule ({@link ProtocolError#closeCode()} says how to close)
     * @throws PayloadTooBig         when the announced length exceeds the limit (close with 1009)
     * @throws IllegalStateException when an earlier call threw
     */
    public Frame read(ByteBuffer in) {
        if (failed) {
            throw new IllegalStateException("this frame reader already failed; the stream cannot be resumed");
        }
        try {
            detached = false;
            if (!inPayload && !readHeader(in)) {
                return dropView();
            }
            ByteBuffer payload = readPayload(in);
            return payload == null ? dropView() : complete(payload);
        } catch (RuntimeException e) {
            failed = true;
            throw e;
        }
    }

    /**
     * Whether the payload of the frame {@link #read} returned last is a buffer made for that frame
     * alone, exactly its size, which this reader never touches again: the caller may keep it, and
     * its array, instead of copying. False when the payload is a view of the input or of a buffer
     * the reader reuses, and whenever an extension decoded the frame.
     *
     * @return true when the last payload may be kept as it is
     */
    public boolean payloadDetached() {
        return detached;
    }

    /**
     * The input ran out: the last payload handed out is no longer valid, so the view of the input
     * goes, and an idle connection's reader holds on to no buffer (the driver may shrink its own).
     */
    private Frame dropView() {
        viewSource = null;
        view = null;
        return null;
    }

    /** Gathers header bytes; returns true once the whole header is parsed and checked. */
    private boolean readHeader(ByteBuffer in) {
        while (true) {
            int n = Math.min(headNeeded - headLength, in.remaining());
            in.get(head, headLength, n);
            headLength += n;
            if (headLength < headNeeded) {
                return false;
            }
            if (headNeeded == 2) {
                headNeeded = parseFirstTwoBytes();
                if (headNeeded > 2) {
                    continue;
                }
            }
            parseLengthAndKey();
            inPayload = true;
            return true;
        }
    }

    /** Checks everything the first two bytes tell; returns the header's full length. */
    private int parseFirstTwoBytes() {
        int b0 = head[0] & 0xFF;
        int b1 = head[1] & 0xFF;
        fin = (b0 & 0x80) != 0;
        rsvBits = b0 & 0x70;
        opcode = Opcode.lookup(b0);
        if (opcode == null) {
            throw new ProtocolError("invalid opcode: " + (b0 & 0x0F) + " is reserved");
        }
        masked = (b1 & 0x80) != 0;
        int length7 = b1 & 0x7F;
        // An extended length (126, 127) is checked once read: a non-minimal encoding is accepted.
        Frame.checkHeader(fin, rsvBits, opcode, length7 < 126 ? length7 : 0, claimedRsvBits);
        if (masked != expectMasked) {
            throw new ProtocolError(expectMasked
                    ? "incorrect masking: frames sent by a client must be masked"
                    : "incorrect masking: frames sent by a server must not be masked");
        }
        int extended = length7 == 126 ? 2 : length7 == 127 ? 8 : 0;
        return 2 + extended + (masked ? 4 : 0);
    }

    private void parseLengthAndKey() {
        int length7 = head[1] & 0x7F;
        long length;
        int i = 2;
        if (length7 == 126) {
            length = ((head[2] & 0xFF) << 8) | (head[3] & 0xFF);
            i = 4;
        } else if (length7 == 127) {
            length = 0;
            for (; i < 10; i++) {
                length = (length << 8) | (head[i] & 0xFF);
            }
            if (length < 0) {
                throw new ProtocolError("invalid payload length: the most significant bit of a 64-bit length must be 0");
            }
        } else {
            length = length7;
        }
        if (length7 >= 126 && opcode.isControl()) {
            Frame.checkHeader(fin, rsvBits, opcode, length, claimedRsvBits);
        }
        if (length > maxPayloadSize) {
            throw new PayloadTooBig(length, maxPayloadSize);
        }
        if (length > MAX_BUFFERABLE) {
            throw new PayloadTooBig(length, MAX_BUFFERABLE);
        }
        payloadLength = (int) length;
        if (masked) {
            maskKey = ((head[i] & 0xFF) << 24) | ((head[i + 1] & 0xFF) << 16)
                    | ((head[i + 2] & 0xFF) << 8) | (head[i + 3] & 0xFF);
        }
        maskOffset = 0;
    }

    /** Returns the whole unmasked payload, or null when more bytes are needed. */
    private ByteBuffer readPayload(ByteBuffer in) {
        if (partial == null) {
            if (in.remaining() >= payloadLength) {
                return takeWhole(in);
            }
            partial = gatheringBuffer(in.remaining());
        }
        int n = Math.min(in.remaining(), payloadLength - partial.position());
        if (partial.remaining() < n) {
            partial = grow(partial, n);
        }
        if (in.hasArray()) {
            // The gathering buffer is always a heap one: no slice, and not ByteBuffer.put's
            // Unsafe.copyMemory path; a masked payload is unmasked on the way, in one pass.
            int to = partial.position();
            int from = in.arrayOffset() + in.position();
            if (masked) {
                maskOffset = Masking.maskCopy(in.array(), from, partial.array(), partial.arrayOffset() + to, n, maskKey, maskOffset);
            } else {
                System.arraycopy(in.array(), from, partial.array(), partial.arrayOffset() + to, n);
            }
            partial.position(to + n);
        } else {
            ByteBuffer chunk = in.slice(in.position(), n);
            if (masked) {
                maskOffset = Masking.maskCopy(chunk, partial, maskKey, maskOffset);
            } else {
                partial.put(chunk);
            }
        }
        in.position(in.position() + n);
        if (partial.position() < payloadLength) {
            return null;
        }
        ByteBuffer payload = partial.flip();
        detached = payload != spare && codecs.length == 0;
        partial = null;
        return payload;
    }

    /** The payload lies whole in {@code in}: unmask it there and hand out a view. */
    private ByteBuffer takeWhole(ByteBuffer in) {
        int start = in.position();
        if (in != viewSource) {
            viewSource = in;
            view = in.duplicate();
        }
        ByteBuffer payload = view.limit(start + payloadLength).position(start);
        in.position(start + payloadLength);
        if (masked) {
            if (payload.isReadOnly()) {
                ByteBuffer copy = ByteBuffer.allocate(payloadLength);
                Masking.maskCopy(payload, copy, maskKey, 0);
                return copy.flip();
            }
            Masking.mask(payload, maskKey, 0);
        }
        return payload;
    }

    private ByteBuffer gatheringBuffer(int available) {
        if (payloadLength <= SPARE) {
            if (spare == null || spare.capacity() < payloadLength) {
                int size = Math.max(MIN_SPARE, Integer.highestOneBit(Math.max(1, payloadLength - 1)) << 1);
                spare = ByteBuffer.allocate(Math.min(SPARE, size));
            }
            return spare.clear().limit(payloadLength);
        }
        if (payloadLength <= CHUNK) {
            return ByteBuffer.allocate(payloadLength);
        }
        // Large frame: size from what has arrived, not from what the header claims.
        long wanted = Math.max(CHUNK, 2L * available);
        return ByteBuffer.allocate((int) Math.min(wanted, payloadLength));
    }

    private ByteBuffer grow(ByteBuffer buffer, int needed) {
        long wanted = Math.max((long) buffer.capacity() * 2, (long) buffer.position() + needed);
        ByteBuffer bigger = ByteBuffer.allocate((int) Math.min(wanted, payloadLength));
        return bigger.put(buffer.flip());
    }

    private Frame complete(ByteBuffer payload) {
        Frame frame = new Frame(fin, (rsvBits & Frame.RSV1) != 0, (rsvBits & Frame.RSV2) != 0,
                (rsvBits & Frame.RSV3) != 0, opcode, payload);
        headLength = 0;
        headNeeded = 2;
        inPayload = false;
        if (codecs.length > 0) {
            for (int i = codecs.length - 1; i >= 0; i--) {
                frame = codecs[i].decode(frame, maxPayloadSize);
            }
            frame.check(0);
        }
        return frame;
    }

    static int claimedBits(ExtensionCodec[] codecs) {
        int claimed = 0;
        for (ExtensionCodec codec : codecs) {
            int bits = codec.reservedBits();
            if ((bits & ~(Frame.RSV1 | Frame.RSV2 | Frame.RSV3)) != 0) {
                throw new IllegalArgumentException(codec.name() + " claims bits outside RSV1-RSV3: 0x" + Integer.toHexString(bits));
            }
            if ((claimed & bits) != 0) {
                throw new IllegalArgumentException(codec.name() + " claims a reserved bit another extension already uses");
            }
            claimed |= bits;
        }
        return claimed;
    }
}
