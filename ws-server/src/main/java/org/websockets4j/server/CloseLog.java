package org.websockets4j.server;

import java.lang.System.Logger.Level;
import org.websockets4j.framing.CloseCodes;
import org.websockets4j.protocol.internal.ConnectionEnd;

/**
 * One INFO line per connection that ended abnormally (a code other than 1000, 1001 or 1005 either
 * way): its id, the peer's address, the codes and reasons, who started closing and how long it was
 * open. INFO rather than WARNING: peers that vanish (1006) or break the protocol are routine on
 * the Internet and need no action from the operator one by one; their rate is what matters, and
 * {@link ServerMetrics#abnormalCloses()} counts them. Only these fields are logged: never the
 * request path (its query string may carry a token) nor any header. Thread-safe.
 */
final class CloseLog {
    private final System.Logger log;

    CloseLog(System.Logger log) {
        this.log = log;
    }

    void abnormal(ConnectionEnd end) {
        if (!log.isLoggable(Level.INFO)) {
            return;
        }
        StringBuilder line = new StringBuilder(160).append("connection ").append(end.state().id())
                .append(" from ").append(end.remote()).append(" closed abnormally: received ")
                .append(describe(end.code(), end.reason()));
        if (end.sentCode() != -1) {
            line.append(", sent ").append(describe(end.sentCode(), end.sentReason()));
        }
        line.append(", closing started by ").append(switch (end.initiator()) {
            case LOCAL -> "the server";
            case REMOTE -> "the client";
            case NONE -> "neither (the connection dropped)";
        }).append(", open ").append(end.open().toMillis()).append(" ms");
        log.log(Level.INFO, line.toString());
    }

    private static String describe(int code, String reason) {
        String text = code + " (" + CloseCodes.describe(code) + ")";
        return reason.isEmpty() ? text : text + " \"" + printable(reason) + "\"";
    }

    /** A reason comes from the peer: keep control characters out of the log line. */
    private static String printable(String reason) {
        StringBuilder out = new StringBuilder(reason.length());
        reason.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return out.toString();
    }
}
