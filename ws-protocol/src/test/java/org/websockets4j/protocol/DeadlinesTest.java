package org.websockets4j.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The shared deadline heap: every armed entry fires once, in deadline order; moved ones at their new time; cancelled ones never. */
class DeadlinesTest {
    private static final class Probe extends Deadlines.Entry {
        final int id;
        final List<long[]> fired;
        final CountDownLatch latch;

        Probe(int id, List<long[]> fired, CountDownLatch latch) {
            this.id = id;
            this.fired = fired;
            this.latch = latch;
        }

        @Override
        void deadlineReached(long deadline) {
            synchronized (fired) {
                fired.add(new long[] {id, deadline, System.nanoTime()});
            }
            latch.countDown();
        }
    }

    @Test
    void entriesFireOnceInDeadlineOrderAndCancelledOnesNever() throws InterruptedException {
        int count = 300;
        List<long[]> fired = new ArrayList<>();
        CountDownLatch latch = new CountDownLatch(count - count / 3);
        Random random = new Random(42);
        long base = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        List<Probe> probes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Probe probe = new Probe(i, fired, latch);
            probes.add(probe);
            Deadlines.schedule(probe, base + TimeUnit.MILLISECONDS.toNanos(random.nextInt(200)));
        }
        long moved = base - TimeUnit.MILLISECONDS.toNanos(50);
        Deadlines.schedule(probes.get(7), moved); // earlier than all the others
        for (int i = 0; i < count; i += 3) {
            if (i != 0) {
                Deadlines.cancel(probes.get(i));
            }
        }
        Deadlines.cancel(probes.get(0));
        assertTrue(latch.await(10, TimeUnit.SECONDS), "every armed entry fired");
        Thread.sleep(50); // a cancelled one would fire within the window too
        synchronized (fired) {
            assertEquals(count - count / 3, fired.size());
            assertEquals(7, fired.get(0)[0], "the entry moved earlier fires first");
            assertEquals(moved, fired.get(0)[1]);
            for (int i = 1; i < fired.size(); i++) {
                assertTrue(fired.get(i)[1] - fired.get(i - 1)[1] >= 0, "in deadline order");
                assertTrue(fired.get(i)[2] - fired.get(i)[1] >= 0, "never before its deadline");
                assertTrue(fired.get(i)[0] % 3 != 0, "cancelled entries never fire");
            }
        }
        assertEquals(0, probes.stream().filter(p -> p.id % 3 != 0).count() - fired.size());
    }

    @Test
    void anEntryArmedAgainAfterFiringFiresAgain() throws InterruptedException {
        List<long[]> fired = new ArrayList<>();
        CountDownLatch first = new CountDownLatch(1);
        Probe probe = new Probe(1, fired, first);
        Deadlines.schedule(probe, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(5));
        assertTrue(first.await(5, TimeUnit.SECONDS));
        CountDownLatch second = new CountDownLatch(1);
        Probe again = new Probe(2, fired, second);
        Deadlines.schedule(again, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(5));
        Deadlines.schedule(probe, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(5));
        assertTrue(second.await(5, TimeUnit.SECONDS));
        Thread.sleep(50);
        synchronized (fired) {
            assertEquals(3, fired.size());
        }
    }
}
