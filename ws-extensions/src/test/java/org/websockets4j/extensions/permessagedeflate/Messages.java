package org.websockets4j.extensions.permessagedeflate;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.websockets4j.framing.Frame;
import org.websockets4j.framing.Opcode;

/** Test payloads and helpers: data with repeats at every distance, and frame plumbing. */
final class Messages {
    private Messages() {
    }

    /**
     * {@code size} bytes of text-like data whose blocks repeat at distances from a few bytes to
     * 48 KiB: a 32 KiB deflater left alone refers as far back as it can.
     */
    static byte[] repetitive(int size, long seed) {
        Random random = new Random(seed);
        byte[] data = new byte[size];
        int i = 0;
        while (i < size) {
            int block = 16 + random.nextInt(200);
            if (i > 64 && random.nextInt(3) > 0) {
                int distance = 1 + random.nextInt(Math.min(i, 48 * 1024));
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

    /** A JSON-like message of about {@code size} bytes. */
    static byte[] json(int size, long seed) {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder("[");
        while (text.length() < size) {
            text.append("{\"id\":").append(random.nextInt(100000)).append(",\"name\":\"user")
                    .append(random.nextInt(1000)).append("\",\"active\":").append(random.nextBoolean())
                    .append(",\"score\":").append(random.nextInt(1000) / 10.0).append("},");
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        return java.util.Arrays.copyOf(bytes, size);
    }

    static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(buffer.position(), bytes);
        return bytes;
    }

    /** {@code data} as the frames of one message, cut every {@code fragment} bytes (0: one frame). */
    static List<Frame> frames(Opcode opcode, byte[] data, int fragment) {
        List<Frame> frames = new ArrayList<>();
        if (fragment <= 0 || data.length <= fragment) {
            frames.add(new Frame(true, opcode, ByteBuffer.wrap(data).asReadOnlyBuffer()));
            return frames;
        }
        for (int start = 0; start < data.length; start += fragment) {
            int end = Math.min(data.length, start + fragment);
            frames.add(new Frame(end == data.length, start == 0 ? opcode : Opcode.CONTINUATION,
                    ByteBuffer.wrap(data, start, end - start).slice().asReadOnlyBuffer()));
        }
        return frames;
    }

    static byte[] hex(String hex) {
        return java.util.HexFormat.of().parseHex(hex.replace(" ", ""));
    }
}
