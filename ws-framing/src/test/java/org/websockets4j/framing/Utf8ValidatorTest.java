package org.websockets4j.framing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.websockets4j.framing.TestBytes.bytes;
import static org.websockets4j.framing.TestBytes.concat;
import static org.websockets4j.framing.TestBytes.hex;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Strict incremental UTF-8 validation: what is valid, and the exact offset of what is not. */
class Utf8ValidatorTest {
    /** The ways of handing bytes to a validator; all must agree. */
    enum Feed {
        ARRAY, HEAP, HEAP_AT_OFFSET, HEAP_SLICE, DIRECT, DIRECT_AT_OFFSET, READ_ONLY, BYTE_BY_BYTE, DIRECT_BYTE_BY_BYTE;

        void update(Utf8Validator validator, byte[] data) {
            switch (this) {
                case ARRAY -> validator.update(data, 0, data.length);
                case HEAP -> checkedUpdate(validator, ByteBuffer.wrap(data));
                case HEAP_AT_OFFSET -> checkedUpdate(validator, ByteBuffer.wrap(concat(new byte[5], data, new byte[] {(byte) 0xFF}), 5, data.length));
                case HEAP_SLICE -> checkedUpdate(validator, ByteBuffer.wrap(concat(new byte[] {(byte) 0x80}, data)).position(1).slice());
                case DIRECT -> checkedUpdate(validator, TestBytes.direct(data));
                case DIRECT_AT_OFFSET -> checkedUpdate(validator,
                        TestBytes.direct(concat(bytes(0xC0, 0x80, 0xC3), data, bytes(0xFF))).position(3).limit(3 + data.length));
                case READ_ONLY -> checkedUpdate(validator, ByteBuffer.wrap(data).asReadOnlyBuffer());
                case BYTE_BY_BYTE -> {
                    for (byte b : data) {
                        validator.update(new byte[] {b}, 0, 1);
                    }
                }
                case DIRECT_BYTE_BY_BYTE -> {
                    for (byte b : data) {
                        checkedUpdate(validator, TestBytes.direct(new byte[] {b}));
                    }
                }
            }
        }
    }

    /** Updates, then checks that the buffer's position and limit did not move, whether it threw or not. */
    static void checkedUpdate(Utf8Validator validator, ByteBuffer buffer) {
        int position = buffer.position();
        int limit = buffer.limit();
        try {
            validator.update(buffer);
        } finally {
            assertEquals(position, buffer.position(), "position unchanged");
            assertEquals(limit, buffer.limit(), "limit unchanged");
        }
    }

    /** The offset of the first invalid byte, or -1 when {@code data} is complete valid UTF-8; the same for every feed. */
    static long offsetOf(byte[] data) {
        Long result = null;
        for (Feed feed : Feed.values()) {
            Utf8Validator validator = new Utf8Validator();
            long offset;
            try {
                feed.update(validator, data);
                validator.finish();
                offset = -1;
            } catch (InvalidUtf8 e) {
                assertEquals(1007, e.closeCode());
                offset = e.offset();
            }
            if (result == null) {
                result = offset;
            } else {
                assertEquals(result.longValue(), offset, feed + " disagrees on " + hex(data));
            }
        }
        assertEquals(result == -1, Utf8Validator.isValid(ByteBuffer.wrap(data)));
        return result;
    }

