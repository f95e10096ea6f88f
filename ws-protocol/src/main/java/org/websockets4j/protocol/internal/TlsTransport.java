package org.websockets4j.protocol.internal;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.CompletionHandler;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLException;

/**
 * {@link Transport} that carries TLS records over another transport (TCP today; a Unix socket or
 * a proxy tunnel just as well), once the TLS handshake is over ({@link TlsHandshake} builds it).
 * The record work is {@link TlsCodec}'s; this class only moves bytes and calls handlers.
 *
 * <ul>
 *   <li>A read unwraps what is buffered and reads the inner transport only when a whole record is
 *       missing; the peer's close_notify reads as the end of the stream, and so does a plain end
 *       of stream between records (the WebSocket close handshake already says the data is
 *       complete). An end of stream in the middle of a record, bytes that are not TLS, and a
 *       renegotiation fail the read with an {@link SSLException}.</li>
 *   <li>A write wraps up to one record of what it is given and reports the application bytes
 *       that record carried once it is written in full.</li>
 *   <li>{@link #shutdownOutput()} sends close_notify, then half-closes the inner transport;
 *       {@link #close()} aborts, except that when the peer has closed its side with close_notify
 *       it answers with one first if the inner transport takes it at once.</li>
 *   <li>Completions of the inner transport that run inside the call that started them are
 *       unrolled into a loop, as the driver does; handlers are called with no lock held.</li>
 * </ul>
 * Keeps the driver's contract: at most one read and one write outstanding, which may run
 * concurrently.
 */
final class TlsTransport implements Transport {
    private static final ByteBuffer[] NONE = new ByteBuffer[0];

    private final Transport inner;
    private final TlsCodec codec;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean outputShut;

    // The read in progress (one at a time).
    private ByteBuffer readDst;
    private CompletionHandler<Integer, Void> readHandler;
    private Thread netReadStarter;
    private boolean netReadInline;
    private int netReadCount;
    private Throwable netReadError;

    // The write in progress (one at a time).
    private ByteBuffer[] writeSrcs = NONE;
    private int writeOffset;
    private int writeLength;
    private volatile CompletionHandler<Long, Void> writeHandler;
    private final ByteBuffer[] records = new ByteBuffer[1];
    private long writeConsumed;
    private Thread netWriteStarter;
    private boolean netWriteInline;
    private Throwable netWriteError;

    private final CompletionHandler<Integer, Void> onNetRead = new CompletionHandler<>() {
        @Override
        public void completed(Integer count, Void unused) {
            if (netReadStarter == Thread.currentThread()) {
                netReadInline = true;
                netReadCount = count;
                return;
            }
            if (afterNetRead(count, null)) {
                readLoop();
            }
        }

        @Override
        public void failed(Throwable error, Void unused) {
            if (netReadStarter == Thread.currentThread()) {
                netReadInline = true;
                netReadError = error;
                return;
            }
            afterNetRead(0, error);
        }
    };

    private final CompletionHandler<Long, Void> onNetWrite = new CompletionHandler<>() {
        @Override
        public void completed(Long count, Void unused) {
            if (netWriteStarter == Thread.currentThread()) {
                netWriteInline = true;
                return;
            }
            writeLoop();
        }

        @Override
        public void failed(Throwable error, Void unused) {
            if (netWriteStarter == Thread.currentThread()) {
                netWriteInline = true;
                netWriteError = error;
                return;
            }
            finishWrite(-1, error);
        }
    };

    TlsTransport(Transport inner, TlsCodec codec) {
        this.inner = inner;
        this.codec = codec;
    }

    /** The TLS protocol and cipher suite agreed, for log lines. */
    String session() {
        return codec.engine().getSession().getProtocol() + " " + codec.engine().getSession().getCipherSuite();
    }

    // ------------------------------------------------------------------ reading

    @Override
    public void read(ByteBuffer dst, CompletionHandler<Integer, Void> handler) {
        if (closed.get()) {
            handler.failed(new ClosedChannelException(), null);
            return;
        }
        readDst = dst;
        readHandler = handler;
        readLoop();
    }

    private void readLoop() {
        while (true) {
            try {
                if (codec.hasData()) {
                    finishRead(codec.drain(readDst), null);
                    return;
                }
                TlsCodec.Unwrapped unwrapped = codec.unwrap();
                if (unwrapped == TlsCodec.Unwrapped.DATA) {
                    continue;
                }
                if (unwrapped == TlsCodec.Unwrapped.CLOSED) {
                    finishRead(-1, null);
                    return;
                }
            } catch (SSLException | RuntimeException e) {
                finishRead(0, e);
                return;
            }
            ByteBuffer into = codec.netIn();
            netReadStarter = Thread.currentThread();
            netReadInline = false;
            try {
                inner.read(into, onNetRead);
            } finally {
                netReadStarter = null;
            }
            if (!netReadInline) {
                return; // completes later, on another thread
            }
            Throwable error = netReadError;
            netReadError = null;
            if (!afterNetRead(netReadCount, error)) {
                return;
            }
        }
    }

