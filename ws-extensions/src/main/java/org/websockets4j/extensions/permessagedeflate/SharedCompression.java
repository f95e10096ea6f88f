package org.websockets4j.extensions.permessagedeflate;

import java.nio.ByteBuffer;

/**
 * Compress once, send many: the last message compressed without context, shared by every
 * connection of the JVM. Without context takeover a message's compressed form depends only on
 * its bytes and the compressor's parameters, so when a broadcast hands the same read-only payload
 * to many connections that negotiated no context takeover with the same parameters, the first
 * compresses it and the others reuse the result after checking that the bytes are equal (a
 * vectorised comparison, far cheaper than deflating).
 *
 * <p>One entry: it holds the last such message and its compressed form, nothing more. Thread-safe
 * (an immutable entry behind a volatile reference; a lost race only costs a compression).
 */
final class SharedCompression {
    /** The parameters that, with the input, determine the output. */
    record Key(int window, int level, boolean dedicated) {
    }

    private record Entry(Key key, ByteBuffer input, ByteBuffer output) {
    }

    private static volatile Entry last;

    private SharedCompression() {
    }

    /** The compressed form of {@code input} under {@code key} if it is the last one cached, else null. */
    static ByteBuffer lookup(Key key, ByteBuffer input) {
        Entry entry = last;
        if (entry != null && entry.key.equals(key) && entry.input.remaining() == input.remaining()
                && entry.input.equals(input)) {
            return entry.output.duplicate();
        }
        return null;
    }

    /**
     * Remembers that {@code input} compresses to {@code output}. The input is copied: a read-only
     * view may still be of an array its owner changes later, and the entry must keep the bytes
     * that were compressed.
     */
    static void store(Key key, ByteBuffer input, ByteBuffer output) {
        ByteBuffer copy = ByteBuffer.allocate(input.remaining()).put(input.duplicate()).flip();
        last = new Entry(key, copy, output.asReadOnlyBuffer());
    }
}
