package org.websockets4j.protocol.internal;

import org.websockets4j.framing.CloseCodes;
import org.websockets4j.framing.WebSocketException;

/**
 * Creates and commits the JFR events; only ever loaded once {@link JfrEvents#AVAILABLE} said
 * jdk.jfr is there, since it links against jdk.jfr classes. Each method allocates its event only
 * to test {@code shouldCommit()}: when nobody records it, the JIT removes the allocation.
 */
final class JfrEmitter {
    private JfrEmitter() {
    }

    static void handshake(String remote, String path, int status, long durationNanos) {
        HandshakeEvent event = new HandshakeEvent();
        if (event.shouldCommit()) {
            event.remoteAddress = remote;
            event.path = path;
            event.status = status;
            event.accepted = status == 101;
            event.handshakeTime = durationNanos;
            event.commit();
        }
    }

    static void closed(ConnectionEnd end, String remote) {
        ConnectionClosedEvent closed = new ConnectionClosedEvent();
        if (closed.shouldCommit()) {
            closed.remoteAddress = remote;
            closed.connectionId = end.state().id().toString();
            closed.role = end.role().name();
            closed.code = end.code();
            closed.reason = end.reason();
            closed.sentCode = end.sentCode();
            closed.initiator = end.initiator().name();
            closed.openTime = end.open().toNanos();
            closed.commit();
        }
        if (end.keepaliveTimeout()) {
            KeepaliveTimeoutEvent timeout = new KeepaliveTimeoutEvent();
            if (timeout.shouldCommit()) {
                timeout.remoteAddress = remote;
                timeout.connectionId = end.state().id().toString();
                timeout.role = end.role().name();
                timeout.commit();
            }
        }
        // A failure of the peer's making (the decoder's errors); I/O errors are not protocol errors.
        if (end.failure() instanceof WebSocketException failure && end.sentCode() != -1
                && end.sentCode() != CloseCodes.INTERNAL_ERROR) {
            ProtocolErrorEvent error = new ProtocolErrorEvent();
            if (error.shouldCommit()) {
                error.remoteAddress = remote;
                error.connectionId = end.state().id().toString();
                error.role = end.role().name();
                error.code = end.sentCode();
                error.message = failure.getMessage();
                error.commit();
            }
        }
    }

    static void largeMessage(ConnectionState state, String remote, boolean received, long bytes) {
        LargeMessageEvent event = new LargeMessageEvent();
        if (event.shouldCommit()) {
            event.remoteAddress = remote;
            event.connectionId = state.id().toString();
            event.direction = received ? "received" : "sent";
            event.size = bytes;
            event.commit();
        }
    }
}
