package org.websockets4j.protocol;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.CompletionHandler;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.websockets4j.framing.CloseCodes;
import org.websockets4j.framing.ExtensionCodec;
import org.websockets4j.framing.Opcode;
import org.websockets4j.framing.PayloadTooBig;
import org.websockets4j.framing.Role;
import org.websockets4j.protocol.internal.IoGroup;
import org.websockets4j.protocol.internal.SharedSend;
import org.websockets4j.protocol.internal.Transport;

/**
 * Runs one {@link Connection} over a {@link Transport}: the I/O driver behind a {@link WebSocket}.
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
 *   <li>One timer task per connection at most, on the shared {@link DriverThreads#TIMER}, for the
 *       earlier of {@link Connection#nextDeadline()} and the bound on closing (4 × closeTimeout on
 *       a server, 5 × on a client, counted from the moment the connection stops being open), after
 *       which the transport is aborted.</li>
 *   <li>The transport is half-closed once {@link Connection#closeTransport()} holds and everything
 *       queued is written, and closed once the connection is {@link State#CLOSED}.</li>
 * </ul>
 */
final class Driver {
    private static final System.Logger LOG = ProtocolLog.LOG;

    private final Role role;
    private final ConnectionOptions options;
    private final Transport transport;
    private final Connection connection;
    /** Observability: counts messages and reports the end (ConnectionRecorder). */
    private final ConnectionRecorder recorder;

    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when the blocked receiver may take a message, or the connection ended. */
    private final Condition inboxChanged = lock.newCondition();
    /** Signalled (all) when writing resumes, a fragmented message ends, or the connection ended. */
    private final Condition sendable = lock.newCondition();

    private final MessageAssembler assembler = new MessageAssembler();
    /** Where data frames go while a message is read as a stream ({@link WebSocket#recvStream()}). */
    private final StreamReceiver streams = new StreamReceiver(this, lock);
    private final Inbox inbox = new Inbox();
    private final WriteQueue writes;
    private final ReadBuffer readBuffer;
    private final PingFutures pings = new PingFutures();
    /** Completed (in the thread that closed it) once the connection is CLOSED and the transport closed. */
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    /** User futures to complete once the lock is released. */
    private ArrayList<Runnable> completions = new ArrayList<>();

    /** Async sends that wait for writing to resume. */
    private final ArrayList<CompletableFuture<Void>> drainWaiters = new ArrayList<>();
    /** Futures of calls made while closing: they fail with the close exception at the end. */
    private final ArrayList<CompletableFuture<?>> closeWaiters = new ArrayList<>();
    /** Futures of deferred sends just queued: they complete or wait depending on flow control. */
    private final ArrayList<CompletableFuture<Void>> justQueued = new ArrayList<>();

    /** The MessageWriter or fragmented send in progress, or null; other data sends wait for it. */
    private Object fragmentOwner;
    private Thread fragmentThread;
    private Opcode fragmentOpcode;
    private boolean fragmentStarted;
    /** Async data sends made during a fragmented message, sent in order once it ends. */
    private final ArrayDeque<DeferredSend> deferred = new ArrayDeque<>(0);

    private boolean reading;
    private boolean writing;
    private boolean outputShut;
    /** True once the connection is CLOSED and the transport closing: nothing more happens. */
    private boolean terminated;
    /** True while processing a read made after we started closing: overflow messages are dropped. */
    private boolean dropOverflow;
    /**
     * True while the receiver has more messages queued: it will be back for the next one within
     * microseconds, so what it sends meanwhile is held and written in one batch when it finds the
     * queue empty (or {@link #CORK_LIMIT} bytes are held, or {@link DriverThreads#CORK_DELAY}
     * passed, or the connection stops being open). This turns a syscall per message into one per
     * batch under load, for the blocking and the async API alike.
     */
    private volatile boolean corked;
    private volatile long corkedSince;
    /** True while this driver is in {@link DriverThreads}' queue of corked drivers. */
    boolean corkQueued;
    /** Bytes held by a cork beyond which they are written anyway. */
    private static final int CORK_LIMIT = 32 * 1024;

    /** True when pongs or a close answer were queued while writing is paused; cleared when it resumes. */
    private boolean repliesOwed;
    private long dropped;

    private ScheduledFuture<?> timer;
    private long timerDeadline;
    /** The bound on closing, in nanoseconds; -1 for none (no close timeout). */
    private final long abortAfter;
    private boolean abortArmed;
    private long abortDeadline;

