package org.websockets4j.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.websockets4j.extensions.permessagedeflate.CompressionSettings;
import org.websockets4j.extensions.permessagedeflate.PerMessageDeflate;
import org.websockets4j.framing.Frame;
import org.websockets4j.framing.Opcode;

/**
 * Memory per connection with permessage-deflate, idle after one message each way: Java heap
 * (used heap after GC) and native (resident set size, which is where zlib's allocations show)
 * divided by the number of connections. Rough by nature (RSS moves by pages, the allocator keeps
 * freed memory), hence many instances per measurement.
 *
 * <p>{@code for i in 0 1 2 3 4 5 6; do java -Xms1g -Xmx1g -XX:+AlwaysPreTouch -cp ws-bench/target/benchmarks.jar
 * org.websockets4j.bench.DeflateMemory $i; done}: one measurement per JVM, since memory freed by
 * one measurement (zlib's included) would be reused by the next without showing in the RSS.
 */
public final class DeflateMemory {
    private static final int N = 2000;
    private static int only = -1;
    private static int index;

    private DeflateMemory() {
    }

    public static void main(String[] args) throws Exception {
        byte[] message = DeflatePayloads.of("json", 1024);
        only = args.length > 0 ? Integer.parseInt(args[0]) : -1;
        if (only <= 0) System.out.printf("%-46s %10s %12s%n", "per instance, idle", "heap B", "native B");
        measure("java.util.zip.Deflater(6, nowrap), used once", () -> {
            Deflater d = new Deflater(6, true);
            d.setInput(message);
            d.deflate(new byte[2048], 0, 2048, Deflater.SYNC_FLUSH);
            return d;
        });
        measure("java.util.zip.Inflater(nowrap), used once", () -> {
            Inflater i = new Inflater(true);
            i.setInput(compressed(message));
            try {
                i.inflate(new byte[2048]);
            } catch (java.util.zip.DataFormatException e) {
                throw new IllegalStateException(e);
            }
            return i;
        });
        CompressionSettings defaults = CompressionSettings.defaults();
        CompressionSettings full = defaults.toBuilder().windowBits(15).build();
        CompressionSettings dedicated = full.toBuilder().dedicatedDeflater(true).build();
        measure("ours default: takeover, pooled, sends w12", () -> connection(15, false, defaults, message));
        measure("ours: takeover, pooled, w15 both ways", () -> connection(15, false, full, message));
        measure("ours: takeover, dedicated deflater, w15", () -> connection(15, false, dedicated, message));
        measure("ours: takeover, w12 both ways (Python)", () -> connection(12, false, defaults, message));
        measure("ours: no context takeover", () -> connection(15, true, defaults, message));
    }

    /** A connection after one message sent and one received. */
    private static PerMessageDeflate connection(int bits, boolean noContext, CompressionSettings settings, byte[] message) {
        PerMessageDeflate ours = new PerMessageDeflate(noContext, noContext, bits, bits, settings);
        PerMessageDeflate peer = new PerMessageDeflate(noContext, noContext, bits, bits, settings);
        Frame sent = ours.encode(new Frame(true, Opcode.TEXT, ByteBuffer.wrap(message)));
        peer.decode(sent, Long.MAX_VALUE);
        Frame back = peer.encode(new Frame(true, Opcode.TEXT, ByteBuffer.wrap(message)));
        ours.decode(back, Long.MAX_VALUE);
        peer.release();
        return ours;
    }

    private static byte[] compressed(byte[] message) {
        Deflater d = new Deflater(6, true);
        d.setInput(message);
        byte[] out = new byte[4096];
        int n = d.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
        d.end();
        return java.util.Arrays.copyOf(out, n);
    }

    private static void measure(String label, java.util.function.Supplier<Object> factory) throws IOException {
        if (only >= 0 && index++ != only) {
            return;
        }
        factory.get(); // warm the pool and the classes
        long heapBefore = usedHeap();
        long rssBefore = rss();
        List<Object> keep = new ArrayList<>(N);
        for (int i = 0; i < N; i++) {
            keep.add(factory.get());
        }
        long heap = (usedHeap() - heapBefore) / N;
        long rss = (rss() - rssBefore) / N;
        // Run with -Xms = -Xmx and -XX:+AlwaysPreTouch: the heap is resident from the start, so the
        // RSS grows only with memory outside it (zlib's).
        System.out.printf("%-46s %10d %12d%n", label, heap, rss);
        for (Object o : keep) {
            if (o instanceof Deflater d) d.end();
            if (o instanceof Inflater i) i.end();
            if (o instanceof PerMessageDeflate p) p.release();
        }
        keep.clear();
        usedHeap();
    }

    private static long usedHeap() {
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static long rss() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return 0;
    }
}
