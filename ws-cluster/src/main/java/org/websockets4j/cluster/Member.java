package org.websockets4j.cluster;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.resps.StreamEntry;

/**
 * One client of a room on this node, and the last stream entry it was sent.
 *
 * <p>Entries reach a member from two places: the node's stream reader (live entries) and the
 * member's own catch-up when it joins (what it missed). Both deliver under {@link #lock} and only
 * entries after {@link #cursor}, so each entry is sent once and in stream order: while the catch-up
 * holds the lock, the reader waits for it, then finds the member live and its cursor moved.
 */
final class Member {
    /** Sends not yet written past which a client is closed with 1013 (it resumes with ?last=). */
    static final int MAX_UNSENT = 4096;

    final Client client;
    final ReentrantLock lock = new ReentrantLock();
    private final AtomicInteger unsent = new AtomicInteger();
    /** The last entry sent (or the one the client said it saw); guarded by {@link #lock}. */
    private StreamEntryID cursor;
    /** True once the catch-up is over; guarded by {@link #lock}. */
    private boolean live;

    /** What the member needs of its connection: a test can stand in for a WebSocket. */
    interface Client {
        /** Queues one text message without waiting; {@code done} runs once it is written or failed. */
        void sendAsync(String text, Runnable done);

        /** Closes the connection because it cannot keep up. */
        void closeTooSlow();
    }

    Member(Client client, StreamEntryID cursor) {
        this.client = client;
        this.cursor = cursor;
    }

    StreamEntryID cursor() {
        return cursor;
    }

    /** Sets the cursor of a member that gave no ?last=; the caller holds {@link #lock}. */
    void startAt(StreamEntryID id) {
        cursor = id;
    }

    boolean isLive() {
        return live;
    }

    void goLive() {
        live = true;
    }

    /** Sends {@code entry} if it comes after the cursor; the caller holds {@link #lock}. */
    void deliver(StreamEntry entry) {
        StreamEntryID id = entry.getID();
        if (cursor != null && id.compareTo(cursor) <= 0) {
            return;
        }
        cursor = id;
        String text = entry.getFields().get(Room.TEXT_FIELD);
        String json = text != null ? Envelope.text(id.toString(), text)
                : Envelope.binary(id.toString(), entry.getFields().getOrDefault(Room.BINARY_FIELD, ""));
        if (unsent.incrementAndGet() > MAX_UNSENT) {
            client.closeTooSlow();
            return;
        }
        client.sendAsync(json, unsent::decrementAndGet);
    }

    /** Delivers a live entry from the stream reader: skipped while the member is catching up. */
    void offer(StreamEntry entry) {
        lock.lock();
        try {
            if (live) {
                deliver(entry);
            }
        } finally {
            lock.unlock();
        }
    }
}
