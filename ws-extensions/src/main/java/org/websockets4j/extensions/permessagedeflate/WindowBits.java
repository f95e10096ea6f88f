package org.websockets4j.extensions.permessagedeflate;

/** The LZ77 window sizes RFC 7692 §7.1.2 allows, 8 to 15 bits. */
final class WindowBits {
    static final int MIN = 8;
    static final int MAX = 15;

    private WindowBits() {
    }

    static int check(String name, int bits) {
        if (bits < MIN || bits > MAX) {
            throw new IllegalArgumentException(name + " must be between 8 and 15, got " + bits);
        }
        return bits;
    }
}
