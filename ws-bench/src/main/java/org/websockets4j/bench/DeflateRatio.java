package org.websockets4j.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import org.websockets4j.extensions.permessagedeflate.CompressionSettings;
import org.websockets4j.extensions.permessagedeflate.PerMessageDeflate;
import org.websockets4j.framing.Frame;
import org.websockets4j.framing.Opcode;

/**
 * Prints the compression ratio (compressed / original, in percent) of permessage-deflate at each
 * window size, ours against a plain {@link Deflater} (32 KiB window, the only one the JDK has), and
 * writes the payloads to a directory so that {@code ws-bench/scripts/deflate_ratio.py} computes zlib's at the same
 * windows. Two workloads per payload: one message alone (no context), and a run of 100 different
 * messages of that kind and size with context takeover.
 *
 * <p>{@code java -cp ws-bench/target/benchmarks.jar org.websockets4j.bench.DeflateRatio /tmp/deflate-payloads}
 */
public final class DeflateRatio {
    private static final int[] BITS = {15, 12, 10, 9, 8};
    private static final int RUN = 100;

    private DeflateRatio() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "/tmp/deflate-payloads");
        Files.createDirectories(dir);
        StringBuilder header = new StringBuilder(String.format("%-12s %-7s", "payload", "run"));
        for (int bits : BITS) {
            header.append(String.format(" %8s", "ours w" + bits));
        }
        header.append(String.format(" %9s", "Deflater"));
        System.out.println(header);
        for (String kind : new String[] {"text", "json"}) {
            for (int size : new int[] {64, 1024, 65536}) {
                byte[][] messages = new byte[RUN][];
                for (int i = 0; i < RUN; i++) {
                    messages[i] = DeflatePayloads.of(kind, size + i); // different contents, nearly the same size
                    messages[i] = java.util.Arrays.copyOf(messages[i], size);
                    Files.write(dir.resolve(kind + "-" + size + "-" + i + ".bin"), messages[i]);
                }
                for (boolean run : new boolean[] {false, true}) {
                    StringBuilder line = new StringBuilder(String.format("%-12s %-7s", kind + " " + size, run ? "100 ctx" : "single"));
                    for (int bits : BITS) {
                        line.append(String.format(" %7.1f%%", 100.0 * ours(messages, run ? RUN : 1, bits) / (size * (run ? RUN : 1))));
                    }
                    line.append(String.format(" %8.1f%%", 100.0 * plain(messages, run ? RUN : 1) / (size * (run ? RUN : 1))));
                    System.out.println(line);
                }
            }
        }
    }

    private static long ours(byte[][] messages, int count, int bits) {
        PerMessageDeflate extension = new PerMessageDeflate(false, false, 15, bits,
                CompressionSettings.builder().threshold(0).windowBits(15).build());
        long total = 0;
        for (int i = 0; i < count; i++) {
            total += extension.encode(new Frame(true, Opcode.TEXT, ByteBuffer.wrap(messages[i]))).length();
        }
        extension.release();
        return total;
    }

    private static long plain(byte[][] messages, int count) {
        Deflater deflater = new Deflater(6, true);
        byte[] out = new byte[messages[0].length * 2 + 1024];
        long total = 0;
        for (int i = 0; i < count; i++) {
            deflater.setInput(messages[i]);
            total += deflater.deflate(out, 0, out.length, Deflater.SYNC_FLUSH) - 4;
        }
        deflater.end();
        return total;
    }
}
