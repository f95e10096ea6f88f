package org.websockets4j.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

import org.websockets4j.framing.Frame;
import org.websockets4j.framing.FrameWriter;
import org.websockets4j.framing.Opcode;
import org.websockets4j.framing.Role;

/** Test data shared by the benchmarks: deterministic, built once per trial. */
final class Payloads {
    /** The small text payload: exactly 16 bytes of UTF-8. */
    static final String SMALL_TEXT = "Hello, websocket";

    /** A fixed masking key for pre-built masked frames (the peer's choice, not ours). */
    static final int CLIENT_KEY = 0x1A2B3C4D;

    private Payloads() {
    }

    /** {@code size} pseudo-random bytes from {@code seed}. */
    static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        return bytes;
    }

    /**
     * The payload for a frame of {@code size} bytes: {@link #SMALL_TEXT} for 16, random binary
     * otherwise.
     */
    static byte[] payload(int size) {
        if (size == SMALL_TEXT.length()) {
            return SMALL_TEXT.getBytes(StandardCharsets.UTF_8);
        }
        return random(size, 42);
    }

    /** TEXT for the 16-byte text payload, BINARY otherwise. */
    static Opcode opcode(int size) {
        return size == SMALL_TEXT.length() ? Opcode.TEXT : Opcode.BINARY;
    }

    /** The complete wire bytes of a final frame carrying {@link #payload(int)}, masked as a client sends it. */
    static byte[] maskedFrame(int size) {
        FrameWriter client = new FrameWriter(Role.CLIENT, () -> CLIENT_KEY, List.of());
        return client.toBytes(new Frame(true, opcode(size), ByteBuffer.wrap(payload(size))));
    }

    /**
     * A text of at least {@code minBytes} bytes of UTF-8, made by repeating {@code sample} and cut at
     * a character boundary at exactly {@code minBytes} bytes or just after.
     */
    static byte[] utf8Text(String sample, int minBytes) {
        StringBuilder text = new StringBuilder();
        while (text.toString().getBytes(StandardCharsets.UTF_8).length < minBytes) {
            text.append(sample);
        }
        // Cut code point by code point to the first boundary at or after minBytes.
        int bytes = 0;
        int i = 0;
        while (i < text.length() && bytes < minBytes) {
            int cp = text.codePointAt(i);
            bytes += new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            i += Character.charCount(cp);
        }
        return text.substring(0, i).getBytes(StandardCharsets.UTF_8);
    }

    /** Plain English prose: every byte is ASCII. */
    static final String ASCII_SAMPLE =
            "The quick brown fox jumps over the lazy dog. WebSocket frames carry text as UTF-8; "
                    + "servers must fail the connection on invalid sequences (code 1007). 0123456789\n";

    /**
     * Mixed scripts: French and German with accents (2-byte), Greek (2-byte), Chinese and Japanese
     * (3-byte), emoji (4-byte), interleaved with ASCII spaces and punctuation.
     */
    static final String MIXED_SAMPLE =
            "Déjà vu à l'hôtel, große Straße; Ελληνικά κείμενα γράφονται εύκολα. "
                    + "中文文本和日本語のテキスト。 Emoji: 😀🚀🎉👍 naïve façade — 終わり.\n";
}
