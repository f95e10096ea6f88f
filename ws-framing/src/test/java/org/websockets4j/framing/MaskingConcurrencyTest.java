package org.websockets4j.framing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.websockets4j.framing.TestBytes.naiveMask;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * {@link Masking} is documented as stateless and thread-safe (unlike the reader, writer and
 * validator): several threads masking their own buffers at once all get the reference result.
 */
class MaskingConcurrencyTest {
    private static final int THREADS = 8;

    @Test
    void concurrentMaskingOnSeparateBuffers() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                long seed = 1000 + t;
                boolean direct = t % 2 == 0;
                tasks.add(() -> {
                    Random random = new Random(seed);
                    start.await();
                    int checked = 0;
                    for (int round = 0; round < 300; round++) {
                        byte[] data = new byte[random.nextInt(3000)];
                        random.nextBytes(data);
                        int key = random.nextInt();
                        int offset = random.nextInt(4);
                        ByteBuffer buffer = direct ? TestBytes.direct(data) : ByteBuffer.wrap(data.clone());
                        Masking.mask(buffer, key, offset);
                        assertArrayEquals(naiveMask(data, key, offset), TestBytes.remaining(buffer));
                        checked++;
                    }
                    return checked;
                });
            }
            List<Future<Integer>> results = new ArrayList<>();
            for (Callable<Integer> task : tasks) {
                results.add(pool.submit(task));
            }
            start.countDown();
            for (Future<Integer> result : results) {
                assertEquals(300, result.get()); // rethrows a failed assertion from the worker
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
