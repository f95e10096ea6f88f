package org.websockets4j.extensions.permessagedeflate;

import java.util.Arrays;

/**
 * A test-only DEFLATE decoder (RFC 1951) that reports the largest back-reference distance it
 * met: the proof that a stream stays within a window. It decodes a sequence of raw DEFLATE
 * streams (messages) sharing one output history, as permessage-deflate with context takeover
 * does; {@link #resetHistory()} is no context takeover. Slow and simple on purpose.
 */
final class DeflateParser {
    private static final int[] LENGTH_BASE = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59,
            67, 83, 99, 115, 131, 163, 195, 227, 258};
    private static final int[] LENGTH_EXTRA = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4,
            5, 5, 5, 5, 0};
    private static final int[] DIST_BASE = {1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513,
            769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
    private static final int[] DIST_EXTRA = {0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10,
            11, 11, 12, 12, 13, 13};
    private static final int[] CL_ORDER = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};

    private byte[] out = new byte[1 << 16];
    private int size;
    private int maxDistance;
    private int blocks;

    private byte[] in;
    private int bitPos;

    /** The largest distance seen so far. */
    int maxDistance() {
        return maxDistance;
    }

    /** Blocks decoded so far. */
    int blocks() {
        return blocks;
    }

    void resetHistory() {
        size = 0;
    }

    /**
     * Decodes one message's compressed bytes (the 00 00 ff ff tail is appended here, as RFC 7692
     * §7.2.2 says) and returns what it decompresses to.
     */
    byte[] message(byte[] compressed) {
        in = new byte[compressed.length + 4];
        System.arraycopy(compressed, 0, in, 0, compressed.length);
        in[compressed.length + 2] = (byte) 0xff;
        in[compressed.length + 3] = (byte) 0xff;
        bitPos = 0;
        int start = size;
        boolean last = false;
        while (!last && bitPos < in.length * 8) {
            last = bits(1) == 1;
            int type = bits(2);
            blocks++;
            switch (type) {
                case 0 -> stored();
                case 1 -> huffman(fixedLit(), fixedDist());
                case 2 -> dynamic();
                default -> throw new IllegalStateException("invalid block type 3");
            }
            if (!last && (in.length * 8 - bitPos) < 8) {
                break; // only padding left
            }
        }
        return Arrays.copyOfRange(out, start, size);
    }

    private void write(int b) {
        if (size == out.length) {
            out = Arrays.copyOf(out, size * 2);
        }
        out[size++] = (byte) b;
    }

    private int bits(int n) {
        int value = 0;
        for (int i = 0; i < n; i++) {
            int byteIndex = bitPos >>> 3;
            if (byteIndex >= in.length) {
                throw new IllegalStateException("ran out of input");
            }
            int bit = (in[byteIndex] >>> (bitPos & 7)) & 1;
            value |= bit << i;
            bitPos++;
        }
        return value;
    }

    private void stored() {
        bitPos = (bitPos + 7) & ~7;
        int len = bits(16);
        int nlen = bits(16);
        if ((len ^ 0xFFFF) != nlen) {
            throw new IllegalStateException("stored block LEN/NLEN mismatch");
        }
        for (int i = 0; i < len; i++) {
            write(bits(8));
        }
    }

    /** A canonical Huffman code: counts per length and symbols in order. */
    private record Code(int[] counts, int[] symbols) {
        static Code of(int[] lengths) {
            int[] counts = new int[16];
            for (int length : lengths) {
                counts[length]++;
            }
            counts[0] = 0;
            int[] offsets = new int[16];
            for (int i = 1; i < 16; i++) {
                offsets[i] = offsets[i - 1] + counts[i - 1];
            }
            int[] symbols = new int[lengths.length];
            for (int s = 0; s < lengths.length; s++) {
                if (lengths[s] != 0) {
                    symbols[offsets[lengths[s]]++] = s;
                }
            }
            return new Code(counts, symbols);
        }
    }

    private int decode(Code code) {
        int value = 0;
        int first = 0;
        int index = 0;
        for (int len = 1; len < 16; len++) {
            value |= bits(1);
            int count = code.counts[len];
            if (value - first < count) {
                return code.symbols[index + value - first];
            }
            index += count;
            first += count;
            first <<= 1;
            value <<= 1;
        }
        throw new IllegalStateException("invalid Huffman code");
    }

    private static Code fixedLit() {
        int[] lengths = new int[288];
        for (int i = 0; i < 288; i++) {
            lengths[i] = i < 144 ? 8 : i < 256 ? 9 : i < 280 ? 7 : 8;
        }
        return Code.of(lengths);
    }

    private static Code fixedDist() {
        int[] lengths = new int[30];
        Arrays.fill(lengths, 5);
        return Code.of(lengths);
    }

    private void dynamic() {
        int hlit = bits(5) + 257;
        int hdist = bits(5) + 1;
        int hclen = bits(4) + 4;
        int[] clLengths = new int[19];
        for (int i = 0; i < hclen; i++) {
            clLengths[CL_ORDER[i]] = bits(3);
        }
        Code cl = Code.of(clLengths);
        int[] lengths = new int[hlit + hdist];
        int i = 0;
        while (i < hlit + hdist) {
            int symbol = decode(cl);
            if (symbol < 16) {
                lengths[i++] = symbol;
            } else {
                int repeat;
                int value = 0;
                if (symbol == 16) {
                    value = lengths[i - 1];
                    repeat = 3 + bits(2);
                } else if (symbol == 17) {
                    repeat = 3 + bits(3);
                } else {
                    repeat = 11 + bits(7);
                }
                for (int r = 0; r < repeat; r++) {
                    lengths[i++] = value;
                }
            }
        }
        int[] lit = Arrays.copyOfRange(lengths, 0, hlit);
        int[] dist = Arrays.copyOfRange(lengths, hlit, hlit + hdist);
        huffman(Code.of(lit), Code.of(dist));
    }

    private void huffman(Code lit, Code dist) {
        while (true) {
            int symbol = decode(lit);
            if (symbol < 256) {
                write(symbol);
            } else if (symbol == 256) {
                return;
            } else {
                symbol -= 257;
                int length = LENGTH_BASE[symbol] + bits(LENGTH_EXTRA[symbol]);
                int d = decode(dist);
                int distance = DIST_BASE[d] + bits(DIST_EXTRA[d]);
                maxDistance = Math.max(maxDistance, distance);
                if (distance > size) {
                    throw new IllegalStateException("distance " + distance + " beyond the " + size + " bytes of history");
                }
                int from = size - distance;
                for (int k = 0; k < length; k++) {
                    write(out[from + k]);
                }
            }
        }
    }
}
