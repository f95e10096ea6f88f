package org.websockets4j.protocol;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

/**
 * The received messages that wait for {@code recv}, and who is waiting for them: at most one
 * receiver at a time: a thread blocked in {@code recv()}, the future of a {@code recvAsync()}, or
 * a {@code forEachAsync} loop.
 *
 * <p>A message reaches an asynchronous receiver through a <em>hand-off</em>: the driver takes the
 * head message, tries to complete the future outside its lock, and puts the message back at the
 * head when the future was cancelled meanwhile. While a hand-off is in flight, nobody else may
 * take a message, so that order is kept and a cancelled receive never loses one.
 *
 * <p>Not thread-safe: guarded by the driver's lock.
 */
final class Inbox {
    /** Made on the first message (most idle connections never get one), then kept; grows as messages queue. */
    private ArrayDeque<Message> messages;
    /** The thread blocked in recv, or null. */
    Thread blocked;
    /** The future of the recvAsync call waiting, or null (or a future already done: cancelled). */
    CompletableFuture<Message> pending;
    /** The {@code forEachAsync} loop waiting (it takes no future per message), or null. */
    AsyncMessageLoop loop;
    /** True while a message is being handed to {@link #pending} or {@link #loop} outside the lock. */
    boolean handingOff;

    /** True when a receiver is waiting: another may not start. */
    boolean busy() {
        return blocked != null || loop != null || (pending != null && !pending.isDone());
    }

    /** True when a message may be taken now. */
    boolean ready() {
        return !handingOff && !isEmpty();
    }

    int size() {
        return messages == null ? 0 : messages.size();
    }

    boolean isEmpty() {
        return messages == null || messages.isEmpty();
    }

    /** Bytes of binary data and characters of text queued. */
    private long bytes;

    long bytes() {
        return bytes;
    }

    private static long weight(Message message) {
        return message instanceof Message.Binary binary ? binary.data().length : ((Message.Text) message).text().length();
    }

    void add(Message message) {
        bytes += weight(message);
        messages().addLast(message);
    }

    /** Puts back a message whose hand-off failed, at the head where it came from. */
    void putBack(Message message) {
        bytes += weight(message);
        messages().addFirst(message);
    }

    Message peek() {
        return messages == null ? null : messages.peekFirst();
    }

    Message poll() {
        Message message = messages == null ? null : messages.pollFirst();
        if (message != null) {
            bytes -= weight(message);
        }
        return message;
    }

    private ArrayDeque<Message> messages() {
        if (messages == null) {
            messages = new ArrayDeque<>(2);
        }
        return messages;
    }
}
