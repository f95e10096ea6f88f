package org.websockets4j.examples.conformance;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.Deflater;

/** Decompression bombs for the conformance tests, and the allocation counter that measures their cost. */
final class Bomb {
    private static final int MIB = 1 << 20;

    private Bomb() {
    }

    /**
     * {@code mebibytes} MiB of zeros as one permessage-deflate payload (raw deflate, SYNC_FLUSH, the
     * final {@code 00 00 ff ff} removed), about 1000:1, built in milliseconds: the first MiB
     * deflated at level 9, then the deflater's output for the next MiB, which only refers to zeros
     * already written and starts on a byte boundary with a block of its own, repeated.
     */
    static byte[] zeros(int mebibytes) {
        Deflater deflater = new Deflater(9, true);
        byte[] first = deflate(deflater, new byte[MIB]);
        byte[] next = deflate(deflater, new byte[MIB]);
        deflater.end();
        ByteArrayOutputStream out = new ByteArrayOutputStream(first.length + (mebibytes - 1) * next.length);
        out.writeBytes(first);
        for (int i = 1; i < mebibytes; i++) {
            out.writeBytes(next);
        }
        byte[] bomb = out.toByteArray();
        return Arrays.copyOf(bomb, bomb.length - 4);
    }

    private static byte[] deflate(Deflater deflater, byte[] data) {
        deflater.setInput(data);
        byte[] out = new byte[data.length / 100 + 64];
        int n = deflater.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
        if (!deflater.needsInput() || n == out.length) {
            throw new IllegalStateException("zeros did not deflate to under 1%");
        }
        return Arrays.copyOf(out, n);
    }

    /**
     * Bytes allocated on the heap by every thread of this JVM so far
     * ({@code com.sun.management.ThreadMXBean.getTotalThreadAllocatedBytes}, reached reflectively:
     * this module reads neither java.management nor jdk.management).
     */
    static long allocatedByAllThreads() {
        try {
            Object threads = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
            long total = (long) Class.forName("com.sun.management.ThreadMXBean")
                    .getMethod("getTotalThreadAllocatedBytes").invoke(threads);
            if (total < 0) {
                throw new AssertionError("thread allocation accounting is off in this JVM");
            }
            return total;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("these tests need a HotSpot JVM's com.sun.management.ThreadMXBean", e);
        }
    }
}
