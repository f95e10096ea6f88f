package org.websockets4j.protocol;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.websockets4j.framing.ExtensionCodec;
import org.websockets4j.framing.Role;
import org.websockets4j.protocol.internal.IoGroup;
import org.websockets4j.protocol.internal.Transport;

/**
 * Runs one {@link Connection} over a {@link Transport}: the I/O driver behind a {@link WebSocket}.
 * This file holds the driver's core: its shared state, the decision taken after every change
 * ({@link #afterCall()}), the I/O completions, the timer and the end of the connection. The jobs
 * around it live in files of their own: {@link Receiver} (messages in, to {@code recv}),
 * {@link Sender} (messages, pings and pongs out, flow control), {@link FragmentOwnership} (who may
 * send data while a fragmented message is in progress), {@link Cork} (batching a busy receiver's
 * replies), {@link Section} (the locking pattern), {@link Actions} (what to do after the lock is
 * released) and {@link TransportOps} (starting reads and writes, inline completions).
 *
 * <h2>Serialisation</h2>
 * Every call into the connection, and every change to the driver's own state, happens under one
 * {@link ReentrantLock} per connection. A lock rather than a serial executor because the caller's
 * thread then does its own work (encoding, masking, assembling) with no hand-off per message,
 * errors reach the caller synchronously, and blocking calls wait on the lock's conditions, which
 * park a virtual thread without pinning it. Critical sections are short and never wait for I/O.
 *
 * <p>Each section ends by computing {@link Actions} (start a read, start a write, half-close,
 * close, complete user futures) that are carried out <em>after</em> the lock is released, so a
 * transport that completes an operation on the calling thread never re-enters a half-updated
 * driver, and user code never runs under the lock.
 *
 * <h2>Rules kept</h2>
 * <ul>
 *   <li>One read and at most one write outstanding ({@code reading}, {@code writing}); a write
 *       gathers everything queued.</li>
 *   <li>Completion handlers never block on anything but this lock. User futures are completed
 *       after the lock is released, in the thread that made them complete (an I/O thread for a
 *       message or a pong that arrived), so their dependents run there: they must not block.</li>
 *   <li>Every frame ready is processed per read. With {@code maxQueue} messages waiting for
 *       {@code recv} no new read is issued while the connection is open, so the TCP window closes.
 *       Once it is closing, reading goes on so that the closing handshake can complete.</li>
 *   <li>One deadline per connection at most, in the shared {@link Deadlines} heap, for the
 *       earlier of {@link Connection#nextDeadline()} and the bound on closing (4 × closeTimeout on
 *       a server, 5 × on a client, counted from the moment the connection stops being open), after
 *       which the transport is aborted.</li>
 *   <li>The transport is half-closed once {@link Connection#closeTransport()} holds and everything
 *       queued is written, and closed once the connection is {@link State#CLOSED}.</li>
 * </ul>
 *
 * <p>The fields below without a modifier are shared with those parts and guarded by {@link #lock}.
 */
final class Driver extends Deadlines.Entry {
    private static final System.Logger LOG = ProtocolLog.LOG;

    // Role and options are the connection's; limits derived from them are computed where used
    // (every open connection has a driver, so each field is paid by all of them).
    private final Transport transport;
    final Connection connection;
    /** Observability: counts messages and reports the end (ConnectionRecorder). */
    final ConnectionRecorder recorder;

    final ReentrantLock lock = new ReentrantLock();
    /**
     * Signalled (all) when writing resumes, a fragmented message ends, or the connection ended;
     * made by the first sender that waits (few ever do).
     */
    private Condition sendable;
    final Section section = new Section(this, lock);
    /** Holds back a busy receiver's output; made by the first cork (idle connections never cork). Lock held. */
    private Cork cork;
    /**
     * The thread whose {@link SendBatch} this connection opened, or null: set by that thread
     * under the lock, cleared once (compare-and-set) by the batch's end or the connection's.
     */
    volatile Thread batchThread;
    final Receiver receiver;
    /** Who may send data; null until the first fragmented message (most connections send none). */
    private FragmentOwnership fragments;
    private final TransportOps ops;

