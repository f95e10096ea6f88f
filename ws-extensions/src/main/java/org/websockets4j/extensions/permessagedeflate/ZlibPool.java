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
 *
 * <p><b>Deflaters come back as they were left.</b> A deflater is lent as a {@link PooledDeflater}
 * and shelved <em>without</em> a reset: zlib's {@code deflateReset} clears its 64 KiB hash table,
 * and the borrower resets anyway unless it continues its own stream. The borrower names the
 * deflater it used last; if that one is on the shelf it is handed back (affinity), and its
 * {@link PooledDeflater#owner} tells the borrower whether anyone else fed it since. To keep
 * several connections warm, a borrower whose own deflater is not idle gets a new one while the
 * level has fewer than {@code maxIdle}, and otherwise the one idle longest (the least likely to
 * be claimed back warm); so the bound on idle native state is unchanged. Only the
 * holder of a lease touches those fields; the shelf (a concurrent deque whose removal is atomic
 * per element) hands a deflater to one borrower at a time and publishes its fields to the next,
 * so the check is race-free. Inflaters are cheap to reset (no table to clear) and are reset when
 * given back.
 */
final class ZlibPool {
    /** The pool every connection shares: a shelf as deep as the machine has cores, twice. */
    static final ZlibPool SHARED = new ZlibPool(Math.max(2, 2 * Runtime.getRuntime().availableProcessors()));

    private final int maxIdle;
    @SuppressWarnings("unchecked")
    private final ConcurrentLinkedDeque<PooledDeflater>[] deflaters = new ConcurrentLinkedDeque[10];
    private final AtomicInteger[] idleDeflaters = new AtomicInteger[10];
    /** Pooled deflaters alive per level, lent or idle (dedicated ones not counted). */
    private final AtomicInteger[] liveDeflaters = new AtomicInteger[10];
    private final ConcurrentLinkedDeque<Inflater> inflaters = new ConcurrentLinkedDeque<>();
    private final AtomicInteger idleInflaters = new AtomicInteger();
    private final AtomicLong created = new AtomicLong();
    private final AtomicLong ended = new AtomicLong();

    ZlibPool(int maxIdle) {
        this.maxIdle = maxIdle;
        for (int i = 0; i < deflaters.length; i++) {
            deflaters[i] = new ConcurrentLinkedDeque<>();
            idleDeflaters[i] = new AtomicInteger();
            liveDeflaters[i] = new AtomicInteger();
        }
    }

    /**
     * A raw deflater at {@code level}: {@code preferred} if it is idle on the shelf; else, while
     * fewer than {@code maxIdle} pooled deflaters of that level exist, a new one (so that another
     * connection's deflater stays warm for it); else the one idle longest; else a new one. Its
     * state is whatever its last user left (see {@link PooledDeflater}): reset it unless you are
     * its {@link PooledDeflater#owner}.
     *
     * @param preferred the deflater this borrower used last, or null
     */
    PooledDeflater deflater(int level, PooledDeflater preferred) {
        ConcurrentLinkedDeque<PooledDeflater> shelf = deflaters[level];
        // removeFirstOccurrence and pollLast each succeed for one thread only: the lease is exclusive.
        PooledDeflater deflater = null;
        if (preferred != null && shelf.removeFirstOccurrence(preferred)) {
            deflater = preferred;
        } else if (liveDeflaters[level].get() >= maxIdle) {
            deflater = shelf.pollLast();
        }
        if (deflater != null) {
            idleDeflaters[level].decrementAndGet();
            return deflater;
        }
        created.incrementAndGet();
        liveDeflaters[level].incrementAndGet();
        return new PooledDeflater(new Deflater(level, true));
    }

    /** Takes back a deflater from {@link #deflater}: shelved as it is, or ended when the shelf is full. */
    void give(PooledDeflater deflater, int level) {
        if (idleDeflaters[level].incrementAndGet() > maxIdle) {
            idleDeflaters[level].decrementAndGet();
            liveDeflaters[level].decrementAndGet();
            end(deflater);
            return;
        }
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

    /** A new raw deflater that never goes to a shelf (a dedicated one): {@link #end(PooledDeflater)} it. */
    PooledDeflater dedicatedDeflater(int level) {
        created.incrementAndGet();
        return new PooledDeflater(new Deflater(level, true));
    }

    /** Ends a deflater that is not going back to the pool (a dedicated one, or one over the shelf's bound). */
    void end(PooledDeflater deflater) {
        deflater.owner = 0;
        deflater.deflater.end();
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

    /**
     * A deflater and who fed it last. Not thread-safe: only the holder of the lease (or the
     * connection owning a dedicated one) reads or writes the fields.
     */
    static final class PooledDeflater {
        final Deflater deflater;
        /**
         * The id of the compressor whose stream the deflater holds, set by that compressor after
         * feeding it; 0 when unknown (new, or ended). A borrower whose id this is, and which has
         * not fed another deflater since, may continue the stream without a reset.
         */
        long owner;
        /** True while nothing has been fed since it was created: a new deflater needs no reset. */
        boolean fresh = true;

        PooledDeflater(Deflater deflater) {
            this.deflater = deflater;
        }
    }
}
