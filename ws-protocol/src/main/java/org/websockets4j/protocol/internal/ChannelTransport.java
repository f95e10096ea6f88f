package org.websockets4j.protocol.internal;

import java.io.IOException;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.CompletionHandler;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Objects;

/**
 * {@link Transport} over a connected {@link SocketChannel} in non-blocking mode: Unix domain
 * sockets (which {@link java.nio.channels.AsynchronousSocketChannel} cannot open), inherited or
 * caller-supplied TCP channels.
 *
 * <p>Each operation is first attempted in the calling thread; when the socket is not ready it
 * waits for the shared {@link IoSelector}, whose thread then completes it. So handlers run either
 * inline (as with the channel group) or on the selector thread, never on a pool, and never while
 * this transport's lock is held. Thread-safe.
 */
final class ChannelTransport implements Transport {
    private final SocketChannel channel;
    private final IoSelector loop;
    private final SocketAddress local;
    private final SocketAddress remote;

    // Guarded by this.
    private SelectionKey key;
    private boolean closed;
    private ByteBuffer readDst;
    private CompletionHandler<Integer, Void> readHandler;
    private ByteBuffer[] writeSrcs;
    private int writeOffset;
    private int writeLength;
    private CompletionHandler<Long, Void> writeHandler;

    ChannelTransport(SocketChannel channel) throws IOException {
        this.channel = Objects.requireNonNull(channel, "channel");
        if (!channel.isConnected()) {
            throw new IllegalArgumentException("the channel must be connected");
        }
        channel.configureBlocking(false);
        this.loop = IoSelector.shared();
        this.local = address(true);
        this.remote = address(false);
    }

    private SocketAddress address(boolean isLocal) {
        try {
            return isLocal ? channel.getLocalAddress() : channel.getRemoteAddress();
        } catch (IOException e) {
            return null;
        }
    }

    SocketChannel channel() {
        return channel;
    }

    @Override
    public void read(ByteBuffer dst, CompletionHandler<Integer, Void> handler) {
        int n;
        try {
            n = channel.read(dst);
        } catch (IOException | RuntimeException e) {
            handler.failed(e, null);
            return;
        }
        if (n != 0) {
            handler.completed(n, null);
            return;
        }
        synchronized (this) {
            if (!closed) {
                readDst = dst;
                readHandler = handler;
                handler = null;
            }
        }
        if (handler != null) {
            handler.failed(new ClosedChannelException(), null);
            return;
        }
        loop.execute(this::updateInterest);
    }

    @Override
    public void write(ByteBuffer[] srcs, int offset, int length, CompletionHandler<Long, Void> handler) {
        long n;
        try {
            n = channel.write(srcs, offset, length);
        } catch (IOException | RuntimeException e) {
            handler.failed(e, null);
            return;
        }
        if (n != 0 || !hasRemaining(srcs, offset, length)) {
            handler.completed(n, null);
            return;
        }
        synchronized (this) {
            if (!closed) {
                writeSrcs = srcs;
                writeOffset = offset;
                writeLength = length;
                writeHandler = handler;
                handler = null;
            }
        }
        if (handler != null) {
            handler.failed(new ClosedChannelException(), null);
            return;
        }
        loop.execute(this::updateInterest);
    }

    private static boolean hasRemaining(ByteBuffer[] srcs, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (srcs[i].hasRemaining()) {
                return true;
            }
        }
        return false;
    }

    /** On the selector thread: registers on first use and asks for what the pending operations need. */
    private void updateInterest() {
        boolean failAll = false;
        synchronized (this) {
            if (closed) {
                return; // close() failed the pending operations
            }
            if (key == null) {
                key = loop.register(this);
                failAll = key == null;
            }
            if (!failAll) {
                int ops = (readHandler != null ? SelectionKey.OP_READ : 0) | (writeHandler != null ? SelectionKey.OP_WRITE : 0);
                try {
                    key.interestOps(ops);
                } catch (CancelledKeyException e) {
                    failAll = true;
                }
            }
        }
        if (failAll) {
            closeQuietly();
        }
    }

    /** On the selector thread: performs the operations the socket is ready for and completes them. */
    void ready(int readyOps) {
        if ((readyOps & SelectionKey.OP_READ) != 0) {
            completeRead();
        }
        if ((readyOps & SelectionKey.OP_WRITE) != 0) {
            completeWrite();
        }
        updateInterest();
    }

    private void completeRead() {
        ByteBuffer dst;
        CompletionHandler<Integer, Void> handler;
        synchronized (this) {
            dst = readDst;
            handler = readHandler;
            readDst = null;
            readHandler = null;
        }
        if (handler == null) {
            return;
        }
        int n;
        try {
            n = channel.read(dst);
        } catch (IOException | RuntimeException e) {
            handler.failed(e, null);
            return;
        }
        if (n == 0 && putBackRead(dst, handler)) {
            return;
        }
        if (n == 0) {
            handler.failed(new AsynchronousCloseException(), null);
        } else {
            handler.completed(n, null);
        }
    }

    private synchronized boolean putBackRead(ByteBuffer dst, CompletionHandler<Integer, Void> handler) {
        if (closed) {
            return false;
        }
        readDst = dst;
        readHandler = handler;
        return true;
    }

    private void completeWrite() {
        ByteBuffer[] srcs;
        int offset;
        int length;
        CompletionHandler<Long, Void> handler;
        synchronized (this) {
            srcs = writeSrcs;
            offset = writeOffset;
            length = writeLength;
            handler = writeHandler;
            writeSrcs = null;
            writeHandler = null;
        }
        if (handler == null) {
            return;
        }
        long n;
        try {
            n = channel.write(srcs, offset, length);
        } catch (IOException | RuntimeException e) {
            handler.failed(e, null);
            return;
        }
        if (n == 0) {
            synchronized (this) {
                if (!closed) {
                    writeSrcs = srcs;
                    writeOffset = offset;
                    writeLength = length;
                    writeHandler = handler;
                    return;
                }
            }
            handler.failed(new AsynchronousCloseException(), null);
        } else {
            handler.completed(n, null);
        }
    }

    @Override
    public void shutdownOutput() throws IOException {
        channel.shutdownOutput();
    }

    @Override
    public void close() throws IOException {
        CompletionHandler<Integer, Void> pendingRead;
        CompletionHandler<Long, Void> pendingWrite;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            pendingRead = readHandler;
            pendingWrite = writeHandler;
            readHandler = null;
            readDst = null;
            writeHandler = null;
            writeSrcs = null;
        }
        try {
            channel.close();
        } finally {
            // A registered channel's descriptor is released when the selector next runs: wake it.
            loop.execute(() -> { });
            if (pendingRead != null) {
                pendingRead.failed(new AsynchronousCloseException(), null);
            }
            if (pendingWrite != null) {
                pendingWrite.failed(new AsynchronousCloseException(), null);
            }
        }
    }

    @Override
    public void abort() throws IOException {
        if (channel.supportedOptions().contains(StandardSocketOptions.SO_LINGER)) { // TCP, not Unix sockets
            try {
                channel.setOption(StandardSocketOptions.SO_LINGER, 0); // close sends RST, drops unsent bytes
            } catch (IOException | RuntimeException e) {
                // already closed: a plain close then
            }
        }
        close();
    }

    private void closeQuietly() {
        try {
            close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public SocketAddress localAddress() {
        return local;
    }

    @Override
    public SocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public String toString() {
        return "ChannelTransport[" + local + " <-> " + remote + "]";
    }
}
