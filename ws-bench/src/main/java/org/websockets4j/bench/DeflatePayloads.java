package org.websockets4j.bench;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

/** Text and JSON-like messages for the permessage-deflate benchmarks: deterministic. */
final class DeflatePayloads {
    private static final String[] WORDS = ("the of and to in is that it for on with as was by this be at from or an are "
            + "websocket message frame server client compress window context deflate stream buffer connection "
            + "protocol extension handshake binary text ping pong close").split(" ");

    private DeflatePayloads() {
    }

    /** {@code kind} "text" (English-like words) or "json" (an array of small records), {@code size} bytes. */
    static byte[] of(String kind, int size) {
        SplittableRandom random = new SplittableRandom(size * 31L + kind.hashCode());
        StringBuilder out = new StringBuilder(size + 200);
        if (kind.equals("json")) {
            out.append('[');
            while (out.length() < size) {
                out.append("{\"id\":").append(random.nextInt(1_000_000))
                        .append(",\"user\":\"").append(WORDS[random.nextInt(WORDS.length)]).append(random.nextInt(100))
                        .append("\",\"active\":").append(random.nextBoolean())
                        .append(",\"score\":").append(random.nextInt(10_000) / 100.0)
                        .append(",\"tags\":[\"").append(WORDS[random.nextInt(WORDS.length)]).append("\",\"")
                        .append(WORDS[random.nextInt(WORDS.length)]).append("\"]},");
            }
        } else {
            while (out.length() < size) {
                out.append(WORDS[random.nextInt(WORDS.length)]).append(random.nextInt(12) == 0 ? ". " : " ");
            }
        }
        return Arrays.copyOf(out.toString().getBytes(StandardCharsets.UTF_8), size);
    }
}