    final WriteQueue writes;
    private final ReadBuffer readBuffer;
    /** The application's pings awaiting their pong; null until the first (most connections send none). */
    private PingFutures pings;
    /**
     * Completed (in the thread that closed it) once the connection is CLOSED and the transport
     * closed; made by the first who asks (an idle connection holds none).
     */
    private CompletableFuture<Void> closed;
    /** True once {@link #closed} is (or, made now, would be) complete. */
    private boolean closedComplete;
    /** User futures to complete once the lock is released; null when none (made on demand). */
    private ArrayList<Runnable> completions;

    // The three lists below are made on first use: most connections never need them.
    /** Async sends that wait for writing to resume, or null. */
    private ArrayList<CompletableFuture<Void>> drainWaiters;
    /** Futures of calls made while closing, or null: they fail with the close exception at the end. */
    private ArrayList<CompletableFuture<?>> closeWaiters;
    /** Futures of deferred sends just queued, or null: they complete or wait depending on flow control. */
    private ArrayList<CompletableFuture<Void>> justQueued;

    /** The receiver {@link Receiver#service()} asked to wake once the lock is released, or null. */
    private Thread unparkLater;

    private boolean reading;
    private boolean writing;
    private boolean outputShut;
    /** True once the connection is CLOSED and the transport closing: nothing more happens. */
    boolean terminated;

    /** True when pongs or a close answer were queued while writing is paused; cleared when it resumes. */
    private boolean repliesOwed;

    /** True while a deadline is armed in {@link Deadlines}, for {@link #timerDeadline}. */
    private boolean timerArmed;
    private long timerDeadline;
    private boolean abortArmed;
    private long abortDeadline;

    Driver(Transport transport, Role role, ConnectionOptions options, List<? extends ExtensionCodec> codecs,
           ConnectionRecorder recorder) {
        this.recorder = recorder;
        this.transport = transport;
        this.connection = new Connection(role, options, codecs, null, System.nanoTime());
        this.receiver = new Receiver(this);
        this.ops = new TransportOps(this, transport);
        connection.traceAs(this);
        connection.dataSink(receiver);
        this.writes = new WriteQueue(options.writeLimit());
        this.readBuffer = new ReadBuffer(options.readLimit(), transport.readsStayOnPoller());
    }

    /** Bytes a cork may hold: {@link Cork#LIMIT}, or less under a smaller write limit. */
    private int corkLimit() {
        return Math.min(Cork.LIMIT, Math.max(1, options().writeLimit()));
    }

    /** The bound on closing, in nanoseconds (4 or 5 close timeouts); -1 for none (no close timeout). */
    private long abortAfter() {
        return bound(options().closeTimeout(), role() == Role.SERVER ? 4 : 5);
    }

    /** {@code factor} × {@code timeout} in nanoseconds, or -1 when there is no timeout (or it is too long to matter). */
    private static long bound(Duration timeout, int factor) {
        if (timeout == null || timeout.compareTo(Duration.ofDays(365)) > 0) {
            return -1;
        }
        return timeout.toNanos() * factor;
    }

    /** Processes the bytes received after the handshake, then starts reading and the timers. */
    void start(ByteBuffer leftover) {
        try (Section s = section.enter()) {
            if (leftover.hasRemaining()) {
                connection.receiveData(leftover, System.nanoTime());
            }
            s.settle();
        }
    }

    Role role() {
        return connection.role();
    }

    /** Who may send data, made by the first fragmented message; takes the lock (reentrant). */
    FragmentOwnership fragments() {
        lock.lock();
        try {
            if (fragments == null) {
                fragments = new FragmentOwnership(this);
            }
            return fragments;
        } finally {
            lock.unlock();
        }
    }

