package org.websockets4j.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.websockets4j.framing.Opcode;
import org.websockets4j.framing.PayloadTooBig;

/**
 * Joins the {@link Event.DataFrame}s of a connection into complete {@link Message}s.
 *
 * <p>It only assembles: the {@link Connection} has already enforced the fragmentation rules, the
 * maximum message size and UTF-8 validity, so text is decoded without further checks. A message
 * that arrives in one frame whose payload fills its whole array costs no copy for binary data.
 * A fragmented message is appended, frame by frame, to one array that grows by doubling, so it
 * costs about its payload (at most twice it while it grows), however many frames it arrives in:
 * nothing is kept per frame.
 *
 * <p>Not thread-safe: one assembler per connection, fed in the order of the events.
 */
public final class MessageAssembler {
    /** Java arrays stop a little short of Integer.MAX_VALUE. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;
    /** The first allocation for a fragmented message whose first frame is smaller. */
    private static final int MIN_CAPACITY = 256;

    private Opcode opcode;
    private byte[] bytes;
    private int size;

    /** Creates an assembler between messages. */
    public MessageAssembler() {
    }

    /**
     * Adds the next data frame.
     *
     * @param frame the next data frame of the connection, not null; its payload is copied (or,
     *              for a whole binary message filling its array, taken over)
     * @return the message {@code frame} completes, or null when more frames are needed
     * @throws IllegalStateException when the frames are out of order: a continuation without a
     *                               started message, or a new message inside a fragmented one
     *                               (a {@link Connection} never produces that)
     * @throws PayloadTooBig         when the message outgrows a Java array (about 2 GiB), which
     *                               only happens with {@link ConnectionOptions#NO_LIMIT}; the
     *                               message is dropped and the assembler is ready for the next
     */
    public Message add(Event.DataFrame frame) {
        if (frame.opcode() == Opcode.CONTINUATION) {
            if (opcode == null) {
                throw new IllegalStateException("continuation frame without a started message");
            }
            return add(opcode, false, frame.payload(), frame.fin());
        }
        if (opcode != null) {
            throw new IllegalStateException("a new " + frame.opcode() + " message started inside a fragmented " + opcode + " message");
        }
        if (frame.fin()) {
            return message(frame.opcode(), frame.payload());
        }
        return add(frame.opcode(), true, frame.payload(), false);
    }

    /**
     * Adds the payload of the next data frame, read in place (the driver's path: no object per
     * frame). The caller guarantees the order, as {@link Connection.DataSink} does.
     *
     * @param type  TEXT or BINARY, the message's type
     * @param first true for the message's first frame
     * @param view  the payload; copied before this returns
     * @param fin   true for the message's last frame
     * @return the message completed, or null
     */
    Message add(Opcode type, boolean first, ByteBuffer view, boolean fin) {
        return add(type, first, view, fin, false);
    }

    /**
     * {@link #add(Opcode, boolean, ByteBuffer, boolean)}, told whether {@code view} is a buffer
     * nobody else will touch ({@link org.websockets4j.framing.FrameReader#payloadDetached()}): a
     * whole binary message that fills its array then takes the array over instead of copying it.
     */
    Message add(Opcode type, boolean first, ByteBuffer view, boolean fin, boolean detached) {
        if (first) {
            if (fin) {
                return detached ? message(type, view) : copyOf(type, view);
            }
            opcode = type;
            size = 0;
        }
        int length = view.remaining();
        long total = (long) size + length;
        if (total > MAX_ARRAY) {
            reset();
            throw new PayloadTooBig(total, MAX_ARRAY);
        }
        if (bytes == null || total > bytes.length) {
            long wanted = Math.max(Math.max(MIN_CAPACITY, total), bytes == null ? 0 : 2L * bytes.length);
            bytes = bytes == null ? new byte[(int) Math.min(wanted, MAX_ARRAY)]
                    : Arrays.copyOf(bytes, (int) Math.min(wanted, MAX_ARRAY));
        }
        view.get(view.position(), bytes, size, length);
        size = (int) total;
        if (!fin) {
            return null;
        }
        Message message = opcode == Opcode.TEXT
                ? new Message.Text(new String(bytes, 0, size, StandardCharsets.UTF_8))
                : new Message.Binary(size == bytes.length ? bytes : Arrays.copyOf(bytes, size));
        reset();
        return message;
    }

    /**
     * Whether a fragmented message is in progress.
     *
     * @return true between the first and the last frame of a fragmented message
     */
    public boolean inProgress() {
        return opcode != null;
    }

    /** The type of the fragmented message in progress (TEXT or BINARY), or null between messages. */
    Opcode partialType() {
        return opcode;
    }

    /** Takes the bytes of the fragmented message in progress, for a stream to go on from; the assembler is then between messages. */
    byte[] takePartial() {
        byte[] partial = bytes == null ? new byte[0] : Arrays.copyOf(bytes, size);
        reset();
        return partial;
    }

    /** Drops the message in progress, if any (for example when the connection closes). */
    public void reset() {
        opcode = null;
        bytes = null;
        size = 0;
    }

    /** A whole message from one frame: its payload copied once (or taken over). */
    private static Message copyOf(Opcode type, ByteBuffer view) {
        int length = view.remaining();
        if (type == Opcode.TEXT) {
            if (view.hasArray()) {
                return new Message.Text(new String(view.array(), view.arrayOffset() + view.position(), length, StandardCharsets.UTF_8));
            }
            byte[] copy = new byte[length];
            view.get(view.position(), copy);
            return new Message.Text(new String(copy, StandardCharsets.UTF_8));
        }
        byte[] copy = new byte[length];
        view.get(view.position(), copy);
        return new Message.Binary(copy);
    }

    private static Message message(Opcode opcode, ByteBuffer payload) {
        int length = payload.remaining();
        if (opcode == Opcode.BINARY && payload.hasArray() && payload.arrayOffset() == 0 && payload.position() == 0
                && length == payload.array().length) {
            return new Message.Binary(payload.array()); // the payload is exactly the array: take it over
        }
        return copyOf(opcode, payload);
    }
}
