package org.websockets4j.framing;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;

/**
 * Frame serialiser: writes a frame's header into a small buffer and returns the payload to send
 * after it, so that header and payload leave in one gathering write ({@code write(ByteBuffer[])})
 * without the payload being copied.
 *
 * <p>A client writer masks every frame with a fresh key from its {@link MaskKeySource}; it masks
 * the payload <em>in place</em>, so the frame's payload buffer belongs to the writer once handed
 * over (a read-only payload is copied instead). A server writer leaves payloads untouched.
 * Outgoing frames pass through the extension codecs in negotiation order. Encoding a frame with no
 * extension allocates nothing.
 *
 * <p>Not thread-safe: one writer per connection, used by one thread at a time (its key source
 * usually is not thread-safe either).
 */
public final class FrameWriter {
    /** The longest header: 2 bytes, an 8-byte length and a 4-byte masking key. */
    public static final int MAX_HEADER_LENGTH = 14;

    private final boolean mask;
    private final MaskKeySource keys;
    private final ExtensionCodec[] codecs;
    private final int claimedRsvBits;

    /**
     * A writer with no extension; a client writer uses {@link MaskKeySource#secure()}.
     *
     * @param role {@link Role#CLIENT} masks every frame, {@link Role#SERVER} none
     */
    public FrameWriter(Role role) {
        this(role, role.masksOutgoing() ? MaskKeySource.secure() : null, List.of());
    }

    /**
     * A writer for the side {@code role}.
     *
     * @param role   {@link Role#CLIENT} masks every frame, {@link Role#SERVER} none
     * @param keys   where masking keys come from; required for a client, ignored for a server (may be null)
     * @param codecs the negotiated extensions, in negotiation order
     * @throws NullPointerException     when a client writer gets no key source
     * @throws IllegalArgumentException when two codecs claim the same reserved bit
     */
    public FrameWriter(Role role, MaskKeySource keys, List<? extends ExtensionCodec> codecs) {
        this.mask = role.masksOutgoing();
        this.keys = mask ? Objects.requireNonNull(keys, "a client writer needs a MaskKeySource") : null;
        this.codecs = codecs.toArray(FrameReader.NO_CODECS);
        this.claimedRsvBits = FrameReader.claimedBits(this.codecs);
    }

    /**
     * The header length for a payload.
     *
     * @param payloadLength the payload length in bytes
     * @param masked        whether the frame is masked (sent by a client)
     * @return 2, 4 or 10, plus 4 when masked
     */
    public static int headerLength(long payloadLength, boolean masked) {
        int length = payloadLength < 126 ? 2 : payloadLength <= 0xFFFF ? 4 : 10;
        return masked ? length + 4 : length;
    }

    /**
     * Encodes {@code frame}: runs the extension codecs, writes the header into {@code header} at its
     * position (advancing it) and, for a client, masks the payload in place.
     *
     * @param frame  the frame; its payload is the bytes from position to limit
     * @param header where the header goes: it needs {@link #headerLength} bytes of room, and with
     *               extensions {@link #MAX_HEADER_LENGTH} bytes (checked before any extension runs)
     * @return the payload to write right after the header: the frame's own payload buffer (not a
     *         copy, position untouched) unless an extension produced another one or a read-only
     *         payload had to be copied for masking
     * @throws ProtocolError           when the frame breaks a rule ({@link Frame#check()}): reserved bits set, a control frame fragmented or over 125 bytes
     * @throws BufferOverflowException when {@code header} has too little room
     */
    public ByteBuffer encode(Frame frame, ByteBuffer header) {
        frame.check();
        if (codecs.length > 0) {
            // Checked before the codecs run: a stateful codec (deflate's context) cannot be rolled back.
            if (header.remaining() < MAX_HEADER_LENGTH) {
                throw new BufferOverflowException();
            }
            for (ExtensionCodec codec : codecs) {
                frame = codec.encode(frame);
            }
            frame.check(claimedRsvBits);
        }
        ByteBuffer payload = frame.payload();
        int length = payload.remaining();
        if (header.remaining() < headerLength(length, mask)) {
            throw new BufferOverflowException();
        }
        int key = putHeader(frame.fin(), frame.rsvBits(), frame.opcode(), length, header);
        if (mask) {
            if (payload.isReadOnly()) {
                ByteBuffer copy = ByteBuffer.allocate(length);
                Masking.maskCopy(payload.duplicate(), copy, key, 0);
                return copy.flip();
            }
            Masking.mask(payload, key, 0);
        }
        return payload;
    }

