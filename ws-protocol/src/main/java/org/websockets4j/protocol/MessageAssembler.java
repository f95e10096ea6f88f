package org.websockets4j.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.websockets4j.framing.Opcode;
import org.websockets4j.framing.PayloadTooBig;

/**
 * Joins the {@link Event.DataFrame}s of a connection into complete {@link Message}s.
 *
 * <p>It only assembles: the {@link Connection} has already enforced the fragmentation rules, the
 * maximum message size and UTF-8 validity, so text is decoded without further checks. A message
 * that arrives in one frame whose payload fills its whole array costs no copy for binary data;
 * a fragmented message is copied once, into one array, when its last frame arrives.
 *
 * <p>Not thread-safe: one assembler per connection, fed in the order of the events.
 */
public final class MessageAssembler {
    /** Java arrays stop a little short of Integer.MAX_VALUE. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private Opcode opcode;
    private final List<ByteBuffer> fragments = new ArrayList<>();
    private long size;

    /** Creates an assembler between messages. */
    public MessageAssembler() {
    }

    /**
     * Adds the next data frame.
     *
     * @param frame the next data frame of the connection, not null; its payload is kept, not
     *              copied, until the message completes
     * @return the message {@code frame} completes, or null when more frames are needed
     * @throws IllegalStateException when the frames are out of order: a continuation without a
     *                               started message, or a new message inside a fragmented one
     *                               (a {@link Connection} never produces that)
     * @throws PayloadTooBig         when the message outgrows a Java array (about 2 GiB)
     */
    public Message add(Event.DataFrame frame) {
        if (frame.opcode() == Opcode.CONTINUATION) {
            if (opcode == null) {
                throw new IllegalStateException("continuation frame without a started message");
            }
        } else if (opcode != null) {
            throw new IllegalStateException("a new " + frame.opcode() + " message started inside a fragmented " + opcode + " message");
        } else if (frame.fin()) {
            return message(frame.opcode(), frame.payload());
        } else {
            opcode = frame.opcode();
        }
        size += frame.payload().remaining();
        if (size > MAX_ARRAY) {
            long tooBig = size;
            reset();
            throw new PayloadTooBig(tooBig, MAX_ARRAY);
        }
        fragments.add(frame.payload());
        if (!frame.fin()) {
            return null;
        }
        byte[] joined = new byte[(int) size];
        int at = 0;
        for (ByteBuffer fragment : fragments) {
            int length = fragment.remaining();
            fragment.get(fragment.position(), joined, at, length);
            at += length;
        }
        Message message = message(opcode, joined, 0, joined.length);
        reset();
        return message;
    }

    /**
     * True while a fragmented message has started but not ended.
     *
     * @return whether frames of an unfinished message are held
     */
    public boolean inProgress() {
        return opcode != null;
    }

    /** Drops the message in progress, if any (after the connection closed in the middle of one). */
    public void reset() {
        opcode = null;
        fragments.clear();
        size = 0;
    }

    private static Message message(Opcode opcode, ByteBuffer payload) {
        int length = payload.remaining();
        if (payload.hasArray()) {
            byte[] array = payload.array();
            int offset = payload.arrayOffset() + payload.position();
            if (opcode == Opcode.BINARY && offset == 0 && length == array.length) {
                return new Message.Binary(array); // the payload is exactly the array: take it over
            }
            return message(opcode, array, offset, length);
        }
        byte[] copy = new byte[length];
        payload.get(payload.position(), copy);
        return message(opcode, copy, 0, length);
    }

    private static Message message(Opcode opcode, byte[] bytes, int offset, int length) {
        if (opcode == Opcode.TEXT) {
            return new Message.Text(new String(bytes, offset, length, StandardCharsets.UTF_8));
        }
        if (offset == 0 && length == bytes.length) {
            return new Message.Binary(bytes);
        }
        byte[] copy = new byte[length];
        System.arraycopy(bytes, offset, copy, 0, length);
        return new Message.Binary(copy);
    }
}
