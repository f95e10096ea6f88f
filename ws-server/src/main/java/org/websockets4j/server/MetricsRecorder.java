package org.websockets4j.server;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.websockets4j.protocol.internal.ConnectionEnd;
import org.websockets4j.protocol.internal.ConnectionObserver;

/**
 * A server's counters behind {@link ServerMetrics}: told about every connection it accepted (as
 * their {@link ConnectionObserver}) and about every handshake by the server. LongAdders, so that
 * connections on different threads do not contend on one cache line, and nothing allocated per
 * message; the maps allocate a counter the first time a status or code is seen. Thread-safe.
 */
final class MetricsRecorder implements ConnectionObserver {
    private final LongAdder open = new LongAdder();
    private final LongAdder accepted = new LongAdder();
    private final ConcurrentHashMap<Integer, LongAdder> refused = new ConcurrentHashMap<>();
    private final LongAdder failed = new LongAdder();
    private final LongAdder messagesIn = new LongAdder();
    private final LongAdder messagesOut = new LongAdder();
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();
    private final ConcurrentHashMap<Integer, LongAdder> codesReceived = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, LongAdder> codesSent = new ConcurrentHashMap<>();
    private final LongAdder abnormal = new LongAdder();
    private final AtomicLong highWater = new AtomicLong();
    private final CloseLog closeLog;

    MetricsRecorder(CloseLog closeLog) {
        this.closeLog = closeLog;
    }

    /** An opening handshake was answered 101: one more open connection. */
    void accepted() {
        accepted.increment();
        open.increment();
    }

    /** An opening handshake was answered with {@code status}. */
    void refused(int status) {
        refused.computeIfAbsent(status, key -> new LongAdder()).increment();
    }

    /** An opening handshake got no answer. */
    void failed() {
        failed.increment();
    }

    /** A connection was accepted but could not be opened (its handler never ran). */
    void notOpened() {
        open.decrement();
    }

    @Override
    public void messageReceived(long bytes) {
        messagesIn.increment();
        bytesIn.add(bytes);
    }

    @Override
    public void messageSent(long bytes) {
        messagesOut.increment();
        bytesOut.add(bytes);
    }

    @Override
    public void writeBufferHigh(long bytes) {
        long current = highWater.get();
        while (bytes > current && !highWater.compareAndSet(current, bytes)) {
            current = highWater.get();
        }
    }

    @Override
    public void closed(ConnectionEnd end) {
        open.decrement();
        codesReceived.computeIfAbsent(end.code(), key -> new LongAdder()).increment();
        if (end.sentCode() != -1) {
            codesSent.computeIfAbsent(end.sentCode(), key -> new LongAdder()).increment();
        }
        if (end.abnormal()) {
            abnormal.increment();
            closeLog.abnormal(end);
        }
    }

    /** The counters now; see {@link ServerMetrics} for what each means. */
    ServerMetrics snapshot() {
        // Messages before open connections: a connection counted as closed has all its messages counted.
        long received = messagesIn.sum();
        long sent = messagesOut.sum();
        return new ServerMetrics(Math.max(0, open.sum()), accepted.sum(), sums(refused), failed.sum(), received, sent,
                bytesIn.sum(), bytesOut.sum(), sums(codesReceived), sums(codesSent), abnormal.sum(), highWater.get());
    }

    private static Map<Integer, Long> sums(ConcurrentHashMap<Integer, LongAdder> counters) {
        Map<Integer, Long> sums = new HashMap<>();
        counters.forEach((key, adder) -> sums.put(key, adder.sum()));
        return sums;
    }
}