    /** True while a fragmented message owns the data stream. Lock held. */
    boolean sendingFragmentedLocked() {
        return fragments != null && fragments.busy();
    }

    /** Waits (lock held, released while waiting) until no fragmented message owns the data stream. */
    void awaitNoFragmentedLocked() throws InterruptedException {
        if (fragments != null) {
            fragments.awaitFreeLocked();
        }
    }

    /** Whether the output is corked. Lock held. */
    boolean corked() {
        return cork != null && cork.corked();
    }

    /** The cork, made on first use. Lock held. */
    Cork cork() {
        if (cork == null) {
            cork = new Cork(this);
        }
        return cork;
    }

    /** Lets what the cork held go out at the next write decision; false when it was not corked. Lock held. */
    boolean uncork() {
        if (!corked()) {
            return false;
        }
        cork.release();
        return true;
    }

    /** The application's pings awaiting their pong, made on first use. Lock held. */
    PingFutures pingFutures() {
        if (pings == null) {
            pings = new PingFutures();
        }
        return pings;
    }

    /** Runs {@code completion} (a user future's completion) once the lock is released. Lock held. */
    void completeLater(Runnable completion) {
        if (completions == null) {
            completions = new ArrayList<>();
        }
        completions.add(completion);
    }

    ConnectionOptions options() {
        return connection.options();
    }

    Transport transport() {
        return transport;
    }

    // ------------------------------------------------------------------ state

    /** Reads connection state consistently with the I/O and send paths, which hold the same lock. */
    private <T> T underLock(java.util.function.Supplier<T> read) {
        lock.lock();
        try {
            return read.get();
        } finally {
            lock.unlock();
        }
    }

    State state() {
        return underLock(connection::state);
    }

    int closeCode() {
        return underLock(connection::closeCode);
    }

    String closeReason() {
        return underLock(connection::closeReason);
    }

    Duration latency() {
        return underLock(connection::latency);
    }

