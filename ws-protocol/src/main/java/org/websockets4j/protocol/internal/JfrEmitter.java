package org.websockets4j.protocol.internal;

import java.net.SocketAddress;
import org.websockets4j.framing.CloseCodes;
import org.websockets4j.framing.WebSocketException;

/**
 * Creates and commits the JFR events; only ever loaded once {@link JfrEvents#AVAILABLE} said
 * jdk.jfr is there, since it links against jdk.jfr classes. Each method allocates its event only
 * to test {@code shouldCommit()}: when nobody records it, the JIT removes the allocation. The
 * fields' strings (the address, the path without its query) are made only for an event that is
 * committed: otherwise every connection would pay for them twice, at its handshake and its end.
 */
final class JfrEmitter {
    private JfrEmitter() {
    }

    static void handshake(SocketAddress remote, String path, int status, long durationNanos) {
        HandshakeEvent event = new HandshakeEvent();
        if (event.shouldCommit()) {
            event.remoteAddress = JfrEvents.address(remote);
            event.path = LogSafe.withoutQuery(path);
            event.status = status;
            event.accepted = status == 101;
            event.handshakeTime = durationNanos;
            event.commit();
        }
    }

    static void closed(ConnectionEnd end) {
        ConnectionClosedEvent closed = new ConnectionClosedEvent();
        if (closed.shouldCommit()) {
            closed.remoteAddress = JfrEvents.address(end.remote());
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
                timeout.remoteAddress = JfrEvents.address(end.remote());
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
                error.remoteAddress = JfrEvents.address(end.remote());
                error.connectionId = end.state().id().toString();
                error.role = end.role().name();
                error.code = end.sentCode();
                error.message = failure.getMessage();
                error.commit();
            }
        }
    }

    static void largeMessage(ConnectionState state, SocketAddress remote, boolean received, long bytes) {
        LargeMessageEvent event = new LargeMessageEvent();
        if (event.shouldCommit()) {
            event.remoteAddress = JfrEvents.address(remote);
            event.connectionId = state.id().toString();
            event.direction = received ? "received" : "sent";
            event.size = bytes;
            event.commit();
        }
    }
}
