package org.websockets4j.protocol;

import java.net.SocketAddress;
import java.time.Duration;
import org.websockets4j.framing.Close;
import org.websockets4j.framing.Role;
import org.websockets4j.protocol.internal.ConnectionEnd;
import org.websockets4j.protocol.internal.ConnectionObserver;
import org.websockets4j.protocol.internal.ConnectionState;
import org.websockets4j.protocol.internal.JfrEvents;

/**
 * What one connection tells its {@link ConnectionObserver} and JFR: the driver calls it per data
 * frame each way, after each change of its write buffer, and once at the end. Its fields are plain
 * because every call is made with the driver's lock held; per frame it adds and compares, and
 * calls out only at a message's last frame, so it allocates nothing in steady state.
 */
final class ConnectionRecorder {
    private final ConnectionObserver observer;
    private final ConnectionState state;
    private final Role role;
    private final SocketAddress remote;
    private final long openedAt;

    private long receiving;
    private long sending;
    private long highWater;

    ConnectionRecorder(ConnectionObserver observer, ConnectionState state, Role role, SocketAddress remote) {
        this.observer = observer;
        this.state = state;
        this.role = role;
        this.remote = remote;
        this.openedAt = System.nanoTime();
    }

    /** A data frame arrived; at its message's last frame, the message is reported. */
    void frameIn(int bytes, boolean fin) {
        receiving += bytes;
        if (fin) {
            long size = receiving;
            receiving = 0;
            observer.messageReceived(size);
            if (size >= JfrEvents.LARGE_MESSAGE_BYTES) {
                JfrEvents.largeMessage(state, remote, true, size);
            }
        }
    }

    /** A data frame was queued; at its message's last frame, the message is reported. */
    void frameOut(int bytes, boolean fin) {
        sending += bytes;
        if (fin) {
            long size = sending;
            sending = 0;
            observer.messageSent(size);
            if (size >= JfrEvents.LARGE_MESSAGE_BYTES) {
                JfrEvents.largeMessage(state, remote, false, size);
            }
        }
    }

    /** The write buffer now holds {@code pending} bytes. */
    void buffered(long pending) {
        if (pending > highWater) {
            highWater = pending;
            observer.writeBufferHigh(pending);
        }
    }

    /** The connection is CLOSED: report how it ended. Called once. */
    void closed(Connection connection) {
        Close sent = connection.closeSent();
        Close received = connection.closeReceived();
        ConnectionEnd.Initiator initiator = connection.closeStartedByPeer() ? ConnectionEnd.Initiator.REMOTE
                : sent != null ? ConnectionEnd.Initiator.LOCAL
                : received != null ? ConnectionEnd.Initiator.REMOTE : ConnectionEnd.Initiator.NONE;
        ConnectionEnd end = new ConnectionEnd(state, role, remote, connection.closeCode(), connection.closeReason(),
                sent == null ? -1 : sent.code(), sent == null ? "" : sent.reason(), initiator,
                Duration.ofNanos(System.nanoTime() - openedAt), connection.failure(), connection.keepaliveTimedOut());
        // Called from the driver's terminate(), lock held: a throwing observer (or the logging
        // backend behind it) must not keep the transport from being closed.
        try {
            observer.closed(end);
        } catch (RuntimeException e) {
            ProtocolLog.LOG.log(System.Logger.Level.ERROR, "the connection observer failed; ignored", e);
        }
        JfrEvents.closed(end);
    }
}
