package org.websockets4j.protocol;

import java.nio.ByteBuffer;
import org.websockets4j.framing.Frame;
import org.websockets4j.framing.FrameReader;
import org.websockets4j.framing.InvalidUtf8;
import org.websockets4j.framing.Opcode;
import org.websockets4j.framing.PayloadTooBig;
import org.websockets4j.framing.ProtocolError;
import org.websockets4j.framing.Utf8Validator;

/**
 * The data message a {@link Connection} is receiving, checked frame by frame before anything is
 * copied: the order of data frames (RFC 6455 §5.4), {@code maxSize}, {@code maxFragments},
 * {@code maxFrameSize}, and the UTF-8 of text, also of a text frame still arriving, so that a
 * long frame of garbage fails at its first bad byte.
 *
 * <p>It also tells the {@link FrameReader} the budget for the next frame, so that an oversized
 * frame is refused from its header. Not thread-safe: the connection's.
 */
final class IncomingMessage {
    private final FrameReader reader;
    /** Where maxSize, maxFragments and maxFrameSize are read (not copied: every connection has one of these). */
    private final ConnectionOptions options;
    /**
     * Whether a frame's payload may be checked before it completes: only without extensions. With
     * one, a frame with no reserved bit set may still be transformed (permessage-deflate marks only
     * a message's first frame, and its continuations are compressed too), so its payload is checked
     * once decoded, when the frame completes.
     */
    private final boolean partialPayloadIsFinal;
    /** Made by the first text frame: an idle or binary-only connection holds none. */
    private Utf8Validator utf8;

    /** TEXT or BINARY while a fragmented message is being received; null between messages. */
    private Opcode type;
    /** Bytes received so far in the fragmented message in progress. */
    private long size;
    /** Frames received so far in the fragmented message in progress. */
    private long frames;
    /** Payload bytes of the text frame in progress already validated as they arrived. */
    private int validatedInFrame;
    /**
     * True when the message in progress, or else the next one, is streamed to the application
     * ({@link #stream(boolean)}): only maxFrameSize bounds it, not maxSize or maxFragments.
     */
    private boolean streamed;

    IncomingMessage(FrameReader reader, ConnectionOptions options, boolean partialPayloadIsFinal) {
        this.reader = reader;
        this.options = options;
        this.partialPayloadIsFinal = partialPayloadIsFinal;
        limitNextFrame(); // the reader starts with the first frame's budget
    }

    /**
     * Tells the reader the budget for the next frame (before each read): what is left of maxSize
     * for the message, but at least 125 bytes so that a control frame in the middle of a
     * fragmented message is never refused; a data frame between the two is checked against the
     * real budget once read.
     */
    void limitNextFrame() {
        long frame = frameCap();
        if (!streamed && options.maxSize() != ConnectionOptions.NO_LIMIT) {
            frame = Math.min(frame, Math.max(options.maxSize() - size, Frame.MAX_CONTROL_PAYLOAD));
        }
        reader.maxPayloadSize(frame);
    }

    /** The reader's limit from maxFrameSize alone: never under a control frame's 125 bytes. */
    private long frameCap() {
        return options.maxFrameSize() == ConnectionOptions.NO_LIMIT ? FrameReader.NO_LIMIT
                : Math.max(options.maxFrameSize(), Frame.MAX_CONTROL_PAYLOAD);
    }

    /** Whether a fragmented message has started and not ended. */
    boolean inProgress() {
        return type != null;
    }

    /**
     * Streams the message in progress, or else the next one, to the application (the driver's
     * {@code recvStream}): it is no longer bounded by maxSize or maxFragments, only by
     * maxFrameSize, frame by frame. Back to normal after its last frame, or when turned off
     * before the message started.
     */
    void stream(boolean on) {
        streamed = on;
    }

    /** The peer's close frame interrupted the message (§5.4 allows it): nothing more of it comes. */
    private Utf8Validator utf8() {
        if (utf8 == null) {
            utf8 = new Utf8Validator();
        }
        return utf8;
    }

