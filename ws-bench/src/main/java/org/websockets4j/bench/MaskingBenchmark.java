package org.websockets4j.bench;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.websockets4j.framing.Masking;

/**
 * Masking (XOR with a 4-byte key) of {@code size} bytes in place, one op = one whole buffer.
 *
 * <ul>
 *   <li>{@code ours_byteArray}: {@link Masking#mask(byte[], int, int, int, int)} on a heap array.</li>
 *   <li>{@code ours_heapByteBuffer}: {@link Masking#mask(ByteBuffer, int, int)} on a heap buffer
 *       (delegates to the array path).</li>
 *   <li>{@code ours_directByteBuffer}: {@link Masking#mask(ByteBuffer, int, int)} on a direct buffer.</li>
 *   <li>{@code naive_byteArray}: the textbook loop {@code b[i] ^= key[i & 3]} (baseline to beat).</li>
 *   <li>{@code arraycopy}: {@code System.arraycopy} of {@code size} bytes between two arrays, which
 *       reads and writes the same number of bytes as in-place masking (memory-bandwidth ceiling).</li>
 * </ul>
 *
 * <p>Every variant writes into a field-held buffer (an observable side effect) and returns a value
 * derived from the result, so the JIT cannot drop the work. Throughput in bytes is
 * {@code ops/s * size}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class MaskingBenchmark {
    @Param({"16", "125", "1024", "65536", "1048576"})
    public int size;

    /** Not final and not a constant, so the JIT cannot specialise on the key. */
    private int key = 0x37FA213D;
    private byte[] keyBytes;

    private byte[] array;
    private ByteBuffer heap;
    private ByteBuffer direct;
    private byte[] copySource;
    private byte[] copyTarget;

    @Setup
    public void setUp() {
        keyBytes = new byte[] {(byte) (key >>> 24), (byte) (key >>> 16), (byte) (key >>> 8), (byte) key};
        array = Payloads.random(size, 1);
        heap = ByteBuffer.wrap(Payloads.random(size, 2));
        direct = ByteBuffer.allocateDirect(size);
        direct.put(Payloads.random(size, 3)).clear();
        copySource = Payloads.random(size, 4);
        copyTarget = new byte[size];
    }

    @Benchmark
    public int ours_byteArray() {
        return Masking.mask(array, 0, size, key, 0) + array[size - 1];
    }

    @Benchmark
    public int ours_heapByteBuffer() {
        return Masking.mask(heap, key, 0) + heap.get(size - 1);
    }

    @Benchmark
    public int ours_directByteBuffer() {
        return Masking.mask(direct, key, 0) + direct.get(size - 1);
    }

    @Benchmark
    public int naive_byteArray() {
        byte[] b = array;
        byte[] k = keyBytes;
        int n = size;
        for (int i = 0; i < n; i++) {
            b[i] ^= k[i & 3];
        }
        return b[n - 1];
    }

    @Benchmark
    public int arraycopy() {
        System.arraycopy(copySource, 0, copyTarget, 0, size);
        return copyTarget[size - 1];
    }
}