    /** Handles an inner read's result; true when the read loop should go on. */
    private boolean afterNetRead(int count, Throwable error) {
        if (error != null) {
            finishRead(0, error);
            return false;
        }
        if (count < 0) {
            if (codec.partialRecord()) {
                finishRead(0, new SSLException("the peer ended the connection in the middle of a TLS record"));
            } else {
                finishRead(-1, null);
            }
            return false;
        }
        codec.read(count);
        return true;
    }

    private void finishRead(int count, Throwable error) {
        CompletionHandler<Integer, Void> handler = readHandler;
        readHandler = null;
        readDst = null;
        if (error == null) {
            handler.completed(count, null);
        } else {
            handler.failed(error, null);
        }
    }

    // ------------------------------------------------------------------ writing

    @Override
    public void write(ByteBuffer[] srcs, int offset, int length, CompletionHandler<Long, Void> handler) {
        if (closed.get() || outputShut) {
            handler.failed(new ClosedChannelException(), null);
            return;
        }
        writeSrcs = srcs;
        writeOffset = offset;
        writeLength = length;
        writeConsumed = 0;
        writeHandler = handler;
        records[0] = null;
        writeLoop();
    }

    private void writeLoop() {
        while (true) {
            if (records[0] == null || !records[0].hasRemaining()) {
                if (writeConsumed > 0 || !hasRemaining(writeSrcs, writeOffset, writeLength) && records[0] != null) {
                    finishWrite(writeConsumed, null);
                    return;
                }
                try {
                    // Again when the last records carried no data (a key update's answer went first).
                    TlsCodec.Wrapped wrapped = codec.wrap(writeSrcs, writeOffset, writeLength);
                    records[0] = wrapped.records();
                    writeConsumed = wrapped.consumed();
                } catch (SSLException | RuntimeException e) {
                    finishWrite(-1, e);
                    return;
                }
                if (!records[0].hasRemaining()) {
                    finishWrite(writeConsumed, null);
                    return;
                }
            }
            netWriteStarter = Thread.currentThread();
            netWriteInline = false;
            try {
                inner.write(records, 0, 1, onNetWrite);
            } finally {
                netWriteStarter = null;
            }
            if (!netWriteInline) {
                return;
            }
            Throwable error = netWriteError;
            netWriteError = null;
            if (error != null) {
                finishWrite(-1, error);
                return;
            }
        }
    }

    private static boolean hasRemaining(ByteBuffer[] srcs, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (srcs[i].hasRemaining()) {
                return true;
            }
        }
        return false;
    }

    private void finishWrite(long count, Throwable error) {
        CompletionHandler<Long, Void> handler = writeHandler;
        writeHandler = null;
        writeSrcs = NONE;
        records[0] = null; // an idle connection keeps no record buffer
        if (error == null) {
            handler.completed(count, null);
        } else {
            handler.failed(error, null);
        }
    }

    // ------------------------------------------------------------------ closing

    /** Sends close_notify, then half-closes the inner transport once it is written. */
    @Override
    public void shutdownOutput() throws IOException {
        if (closed.get()) {
            throw new ClosedChannelException();
        }
        if (outputShut) {
            return;
        }
        outputShut = true;
        ByteBuffer alert;
        try {
            alert = codec.closeNotify();
        } catch (SSLException | RuntimeException e) {
            inner.shutdownOutput();
            return;
        }
        writeThenShutdown(new ByteBuffer[] {alert});
    }

    private void writeThenShutdown(ByteBuffer[] alert) {
        if (!alert[0].hasRemaining()) {
            try {
                inner.shutdownOutput();
            } catch (IOException e) {
                closeQuietly();
            }
            return;
        }
        // A few dozen bytes: the inner write completes inline or once, never deeply nested.
        inner.write(alert, 0, 1, new CompletionHandler<>() {
            @Override
            public void completed(Long count, Void unused) {
                writeThenShutdown(alert);
            }

            @Override
            public void failed(Throwable error, Void unused) {
                closeQuietly();
            }
        });
    }

    @Override
    public void close() throws IOException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            if (codec.inboundDone() && !outputShut && writeHandler == null) {
                // The peer closed TLS properly: answer in kind if the socket takes it now, else never mind.
                outputShut = true;
                ByteBuffer alert = codec.closeNotify();
                if (alert.hasRemaining()) {
                    inner.write(new ByteBuffer[] {alert}, 0, 1, IGNORE);
                }
            } else {
                codec.engine().closeOutbound();
            }
        } catch (SSLException | RuntimeException e) {
            // closing anyway
        } finally {
            inner.close();
        }
    }

    /** Drops the TLS session without a close_notify (nothing more can be written anyway) and aborts the stream under it. */
    @Override
    public void abort() throws IOException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            codec.engine().closeOutbound();
        } catch (RuntimeException e) {
            // aborting anyway
        } finally {
            inner.abort();
        }
    }

    private void closeQuietly() {
        try {
            close();
        } catch (IOException e) {
            // closed anyway
        }
    }

    private static final CompletionHandler<Long, Void> IGNORE = new CompletionHandler<>() {
        @Override
        public void completed(Long result, Void unused) {
        }

        @Override
        public void failed(Throwable error, Void unused) {
        }
    };

    @Override
    public SocketAddress localAddress() {
        return inner.localAddress();
    }

    @Override
    public SocketAddress remoteAddress() {
        return inner.remoteAddress();
    }

    @Override
    public String toString() {
        return "TlsTransport[" + inner + "]";
    }
}