    void abandon() {
        type = null;
    }

    /**
     * Validates the UTF-8 that has arrived of a text frame that has not completed yet (only when
     * no extension was negotiated, so that the bytes on the wire are the text).
     *
     * @throws InvalidUtf8 at the first invalid byte
     */
    void checkPartialFrame() {
        Opcode opcode = reader.partialOpcode();
        boolean text = (opcode == Opcode.TEXT && type == null) || (opcode == Opcode.CONTINUATION && type == Opcode.TEXT);
        if (!text || reader.partialRsvBits() != 0 || !partialPayloadIsFinal) {
            return;
        }
        ByteBuffer arrived = reader.partialPayload();
        if (arrived.remaining() <= validatedInFrame) {
            return;
        }
        utf8().update(arrived.position(validatedInFrame));
        validatedInFrame = arrived.limit();
    }

    /**
     * Checks a data frame (TEXT, BINARY or CONTINUATION) and counts it into the message.
     *
     * @param frame the frame, its payload unread
     * @return the message's type, TEXT or BINARY (also for a continuation)
     * @throws ProtocolError when the frame is out of order
     * @throws PayloadTooBig when the frame or the message is over its limit
     * @throws InvalidUtf8   when a text message's bytes are not UTF-8
     */
    Opcode accept(Frame frame) {
        Opcode messageType = switch (frame.opcode()) {
            case TEXT, BINARY -> {
                if (type != null) {
                    throw new ProtocolError("expected a continuation frame: a " + frame.opcode()
                            + " frame started a new message inside a fragmented " + type + " message");
                }
                yield frame.opcode();
            }
            case CONTINUATION -> {
                if (type == null) {
                    throw new ProtocolError("unexpected continuation frame: no fragmented message is in progress");
                }
                yield type;
            }
            default -> throw new IllegalArgumentException("not a data frame: " + frame.opcode());
        };
        ByteBuffer view = frame.payload();
        if (view.remaining() > options.maxFrameSize()) {
            throw frameTooBig(view.remaining());
        }
        long newSize = size + view.remaining();
        if (newSize > options.maxSize() && !streamed) {
            throw new PayloadTooBig(newSize, options.maxSize());
        }
        long newFrames = frames + 1;
        if (newFrames > options.maxFragments() && !streamed) {
            throw new PayloadTooBig("message arrived in more than " + options.maxFragments() + " frames", newFrames, options.maxFragments());
        }
        if (messageType == Opcode.TEXT) {
            int checked = Math.min(validatedInFrame, view.remaining()); // by checkPartialFrame
            Utf8Validator utf8 = utf8();
            if (checked == 0) {
                utf8.update(view); // in place: no slice per text frame
            } else {
                utf8.update(view.slice(view.position() + checked, view.remaining() - checked));
            }
            if (frame.fin()) {
                utf8.finish();
            }
        }
        validatedInFrame = 0;
        if (frame.fin()) {
            type = null;
            size = 0;
            frames = 0;
            streamed = false;
        } else {
            type = messageType;
            size = newSize;
            frames = newFrames;
        }
        return messageType;
    }

    /**
     * The reader measures one frame against the budget left; report the message against maxSize,
     * as the check on frames under 125 bytes does, or the frame against maxFrameSize when that
     * was the limit.
     */
    PayloadTooBig tooBig(PayloadTooBig e) {
        long limit = reader.maxPayloadSize();
        if (e.maxSize() == limit && options.maxFrameSize() != ConnectionOptions.NO_LIMIT && limit == frameCap()) {
            return frameTooBig(e.size());
        }
        if (options.maxSize() == ConnectionOptions.NO_LIMIT || e.maxSize() != limit) {
            return e;
        }
        return new PayloadTooBig(size + e.size(), options.maxSize());
    }

    private PayloadTooBig frameTooBig(long frameSize) {
        return new PayloadTooBig("frame payload length " + frameSize + " exceeds maxFrameSize, " + options.maxFrameSize() + " bytes",
                frameSize, options.maxFrameSize());
    }
}
