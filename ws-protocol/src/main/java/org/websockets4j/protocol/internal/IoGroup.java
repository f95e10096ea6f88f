package org.websockets4j.protocol.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.AsynchronousChannelGroup;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The channel group every server and client socket of the library is opened in: completion
 * handlers run on the thread that made the operation complete, never on a pool.
 *
 * <h2>Why</h2>
 * A group's executor is where the JDK dispatches a completion it does not run directly. With an
 * executor that runs each task at once, in the caller:
 * <ul>
 *   <li>a read that completes when the socket becomes readable is handled on the group's one
 *       internal polling thread (the "I/O thread"), which parses every frame that arrived;</li>
 *   <li>a write started by any thread (a handler's virtual thread, a timer, the I/O thread) is
 *       attempted at once, and when it completes there and then, its handler runs on that same
 *       thread: a send costs no thread hand-off;</li>
 *   <li>an operation that must wait for the socket completes later on the I/O thread.</li>
 * </ul>
 * On Linux the JDK's default group hands every completion started off its own threads to a pool,
 * and a fixed-pool group does not even attempt a write started elsewhere before its next poll:
 * either costs a context switch per message (measured in ws-bench/README.md).
 *
 * <h2>Fairness: reads wait for the poller</h2>
 * Unless the JVM was started with {@code -Dsun.nio.ch.disableSynchronousRead} set either way, the
 * group is created with it set to {@code true} (a JDK property read once, when the JDK's Unix
 * asynchronous socket class loads): a read then always waits for the poller's next round instead
 * of being attempted in the call that starts it. Without that, the I/O thread that answers a
 * message at once (an async handler) and starts the next read finds the peer's next message
 * already there, and can serve one busy connection in a loop while every other waits: on the
 * shared rig, 100 connections with 16 messages in flight saw single round trips of 1.7 to 2.7 s.
 * With it, each connection gets one read per poll round, and a read that would have failed costs
 * no failed attempt: 64 B echo throughput rose by a quarter to a third, blocking and async alike
 * (ws-bench/README.md). The property is JVM-wide and also applies to the application's own
 * asynchronous sockets; set it to {@code false} to keep the JDK's default.
 *
 * <p>Handlers may therefore run nested inside the call that started the operation; the driver
 * and the server's accept loop unroll such nesting into a loop (nested, an accept per connection
 * waiting in the backlog overflowed the stack). With {@code initialSize} 0 the executor is never asked to
 * run a polling loop, only completions. The group's internal thread is a daemon and lives as long
 * as the JVM; the group is never shut down.
 *
 * <p>Thread-safe.
 */
public final class IoGroup {
    /** The JDK's switch for attempting a read in the call that starts it (see "Fairness"). */
    private static final String SYNCHRONOUS_READ = "sun.nio.ch.disableSynchronousRead";
    /** The JDK's count of polling threads per group that is not a fixed pool (default 1). */
    private static final String POLLERS = "sun.nio.ch.internalThreadPoolSize";
    private static volatile AsynchronousChannelGroup shared;
    /** True once the group exists with one polling thread (see {@link #onePoller()}). */
    private static volatile boolean onePoller;
    /** The thread seen completing reads that waited: the group's polling thread. */
    private static volatile Thread ioThread;
    /** The selector thread of {@link ChannelTransport}s, the other I/O thread; null until started. */
    private static volatile Thread selectorThread;

    private IoGroup() {
    }

    /**
     * The shared group, created on first use.
     *
     * @return the group to open sockets in
     * @throws UncheckedIOException when the group cannot be created
     */
    public static AsynchronousChannelGroup shared() {
        AsynchronousChannelGroup group = shared;
        if (group == null) {
            synchronized (IoGroup.class) {
                group = shared;
                if (group == null) {
                    if (System.getProperty(SYNCHRONOUS_READ) == null) {
                        System.setProperty(SYNCHRONOUS_READ, "true");
                    }
                    try {
                        group = AsynchronousChannelGroup.withCachedThreadPool(new CallerRuns(), 0);
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot create the I/O channel group", e);
                    }
                    onePoller = Integer.getInteger(POLLERS, 1) == 1; // parsed as the JDK does
                    shared = group;
                }
            }
        }
        return group;
    }

    /**
     * Records the calling thread as the I/O thread; called from a read's completion that did not
     * complete in the call that started it (so it runs on the group's polling thread).
     */
    public static void noteIoThread() {
        Thread current = Thread.currentThread();
        if (ioThread != current && !current.isVirtual() && current != selectorThread) {
            ioThread = current;
        }
    }

    /**
     * Whether the calling thread is an I/O thread (the group's polling thread, or the selector
     * thread of Unix-socket and other {@code SocketChannel} connections), where waiting would stall every connection
     * (callbacks of the futures a connection completes run there).
     *
     * @return true on the I/O thread
     */
    public static boolean onIoThread() {
        Thread current = Thread.currentThread();
        return current == ioThread || current == selectorThread;
    }

    /**
     * Whether the calling thread is the group's polling thread, where every read of a channel in
     * the group completes when the group has {@link #onePoller() one poller}. Not the selector
     * thread.
     *
     * @return true on the polling thread, once it has completed a read
     */
    public static boolean onPollerThread() {
        return Thread.currentThread() == ioThread;
    }

    /**
     * Whether the shared group has exactly one polling thread (the JDK's default; a JVM started
     * with {@code -Dsun.nio.ch.internalThreadPoolSize} above 1 has more), so that a read started
     * on it also completes on it, one completion at a time.
     *
     * @return true when the group exists and has one polling thread
     */
    public static boolean onePoller() {
        return onePoller;
    }

    /** Records the selector thread of {@link IoSelector}, an I/O thread too; called once, before it starts. */
    static void selectorThread(Thread thread) {
        selectorThread = thread;
    }

    /** Runs every task in the calling thread; never shuts down (the group is never shut down). */
    private static final class CallerRuns extends AbstractExecutorService {
        @Override
        public void execute(Runnable command) {
            command.run();
        }

        @Override
        public void shutdown() {
            // the shared group lives as long as the JVM
        }

        @Override
        public List<Runnable> shutdownNow() {
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return false;
        }

        @Override
        public boolean isTerminated() {
            return false;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return false;
        }
    }
}
