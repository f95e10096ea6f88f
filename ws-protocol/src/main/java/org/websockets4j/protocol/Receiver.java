package org.websockets4j.protocol;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.websockets4j.framing.CloseCodes;
import org.websockets4j.framing.Opcode;
import org.websockets4j.framing.PayloadTooBig;

/**
 * The receiving side of a {@link Driver}, as Python websockets' {@code messages.py}: data frames
 * from the connection are assembled into messages, queued in the {@link Inbox} (reading stops
 * while {@code maxQueue} messages or {@code maxQueueBytes} wait), and given to the one receiver
 * waiting: a thread blocked in {@code recv()}, a {@code recvAsync()} future, or the reader of a
 * {@code recvStream()} (see {@link StreamReceiver}).
 *
 * <p>State is guarded by the driver's lock; the methods a user calls take it through the driver's
 * {@link Section}, the others expect it held.
 */
final class Receiver implements Connection.DataSink, Runnable {
    private static final System.Logger LOG = ProtocolLog.LOG;

    private final Driver driver;
    private final Section section;
    private final Connection connection;
    final Inbox inbox = new Inbox();
    /** Made by the first data frame: an idle connection holds none. */
    private MessageAssembler assembler;
    /**
     * Where data frames go while a message is read as a stream ({@link WebSocket#recvStream()}):
     * made under the lock by the first recvStream (most connections never stream), kept once made.
     */
    private StreamReceiver streams;
    /** Signalled when the blocked receiver may take a message, or the connection ended; made by the first wait. */
    private Condition inboxChanged;
    /** True while the blocked receiver is a virtual thread parked directly, not on {@link #inboxChanged}. */
    private boolean parkedDirectly;
    /** True while processing a read made after we started closing: overflow messages are dropped. */
    boolean dropOverflow;
    private long dropped;

    Receiver(Driver driver) {
        this.driver = driver;
        this.section = driver.section;
        this.connection = driver.connection;
    }

    /**
     * Takes the next message, waiting for one.
     *
     * @param type the class the message must have, or null for any; when the next message has
     *             another, it stays queued and IllegalStateException is thrown
     */
    Message receive(Class<? extends Message> type) throws InterruptedException {
        try (Section s = section.enter()) {
            if (inbox.busy()) {
                throw new IllegalStateException("cannot call recv while another thread is already waiting for the next message");
            }
            checkNoStreamLocked();
            inbox.blocked = Thread.currentThread();
            try {
                if (!inbox.ready() && releaseBeforeWaitLocked()) {
                    s.flush();
                }
                while (!inbox.ready()) {
                    if (driver.terminated && !inbox.handingOff) {
                        throw connection.closeException();
                    }
                    Driver.checkMayWait("recv()", "recvAsync()");
                    awaitInboxLocked();
                }
                if (type != null && !type.isInstance(inbox.peek())) {
                    throw new IllegalStateException("the next message is " + describe(inbox.peek()) + ", not "
                            + (type == Message.Text.class ? "text" : "binary") + "; it stays queued: take it with recv()");
                }
                Message message = take();
                s.settle();
                return message;
            } finally {
                inbox.blocked = null;
            }
        }
    }