    /** Completes once the connection is CLOSED and the transport closed; never exceptionally. */
    CompletableFuture<Void> closedFuture() {
        lock.lock();
        try {
            if (closed == null) {
                closed = closedComplete ? CompletableFuture.completedFuture(null) : new CompletableFuture<>();
            }
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /** The end's completion, run once the lock is released: completes the closed future if anyone asked for it. */
    private void completeClosed() {
        CompletableFuture<Void> future;
        lock.lock();
        try {
            closedComplete = true;
            future = closed;
        } finally {
            lock.unlock();
        }
        if (future != null) {
            future.complete(null);
        }
    }

    /** For tests: messages waiting for recv. */
    int queuedMessages() {
        return underLock(receiver.inbox::size);
    }

    /** For tests: whether a recv (blocking or async) is waiting, observed without registering one. */
    boolean receiverWaiting() {
        return underLock(receiver.inbox::busy);
    }

    /** For tests: bytes waiting to be written. */
    long bufferedBytes() {
        return underLock(this::queuedBytes);
    }

    /** For tests: the size of the read buffer this connection holds, 0 while it shares one. */
    int ownReadBuffer() {
        return underLock(readBuffer::ownSize);
    }

    /** Bytes sent and not yet written: in the write queue, and held in the connection while corked. Lock held. */
    long queuedBytes() {
        return writes.pendingBytes() + connection.outputQueued();
    }

    /** Releases the cork {@code batch} put in, if it is still in; no lock held by the caller. */
    void releaseCorkOf(SendBatch batch) {
        try (Section s = section.enter()) {
            if (cork != null && cork.heldFor(batch)) {
                cork.release();
                s.settle();
            }
        }
    }

    /** The condition blocked senders wait on, made on first use. Lock held. */
    Condition sendableLocked() {
        if (sendable == null) {
            sendable = lock.newCondition();
        }
        return sendable;
    }

    /** Wakes the blocked senders, if any ever waited. Lock held. */
    void signalSendableLocked() {
        if (sendable != null) {
            sendable.signalAll();
        }
    }

    StreamReceiver streams() {
        return receiver.streams();
    }

    /** Lock held. */
    boolean terminatedLocked() {
        return terminated;
    }

    /** Lock held. */
    ConnectionClosed closeExceptionLocked() {
        return connection.closeException();
    }

    /** Re-decides the I/O after a stream changed outside the driver (a reader drained or closed it). */
    void settle() {
        try (Section s = section.enter()) {
            s.settle();
        }
    }

    /**
     * For the shared timer, which must not wait for a busy connection: runs {@code body} under the
     * lock when it is free and settles; returns {@code body}'s answer, or true (look again) when
     * the lock was busy.
     */
    boolean tryLocked(BooleanSupplier body) {
        if (!lock.tryLock()) {
            return true;
        }
        Actions actions = Actions.NONE;
        boolean again = false;
        try {
            again = body.getAsBoolean();
            if (!again) {
                actions = afterCall();
            }
        } catch (Throwable e) {
            actions = internalError(e);
        } finally {
            lock.unlock();
        }
        perform(actions);
        return again;
    }

    /**
     * Refuses to wait on the I/O thread: a callback of one of our futures that blocks there would
     * stall every connection, including the one whose progress it waits for.
     */
    static void checkMayWait(String call, String instead) {
        if (IoGroup.onIoThread()) {
            throw new IllegalStateException(call + " would wait on the library's I/O thread (in a callback of a"
                    + " connection's future), stalling every connection: use " + instead + " there");
        }
    }

    /** Whether the calling thread is the I/O thread (see {@link #checkMayWait}). */
    static boolean onIoThread() {
        return IoGroup.onIoThread();
    }

    // ------------------------------------------------------------------ closing

    /** Starts the closing handshake when the connection is open; returns {@link #closedFuture()}. */
    CompletableFuture<Void> close(int code, String reason) {
        try (Section s = section.enter()) {
            if (!terminated && connection.state() == State.OPEN) {
                connection.sendClose(code, reason, System.nanoTime());
                s.settle();
            }
        }
        return closedFuture();
    }

    /** Closes the transport at once (the connection ends with 1006 unless a close frame was received). */
    void abort() {
        try (Section s = section.enter()) {
            if (!terminated) {
                connection.receiveEof(System.nanoTime());
                s.settle();
            }
        }
    }

    // ------------------------------------------------------------------ I/O completions (see TransportOps)

    /*
     * These return what they decided instead of carrying it out, so that TransportOps can turn
     * completions inside the starting call into steps of perform's loop.
     */

    Actions readCompleted(int count) {
        Actions actions = Actions.NONE;
        lock.lock();
        try {
            reading = false;
            long now = System.nanoTime();
            try {
                if (count < 0) {
                    connection.receiveEof(now);
                } else {
                    receiver.dropOverflow = connection.state() != State.OPEN;
                    connection.receiveData(readBuffer.filled(), now);
                }
            } finally {
                readBuffer.consumed(count); // before afterCall picks the buffer of the next read
            }
            actions = afterCall();
        } catch (Throwable e) {
            actions = internalError(e);
        } finally {
            receiver.dropOverflow = false;
            lock.unlock();
        }
        return actions;
    }

    Actions writeCompleted(long count) {
        Actions actions = Actions.NONE;
        lock.lock();
        try {
            writing = false;
            if (!terminated && writes.written(count)) {
                resumeSenders();
            }
            if (!terminated && writes.isEmpty()) {
                connection.outputWritten();
            }
            actions = afterCall();
        } catch (Throwable e) {
            actions = internalError(e);
        } finally {
            lock.unlock();
        }
        return actions;
    }

    Actions ioFailed(Throwable error, boolean read) {
        Actions actions = Actions.NONE;
        lock.lock();
        try {
            if (read) {
                reading = false;
                readBuffer.consumed(-1);
            } else {
                writing = false;
            }
            if (!terminated) {
                if (error instanceof AsynchronousCloseException || error instanceof ClosedChannelException) {
                    connection.receiveEof(System.nanoTime());
                } else {
                    LOG.log(System.Logger.Level.DEBUG, () -> (read ? "read" : "write") + " failed on " + this, error);
                    connection.receiveEof(System.nanoTime(), error); // the cause of the 1006 users see
                }
            }
            actions = afterCall();
        } catch (Throwable e) {
            actions = internalError(e);
        } finally {
            lock.unlock();
        }
        return actions;
    }

    /** A bug: log it and end the connection rather than leave it wedged. Lock held. */
    private Actions internalError(Throwable error) {
        LOG.log(System.Logger.Level.ERROR, "internal error in the WebSocket driver of " + this + "; closing it", error);
        try {
            connection.receiveEof(System.nanoTime());
            return afterCall();
        } catch (Throwable again) {
            error.addSuppressed(again);
            Actions actions = new Actions();
            actions.close = !terminated;
            terminated = true;
            return actions;
        }
    }

    /** {@code future} completes when writing resumes (it is paused now). Lock held. */
    void awaitDrainLocked(CompletableFuture<Void> future) {
        drainWaiters = added(drainWaiters, future);
    }

    /** {@code future}, of a call made while closing, fails with the close exception at the end. Lock held. */
    void failAtEndLocked(CompletableFuture<?> future) {
        closeWaiters = added(closeWaiters, future);
    }

    /** {@code future}, of a deferred send just queued, completes or waits for writing to resume. Lock held. */
    void justQueuedLocked(CompletableFuture<Void> future) {
        justQueued = added(justQueued, future);
    }

    /** {@code list} with {@code item} added, {@code list} made first when it is null. */
    private static <T> ArrayList<T> added(ArrayList<T> list, T item) {
        ArrayList<T> to = list == null ? new ArrayList<>(2) : list;
        to.add(item);
        return to;
    }

    private void resumeSenders() {
        if (drainWaiters != null && !drainWaiters.isEmpty()) {
            List<CompletableFuture<Void>> resumed = List.copyOf(drainWaiters);
            drainWaiters.clear();
            completeLater(() -> resumed.forEach(future -> future.complete(null)));
        }
        signalSendableLocked();
    }

    // ------------------------------------------------------------------ timers

    private void armTimer() {
        long deadline = connection.nextDeadline();
        boolean due = deadline != Long.MAX_VALUE;
        if (abortArmed && (!due || abortDeadline - deadline < 0)) {
            deadline = abortDeadline;
            due = true;
        }
        if (!due || (timerArmed && deadline - timerDeadline >= 0)) {
            return; // nothing to do, or an earlier deadline will be reached first and re-arm
        }
        timerArmed = true;
        timerDeadline = deadline;
        Deadlines.schedule(this, deadline);
    }

    @Override
    void deadlineReached(long deadline) {
        timerFired(deadline);
    }

    private void timerFired(long deadline) {
        Actions actions = Actions.NONE;
        lock.lock();
        try {
            if (timerArmed && timerDeadline == deadline) {
                timerArmed = false;
            }
            if (!terminated) {
                long now = System.nanoTime();
                connection.advanceTime(now);
                if (abortArmed && now - abortDeadline >= 0 && connection.state() != State.CLOSED) {
                    LOG.log(System.Logger.Level.DEBUG, () -> "closing took too long; aborting " + this);
                    connection.receiveEof(now);
                }
                actions = afterCall();
            }
        } catch (Throwable e) {
            actions = internalError(e);
        } finally {
            lock.unlock();
        }
        perform(actions);
    }

    // ------------------------------------------------------------------ after each call

    /**
     * Called with the lock held after anything that may have changed the connection: delivers
     * its events, queues its output, and works out the I/O to start and the futures to complete
     * once the lock is released.
     */
    Actions afterCall() {
        Actions actions = null;
        dispatchEvents();
        if (terminated) {
            connection.dataToSend(); // nothing more is written: let it go
        } else {
            // While corked, output stays in the connection's arena as one growing run: no buffer
            // per message. It is taken when the cork comes out or holds enough to write.
            if (corked() && (connection.state() != State.OPEN
                    || queuedBytes() >= corkLimit())) {
                cork.release();
            }
            if (!corked()) {
                connection.dataToSend(writes);
            }
            recorder.buffered(writes.pendingBytes()); // observability
            if (justQueued != null && !justQueued.isEmpty()) {
                if (writes.paused()) {
                    justQueued.forEach(this::awaitDrainLocked);
                } else {
                    List<CompletableFuture<Void>> done = List.copyOf(justQueued);
                    completeLater(() -> done.forEach(future -> future.complete(null)));
                }
                justQueued.clear();
            }
            long now = System.nanoTime();
            State state = connection.state();
            long abortAfter;
            if (state != State.OPEN && !abortArmed && (abortAfter = abortAfter()) >= 0) {
                abortArmed = true;
                abortDeadline = now + abortAfter;
            }
            if (state == State.CLOSED) {
                actions = terminate();
            } else {
                if (!writing && !writes.isEmpty() && !corked()) {
                    writing = true;
                    actions = new Actions();
                    actions.writeLength = writes.prepareBatch();
                    actions.writeBatch = writes.batch();
                } else if (!writing && connection.closeTransport() && !outputShut) {
                    outputShut = true;
                    actions = new Actions();
                    actions.shutdownOutput = true;
                }
                if (!writes.paused()) {
                    repliesOwed = false;
                }
                // A peer that sends pings (or its close) and does not read would grow the pongs we
                // owe it without bound: above writeLimit, stop reading until it drains, as
                // Python's read loop does when it awaits drain() after writing a pong.
                boolean repliesBlocked = repliesOwed && writes.paused();
                if (!reading && !repliesBlocked && (state != State.OPEN || !receiver.full())) {
                    reading = true;
                    actions = actions == null ? new Actions() : actions;
                    actions.readInto = readBuffer.forRead();
                }
                armTimer();
            }
        }
        receiver.service();
        if (unparkLater != null) {
            actions = actions == null ? new Actions() : actions;
            actions.unpark = unparkLater;
            unparkLater = null;
        }
        if (completions != null) {
            actions = actions == null ? new Actions() : actions;
            actions.completions = completions;
            completions = null;
        }
        return actions == null ? Actions.NONE : actions;
    }

    private void dispatchEvents() {
        List<Event> events = connection.eventsReceived();
        for (int i = 0, n = events.size(); i < n; i++) { // indexed: no iterator per call
            Event event = events.get(i);
            switch (event) {
                case Event.DataFrame frame -> throw new AssertionError("data frames go to the data sink");
                case Event.PongReceived pong -> {
                    List<CompletableFuture<Void>> done = pings == null ? List.of()
                            : pings.acknowledge(pong.acknowledgedPings());
                    if (!done.isEmpty()) {
                        completeLater(() -> done.forEach(future -> future.complete(null)));
                    }
                }
                case Event.CloseReceived close -> {
                    receiver.closeReceived();
                    repliesOwed = true;
                }
                case Event.PingReceived ping -> repliesOwed = true; // answered by the connection already
            }
        }
    }

    /** The connection is CLOSED: close the transport and settle every waiter. Lock held. */
    private Actions terminate() {
        terminated = true;
        // Output still unwritten (a peer that stopped reading, say) is dropped: the peer must see
        // a reset, not an orderly end after a truncated stream that the kernel would keep
        // retrying for minutes.
        boolean dropsOutput = writing || !writes.isEmpty();
        if (timerArmed) {
            timerArmed = false;
            Deadlines.cancel(this);
        }
        writes.clear();
        for (CompletableFuture<Void> future : pings == null ? List.<CompletableFuture<Void>>of() : pings.drain()) {
            fail(future);
        }
        if (drainWaiters != null) {
            drainWaiters.forEach(this::fail);
            drainWaiters.clear();
        }
        if (closeWaiters != null) {
            closeWaiters.forEach(this::fail);
            closeWaiters.clear();
        }
        if (fragments != null) {
            fragments.terminatedLocked();
        }
        SendBatch.ownerEnded(this);
        receiver.terminated();
        signalSendableLocked();
        completeLater(this::completeClosed);
        recorder.closed(connection); // observability
        LOG.log(System.Logger.Level.DEBUG, () -> "closed " + this + ": " + ConnectionClosed.format(
                connection.closeCode(), connection.closeReason()));
        Actions actions = new Actions();
        actions.close = true;
        actions.abort = dropsOutput;
        if (dropsOutput) {
            LOG.log(System.Logger.Level.DEBUG, () -> "output unwritten at the end; resetting " + this);
        }
        return actions;
    }

    /**
     * Wakes {@code receiver} (a virtual thread parked in recv) once the lock is released: waking
     * it under the lock would let it run into the held lock and park a second time. Lock held.
     */
    void unparkAfterUnlock(Thread receiver) {
        unparkLater = receiver;
    }

    /** Fails {@code future} with the close exception once the lock is released. Lock held. */
    void fail(CompletableFuture<?> future) {
        ConnectionClosed error = connection.closeException();
        completeLater(() -> future.completeExceptionally(error));
    }

    /**
     * Carries out what {@link #afterCall()} decided, without the lock: starts a write, completes
     * user futures in this thread (their dependents run here), then starts a read. Operations that
     * complete at once, in this thread, are handled in this loop rather than in nested calls.
     */
    void perform(Actions actions) {
        if (actions == Actions.NONE) {
            return;
        }
        ArrayDeque<Actions> followUps = null;
        while (actions != null) {
            Actions afterWrite = Actions.NONE;
            Actions afterRead = Actions.NONE;
            if (actions.unpark != null) { // first: the receiver runs while the I/O below starts
                LockSupport.unpark(actions.unpark);
            }
            if (actions.writeBatch != null) {
                afterWrite = ops.startWrite(actions.writeBatch, actions.writeLength);
            }
            if (actions.shutdownOutput) {
                try {
                    transport.shutdownOutput();
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.DEBUG, () -> "cannot half-close " + this, e);
                    abort();
                }
            }
            if (actions.close) {
                try {
                    if (actions.abort) {
                        transport.abort();
                    } else {
                        transport.close();
                    }
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.DEBUG, () -> "error closing " + this, e);
                }
            }
            if (actions.completions != null) {
                for (Runnable completion : actions.completions) {
                    try {
                        completion.run();
                    } catch (Throwable e) { // a future's dependents report their own failures; this is ours
                        LOG.log(System.Logger.Level.ERROR, "completing a future of " + this + " failed", e);
                    }
                }
            }
            // Last: a callback just completed (an async handler's) often answers with a send,
            // which then goes out before the read is armed (a syscall, epoll_ctl on Linux), not
            // after it. Reads wait for the poller's next round anyway (IoGroup), so none is lost.
            if (actions.readInto != null) {
                afterRead = ops.startRead(actions.readInto);
            }
            if (afterWrite != Actions.NONE || afterRead != Actions.NONE) {
                if (followUps == null) {
                    followUps = new ArrayDeque<>(2);
                }
                if (afterWrite != Actions.NONE) {
                    followUps.add(afterWrite);
                }
                if (afterRead != Actions.NONE) {
                    followUps.add(afterRead);
                }
            }
            actions = followUps == null ? null : followUps.poll();
        }
    }

    @Override
    public String toString() {
        return "WebSocket[" + role() + ", " + transport.localAddress() + " <-> " + transport.remoteAddress() + "]";
    }
}
