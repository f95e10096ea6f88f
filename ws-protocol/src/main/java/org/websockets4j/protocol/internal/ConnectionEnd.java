package org.websockets4j.protocol.internal;

import java.net.SocketAddress;
import java.time.Duration;
import java.util.Objects;
import org.websockets4j.framing.CloseCodes;
import org.websockets4j.framing.Role;

/**
 * How one connection ended, as {@link ConnectionObserver#closed} and the
 * {@code org.websockets4j.ConnectionClosed} JFR event report it. Immutable.
 *
 * @param state        the connection's identity ({@code state.id()} draws its UUID on first use)
 * @param role         the side this was
 * @param remote       the peer's address, or null when the transport has none
 * @param code         the close code the connection ended with: the peer's close frame's, or 1006
 *                     when none arrived
 * @param reason       the reason of the peer's close frame, empty when none
 * @param sentCode     the code of the close frame we sent, or -1 when we sent none
 * @param sentReason   the reason of the close frame we sent, empty when none
 * @param initiator    who sent the first close frame
 * @param open         how long the connection was open
 * @param failure      why it failed (a protocol error of the peer's, an I/O error), or null
 * @param keepaliveTimeout true when it ended because a keepalive ping was not answered in time
 */
public record ConnectionEnd(ConnectionState state, Role role, SocketAddress remote, int code, String reason,
                            int sentCode, String sentReason, Initiator initiator, Duration open,
                            Throwable failure, boolean keepaliveTimeout) {
    /** Who started the closing handshake. */
    public enum Initiator {
        /** This side sent the first close frame (its application, a failure it detected, a timeout). */
        LOCAL,
        /** The peer sent the first close frame. */
        REMOTE,
        /** No close frame was sent by either side: the transport just ended. */
        NONE
    }

    /**
     * Checks the components.
     *
     * @throws NullPointerException when a component other than {@code remote} or {@code failure} is null
     */
    public ConnectionEnd {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(sentReason, "sentReason");
        Objects.requireNonNull(initiator, "initiator");
        Objects.requireNonNull(open, "open");
    }

    /**
     * Whether this is an end operators should hear about: anything but a clean 1000 or 1001
     * (or an empty close frame, 1005) in both directions.
     *
     * @return true when the code received or the code sent is not 1000, 1001 or 1005
     */
    public boolean abnormal() {
        return !normal(code) || (sentCode != -1 && !normal(sentCode));
    }

    private static boolean normal(int code) {
        return code == CloseCodes.NORMAL_CLOSURE || code == CloseCodes.GOING_AWAY || code == CloseCodes.NO_STATUS_RECEIVED;
    }
}