    /**
     * Encodes a whole frame with no reserved bits straight into {@code out}: its header, then a
     * copy of {@code payload}'s remaining bytes, masked on the way for a client. {@code payload}
     * itself is not changed, its position included. This is {@link #encode(Frame, ByteBuffer)}
     * with no {@link Frame} object and no separate payload buffer, for small frames on a writer
     * without extensions (an extension transforms the frame first: use that method then).
     *
     * @param fin     true on the last frame of a message
     * @param opcode  the opcode
     * @param payload the payload, from its position to its limit
     * @param out     where the frame goes, from its position, which is advanced past it
     * @throws IllegalStateException   when this writer has extensions
     * @throws ProtocolError           when a control frame is fragmented or over 125 bytes
     * @throws BufferOverflowException when {@code out} has less room than the whole frame; nothing
     *                                 is written then
     */
    public void encodeCopy(boolean fin, Opcode opcode, ByteBuffer payload, ByteBuffer out) {
        if (codecs.length > 0) {
            throw new IllegalStateException("encodeCopy runs no extension: use encode(Frame, ByteBuffer)");
        }
        int length = payload.remaining();
        Frame.checkHeader(fin, 0, opcode, length, 0);
        if (out.remaining() < headerLength(length, mask) + length) {
            throw new BufferOverflowException();
        }
        int key = putHeader(fin, 0, opcode, length, out);
        int start = out.position();
        if (payload.hasArray() && out.hasArray()) {
            // ByteBuffer.put(ByteBuffer) copies through Unsafe.copyMemory and its checks even
            // between two heap buffers: arraycopy took 14 ns instead of 22 for 64 bytes here.
            System.arraycopy(payload.array(), payload.arrayOffset() + payload.position(),
                    out.array(), out.arrayOffset() + start, length);
        } else {
            out.put(start, payload, payload.position(), length);
        }
        out.position(start + length);
        if (mask) {
            if (out.hasArray()) {
                Masking.mask(out.array(), out.arrayOffset() + start, length, key, 0);
            } else {
                Masking.mask(out.duplicate().position(start).limit(start + length), key, 0);
            }
        }
    }

    /** Writes a header (with a fresh masking key for a client) and returns the key, or 0. */
    private int putHeader(boolean fin, int rsvBits, Opcode opcode, int length, ByteBuffer header) {
        header.put((byte) ((fin ? 0x80 : 0) | rsvBits | opcode.code()));
        int maskBit = mask ? 0x80 : 0;
        if (length < 126) {
            header.put((byte) (maskBit | length));
        } else if (length <= 0xFFFF) {
            header.put((byte) (maskBit | 126)).put((byte) (length >>> 8)).put((byte) length);
        } else {
            header.put((byte) (maskBit | 127)).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0)
                    .put((byte) (length >>> 24)).put((byte) (length >>> 16))
                    .put((byte) (length >>> 8)).put((byte) length);
        }
        if (!mask) {
            return 0;
        }
        int key = keys.nextKey();
        header.put((byte) (key >>> 24)).put((byte) (key >>> 16)).put((byte) (key >>> 8)).put((byte) key);
        return key;
    }

    /**
     * Encodes {@code frame} into two buffers, header then payload, ready for a gathering write.
     * Allocates the header buffer and the array; use {@link #encode(Frame, ByteBuffer)} on hot paths.
     *
     * @param frame the frame; a client masks its payload in place
     * @return the header, ready to read, and the payload to write after it
     * @throws ProtocolError when the frame breaks a rule ({@link Frame#check()})
     */
    public ByteBuffer[] encode(Frame frame) {
        ByteBuffer header = ByteBuffer.allocate(MAX_HEADER_LENGTH);
        ByteBuffer payload = encode(frame, header);
        return new ByteBuffer[] {header.flip(), payload};
    }

    /**
     * Encodes {@code frame} into one new array holding the whole frame: handy for tests and tools.
     *
     * @param frame the frame; a client masks its payload in place
     * @return the frame's bytes as they go on the wire
     * @throws ProtocolError when the frame breaks a rule ({@link Frame#check()})
     */
    public byte[] toBytes(Frame frame) {
        ByteBuffer[] parts = encode(frame);
        int headerLength = parts[0].remaining();
        byte[] bytes = new byte[headerLength + parts[1].remaining()];
        parts[0].get(bytes, 0, headerLength);
        parts[1].get(parts[1].position(), bytes, headerLength, parts[1].remaining());
        return bytes;
    }
}