    /*
     * Operations complete on the thread that made them complete (see IoGroup): often inside the
     * very call that started them. A completion on the starting thread is only recorded, and
     * perform() handles it after the call returns, so nesting becomes a loop instead of a stack
     * that grows with every operation that completes at once.
     */
    private Thread readStarter;
    private Thread writeStarter;
    /** The thread whose call the last inline completion happened in; only that thread reads its result. */
    private Thread inlineReadBy;
    private Thread inlineWriteBy;
    private int inlineReadCount;
    private Throwable inlineReadError;
    private long inlineWriteCount;
    private Throwable inlineWriteError;

    private final CompletionHandler<Integer, Void> onRead = new CompletionHandler<>() {
        @Override
        public void completed(Integer count, Void unused) {
            if (readStarter == Thread.currentThread()) {
                inlineReadCount = count;
                inlineReadBy = Thread.currentThread();
                return;
            }
            IoGroup.noteIoThread();
            perform(readCompleted(count));
        }

        @Override
        public void failed(Throwable error, Void unused) {
            if (readStarter == Thread.currentThread()) {
                inlineReadError = error;
                inlineReadBy = Thread.currentThread();
                return;
            }
            perform(ioFailed(error, true));
        }
    };

    private final CompletionHandler<Long, Void> onWrite = new CompletionHandler<>() {
        @Override
        public void completed(Long count, Void unused) {
            if (writeStarter == Thread.currentThread()) {
                inlineWriteCount = count;
                inlineWriteBy = Thread.currentThread();
                return;
            }
            perform(writeCompleted(count));
        }

        @Override
        public void failed(Throwable error, Void unused) {
            if (writeStarter == Thread.currentThread()) {
                inlineWriteError = error;
                inlineWriteBy = Thread.currentThread();
                return;
            }
            perform(ioFailed(error, false));
        }
    };

    Driver(Transport transport, Role role, ConnectionOptions options, List<? extends ExtensionCodec> codecs,
           ConnectionRecorder recorder) {
        this.recorder = recorder;
        this.transport = transport;
        this.role = role;
        this.options = options;
        this.connection = new Connection(role, options, codecs, null, System.nanoTime());
        connection.traceAs(this);
        connection.dataSink(this::dataReceived);
        this.writes = new WriteQueue(options.writeLimit());
        this.readBuffer = new ReadBuffer(options.readLimit());
        this.abortAfter = bound(options.closeTimeout(), role == Role.SERVER ? 4 : 5);
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
        Actions actions;
        lock.lock();
        try {
            if (leftover.hasRemaining()) {
                connection.receiveData(leftover, System.nanoTime());
            }
            actions = afterCall();
        } finally {
            lock.unlock();
        }
        perform(actions);
    }

    Role role() {
        return role;
    }

    ConnectionOptions options() {
        return options;
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
        return closed;
    }

    /** For tests: messages waiting for recv. */
    int queuedMessages() {
        return underLock(inbox::size);
    }

    /** For tests: whether a recv (blocking or async) is waiting, observed without registering one. */
    boolean receiverWaiting() {
        return underLock(inbox::busy);
    }

    /** For tests: bytes waiting to be written. */
    long bufferedBytes() {
        return underLock(() -> writes.pendingBytes());
    }

    // ------------------------------------------------------------------ receiving

    /**
     * Takes the next message, waiting for one.
     *
     * @param type the class the message must have, or null for any; when the next message has
     *             another, it stays queued and IllegalStateException is thrown
     */
    Message receive(Class<? extends Message> type) throws InterruptedException {
        Actions actions = Actions.NONE;
        lock.lock();
        try {
            if (inbox.busy()) {
                throw new IllegalStateException("cannot call recv while another thread is already waiting for the next message");
            }
            streams.checkNoStreamLocked(terminated);
            inbox.blocked = Thread.currentThread();
            try {
                if (corked && !inbox.ready()) {
                    // About to wait: what the cork held goes out first.
                    uncork();
                    Actions flush = afterCall();
                    lock.unlock();
                    try {
                        perform(flush);
                    } finally {
                        lock.lock();
                    }
                }
                while (!inbox.ready()) {
                    if (terminated && !inbox.handingOff) {
                        throw connection.closeException();
                    }
                    checkMayWait("recv()", "recvAsync()");
                    inboxChanged.await();
                }
                if (type != null && !type.isInstance(inbox.peek())) {
                    throw new IllegalStateException("the next message is " + describe(inbox.peek()) + ", not "
                            + (type == Message.Text.class ? "text" : "binary") + "; it stays queued: take it with recv()");
                }
                Message message = inbox.poll();
                corkIfMoreQueued();
                actions = afterCall();
                return message;
            } finally {
                inbox.blocked = null;
            }
        } finally {
            lock.unlock();
            perform(actions);
        }
    }

