package org.websockets4j.protocol.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The one selector thread of the JVM that completes {@link ChannelTransport} operations which
 * could not complete at once: the {@link java.nio.channels.SocketChannel} twin of the channel
 * group's polling thread (see {@link IoGroup}). A daemon platform thread, started on first use,
 * living as long as the JVM. {@link IoGroup#onIoThread()} recognises it, so blocking calls made
 * in callbacks it runs throw instead of stalling every connection.
 *
 * <p>Interest changes from other threads are queued and the selector woken; on its own thread they
 * apply at once. Thread-safe.
 */
final class IoSelector {
    private static volatile IoSelector shared;

    private final Selector selector;
    private final Thread thread;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();

    private IoSelector() throws IOException {
        this.selector = Selector.open();
        this.thread = Thread.ofPlatform().name("websockets4j-selector").daemon(true).unstarted(this::run);
        IoGroup.selectorThread(thread);
        thread.start();
    }

    /**
     * The shared selector, started on first use.
     *
     * @return the selector loop
     * @throws UncheckedIOException when no selector can be opened
     */
    static IoSelector shared() {
        IoSelector loop = shared;
        if (loop == null) {
            synchronized (IoSelector.class) {
                loop = shared;
                if (loop == null) {
                    try {
                        loop = new IoSelector();
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot open the I/O selector", e);
                    }
                    shared = loop;
                }
            }
        }
        return loop;
    }

    /** Whether the caller is the selector thread. */
    boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /**
     * Runs {@code task} on the selector thread: at once when called there, otherwise soon.
     *
     * @param task what to run; must not block
     */
    void execute(Runnable task) {
        if (inLoop()) {
            task.run();
        } else {
            tasks.add(task);
            selector.wakeup();
        }
    }

    /**
     * Registers {@code transport}'s channel with no interest yet; on the selector thread only.
     *
     * @return the key, or null when the channel is closed
     */
    SelectionKey register(ChannelTransport transport) {
        try {
            return transport.channel().register(selector, 0, transport);
        } catch (ClosedChannelException e) {
            return null;
        }
    }

    private void run() {
        while (true) {
            try {
                Runnable task;
                while ((task = tasks.poll()) != null) {
                    runSafely(task);
                }
                selector.select();
                for (var it = selector.selectedKeys().iterator(); it.hasNext(); ) {
                    SelectionKey key = it.next();
                    it.remove();
                    ChannelTransport transport = (ChannelTransport) key.attachment();
                    int ready;
                    try {
                        ready = key.readyOps();
                    } catch (java.nio.channels.CancelledKeyException e) {
                        ready = SelectionKey.OP_READ | SelectionKey.OP_WRITE; // let the operations see the close
                    }
                    int finalReady = ready;
                    runSafely(() -> transport.ready(finalReady));
                }
            } catch (IOException | RuntimeException e) {
                // A selector failure must not end the thread every Unix connection depends on.
                System.getLogger("org.websockets4j.protocol").log(System.Logger.Level.ERROR, "selector loop failed", e);
            }
        }
    }

    private static void runSafely(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException | Error e) { // a handler's failure ends its connection, never the loop
            try {
                System.getLogger("org.websockets4j.protocol").log(System.Logger.Level.ERROR,
                        "unexpected error in an I/O completion", e);
            } catch (Throwable ignored) {
                // logging needs memory too
            }
        }
    }
}
