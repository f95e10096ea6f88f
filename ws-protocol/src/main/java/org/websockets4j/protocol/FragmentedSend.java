package org.websockets4j.protocol;

import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.Objects;
import org.websockets4j.framing.CloseCodes;
import org.websockets4j.framing.FrameData;
import org.websockets4j.framing.Opcode;

/**
 * {@link WebSocket#send(Iterable)}: one fragmented message, a frame per item, as Python
 * websockets sends an iterable. The iterator runs one item ahead so that the last item's frame
 * carries the FIN bit (no empty final frame); a single item makes an unfragmented message.
 */
final class FragmentedSend {
    private FragmentedSend() {
    }

    static void send(Driver driver, Iterable<?> pieces) throws InterruptedException {
        Objects.requireNonNull(pieces, "pieces");
        Iterator<?> iterator = pieces.iterator();
        if (!iterator.hasNext()) {
            return; // Python sends nothing for an empty iterable
        }
        // The first item's type picks the message type; an unsupported one fails before anything
        // happens (Python's TypeError), leaving the connection open.
        FrameData.Prepared first = FrameData.prepare(iterator.next());
        Opcode opcode = first.opcode();
        FragmentOwnership fragments = driver.fragments();
        FragmentedMessage message = fragments.begin(opcode);
        boolean finished = false;
        try {
            ByteBuffer current = owned(first);
            while (true) {
                boolean more = iterator.hasNext();
                ByteBuffer next = null;
                if (more) {
                    FrameData.Prepared piece = FrameData.prepare(iterator.next());
                    if (piece.opcode() != opcode) {
                        throw new IllegalArgumentException("the pieces of a fragmented message must all be text"
                                + " (CharSequence) or all be binary (byte[], ByteBuffer); got " + piece.opcode()
                                + " after " + opcode);
                    }
                    next = owned(piece);
                }
                fragments.send(message, current, !more);
                if (!more) {
                    finished = true;
                    return;
                }
                current = next;
            }
        } finally {
            if (!finished) {
                // Half a message cannot be taken back: the connection is unusable (Python fails it with 1011).
                fragments.abandon(message, CloseCodes.INTERNAL_ERROR, "");
            }
        }
    }

    /** A payload the driver may own: text was freshly encoded; bytes are the caller's, so copied. */
    private static ByteBuffer owned(FrameData.Prepared piece) {
        return piece.opcode() == Opcode.TEXT ? piece.data() : Payloads.copy(piece.data());
    }
}
