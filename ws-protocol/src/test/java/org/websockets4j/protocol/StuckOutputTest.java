package org.websockets4j.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.CompletionHandler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.websockets4j.framing.CloseCodes;
import org.websockets4j.framing.Role;
import org.websockets4j.protocol.internal.Transport;
import org.websockets4j.protocol.internal.WebSockets;

/**
 * A connection given up while its output is stuck (a peer that stopped reading) aborts its
 * transport, so the peer sees a reset rather than an orderly end; one whose output all went
 * closes it plainly.
 */
class StuckOutputTest {
    /** Reads never complete; writes complete at once, or never when {@code stuck}. Records how it ended. */
    static final class EndingTransport implements Transport {
        private final boolean stuck;
        private CompletionHandler<Integer, Void> pendingRead;
        private CompletionHandler<Long, Void> pendingWrite;
        volatile boolean closed;
        volatile boolean aborted;

        EndingTransport(boolean stuck) {
            this.stuck = stuck;
        }

        @Override
        public synchronized void read(ByteBuffer dst, CompletionHandler<Integer, Void> handler) {
            pendingRead = handler;
        }

        @Override
        public void write(ByteBuffer[] srcs, int offset, int length, CompletionHandler<Long, Void> handler) {
            if (stuck) {
                synchronized (this) {
                    pendingWrite = handler;
                }
                return;
            }
            long n = 0;
            for (int i = offset; i < offset + length; i++) {
                n += srcs[i].remaining();
                srcs[i].position(srcs[i].limit());
            }
            handler.completed(n, null);
        }

        @Override
        public void shutdownOutput() {
        }

        @Override
        public void close() {
            closed = true;
            CompletionHandler<Integer, Void> read;
            CompletionHandler<Long, Void> write;
            synchronized (this) {
                read = pendingRead;
                write = pendingWrite;
                pendingRead = null;
                pendingWrite = null;
            }
            if (read != null) {
                read.failed(new AsynchronousCloseException(), null);
            }
            if (write != null) {
                write.failed(new AsynchronousCloseException(), null);
            }
        }

        @Override
        public void abort() {
            aborted = true;
            close();
        }

        @Override
        public SocketAddress localAddress() {
            return null;
        }

        @Override
        public SocketAddress remoteAddress() {
            return null;
        }
    }

    private static WebSocket open(EndingTransport transport) {
        return WebSockets.open(transport, Role.SERVER,
                Loopback.quiet().closeTimeout(Duration.ofMillis(100)).build(), List.of(), ByteBuffer.allocate(0), Loopback.INFO);
    }

    @Test
    void givenUpWithOutputUnwrittenItAborts() throws Exception {
        EndingTransport transport = new EndingTransport(true);
        WebSocket ws = open(transport);
        ws.sendAsync("never leaves"); // the write stays in flight
        ws.closeAsync();
        ws.closedFuture().get(Loopback.GUARD_SECONDS, TimeUnit.SECONDS); // the close timeout gives up
        assertEquals(CloseCodes.ABNORMAL_CLOSURE, ws.closeCode());
        assertTrue(transport.aborted, "a reset, not an orderly end behind unsent bytes");
    }

    @Test
    void givenUpWithEverythingWrittenItClosesPlainly() throws Exception {
        EndingTransport transport = new EndingTransport(false);
        WebSocket ws = open(transport);
        ws.sendAsync("sent");
        ws.closeAsync(); // the close frame goes; the peer never answers
        ws.closedFuture().get(Loopback.GUARD_SECONDS, TimeUnit.SECONDS);
        assertTrue(transport.closed);
        assertFalse(transport.aborted);
    }
}