    /** Takes the next message as a stream of its fragments; see {@link WebSocket#recvStream()}. */
    MessageStream receiveStream() throws InterruptedException {
        try (Section s = section.enter()) {
            if (inbox.busy()) {
                throw new IllegalStateException("cannot call recvStream while another thread is already waiting for the next message");
            }
            if (streams == null) {
                streams = new StreamReceiver(driver, driver.lock);
            }
            streams.checkNoStreamLocked(driver.terminated);
            if (inbox.ready()) { // it arrived whole before the call: stream it from memory
                MessageStream whole = streams.wholeLocked(take());
                s.settle();
                return whole;
            }
            if (driver.terminated && !inbox.handingOff) {
                throw connection.closeException();
            }
            Driver.checkMayWait("recvStream()", "recvAsync()");
            Opcode partial = assembler == null ? null : assembler.partialType();
            streams.beginLocked(partial, partial == null ? null : assembler.takePartial());
            connection.streamMessage(true);
            driver.uncork();
            inbox.blocked = Thread.currentThread(); // a receive is waiting: no other may start
            try {
                s.flush();
                while (!streams.startedLocked()) {
                    if (driver.terminated) {
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
        }
    }

    /** Takes the next message, or a future completed by it. */
    CompletableFuture<Message> receiveAsync() {
        try (Section s = section.enter()) {
            checkMayReceiveAsyncLocked();
            if (inbox.ready()) {
                Message message = take();
                s.settle();
                return CompletableFuture.completedFuture(message);
            }
            if (releaseBeforeWaitLocked()) {
                s.settle();
            }
            if (driver.terminated && !inbox.handingOff) {
                return CompletableFuture.failedFuture(connection.closeException());
            }
            CompletableFuture<Message> future = new CompletableFuture<>();
            inbox.pending = future;
            return future;
        }
    }

    /**
     * {@code forEachAsync}'s receive, with no future per message: the head message when one may be
     * taken now; otherwise {@code loop} waits, to be {@linkplain AsyncMessageLoop#resume resumed}
     * with the next message (or {@linkplain AsyncMessageLoop#fail failed} when the connection
     * ends), and null is returned.
     *
     * @throws ConnectionClosed when the connection is over and every message was received
     * @throws IllegalStateException when another receive is waiting or a stream is being read
     */
    Message receiveOrAwait(AsyncMessageLoop loop) {
        try (Section s = section.enter()) {
            checkMayReceiveAsyncLocked();
            if (inbox.ready()) {
                Message message = take();
                s.settle();
                return message;
            }
            if (releaseBeforeWaitLocked()) {
                s.settle();
            }
            if (driver.terminated && !inbox.handingOff) {
                throw connection.closeException();
            }
            inbox.loop = loop;
            return null;
        }
    }

    /**
     * The hand-off to {@code forEachAsync}'s loop, run as a driver completion: the receiver is its
     * own {@link Runnable} so that handing off allocates nothing and costs no object per connection.
     */
    @Override
    public void run() {
        handOffToLoop();
    }

    /** Gives the head message to the waiting loop, outside the lock; the loop then takes the rest itself. */
    private void handOffToLoop() {
        AsyncMessageLoop loop;
        Message message;
        try (Section s = section.enter()) {
            loop = inbox.loop;
            inbox.loop = null;
            inbox.handingOff = false;
            message = loop == null || inbox.isEmpty() ? null : take(); // no loop: the message stays queued
            s.settle();
        }
        if (loop != null) {
            loop.resume(message); // the user's action runs here, lock-free; null: it waits again
        }
        SendBatch.endNow(driver);
    }

    private void checkMayReceiveAsyncLocked() {
        if (inbox.busy()) {
            throw new IllegalStateException("cannot call recvAsync while another receive is already waiting for the next message");
        }
        checkNoStreamLocked();
    }

    /**
     * A receive is about to wait: what the cork held, and what this thread's {@link SendBatch}
     * held on other connections, go out. Not while a hand-off with messages left is under way:
     * the call then comes from the dependents of the message just handed over, and the hand-off
     * brings the next one at once. Lock held.
     *
     * @return whether anything was released (the caller settles)
     */
    private boolean releaseBeforeWaitLocked() {
        if (!inbox.isEmpty()) {
            return false;
        }
        boolean released = SendBatch.endLater(driver);
        return driver.uncork() || released;
    }

    /** Takes the head message, corking the output when more wait. Lock held. */
    private Message take() {
        Message message = inbox.poll();
        if (!inbox.isEmpty() && !driver.terminated && connection.state() == State.OPEN) {
            driver.cork().corkIf(true);
            SendBatch.begin(driver);
        }
        return message;
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
            try (Section ignored = section.enter()) {
                message = future.isDone() ? null : take();
            }
            boolean delivered = message != null && future.complete(message); // dependents run here
            CompletableFuture<Message> next = null;
            try (Section s = section.enter()) {
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
                s.settle();
            }
            future = next;
        }
        SendBatch.endNow(driver);
    }

    /** The connection's data sink: frames go straight into the assembler, with no object per frame. Lock held. */
    @Override
    public void data(Opcode type, boolean first, ByteBuffer view, boolean fin) {
        driver.recorder.frameIn(view.remaining(), fin); // observability
        if (streams != null && streams.routeLocked(type, first, view, fin)) {
            return;
        }
        Message message;
        try {
            if (assembler == null) {
                assembler = new MessageAssembler();
            }
            message = assembler.add(type, first, view, fin, connection.payloadDetached());
        } catch (PayloadTooBig e) { // only past Java's array limit, with maxSize = NO_LIMIT
            connection.fail(CloseCodes.MESSAGE_TOO_BIG, "message too big", System.nanoTime());
            assembler.reset();
            return;
        }
        if (message != null) {
            deliver(message);
        }
    }

    private void deliver(Message message) {
        ConnectionOptions options = driver.options();
        if (dropOverflow && (inbox.size() >= options.maxQueue() || inbox.bytes() >= options.maxQueueBytes())) {
            // We started closing and nobody reads: do not let the peer fill memory meanwhile.
            dropped++;
            if (dropped == 1) {
                LOG.log(System.Logger.Level.DEBUG, () -> "closing with " + options.maxQueue()
                        + " unread messages; dropping those that still arrive on " + driver);
            }
            return;
        }
        inbox.add(message);
    }

    /** A close frame arrived: a message in progress will never end. Lock held. */
    void closeReceived() {
        if (assembler != null) {
            assembler.reset();
        }
    }

    /** True when nothing more may be read while the connection is open: the receiver is behind. Lock held. */
    boolean full() {
        ConnectionOptions options = driver.options();
        return inbox.size() >= options.maxQueue() || inbox.bytes() >= options.maxQueueBytes() || (streams != null && streams.holdsUnreadLocked());
    }

    /** Wakes or hands a message to the receiver waiting, or fails it once the connection is over. Lock held. */
    void service() {
        AsyncMessageLoop loop = inbox.loop;
        if (loop != null && !inbox.handingOff) {
            if (!inbox.isEmpty()) {
                inbox.handingOff = true;
                driver.completeLater(this); // run(): the hand-off, with no object per message
            } else if (driver.terminated) {
                inbox.loop = null;
                ConnectionClosed error = connection.closeException();
                driver.completeLater(() -> loop.fail(error));
            }
        }
        CompletableFuture<Message> pending = inbox.pending;
        if (pending != null) {
            if (pending.isDone()) {
                inbox.pending = null; // cancelled while waiting
            } else if (!inbox.handingOff) {
                if (!inbox.isEmpty()) {
                    inbox.handingOff = true;
                    driver.completeLater(() -> handOff(pending));
                } else if (driver.terminated) {
                    inbox.pending = null;
                    ConnectionClosed error = connection.closeException();
                    driver.completeLater(() -> pending.completeExceptionally(error));
                }
            }
        }
        if (inbox.blocked != null && (driver.terminated || inbox.ready())) {
            if (parkedDirectly) {
                parkedDirectly = false; // one wake is enough: it re-parks if it finds nothing
                driver.unparkAfterUnlock(inbox.blocked);
            } else if (inboxChanged != null) {
                inboxChanged.signal();
            }
        }
    }

    /**
     * Waits until {@link #service()} wakes the blocked receiver (or it is interrupted). A virtual
     * thread parks directly and is unparked once the driver's lock is released: no condition node,
     * and four frames fewer on the stack that an idle handler's thread keeps while it waits. A
     * platform thread waits on a condition, so that a ForkJoinPool worker blocked here is
     * compensated for, as for any JDK lock. Lock held (once).
     */
    private void awaitInboxLocked() throws InterruptedException {
        ReentrantLock lock = driver.lock;
        if (Thread.currentThread().isVirtual() && lock.getHoldCount() == 1) {
            parkedDirectly = true;
            lock.unlock();
            try {
                LockSupport.park(this);
            } finally {
                lock.lock();
                parkedDirectly = false;
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            return;
        }
        if (inboxChanged == null) {
            inboxChanged = lock.newCondition();
        }
        inboxChanged.await();
    }

    /** A receive while a message is read as a stream would take it from under that stream. Lock held. */
    private void checkNoStreamLocked() {
        if (streams != null) {
            streams.checkNoStreamLocked(driver.terminated);
        }
    }

    /** The stream receiver: only asked for by a MessageStream, which recvStream made it for. */
    StreamReceiver streams() {
        return streams;
    }

    /** The connection is over: every waiting receiver is woken to see it. Lock held. */
    void terminated() {
        if (assembler != null) {
            assembler.reset();
        }
        if (inboxChanged != null) {
            inboxChanged.signalAll();
        }
        if (streams != null) {
            streams.terminatedLocked();
        }
    }

    private static String describe(Message message) {
        return message instanceof Message.Text ? "text" : "binary";
    }
}
