package org.websockets4j.bench.e2e;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The messages the load client sends: a fixed pool of distinct JSON-like ASCII texts of exactly
 * {@code size} bytes, deterministic. Distinct so that a compressor with context takeover cannot
 * turn every message after the first into one back-reference to the previous identical one.
 */
final class Messages {
    private static final String[] WORDS = ("alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima "
            + "mike november oscar papa quebec romeo sierra tango uniform victor whiskey xray yankee zulu").split(" ");

    private Messages() {
    }

    /** {@code count} distinct messages of {@code size} bytes each. */
    static byte[][] pool(int count, int size) {
        byte[][] pool = new byte[count][];
        for (int i = 0; i < count; i++) {
            pool[i] = one(new SplittableRandom(1000L + i), size);
        }
        return pool;
    }

    private static byte[] one(SplittableRandom random, int size) {
        StringBuilder out = new StringBuilder(size + 200).append("{\"type\":\"update\",\"items\":[");
        while (out.length() < size) {
            out.append("{\"id\":").append(random.nextInt(1_000_000))
                    .append(",\"name\":\"").append(WORDS[random.nextInt(WORDS.length)]).append('-')
                    .append(random.nextInt(1000))
                    .append("\",\"price\":").append(random.nextInt(100_000) / 100.0)
                    .append(",\"inStock\":").append(random.nextBoolean())
                    .append(",\"tags\":[\"").append(WORDS[random.nextInt(WORDS.length)]).append("\"]},");
        }
        byte[] bytes = Arrays.copyOf(out.toString().getBytes(StandardCharsets.US_ASCII), size);
        bytes[size - 1] = '}'; // still not valid JSON after the cut; only its statistics matter
        return bytes;
    }
}