    /** Corks the output when the receiver has more messages waiting. Lock held. */
    private void corkIfMoreQueued() {
        if (!corked && !inbox.isEmpty() && !terminated && connection.state() == State.OPEN) {
            corked = true;
            corkedSince = System.nanoTime();
            if (!corkQueued) {
                corkQueued = true;
                DriverThreads.watchCork(this);
            }
        }
    }

    private void uncork() {
        corked = false;
    }

    /**
     * From the timer: writes what a cork held for longer than {@link DriverThreads#CORK_DELAY}
     * (the receiver went off to do something else); returns true while the cork is still young
     * and must be watched again.
     */
    boolean corkTimeout(long now) {
        if (corked && now - corkedSince < DriverThreads.CORK_DELAY) {
            return true; // a racy look is enough to skip a young cork without touching the lock
        }
        if (!lock.tryLock()) {
            return true; // busy: its owner will decide; look again next time rather than wait
        }
        Actions actions = Actions.NONE;
        boolean watchAgain = false;
        try {
            if (corked && now - corkedSince < DriverThreads.CORK_DELAY) {
                watchAgain = true;
            } else {
                corkQueued = false;
                if (corked) {
                    uncork();
                    actions = afterCall();
                }
            }
        } catch (Throwable e) {
            actions = internalError(e);
        } finally {
            lock.unlock();
        }
        perform(actions);
        return watchAgain;
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

    private static String describe(Message message) {
        return message instanceof Message.Text ? "text" : "binary";
    }

    // ------------------------------------------------------------------ streaming receive (see StreamReceiver)

    /** Takes the next message as a stream of its fragments; see {@link WebSocket#recvStream()}. */
    MessageStream receiveStream() throws InterruptedException {
        Actions actions = Actions.NONE;
        lock.lock();
        try {
            if (inbox.busy()) {
                throw new IllegalStateException("cannot call recvStream while another thread is already waiting for the next message");
            }
            streams.checkNoStreamLocked(terminated);
            if (inbox.ready()) { // it arrived whole before the call: stream it from memory
                MessageStream whole = streams.wholeLocked(inbox.poll());
                corkIfMoreQueued();
                actions = afterCall();
                return whole;
            }
            if (terminated && !inbox.handingOff) {
                throw connection.closeException();
            }
            checkMayWait("recvStream()", "recvAsync()");
            Opcode partial = assembler.partialType();
            streams.beginLocked(partial, partial == null ? null : assembler.takePartial());
            connection.streamMessage(true);
            uncork();
            inbox.blocked = Thread.currentThread(); // a receive is waiting: no other may start
            try {
                Actions flush = afterCall();
                lock.unlock();
                try {
                    perform(flush);
                } finally {
                    lock.lock();
                }
                while (!streams.startedLocked()) {
                    if (terminated) {
                        throw connection.closeException();
                    }
                    try {
                        streams.awaitLocked();
                    } catch (InterruptedException e) {
                        if (!streams.startedLocked()) {
                            throw e;
                        }
                        Thread.currentThread().interrupt(); // too late: the message is this stream's now
                    }
                }
                return streams.handOutLocked();
            } finally {
                inbox.blocked = null;
                if (!streams.startedLocked()) { // interrupted or closed before the message began: back to messages
                    streams.abandonLocked();
                    connection.streamMessage(false);
                }
            }
        } finally {
            lock.unlock();
            perform(actions);
        }
    }

    StreamReceiver streams() {
        return streams;
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
        Actions actions = Actions.NONE;
        lock.lock();
        try {
            actions = afterCall();
        } finally {
            lock.unlock();
            perform(actions);
        }
    }

    /** Takes the next message, or a future completed by it. */
    CompletableFuture<Message> receiveAsync() {
        Actions actions = Actions.NONE;
        lock.lock();
        try {
            if (inbox.busy()) {
                throw new IllegalStateException("cannot call recvAsync while another receive is already waiting for the next message");
            }
            streams.checkNoStreamLocked(terminated);
            if (inbox.ready()) {
                Message message = inbox.poll();
                corkIfMoreQueued();
                actions = afterCall();
                return CompletableFuture.completedFuture(message);
            }
            if (corked) {
                uncork(); // about to wait: what the cork held goes out now
                actions = afterCall();
            }
            if (terminated && !inbox.handingOff) {
                return CompletableFuture.failedFuture(connection.closeException());
            }
            CompletableFuture<Message> future = new CompletableFuture<>();
            inbox.pending = future;
            return future;
        } finally {
            lock.unlock();
            perform(actions);
        }
    }

    /**
     * Gives the head message to {@code future} (a waiting {@code recvAsync}), or puts it back when
     * the future was cancelled meanwhile. Runs after the lock is released, in the thread that
     * delivered the message; the future's dependents run here, lock-free. When they wait for the
     * next message and one is queued already, it is handed over in this loop, not in a nested call.
     */
    private void handOff(CompletableFuture<Message> future) {
        while (future != null) {
            Message message;
            lock.lock();
            try {
                message = future.isDone() ? null : inbox.poll();
                if (message != null) {
                    corkIfMoreQueued();
                }
            } finally {
                lock.unlock();
            }
            boolean delivered = message != null && future.complete(message); // dependents run here
            Actions actions;
            CompletableFuture<Message> next = null;
            lock.lock();
            try {
                inbox.handingOff = false;
                if (message != null && !delivered) {
                    inbox.putBack(message);
                }
                if (inbox.pending == future) {
                    inbox.pending = null;
                }
                CompletableFuture<Message> pending = inbox.pending;
                if (pending != null && !pending.isDone() && !inbox.isEmpty()) {
                    inbox.handingOff = true; // keeps serviceReceivers from scheduling another hand-off
                    next = pending;
                }
                actions = afterCall();
            } finally {
                lock.unlock();
            }
            perform(actions);
            future = next;
        }
    }

    // ------------------------------------------------------------------ sending

    /** Sends a complete data message, then waits while writing is paused. */
    void send(Opcode opcode, ByteBuffer payload) throws InterruptedException {
        Actions actions = Actions.NONE;
        boolean wait;
        lock.lock();
        try {
            awaitFragmentFree();
            ensureOpen();
            queueData(opcode, payload, true);
            actions = afterCall();
            wait = writes.paused();
        } finally {
            lock.unlock();
            perform(actions);
        }
        if (wait) {
            awaitDrained();
        }
    }

    /** Sends a complete data message; the future completes when writing is not paused. */
    CompletableFuture<Void> sendAsync(Opcode opcode, ByteBuffer payload) {
        Actions actions = Actions.NONE;
        lock.lock();
        try {
            CompletableFuture<Void> unavailable = unavailable();
            if (unavailable != null) {
                return unavailable;
            }
            if (fragmentOwner != null) {
                CompletableFuture<Void> future = new CompletableFuture<>();
                deferred.addLast(new DeferredSend(opcode, payload, future));
                return future;
            }
            queueData(opcode, payload, true);
            actions = afterCall();
            return drained();
        } finally {
            lock.unlock();
            perform(actions);
        }
    }

    /**
     * Broadcasting ({@code WebSockets.sendShared}): queues a complete data message unless the
     * connection is not open, a fragmented message is in progress, or more than writeLimit bytes
     * wait; never waits. {@code payload} is this connection's own duplicate of a read-only buffer.
     */
    SharedSend sendShared(Opcode opcode, ByteBuffer payload) {
        Actions actions = Actions.NONE;
        lock.lock();
        try {
            if (terminated || connection.state() != State.OPEN) {
                return SharedSend.NOT_OPEN;
            }
            if (fragmentOwner != null) {
                return SharedSend.SENDING_FRAGMENTED;
            }
            if (writes.pendingBytes() > options.writeLimit()) {
                return SharedSend.OVER_WRITE_LIMIT;
            }
            queueData(opcode, payload, true);
            actions = afterCall();
            return SharedSend.SENT;
        } finally {
            lock.unlock();
            perform(actions);
        }
    }

    /** Sends a pong, then waits while writing is paused. */
    void pong(ByteBuffer data) throws InterruptedException {
        Actions actions = Actions.NONE;
        boolean wait;
        lock.lock();
        try {
            ensureOpen();
            connection.sendPong(data);
            actions = afterCall();
            wait = writes.paused();
        } finally {
            lock.unlock();
            perform(actions);
        }
        if (wait) {
            awaitDrained();
        }
    }

    /** Sends a pong; the future completes when writing is not paused. */
    CompletableFuture<Void> pongAsync(ByteBuffer data) {
        Actions actions = Actions.NONE;
        lock.lock();
        try {
            CompletableFuture<Void> unavailable = unavailable();
            if (unavailable != null) {
                return unavailable;
            }
            connection.sendPong(data);
            actions = afterCall();
            return drained();
        } finally {
            lock.unlock();
            perform(actions);
        }
    }

    /** Sends a ping; the future completes with its pong. */
    CompletableFuture<Void> ping(ByteBuffer data) {
        Actions actions = Actions.NONE;
        lock.lock();
        try {
            CompletableFuture<Void> unavailable = unavailable();
            if (unavailable != null) {
                return unavailable;
            }
            ByteBuffer payload = connection.sendPing(data);
            CompletableFuture<Void> future = new CompletableFuture<>();
            pings.add(payload, future);
            actions = afterCall();
            return future;
        } finally {
            lock.unlock();
            perform(actions);
        }
    }

    /**
     * For an async call: a future failing with the close exception when the connection is not
     * open (at once when closed, at the end when closing); null when it is open.
     */
    private <T> CompletableFuture<T> unavailable() {
        if (terminated) {
            return CompletableFuture.failedFuture(connection.closeException());
        }
        if (connection.state() != State.OPEN) {
            CompletableFuture<T> future = new CompletableFuture<>();
            closeWaiters.add(future);
            return future;
        }
        return null;
    }

    /** A future for a send just queued: done, or done when writing resumes. */
    private CompletableFuture<Void> drained() {
        CompletableFuture<Void> future = new CompletableFuture<>();
        if (writes.paused()) {
            drainWaiters.add(future);
        } else {
            future.complete(null); // nothing depends on it yet: no user code runs here
        }
        return future;
    }

    /**
     * Returns when the connection is open; when it is closing, waits until it is closed, then
     * throws the close exception, as Python websockets' {@code ensure_open} does. Lock held.
     */
    private void ensureOpen() throws InterruptedException {
        if (terminated) {
            throw connection.closeException();
        }
        if (connection.state() != State.OPEN) {
            if (!terminated) {
                checkMayWait("a blocking send while the connection closes", "sendAsync()");
            }
            while (!terminated) {
                sendable.await();
            }
            throw connection.closeException();
        }
    }

    /** Waits while a fragmented message from someone else is in progress. Lock held. */
    private void awaitFragmentFree() throws InterruptedException {
        while (fragmentOwner != null && !terminated && connection.state() == State.OPEN) {
            if (fragmentThread == Thread.currentThread()) {
                throw new IllegalStateException("this thread is in the middle of a fragmented message:"
                        + " finish it (close its MessageWriter) before sending another message");
            }
            checkMayWait("a blocking send behind a fragmented message", "sendAsync()");
            sendable.await();
        }
    }

    /** Waits until writing is no longer paused. */
    private void awaitDrained() throws InterruptedException {
        lock.lock();
        try {
            if (writes.paused() && !terminated) {
                checkMayWait("a blocking send", "sendAsync()");
            }
            while (writes.paused() && !terminated) {
                sendable.await();
            }
            if (terminated) {
                throw connection.closeException();
            }
        } finally {
            lock.unlock();
        }
    }

    private void queueData(Opcode opcode, ByteBuffer payload, boolean fin) {
        recorder.frameOut(payload.remaining(), fin); // observability
        if (opcode == Opcode.TEXT) {
            connection.sendText(payload, fin);
        } else {
            connection.sendBinary(payload, fin);
        }
    }

    // ------------------------------------------------------------------ fragmented messages

    /**
     * Starts a fragmented message owned by {@code owner}, once no other is in progress; no frame
     * is sent yet. Other data sends wait (or are deferred) until {@link #sendFragment} with
     * {@code fin}, {@link #finishFragmented} or {@link #abandonFragmented}.
     */
    void beginFragmented(Object owner, Opcode opcode) throws InterruptedException {
        lock.lock();
        try {
            awaitFragmentFree();
            ensureOpen();
            fragmentOwner = owner;
            fragmentThread = Thread.currentThread();
            fragmentOpcode = opcode;
            fragmentStarted = false;
        } finally {
            lock.unlock();
        }
    }

    /** Sends the next frame of {@code owner}'s message, then waits while writing is paused. */
    void sendFragment(Object owner, ByteBuffer payload, boolean fin) throws InterruptedException {
        Actions actions = Actions.NONE;
        boolean wait;
        lock.lock();
        try {
            checkOwner(owner);
            ensureOpen();
            queueFragment(payload, fin);
            if (fin) {
                releaseFragment();
            }
            actions = afterCall();
            wait = writes.paused();
        } finally {
            lock.unlock();
            perform(actions);
        }
        if (wait) {
            awaitDrained();
        }
    }

    /**
     * Ends {@code owner}'s message with an empty final frame (or sends an empty message when no
     * frame was sent). Does not wait for writing to resume. When the connection is closing, waits
     * (uninterruptibly, bounded by the close timeouts) for it to close and throws the close
     * exception. Does nothing when {@code owner} no longer owns the message.
     */
    void finishFragmented(Object owner) {
        Actions actions = Actions.NONE;
        lock.lock();
        try {
            if (fragmentOwner != owner) {
                return;
            }
            if (terminated || connection.state() != State.OPEN) {
                releaseFragment();
                while (!terminated) {
                    sendable.awaitUninterruptibly();
                }
                throw connection.closeException();
            }
            queueFragment(ByteBuffer.allocate(0), true);
            releaseFragment();
            actions = afterCall();
        } finally {
            lock.unlock();
            perform(actions);
        }
    }

    /**
     * Gives up {@code owner}'s message half-way: the connection cannot be used any more, so it
     * fails with {@code code} (Python websockets fails it with 1011 then), unless it is already
     * closing.
     */
    void abandonFragmented(Object owner, int code, String reason) {
        Actions actions = Actions.NONE;
        lock.lock();
        try {
            if (fragmentOwner != owner) {
                return;
            }
            if (connection.state() == State.OPEN) {
                connection.fail(code, Connection.reasonFor(reason), System.nanoTime());
            }
            releaseFragment(); // after failing: deferred sends then wait for the close instead of going out
            actions = afterCall();
        } finally {
            lock.unlock();
            perform(actions);
        }
    }

    private void checkOwner(Object owner) {
        if (fragmentOwner != owner) {
            throw new IllegalStateException("this fragmented message is over: its final frame was sent");
        }
    }

    private void queueFragment(ByteBuffer payload, boolean fin) {
        if (fragmentStarted) {
            recorder.frameOut(payload.remaining(), fin); // observability
            connection.sendContinuation(payload, fin);
        } else {
            queueData(fragmentOpcode, payload, fin);
            fragmentStarted = true;
        }
    }

    /** Ends the fragmented message's hold on sending; deferred async sends go out now, in order. Lock held. */
    private void releaseFragment() {
        fragmentOwner = null;
        fragmentThread = null;
        fragmentOpcode = null;
        fragmentStarted = false;
        while (!deferred.isEmpty()) {
            DeferredSend send = deferred.pollFirst();
            if (terminated) {
                fail(send.future());
            } else if (connection.state() != State.OPEN) {
                closeWaiters.add(send.future());
            } else {
                try {
                    queueData(send.opcode(), send.payload(), true);
                    justQueued.add(send.future());
                } catch (RuntimeException e) {
                    completions.add(() -> send.future().completeExceptionally(e));
                }
            }
        }
        sendable.signalAll();
    }

    // ------------------------------------------------------------------ closing

    /** Starts the closing handshake when the connection is open; returns {@link #closedFuture()}. */
    CompletableFuture<Void> close(int code, String reason) {
        Actions actions = Actions.NONE;
        lock.lock();
        try {
            if (!terminated && connection.state() == State.OPEN) {
                connection.sendClose(code, reason, System.nanoTime());
                actions = afterCall();
            }
        } finally {
            lock.unlock();
            perform(actions);
        }
        return closed;
    }

    /** Closes the transport at once (the connection ends with 1006 unless a close frame was received). */
    void abort() {
        Actions actions = Actions.NONE;
        lock.lock();
        try {
            if (!terminated) {
                connection.receiveEof(System.nanoTime());
                actions = afterCall();
            }
        } finally {
            lock.unlock();
            perform(actions);
        }
    }

    // ------------------------------------------------------------------ I/O completions

    private Actions readCompleted(int count) {
        Actions actions = Actions.NONE;
        lock.lock();
        try {
            reading = false;
            long now = System.nanoTime();
            if (count < 0) {
                connection.receiveEof(now);
            } else {
                dropOverflow = connection.state() != State.OPEN;
                connection.receiveData(readBuffer.filled(), now);
                readBuffer.consumed(count);
            }
            actions = afterCall();
        } catch (Throwable e) {
            actions = internalError(e);
        } finally {
            dropOverflow = false;
            lock.unlock();
        }
        return actions;
    }

    private Actions writeCompleted(long count) {
        Actions actions = Actions.NONE;
        lock.lock();
        try {
            writing = false;
            if (!terminated && writes.written(count)) {
                resumeSenders();
            }
            actions = afterCall();
        } catch (Throwable e) {
            actions = internalError(e);
        } finally {
            lock.unlock();
        }
        return actions;
    }

    private Actions ioFailed(Throwable error, boolean read) {
        Actions actions = Actions.NONE;
        lock.lock();
        try {
            if (read) {
                reading = false;
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

    private void resumeSenders() {
        if (!drainWaiters.isEmpty()) {
            List<CompletableFuture<Void>> resumed = List.copyOf(drainWaiters);
            drainWaiters.clear();
            completions.add(() -> resumed.forEach(future -> future.complete(null)));
        }
        sendable.signalAll();
    }

    // ------------------------------------------------------------------ timers

    private void armTimer(long now) {
        long deadline = connection.nextDeadline();
        boolean due = deadline != Long.MAX_VALUE;
        if (abortArmed && (!due || abortDeadline - deadline < 0)) {
            deadline = abortDeadline;
            due = true;
        }
        if (!due || (timer != null && deadline - timerDeadline >= 0)) {
            return; // nothing to do, or an earlier timer will fire first and re-arm
        }
        if (timer != null) {
            timer.cancel(false);
        }
        long at = deadline;
        timerDeadline = deadline;
        timer = DriverThreads.TIMER.schedule(() -> timerFired(at), Math.max(0, deadline - now), TimeUnit.NANOSECONDS);
    }

    private void timerFired(long deadline) {
        Actions actions = Actions.NONE;
        lock.lock();
        try {
            if (timer != null && timerDeadline == deadline) {
                timer = null;
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
    private Actions afterCall() {
        Actions actions = null;
        dispatchEvents();
        List<ByteBuffer> output = connection.dataToSend();
        if (!terminated) {
            writes.addAll(output);
            recorder.buffered(writes.pendingBytes()); // observability
            if (!justQueued.isEmpty()) {
                if (writes.paused()) {
                    drainWaiters.addAll(justQueued);
                } else {
                    List<CompletableFuture<Void>> done = List.copyOf(justQueued);
                    completions.add(() -> done.forEach(future -> future.complete(null)));
                }
                justQueued.clear();
            }
            long now = System.nanoTime();
            State state = connection.state();
            if (state != State.OPEN && !abortArmed && abortAfter >= 0) {
                abortArmed = true;
                abortDeadline = now + abortAfter;
            }
            if (state == State.CLOSED) {
                actions = terminate();
            } else {
                if (corked && (state != State.OPEN || writes.pendingBytes() >= CORK_LIMIT)) {
                    uncork();
                }
                if (!writing && !writes.isEmpty() && !corked) {
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
                boolean inboxFull = inbox.size() >= options.maxQueue() || inbox.bytes() >= options.maxQueueBytes()
                        || streams.holdsUnreadLocked();
                if (!reading && !repliesBlocked && (state != State.OPEN || !inboxFull)) {
                    reading = true;
                    actions = actions == null ? new Actions() : actions;
                    actions.readInto = readBuffer.forRead();
                }
                armTimer(now);
            }
        }
        serviceReceivers();
        if (!completions.isEmpty()) {
            actions = actions == null ? new Actions() : actions;
            actions.completions = completions;
            completions = new ArrayList<>();
        }
        return actions == null ? Actions.NONE : actions;
    }

    /** The connection's data sink: frames go straight into the assembler, with no object per frame. Lock held. */
    private void dataReceived(Opcode type, boolean first, ByteBuffer view, boolean fin) {
        recorder.frameIn(view.remaining(), fin); // observability
        if (streams.routeLocked(type, first, view, fin)) {
            return;
        }
        Message message;
        try {
            message = assembler.add(type, first, view, fin);
        } catch (PayloadTooBig e) { // only past Java's array limit, with maxSize = NO_LIMIT
            connection.fail(CloseCodes.MESSAGE_TOO_BIG, "message too big", System.nanoTime());
            assembler.reset();
            return;
        }
        if (message != null) {
            deliver(message);
        }
    }

    private void dispatchEvents() {
        for (Event event : connection.eventsReceived()) {
            switch (event) {
                case Event.DataFrame frame -> throw new AssertionError("data frames go to the data sink");
                case Event.PongReceived pong -> {
                    List<CompletableFuture<Void>> done = pings.acknowledge(pong.acknowledgedPings());
                    if (!done.isEmpty()) {
                        completions.add(() -> done.forEach(future -> future.complete(null)));
                    }
                }
                case Event.CloseReceived close -> {
                    assembler.reset();
                    repliesOwed = true;
                }
                case Event.PingReceived ping -> repliesOwed = true; // answered by the connection already
            }
        }
    }

    private void deliver(Message message) {
        if (dropOverflow && (inbox.size() >= options.maxQueue() || inbox.bytes() >= options.maxQueueBytes())) {
            // We started closing and nobody reads: do not let the peer fill memory meanwhile.
            dropped++;
            if (dropped == 1) {
                LOG.log(System.Logger.Level.DEBUG, () -> "closing with " + options.maxQueue()
                        + " unread messages; dropping those that still arrive on " + this);
            }
            return;
        }
        inbox.add(message);
    }

    /** Wakes or hands a message to the receiver waiting, or fails it once the connection is over. Lock held. */
    private void serviceReceivers() {
        CompletableFuture<Message> pending = inbox.pending;
        if (pending != null) {
            if (pending.isDone()) {
                inbox.pending = null; // cancelled while waiting
            } else if (!inbox.handingOff) {
                if (!inbox.isEmpty()) {
                    inbox.handingOff = true;
                    completions.add(() -> handOff(pending));
                } else if (terminated) {
                    inbox.pending = null;
                    ConnectionClosed error = connection.closeException();
                    completions.add(() -> pending.completeExceptionally(error));
                }
            }
        }
        if (inbox.blocked != null && (terminated || inbox.ready())) {
            inboxChanged.signal();
        }
    }

    /** The connection is CLOSED: close the transport and settle every waiter. Lock held. */
    private Actions terminate() {
        terminated = true;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        writes.clear();
        for (CompletableFuture<Void> future : pings.drain()) {
            fail(future);
        }
        for (CompletableFuture<Void> future : drainWaiters) {
            fail(future);
        }
        drainWaiters.clear();
        for (CompletableFuture<?> future : closeWaiters) {
            fail(future);
        }
        closeWaiters.clear();
        while (!deferred.isEmpty()) {
            fail(deferred.pollFirst().future());
        }
        assembler.reset();
        inboxChanged.signalAll();
        streams.terminatedLocked();
        sendable.signalAll();
        completions.add(() -> closed.complete(null));
        recorder.closed(connection); // observability
        LOG.log(System.Logger.Level.DEBUG, () -> "closed " + this + ": " + ConnectionClosed.format(
                connection.closeCode(), connection.closeReason()));
        Actions actions = new Actions();
        actions.close = true;
        return actions;
    }

    private void fail(CompletableFuture<?> future) {
        ConnectionClosed error = connection.closeException();
        completions.add(() -> future.completeExceptionally(error));
    }

    /**
     * Carries out what {@link #afterCall()} decided, without the lock: starts the I/O, then
     * completes user futures in this thread (their dependents run here). Operations that complete
     * at once, in this thread, are handled in this loop rather than in nested calls.
     */
    private void perform(Actions actions) {
        if (actions == Actions.NONE) {
            return;
        }
        ArrayDeque<Actions> followUps = null;
        while (actions != null) {
            Actions afterWrite = Actions.NONE;
            Actions afterRead = Actions.NONE;
            if (actions.writeBatch != null) {
                afterWrite = startWrite(actions.writeBatch, actions.writeLength);
            }
            if (actions.readInto != null) {
                afterRead = startRead(actions.readInto);
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
                    transport.close();
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

    /** Starts a write; when it completes within the call, returns what its completion decided. */
    private Actions startWrite(ByteBuffer[] batch, int length) {
        Thread self = Thread.currentThread();
        writeStarter = self;
        try {
            transport.write(batch, 0, length, onWrite);
        } finally {
            writeStarter = null;
        }
        if (inlineWriteBy != self) {
            return Actions.NONE; // completes later, on another thread
        }
        inlineWriteBy = null;
        Throwable error = inlineWriteError;
        inlineWriteError = null;
        return error == null ? writeCompleted(inlineWriteCount) : ioFailed(error, false);
    }

    /** Starts a read; when it completes within the call, returns what its completion decided. */
    private Actions startRead(ByteBuffer into) {
        Thread self = Thread.currentThread();
        readStarter = self;
        try {
            transport.read(into, onRead);
        } finally {
            readStarter = null;
        }
        if (inlineReadBy != self) {
            return Actions.NONE; // completes later, on another thread
        }
        inlineReadBy = null;
        Throwable error = inlineReadError;
        inlineReadError = null;
        return error == null ? readCompleted(inlineReadCount) : ioFailed(error, true);
    }

    @Override
    public String toString() {
        return "WebSocket[" + role + ", " + transport.localAddress() + " <-> " + transport.remoteAddress() + "]";
    }

    /** An async data send made while a fragmented message was in progress. */
    private record DeferredSend(Opcode opcode, ByteBuffer payload, CompletableFuture<Void> future) {
    }

    /** What to do once the lock is released. */
    private static final class Actions {
        static final Actions NONE = new Actions();

        ByteBuffer[] writeBatch;
        int writeLength;
        ByteBuffer readInto;
        boolean shutdownOutput;
        boolean close;
        List<Runnable> completions;
    }
}
