package org.websockets4j.protocol;

import java.util.Arrays;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The deadlines of every connection (keepalive pings, pong and close timeouts, the bound on
 * closing) in one min-heap, served by one daemon platform thread for the whole library.
 *
 * <p>The heap is intrusive: a connection's driver is itself the heap entry ({@link Entry} holds
 * its deadline and its place in the heap), so a connection costs no timer object, and arming,
 * moving or cancelling its deadline allocates nothing (a {@code ScheduledThreadPoolExecutor}
 * takes a task object, a runnable adapter and a lambda per schedule, about 120 bytes that an idle
 * connection kept). Each operation is O(log n) under one lock held for a few hundred nanoseconds;
 * a driver only calls it when its earliest deadline moves earlier, arms or ends.
 *
 * <p>When a deadline is reached the entry leaves the heap and {@link Entry#deadlineReached(long)}
 * runs on this thread, outside the heap's lock: it does its connection's timer work in place (a
 * few microseconds under the connection's lock, plus starting a write) and re-arms if needed.
 *
 * <p>Thread-safe.
 */
final class Deadlines {
    /** A heap entry: extended by {@link Driver}. Its fields are guarded by the heap's lock. */
    abstract static class Entry {
        private long deadline;
        /** Its index in the heap, or -1 when not armed. */
        private int index = -1;

        /** Runs on the deadline thread once {@code deadline} (as scheduled) is reached. */
        abstract void deadlineReached(long deadline);
    }

    private static final ReentrantLock LOCK = new ReentrantLock();
    private static final Condition CHANGED = LOCK.newCondition();
    private static Entry[] heap = new Entry[64];
    private static int size;
    private static Thread thread;

    private Deadlines() {
    }

    /** Arms {@code entry} for {@code deadline} (a {@link System#nanoTime()} value), moving it if armed. */
    static void schedule(Entry entry, long deadline) {
        LOCK.lock();
        try {
            if (thread == null) {
                thread = Thread.ofPlatform().name("websockets4j-deadlines").daemon(true).start(Deadlines::run);
            }
            if (entry.index < 0) {
                if (size == heap.length) {
                    heap = Arrays.copyOf(heap, size * 2);
                }
                entry.deadline = deadline;
                entry.index = size;
                heap[size++] = entry;
                siftUp(entry.index);
            } else {
                long before = entry.deadline;
                entry.deadline = deadline;
                if (deadline - before < 0) {
                    siftUp(entry.index);
                } else {
                    siftDown(entry.index);
                }
            }
            if (heap[0] == entry) {
                CHANGED.signal(); // the thread may be waiting for a later deadline
            }
        } finally {
            LOCK.unlock();
        }
    }

    /** Disarms {@code entry}; nothing happens when it is not armed. */
    static void cancel(Entry entry) {
        LOCK.lock();
        try {
            if (entry.index >= 0) {
                removeAt(entry.index);
            }
        } finally {
            LOCK.unlock();
        }
    }

    private static void run() {
        while (true) {
            Entry due;
            long deadline;
            LOCK.lock();
            try {
                while (true) {
                    if (size == 0) {
                        CHANGED.awaitUninterruptibly();
                        continue;
                    }
                    long wait = heap[0].deadline - System.nanoTime();
                    if (wait <= 0) {
                        break;
                    }
                    try {
                        CHANGED.awaitNanos(wait);
                    } catch (InterruptedException e) {
                        // nobody interrupts this thread; go on serving deadlines
                    }
                }
                due = heap[0];
                deadline = due.deadline;
                removeAt(0);
            } finally {
                LOCK.unlock();
            }
            try {
                due.deadlineReached(deadline);
            } catch (Throwable e) {
                // the driver logs its own failures; the other connections' deadlines must go on
            }
        }
    }

    private static void removeAt(int i) {
        Entry removed = heap[i];
        removed.index = -1;
        size--;
        if (i != size) {
            Entry last = heap[size];
            heap[i] = last;
            last.index = i;
            heap[size] = null;
            siftDown(i);
            if (heap[i] == last) {
                siftUp(i);
            }
        } else {
            heap[size] = null;
        }
        if (heap.length > 64 && size < heap.length / 4) {
            heap = Arrays.copyOf(heap, heap.length / 2); // give back what a burst of connections grew
        }
    }

    private static void siftUp(int i) {
        Entry entry = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            Entry p = heap[parent];
            if (entry.deadline - p.deadline >= 0) {
                break;
            }
            heap[i] = p;
            p.index = i;
            i = parent;
        }
        heap[i] = entry;
        entry.index = i;
    }

    private static void siftDown(int i) {
        Entry entry = heap[i];
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < size && heap[right].deadline - heap[child].deadline < 0) {
                child = right;
            }
            if (heap[child].deadline - entry.deadline >= 0) {
                break;
            }
            heap[i] = heap[child];
            heap[i].index = i;
            i = child;
        }
        heap[i] = entry;
        entry.index = i;
    }
}
