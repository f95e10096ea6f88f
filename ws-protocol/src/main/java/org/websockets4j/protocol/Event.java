package org.websockets4j.protocol;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import org.websockets4j.framing.Close;
import org.websockets4j.framing.Opcode;

/**
 * What {@link Connection#eventsReceived()} reports: one event per frame received, in order.
 *
 * <p>Events are immutable values except for their buffers: hand each event to one consumer.
 * Every payload is a heap buffer owned by the event (never a view of the bytes passed to
 * {@link Connection#receiveData}), so events may be kept and handed to other threads. Ping and
 * pong payloads are read-only because the connection shares them with the frames it sends.
 */
public sealed interface Event {
    /**
     * A data frame: the first frame of a message (TEXT or BINARY) or a later fragment
     * (CONTINUATION). A message is complete at the frame with {@code fin} set;
     * {@link MessageAssembler} joins the frames.
     *
     * <p>The connection has already enforced the fragmentation rules, the maximum message size
     * and, for text, that the bytes so far are valid UTF-8 (and that the message ends on a
     * character boundary when {@code fin} is set).
     *
     * @param opcode  TEXT, BINARY or CONTINUATION
     * @param payload the frame's payload, a writable heap buffer owned by the receiver of the event
     * @param fin     true on the last frame of the message
     */
    record DataFrame(Opcode opcode, ByteBuffer payload, boolean fin) implements Event {
        /**
         * Creates the event.
         *
         * @throws NullPointerException     when an argument is null
         * @throws IllegalArgumentException when {@code opcode} is a control opcode
         */
        public DataFrame {
            Objects.requireNonNull(opcode, "opcode");
            Objects.requireNonNull(payload, "payload");
            if (!opcode.isData()) {
                throw new IllegalArgumentException("a DataFrame carries TEXT, BINARY or CONTINUATION, not " + opcode);
            }
        }
    }

    /**
     * A ping. The pong carrying the same payload has already been queued for sending (RFC 6455
     * §5.5.2); there is nothing to do but take note.
     *
     * @param payload the ping's payload (read-only, at most 125 bytes)
     */
    record PingReceived(ByteBuffer payload) implements Event {
        /**
         * Creates the event.
         *
         * @throws NullPointerException when {@code payload} is null
         */
        public PingReceived {
            Objects.requireNonNull(payload, "payload");
        }
    }

    /**
     * A pong. When its payload matches a ping we sent, that ping and every ping sent before it are
     * acknowledged, oldest first (a pong answers the most recent ping it saw, RFC 6455 §5.5.3); an
     * unsolicited pong acknowledges nothing.
     *
     * @param payload           the pong's payload (read-only, at most 125 bytes)
     * @param acknowledgedPings the payloads of the pings this pong completes, in the order they
     *                          were sent (read-only buffers; empty for an unsolicited pong)
     */
    record PongReceived(ByteBuffer payload, List<ByteBuffer> acknowledgedPings) implements Event {
        /**
         * Creates the event, copying the list.
         *
         * @throws NullPointerException when an argument is null
         */
        public PongReceived {
            Objects.requireNonNull(payload, "payload");
            acknowledgedPings = List.copyOf(acknowledgedPings);
        }
    }

    /**
     * The peer's close frame. The connection has already answered it when needed (RFC 6455
     * §5.5.1); a fragmented message still in progress is abandoned, and nothing the peer sends
     * afterwards is processed.
     *
     * @param close the code and reason; {@link Close#NO_STATUS} (1005) when the frame carried none
     */
    record CloseReceived(Close close) implements Event {
        /**
         * Creates the event.
         *
         * @throws NullPointerException when {@code close} is null
         */
        public CloseReceived {
            Objects.requireNonNull(close, "close");
        }
    }
}
