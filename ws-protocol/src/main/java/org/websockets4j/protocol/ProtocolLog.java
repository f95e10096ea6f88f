package org.websockets4j.protocol;

import java.lang.System.Logger.Level;

/**
 * The one {@link System.Logger} of this module, {@code org.websockets4j.protocol}, and what goes
 * there: every frame received and sent at {@link Level#TRACE}; I/O failures, close timeouts and
 * the end of each connection at {@link Level#DEBUG}; a bug in the driver at {@link Level#ERROR}.
 * Nothing is logged at INFO or WARNING: what happens to a connection is reported to its user
 * (exceptions, close codes), and the server module logs what no user sees.
 *
 * <p>Whether frames are traced is read once, when a connection is created (as Python websockets
 * does): while TRACE is off the hot path then costs one final-field test per frame, no level
 * check, no string, no allocation. Turning TRACE on or off affects connections opened afterwards.
 */
final class ProtocolLog {
    /** The logger of module org.websockets4j.protocol. */
    static final System.Logger LOG = System.getLogger("org.websockets4j.protocol");

    private ProtocolLog() {
    }

    /** Whether TRACE is on now; a connection asks once. */
    static boolean tracing() {
        return LOG.isLoggable(Level.TRACE);
    }

    /** Logs one frame at TRACE: {@code owner < TEXT fin len=5 "hello"} (received) or {@code >} (sent). */
    static void frame(Object owner, boolean received, Object frame) {
        LOG.log(Level.TRACE, owner + (received ? " < " : " > ") + frame);
    }
}
