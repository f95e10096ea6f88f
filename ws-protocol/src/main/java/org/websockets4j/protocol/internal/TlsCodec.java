package org.websockets4j.protocol.internal;

import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * The Sans-I/O half of TLS once its handshake is over: records in, application bytes out, and
 * the converse, over one {@link SSLEngine}, with the buffers sized for an idle connection. No
 * I/O: {@link TlsTransport} moves the bytes.
 *
 * <h2>Rules kept</h2>
 * <ul>
 *   <li>Renegotiation (TLS 1.2) is refused: a handshake message after the first handshake
 *       raises {@link SSLException}. TLS 1.3's post-handshake messages are fine: session tickets
 *       need nothing, and the answer a {@code KeyUpdate} asks for is produced by the next
 *       {@link #wrap}, before its application data, as RFC 8446 §4.6.3 allows.</li>
 *   <li>Delegated tasks run inline, in the calling thread: after the handshake they are rare
 *       (a ticket, a key update) and short, and running them elsewhere would need a thread
 *       hand-off for nothing.</li>
 *   <li>Memory: the encrypted input buffer is small (1 KiB) while idle and grows to one record
 *       when a record does not fit; decrypted bytes that do not fit the reader's buffer wait in a
 *       buffer dropped once drained; the output buffer is sized to the data being wrapped.</li>
 * </ul>
 *
 * <p>Not thread-safe as a whole: one thread at a time unwraps and one at a time wraps (the two
 * may run concurrently, as {@code SSLEngine} allows).
 */
final class TlsCodec {
    /** The encrypted input buffer's size while idle; a record header and a small message fit. */
    static final int SMALL = 1024;

    /** What {@link #unwrap} found. */
    enum Unwrapped {
        /** Application bytes are ready ({@link #drain}). */
        DATA,
        /** A whole record is not there yet: read more into {@link #netIn()}. */
        NEED_BYTES,
        /** The peer sent close_notify: the input has ended. */
        CLOSED
    }

    private final SSLEngine engine;
    private final String protocol;
    /** Encrypted bytes read and not yet unwrapped; in write mode (position = end of data). */
    private ByteBuffer netIn;
    /** Decrypted bytes not yet handed to the reader; in read mode; null when none. */
    private ByteBuffer appIn;
    /** Bytes the last read brought, to decide whether the next read may use a small buffer. */
    private int lastRead;

    /**
     * @param engine   an engine whose handshake has completed
     * @param leftover encrypted bytes read past the handshake, in read mode; copied
     * @param early    application bytes the handshake's last unwrap produced, in read mode
     */
    TlsCodec(SSLEngine engine, ByteBuffer leftover, ByteBuffer early) {
        this.engine = engine;
        this.protocol = engine.getSession().getProtocol();
        this.netIn = ByteBuffer.allocate(Math.max(SMALL, leftover.remaining()));
        netIn.put(leftover);
        this.lastRead = SMALL;
        this.appIn = early.hasRemaining() ? early : null;
    }

    SSLEngine engine() {
        return engine;
    }

    /**
     * The buffer to read encrypted bytes into (write mode, with room left): one record's size
     * when a partial record fills the small one or reads have been large, the small one while
     * idle.
     */
    ByteBuffer netIn() {
        int packet = engine.getSession().getPacketBufferSize();
        if (netIn.position() == 0 && lastRead < SMALL / 2 && netIn.capacity() > SMALL) {
            netIn = ByteBuffer.allocate(SMALL); // idle again: let the record-sized buffer go
        } else if (!netIn.hasRemaining()) { // a record larger than the buffer
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(packet, netIn.position() * 2));
            netIn.flip();
            bigger.put(netIn);
            netIn = bigger;
        }
        return netIn;
    }

    /** Records that a read into {@link #netIn()} brought {@code count} bytes. */
    void read(int count) {
        lastRead = count;
    }

    /** Whether a partial record is buffered: the end of the stream now would truncate it. */
    boolean partialRecord() {
        return netIn.position() > 0;
    }

    /** Whether decrypted bytes are waiting for {@link #drain}. */
    boolean hasData() {
        return appIn != null && appIn.hasRemaining();
    }

    /**
     * Moves decrypted bytes into {@code dst}.
     *
     * @return the count moved, at least one when {@link #hasData()}
     */
    int drain(ByteBuffer dst) {
        int n = Math.min(dst.remaining(), appIn.remaining());
        int limit = appIn.limit();
        appIn.limit(appIn.position() + n);
        dst.put(appIn);
        appIn.limit(limit);
        if (!appIn.hasRemaining()) {
            appIn = null; // an idle connection keeps no plaintext buffer
        }
        return n;
    }

    /**
     * Unwraps the buffered records until application bytes come out, more bytes are needed, or
     * the peer closed.
     *
     * @throws SSLException when the bytes are not TLS, fail to decrypt, or start a renegotiation
     */
    Unwrapped unwrap() throws SSLException {
        while (true) {
            if (appIn == null) {
                appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
            } else {
                appIn.compact();
            }
            netIn.flip();
            SSLEngineResult result;
            try {
                result = engine.unwrap(netIn, appIn);
            } finally {
                netIn.compact();
                appIn.flip();
            }
            checkHandshake(result.getHandshakeStatus());
            switch (result.getStatus()) {
                case OK -> {
                    if (appIn.hasRemaining()) {
                        return Unwrapped.DATA;
                    }
                    if (result.bytesConsumed() == 0) {
                        appIn = null;
                        return Unwrapped.NEED_BYTES;
                    }
                    // a record without application data (a ticket, a key update): go on
                }
                case BUFFER_UNDERFLOW -> {
                    if (!appIn.hasRemaining()) {
                        appIn = null;
                    }
                    return appIn == null ? Unwrapped.NEED_BYTES : Unwrapped.DATA;
                }
                case BUFFER_OVERFLOW -> {
                    if (appIn.hasRemaining()) {
                        return Unwrapped.DATA; // drain first
                    }
                    appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize() * 2);
                    appIn.flip();
                }
                case CLOSED -> {
                    return appIn.hasRemaining() ? Unwrapped.DATA : Unwrapped.CLOSED;
                }
            }
        }
    }

    /**
     * Encrypts application bytes from {@code srcs} into a new buffer: at most one record's worth
     * (plus any handshake message owed first, such as a key update's answer).
     *
     * @return the records to write, in read mode, and how many application bytes they carry
     * @throws SSLException when the engine fails, is closed, or starts a renegotiation
     */
    Wrapped wrap(ByteBuffer[] srcs, int offset, int length) throws SSLException {
        long offered = 0;
        for (int i = offset; i < offset + length; i++) {
            offered += srcs[i].remaining();
        }
        int packet = engine.getSession().getPacketBufferSize();
        // Small messages get a small buffer; the engine says so (BUFFER_OVERFLOW) when it needs more.
        ByteBuffer out = ByteBuffer.allocate((int) Math.min(packet, offered + 512));
        long consumed = 0;
        while (true) {
            SSLEngineResult result = engine.wrap(srcs, offset, length, out);
            consumed += result.bytesConsumed();
            switch (result.getStatus()) {
                case OK -> checkHandshake(result.getHandshakeStatus());
                case BUFFER_OVERFLOW -> {
                    if (out.position() > 0) {
                        return new Wrapped(out.flip(), consumed);
                    }
                    out = ByteBuffer.allocate(packet);
                    continue;
                }
                case CLOSED -> throw new SSLException("the TLS connection is closed for output");
                case BUFFER_UNDERFLOW -> throw new SSLException("unexpected BUFFER_UNDERFLOW from wrap");
            }
            // One call wraps one record; a handshake message owed comes out before the data.
            if (consumed > 0 || result.bytesProduced() == 0 || consumed == offered) {
                return new Wrapped(out.flip(), consumed);
            }
        }
    }

    /**
     * close_notify: closes the engine's output and returns the alert's record, in read mode
     * (empty when it was sent already).
     *
     * @throws SSLException when the engine fails
     */
    ByteBuffer closeNotify() throws SSLException {
        engine.closeOutbound();
        ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        while (!engine.isOutboundDone()) {
            SSLEngineResult result = engine.wrap(ByteBuffer.allocate(0), out);
            if (result.getStatus() != SSLEngineResult.Status.OK && result.getStatus() != SSLEngineResult.Status.CLOSED
                    || result.bytesProduced() == 0) {
                break;
            }
        }
        return out.flip();
    }

    /** Whether the peer's close_notify was received. */
    boolean inboundDone() {
        return engine.isInboundDone();
    }

    private void checkHandshake(HandshakeStatus status) throws SSLException {
        switch (status) {
            case NOT_HANDSHAKING, FINISHED -> {
            }
            case NEED_TASK -> {
                runTasks(engine);
                checkHandshake(engine.getHandshakeStatus());
            }
            case NEED_WRAP -> {
                if (!"TLSv1.3".equals(protocol) && !engine.isOutboundDone() && !engine.isInboundDone()) {
                    throw renegotiation();
                }
                // TLS 1.3: a key update's answer (or 1.2's close_notify reply), sent by the next wrap
            }
            case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                if (!"TLSv1.3".equals(protocol) && !engine.isInboundDone()) {
                    throw renegotiation();
                }
            }
        }
    }

    private static SSLException renegotiation() {
        return new SSLException("TLS renegotiation refused: the peer started a new handshake on an open connection");
    }

    /** Runs the engine's delegated tasks in the calling thread. */
    static void runTasks(SSLEngine engine) {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    /** Records to write and the application bytes they carry. */
    record Wrapped(ByteBuffer records, long consumed) {
    }
}
