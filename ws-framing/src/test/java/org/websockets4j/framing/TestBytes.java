package org.websockets4j.framing;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Small helpers shared by the framing tests: byte literals, reference masking, feeding a reader. */
final class TestBytes {
    /** The masking key of the RFC 6455 §5.7 examples. */
    static final int RFC_KEY = 0x37fa213d;

    private TestBytes() {
    }

    /** Bytes from int literals, so that 0x80 and above need no cast. */
    static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    /** Bytes from hex, spaces allowed: {@code "81 05 48"}. */
    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    /** A key source that always returns {@code key}. */
    static MaskKeySource fixedKey(int key) {
        return () -> key;
    }

    /** Byte-at-a-time masking straight from RFC 6455 §5.3, the reference for {@link Masking}. */
    static byte[] naiveMask(byte[] data, int key, int offset) {
        byte[] out = data.clone();
        for (int i = 0; i < out.length; i++) {
            int j = (offset + i) & 3;
            out[i] ^= (byte) (key >>> (24 - 8 * j));
        }
        return out;
    }

    /** {@code frame} with a heap copy of its payload, so that it outlives the reader's buffers. */
    static Frame copy(Frame frame) {
        return frame.withPayload(ByteBuffer.wrap(frame.payloadBytes()));
    }

    /**
     * Reads every frame {@code in} completes, copying each payload before the next read as the
     * payload-lifetime contract requires; checks that a null return means {@code in} was used up.
     */
    static List<Frame> readAll(FrameReader reader, ByteBuffer in) {
        List<Frame> frames = new ArrayList<>();
        while (true) {
            Frame frame = reader.read(in);
            if (frame == null) {
                if (in.hasRemaining()) {
                    throw new AssertionError("read returned null with " + in.remaining() + " bytes left");
                }
                return frames;
            }
            frames.add(copy(frame));
        }
    }

    /** Feeds {@code data} to {@code reader} one byte at a time. */
    static List<Frame> readByteByByte(FrameReader reader, byte[] data) {
        List<Frame> frames = new ArrayList<>();
        for (byte b : data) {
            frames.addAll(readAll(reader, ByteBuffer.wrap(new byte[] {b})));
        }
        return frames;
    }

    /** The header a writer must produce, built independently of {@link FrameWriter}. */
    static byte[] expectedHeader(int b0, long length, Integer key) {
        int maskBit = key == null ? 0 : 0x80;
        ByteBuffer header = ByteBuffer.allocate(14);
        header.put((byte) b0);
        if (length <= 125) {
            header.put((byte) (maskBit | length));
        } else if (length <= 65535) {
            header.put((byte) (maskBit | 126)).putShort((short) length);
        } else {
            header.put((byte) (maskBit | 127)).putLong(length);
        }
        if (key != null) {
            header.putInt(key);
        }
        byte[] bytes = new byte[header.position()];
        header.flip().get(bytes);
        return bytes;
    }

    /** A copy of {@code data} in a direct buffer. */
    static ByteBuffer direct(byte[] data) {
        return ByteBuffer.allocateDirect(data.length).put(data).flip();
    }

    static byte[] remaining(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(buffer.position(), bytes);
        return bytes;
    }
}
