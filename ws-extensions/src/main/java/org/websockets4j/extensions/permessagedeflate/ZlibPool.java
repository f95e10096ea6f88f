package org.websockets4j.extensions.permessagedeflate;

import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Raw-DEFLATE {@link Deflater}s (one shelf per level) and {@link Inflater}s lent for the length of
 * one frame or one message, so that an idle connection holds no native zlib state. Each shelf
 * keeps at most {@code maxIdle} instances; one given back to a full shelf is ended at once, so
 * the pool's native memory is bounded by how many connections compress or decompress
 * <em>at the same time</em>, not by how many exist. Thread-safe.
 */
final class ZlibPool {
    /** The pool every connection shares: a shelf as deep as the machine has cores, twice. */
    static final ZlibPool SHARED = new ZlibPool(Math.max(2, 2 * Runtime.getRuntime().availableProcessors()));

    private final int maxIdle;
    @SuppressWarnings("unchecked")
    private final ConcurrentLinkedDeque<Deflater>[] deflaters = new ConcurrentLinkedDeque[10];
    private final AtomicInteger[] idleDeflaters = new AtomicInteger[10];
    private final ConcurrentLinkedDeque<Inflater> inflaters = new ConcurrentLinkedDeque<>();
    private final AtomicInteger idleInflaters = new AtomicInteger();
    private final AtomicLong created = new AtomicLong();
    private final AtomicLong ended = new AtomicLong();

    ZlibPool(int maxIdle) {
        this.maxIdle = maxIdle;
        for (int i = 0; i < deflaters.length; i++) {
            deflaters[i] = new ConcurrentLinkedDeque<>();
            idleDeflaters[i] = new AtomicInteger();
        }
    }

    /** A reset raw deflater at {@code level}, from the shelf or new. */
    Deflater deflater(int level) {
        Deflater deflater = deflaters[level].pollFirst();
        if (deflater != null) {
            idleDeflaters[level].decrementAndGet();
            return deflater;
        }
        created.incrementAndGet();
        return new Deflater(level, true);
    }

    /** Takes back a deflater from {@link #deflater}: reset and shelved, or ended when the shelf is full. */
    void give(Deflater deflater, int level) {
        if (idleDeflaters[level].incrementAndGet() > maxIdle) {
            idleDeflaters[level].decrementAndGet();
            end(deflater);
            return;
        }
        deflater.reset();
        deflaters[level].offerFirst(deflater);
    }

    /** A reset raw inflater, from the shelf or new. */
    Inflater inflater() {
        Inflater inflater = inflaters.pollFirst();
        if (inflater != null) {
            idleInflaters.decrementAndGet();
            return inflater;
        }
        created.incrementAndGet();
        return new Inflater(true);
    }

    /** Takes back an inflater from {@link #inflater}: reset and shelved, or ended when the shelf is full. */
    void give(Inflater inflater) {
        if (idleInflaters.incrementAndGet() > maxIdle) {
            idleInflaters.decrementAndGet();
            end(inflater);
            return;
        }
        inflater.reset();
        inflaters.offerFirst(inflater);
    }

    /** A new raw deflater that never goes to a shelf (a dedicated one): {@link #end(Deflater)} it. */
    Deflater dedicatedDeflater(int level) {
        created.incrementAndGet();
        return new Deflater(level, true);
    }

    /** Ends a deflater that is not going back to the pool (a dedicated one). */
    void end(Deflater deflater) {
        deflater.end();
        ended.incrementAndGet();
    }

    /** Ends an inflater that is not going back to the pool. */
    void end(Inflater inflater) {
        inflater.end();
        ended.incrementAndGet();
    }

    /** Native instances alive now, lent or idle: created minus ended. */
    long live() {
        return created.get() - ended.get();
    }

    /** Instances idle on the shelves. */
    int idle() {
        int idle = idleInflaters.get();
        for (AtomicInteger shelf : idleDeflaters) {
            idle += shelf.get();
        }
        return idle;
    }

    /** Native instances ever ended. */
    long ended() {
        return ended.get();
    }
}
