package org.websockets4j.bench;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.websockets4j.extensions.permessagedeflate.CompressionSettings;
import org.websockets4j.extensions.permessagedeflate.PerMessageDeflate;
import org.websockets4j.framing.Frame;

/**
 * Writes twelve messages (10 B to 70 KB, with back-references up to 40 KB away) compressed by
 * permessage-deflate at one sending window, so that real zlib can check that no back-reference
 * reaches past it: {@code ws-bench/scripts/zlib_window_check.py} decodes the file with
 * {@code zlib.decompressobj(wbits=-bits)}, which fails with "invalid distance too far back"
 * otherwise. The file holds, per message, its length and bytes, then the compressed payload's
 * length and bytes (big-endian {@code int} lengths).
 *
 * <p>Arguments: the window bits (8-15), {@code true} to reset the context after each message
 * ({@code no_context_takeover}) or {@code false}, and the file to write. See ws-bench/README.md.
 */
public final class DeflateWindowDump {
    private static final int[] SIZES = {10, 100, 1000, 5000, 40000, 70000};

    private DeflateWindowDump() {
    }

    /**
     * Writes the file.
     *
     * @param args window bits, no-context-takeover flag, output file
     * @throws IOException when the file cannot be written
     */
    public static void main(String[] args) throws IOException {
        int bits = Integer.parseInt(args[0]);
        boolean noContext = Boolean.parseBoolean(args[1]);
        PerMessageDeflate extension = new PerMessageDeflate(false, noContext, 15, bits,
                CompressionSettings.builder().threshold(0).build());
        Random random = new Random(bits);
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(Path.of(args[2]))))) {
            for (int m = 0; m < 12; m++) {
                byte[] data = message(random, SIZES[m % SIZES.length]);
                byte[] compressed = extension.encode(Frame.binary(data)).payloadBytes();
                out.writeInt(data.length);
                out.write(data);
                out.writeInt(compressed.length);
                out.write(compressed);
            }
        } finally {
            extension.release();
        }
    }

    /** Random letters in blocks of 8-107 bytes, half of them copies of earlier bytes up to 40 KB back. */
    private static byte[] message(Random random, int size) {
        byte[] data = new byte[size];
        for (int i = 0; i < size; ) {
            int block = 8 + random.nextInt(100);
            if (i > 16 && random.nextBoolean()) {
                int distance = 1 + random.nextInt(Math.min(i, 40000));
                for (int k = 0; k < block && i < size; k++, i++) {
                    data[i] = data[i - distance];
                }
            } else {
                for (int k = 0; k < block && i < size; k++, i++) {
                    data[i] = (byte) ('a' + random.nextInt(26));
                }
            }
        }
        return data;
    }
}
