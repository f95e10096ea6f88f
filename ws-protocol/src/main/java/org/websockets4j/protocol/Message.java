package org.websockets4j.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A complete WebSocket message: what {@code recv()} returns, built from data frames by
 * {@link MessageAssembler}. A text message is immutable and thread-safe; a binary message holds
 * a mutable array, so hand it to one consumer.
 */
public sealed interface Message {
    /**
     * A text message.
     *
     * @param text the text, never null
     */
    record Text(String text) implements Message {
        /**
         * Creates the message.
         *
         * @throws NullPointerException when {@code text} is null
         */
        public Text {
            Objects.requireNonNull(text, "text");
        }

        /** For example {@code Text["hello"]}; long texts are cut. */
        @Override
        public String toString() {
            return text.length() <= 64 ? "Text[\"" + text + "\"]" : "Text[\"" + text.substring(0, 64) + "…\", length=" + text.length() + "]";
        }
    }

    /**
     * A binary message. The array is not copied: the message owns it, and whoever holds the message
     * may use it as they please. {@link #equals} and {@link #hashCode} compare contents.
     *
     * @param data the bytes, never null
     */
    record Binary(byte[] data) implements Message {
        /**
         * Creates the message around {@code data}, not copied.
         *
         * @throws NullPointerException when {@code data} is null
         */
        public Binary {
            Objects.requireNonNull(data, "data");
        }

        /**
         * The data decoded as UTF-8, replacing malformed input; handy for logs and tests.
         *
         * @return a new string; malformed bytes become U+FFFD
         */
        public String asUtf8() {
            return new String(data, StandardCharsets.UTF_8);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Binary that && Arrays.equals(data, that.data);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(data);
        }

        /** For example {@code Binary[length=3, 0a0b0c]}; long data is cut. */
        @Override
        public String toString() {
            int shown = Math.min(data.length, 32);
            return "Binary[length=" + data.length + ", " + HexFormat.of().formatHex(data, 0, shown)
                    + (shown < data.length ? "…" : "") + "]";
        }
    }
}