    private static byte[] utf8(int codePoint) {
        return Character.toString(codePoint).getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "Hello, world", "0123456789abcdefghijklmnopqrstuvwxyz", "é", "ñandú", "€", "日本語テキスト",
        "😀", "a😀b€cé", "κόσμε", "\u0000", "\u007f\u0080\u07ff\u0800\uffff"})
    void validText(String text) {
        assertEquals(-1, offsetOf(text.getBytes(StandardCharsets.UTF_8)));
        assertEquals(-1, offsetOf(("padding to use the eight-byte path " + text + " and more ascii after it").getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(strings = {"0", "7F", "80", "7FF", "800", "FFF", "1000", "CFFF", "D000", "D7FF", "E000", "FFFD", "FEFF",
        "FFFF", "10000", "3FFFF", "40000", "FFFFF", "100000", "10FFFF"})
    void boundaryCodePoints(String hexCodePoint) {
        int cp = Integer.parseInt(hexCodePoint, 16);
        byte[] encoded = utf8(cp);
        assertEquals(cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4, encoded.length);
        assertEquals(-1, offsetOf(encoded));
        assertEquals(-1, offsetOf(concat(encoded, encoded, bytes('x'), encoded)));
    }

    @ParameterizedTest(name = "{0} invalid at {1}")
    @CsvSource({
        // stray continuation bytes
        "80, 0", "bf, 0", "41 80, 1", "c3 a9 a9, 2", "e2 82 ac 80, 3",
        // overlong two-byte forms
        "c0 80, 0", "c0 af, 0", "c1 bf, 0",
        // overlong three-byte forms
        "e0 80 80, 1", "e0 80 af, 1", "e0 9f bf, 1",
        // overlong four-byte forms
        "f0 80 80 80, 1", "f0 80 80 af, 1", "f0 8f bf bf, 1",
        // UTF-16 surrogates
        "ed a0 80, 1", "ed ad bf, 1", "ed b0 80, 1", "ed bf bf, 1", "ed a0 bd ed b2 a9, 1",
        // above U+10FFFF
        "f4 90 80 80, 1", "f4 bf bf bf, 1", "f5 80 80 80, 0", "f7 bf bf bf, 0",
        "f8 88 80 80 80, 0", "fc 84 80 80 80 80, 0", "fe, 0", "ff, 0",
        // sequences interrupted by ASCII or by another lead byte
        "c3 41, 1", "e2 41, 1", "e2 82 41, 2", "f0 41, 1", "f0 9f 41, 2", "f0 9f 98 41, 3",
        "c3 c3 a9, 1", "e2 82 c3 a9, 2", "f0 9f 98 f0 9f 98 80, 3",
        // after runs of ASCII (the eight-bytes-at-a-time path)
        "41424344454647 80, 7", "4142434445464748 80, 8", "414243444546474849 80, 9",
        "41424344454647484950515253545556 ed a0 80, 17", "4142434445464748 c3 a9 4142434445464748 c0 80, 18",
    })
    void invalidAt(String input, long offset) {
        assertEquals(offset, offsetOf(hex(input)));
    }

    @Test
    void everyStrayContinuationByte() {
        for (int b = 0x80; b <= 0xBF; b++) {
            assertEquals(0, offsetOf(bytes(b)));
            assertEquals(3, offsetOf(bytes('a', 'b', 'c', b, 'd')));
            assertEquals(2, offsetOf(bytes(0xC3, 0xA9, b)));
        }
    }

    @Test
    void everyInvalidLeadByte() {
        for (int b : new int[] {0xC0, 0xC1, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9, 0xFA, 0xFB, 0xFC, 0xFD, 0xFE, 0xFF}) {
            for (int next = 0x80; next <= 0xBF; next++) {
                assertEquals(1, offsetOf(bytes('a', b, next, 0x80, 0x80)));
            }
        }
    }

    @Test
    void secondByteRangesOfTheSpecialLeads() {
        // E0 needs A0..BF, ED 80..9F, F0 90..BF, F4 80..8F; the others 80..BF.
        for (int second = 0x80; second <= 0xBF; second++) {
            assertEquals(second >= 0xA0 ? -1 : 1, offsetOf(bytes(0xE0, second, 0x80)));
            assertEquals(second <= 0x9F ? -1 : 1, offsetOf(bytes(0xED, second, 0x80)));
            assertEquals(second >= 0x90 ? -1 : 1, offsetOf(bytes(0xF0, second, 0x80, 0x80)));
            assertEquals(second <= 0x8F ? -1 : 1, offsetOf(bytes(0xF4, second, 0x80, 0x80)));
            assertEquals(-1, offsetOf(bytes(0xE1, second, 0x80)));
            assertEquals(-1, offsetOf(bytes(0xF3, second, 0xBF, 0xBF)));
            // The narrowing applies to the second byte only.
            assertEquals(-1, offsetOf(bytes(0xF4, 0x8F, second, second)));
            assertEquals(-1, offsetOf(bytes(0xE0, 0xA0, second)));
        }
    }

    @ParameterizedTest(name = "{0} truncated, finish fails at {1}")
    @CsvSource({"c3, 1", "e2, 1", "e2 82, 2", "f0, 1", "f0 9f, 2", "f0 9f 98, 3", "41 42 f0, 3", "f4 8f bf, 3",
        "4142434445464748494a c3, 11"})
    void truncatedAtTheEnd(String input, long offset) {
        byte[] data = hex(input);
        Utf8Validator validator = new Utf8Validator();
        validator.update(data, 0, data.length); // nothing wrong yet
        assertFalse(validator.isComplete());
        InvalidUtf8 e = assertThrows(InvalidUtf8.class, validator::finish);
        assertEquals(offset, e.offset());
        assertEquals(1007, e.closeCode());
        assertEquals(offset, offsetOf(data));
        // finish() reset the validator: a new message starts clean.
        validator.update(bytes('o', 'k'), 0, 2);
        validator.finish();
    }

    @Test
    void fourByteSequenceSplitAcrossThreeBuffers() {
        Utf8Validator validator = new Utf8Validator();
        validator.update(ByteBuffer.wrap(bytes(0xF0)));
        assertFalse(validator.isComplete());
        validator.update(TestBytes.direct(bytes(0x9F, 0x98)));
        assertFalse(validator.isComplete());
        validator.update(bytes(0x80), 0, 1);
        assertTrue(validator.isComplete());
        validator.finish();

        // Each split of a three- and a four-byte character between two buffers.
        byte[] text = "a€b😀c".getBytes(StandardCharsets.UTF_8);
        for (int cut = 0; cut <= text.length; cut++) {
            Utf8Validator v = new Utf8Validator();
            v.update(ByteBuffer.wrap(text, 0, cut));
            v.update(ByteBuffer.wrap(text, cut, text.length - cut));
            v.finish();
        }
    }

    @Test
    void failsFastAcrossFragmentsWithOffsetsFromTheMessageStart() {
        Utf8Validator validator = new Utf8Validator();
        validator.update("hello".getBytes(StandardCharsets.US_ASCII), 0, 5);
        validator.update(ByteBuffer.wrap(bytes(0xE2)));
        assertEquals(7, assertThrows(InvalidUtf8.class, () -> validator.update(TestBytes.direct(bytes(0x82, 0x41, 0xFF)))).offset());

        Utf8Validator second = new Utf8Validator();
        second.update(ByteBuffer.wrap(bytes('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'), 4, 5)); // 5 bytes from position 4
        InvalidUtf8 e = assertThrows(InvalidUtf8.class, () -> second.update(ByteBuffer.wrap(bytes('w', 'o', 'r', 0xFF, 'l', 'd'))));
        assertEquals(8, e.offset());
        assertTrue(e.getMessage().contains("8"), e.getMessage());

        // After reset() the offsets start again from zero.
        second.reset();
        assertEquals(1, assertThrows(InvalidUtf8.class, () -> second.update(bytes('x', 0x80), 0, 2)).offset());
    }

    @Test
    void finishStartsTheNextMessage() {
        Utf8Validator validator = new Utf8Validator();
        validator.update(bytes('a', 'b', 'c'), 0, 3);
        validator.finish();
        assertEquals(0, assertThrows(InvalidUtf8.class, () -> validator.update(bytes(0x80), 0, 1)).offset());
    }

    @Test
    void isCompleteTracksCharacterBoundaries() {
        Utf8Validator validator = new Utf8Validator();
        assertTrue(validator.isComplete());
        validator.update(bytes(0xC3), 0, 1);
        assertFalse(validator.isComplete());
        validator.update(bytes(0xA9), 0, 1);
        assertTrue(validator.isComplete());
        validator.update(bytes(0xE2), 0, 1);
        validator.reset();
        assertTrue(validator.isComplete());
        validator.finish();
    }

    @Test
    void autobahnClassics() {
        String kosme = "cebae1bdb9cf83cebcceb5"; // κόσμε
        assertEquals(-1, offsetOf(hex(kosme)));
        assertEquals(12, offsetOf(hex(kosme + "eda080" + "656469746564"))); // 6.3.1: a surrogate
        assertEquals(12, offsetOf(hex(kosme + "f4908080" + "656469746564"))); // 6.4.1: above U+10FFFF
        assertEquals(11, offsetOf(hex(kosme + "80" + "656469746564"))); // 6.4.3-style: stray continuation
        assertEquals(0, offsetOf(hex("f888808080"))); // 6.8.1: five-byte form
        assertEquals(0, offsetOf(hex("fc8480808080"))); // 6.8.2: six-byte form
        // 6.6.x: κόσμε cut after every byte
        int[] expected = {-1, 1, -1, 3, 4, -1, 6, -1, 8, -1, 10, -1};
        byte[] all = hex(kosme);
        for (int n = 0; n <= all.length; n++) {
            assertEquals(expected[n], offsetOf(Arrays.copyOf(all, n)), "first " + n + " bytes");
        }
    }

    @Test
    void staticHelpersLeaveThePositionAlone() {
        ByteBuffer valid = ByteBuffer.wrap("xxé".getBytes(StandardCharsets.UTF_8)).position(2);
        assertTrue(Utf8Validator.isValid(valid));
        Utf8Validator.validate(valid);
        assertEquals(2, valid.position());
        ByteBuffer invalid = ByteBuffer.wrap("xxé".getBytes(StandardCharsets.UTF_8)).position(3);
        assertFalse(Utf8Validator.isValid(invalid));
        assertEquals(0, assertThrows(InvalidUtf8.class, () -> Utf8Validator.validate(invalid)).offset());
        assertEquals(3, invalid.position());
    }

    @Test
    void arrayRangeIsChecked() {
        Utf8Validator validator = new Utf8Validator();
        assertThrows(IndexOutOfBoundsException.class, () -> validator.update(new byte[3], 2, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> validator.update(new byte[3], -1, 1));
        assertDoesNotThrow(() -> validator.update(new byte[3], 3, 0));
        // Only the given range is looked at.
        assertDoesNotThrow(() -> validator.update(bytes(0xFF, 'a', 0xFF), 1, 1));
    }
}
