package org.websockets4j.protocol;

import org.websockets4j.framing.Opcode;

/**
 * One fragmented message in progress ({@link MessageWriter}, {@link WebSocket#send(Iterable)}):
 * the token its sender holds and passes back with each frame, so that a frame from a message that
 * is over (or from someone else) is refused. Guarded by the driver's lock.
 */
final class FragmentedMessage {
    /** The thread that began it: a blocking data send from that thread would wait for itself. */
    final Thread thread;
    final Opcode opcode;
    /** True once its first frame (the one with the opcode) was queued; the rest are continuations. */
    boolean started;

    FragmentedMessage(Thread thread, Opcode opcode) {
        this.thread = thread;
        this.opcode = opcode;
    }
}
