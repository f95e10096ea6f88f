package org.websockets4j.protocol.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * The TLS handshake over a {@link Transport}, on the calling (virtual) thread with
 * {@link HandshakeIo}'s blocking reads and writes, before the HTTP handshake and within the same
 * deadline; it returns the {@link Transport} that carries the WebSocket over TLS. Delegated tasks
 * (certificate checks, key exchange) run inline: the calling thread is the connection's own and
 * has nothing else to do meanwhile. Thread-safe (no state).
 */
public final class TlsHandshake {
    /** How long a failed handshake may spend telling the peer why (sending the alert). */
    private static final long ALERT_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private TlsHandshake() {
    }

    /**
     * Runs the TLS handshake of {@code engine} (configured for its side, see {@link TlsEngines})
     * over {@code transport}.
     *
     * @param transport the byte stream; on success the returned transport owns it, on failure
     *                  the caller still does (and closes it)
     * @param engine    a new engine
     * @param deadline  {@link System#nanoTime()} by which the handshake must end, or
     *                  {@link HandshakeIo#NO_DEADLINE}
     * @return the transport carrying application bytes over TLS
     * @throws SSLHandshakeException when the handshake fails: the certificate is not trusted or
     *                               does not name the host, no protocol or cipher suite is shared,
     *                               the peer is not speaking TLS, or it left mid-handshake
     * @throws TimeoutException      when the deadline passes first (the transport is closed then)
     * @throws IOException           when the transport fails
     * @throws InterruptedException  when the thread is interrupted (the transport is closed then)
     */
    public static Transport run(Transport transport, SSLEngine engine, long deadline)
            throws IOException, TimeoutException, InterruptedException {
        int packet = engine.getSession().getPacketBufferSize();
        ByteBuffer netIn = ByteBuffer.allocate(packet);
        ByteBuffer netOut = ByteBuffer.allocate(packet);
        ByteBuffer app = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        ByteBuffer empty = ByteBuffer.allocate(0);
        try {
            engine.beginHandshake();
            while (true) {
                switch (engine.getHandshakeStatus()) {
                    case NEED_WRAP -> {
                        netOut.clear();
                        SSLEngineResult result = engine.wrap(empty, netOut);
                        if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                            netOut = ByteBuffer.allocate(netOut.capacity() * 2);
                            continue;
                        }
                        HandshakeIo.writeFully(transport, netOut.flip(), deadline);
                        if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
                            throw new SSLHandshakeException("the TLS handshake was closed");
                        }
                    }
                    case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                        SSLEngineResult result = engine.unwrap(netIn.flip(), app);
                        netIn.compact();
                        switch (result.getStatus()) {
                            case BUFFER_UNDERFLOW -> {
                                if (!netIn.hasRemaining()) {
                                    ByteBuffer bigger = ByteBuffer.allocate(netIn.capacity() * 2);
                                    bigger.put(netIn.flip());
                                    netIn = bigger;
                                }
                                if (HandshakeIo.read(transport, netIn, deadline) < 0) {
                                    throw new SSLHandshakeException("the peer closed the connection during the TLS handshake");
                                }
                            }
                            case BUFFER_OVERFLOW -> app = grow(app);
                            case CLOSED -> throw new SSLHandshakeException("the peer closed TLS during its handshake");
                            case OK -> {
                            }
                        }
                    }
                    case NEED_TASK -> TlsCodec.runTasks(engine);
                    case FINISHED, NOT_HANDSHAKING -> {
                        return new TlsTransport(transport, new TlsCodec(engine, netIn.flip(), app.flip()));
                    }
                }
            }
        } catch (SSLException e) {
            sendAlert(transport, engine, deadline);
            throw e instanceof SSLHandshakeException ? e : handshakeFailed(e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        }
    }

    private static SSLHandshakeException handshakeFailed(SSLException e) {
        SSLHandshakeException failed = new SSLHandshakeException("TLS handshake failed: " + e.getMessage());
        failed.initCause(e);
        return failed;
    }

    private static ByteBuffer grow(ByteBuffer app) {
        ByteBuffer bigger = ByteBuffer.allocate(app.capacity() * 2);
        bigger.put(app.flip());
        return bigger;
    }

    /** After a failure the engine holds the alert that says why; the peer deserves to see it. */
    private static void sendAlert(Transport transport, SSLEngine engine, long deadline) {
        try {
            engine.closeOutbound();
            ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
            while (!engine.isOutboundDone()) {
                SSLEngineResult result = engine.wrap(ByteBuffer.allocate(0), out);
                if (result.bytesProduced() == 0) {
                    break;
                }
            }
            long soon = System.nanoTime() + ALERT_NANOS;
            HandshakeIo.writeFully(transport, out.flip(), deadline - soon < 0 ? deadline : soon);
        } catch (SSLException | RuntimeException | TimeoutException | ExecutionException e) {
            // the handshake failure is what matters
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
