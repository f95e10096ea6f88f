package org.websockets4j.framing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Utf8Validator} against the JDK's strict UTF-8 decoder on random, mostly multi-byte input. */
class Utf8ValidatorFuzzTest {
    private static final int CASES = 10_000;

    private static CharsetDecoder strict() {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    private final CharsetDecoder decoder = strict();

    /** The strict JDK decoder's verdict on {@code data} as a whole message (a cut sequence at the end is malformed). */
    private boolean jdkAccepts(byte[] data) {
        CharBuffer out = CharBuffer.allocate(2 * data.length + 2);
        CoderResult result = decoder.reset().decode(ByteBuffer.wrap(data), out, true);
        return !result.isError() && !decoder.flush(out).isError();
    }

    @Test
    void jdkVerdictAsExpected() {
        // The reference itself: strict about surrogates, overlong forms, cut sequences.
        assertTrue(jdkAccepts("κόσμε😀".getBytes(StandardCharsets.UTF_8)));
        assertFalse(jdkAccepts(TestBytes.hex("eda080")));
        assertFalse(jdkAccepts(TestBytes.hex("c0af")));
        assertFalse(jdkAccepts(TestBytes.hex("f0908080f0")));
        assertFalse(jdkAccepts(TestBytes.hex("f4908080")));
        assertThrows(CharacterCodingException.class, () -> strict().decode(ByteBuffer.wrap(TestBytes.hex("e282"))));
    }

    /** Code points near every boundary the validator cares about. */
    private static final int[] EDGES = {0x7F, 0x80, 0x7FF, 0x800, 0xFFF, 0x1000, 0xD7FF, 0xE000, 0xFFFF, 0x10000,
        0x3FFFF, 0x40000, 0xFFFFF, 0x100000, 0x10FFFF};

    private static void segment(Random random, ByteArrayOutputStream out) {
        switch (random.nextInt(10)) {
            case 0, 1 -> out.write(random.nextInt(0x80)); // ASCII
            case 2, 3 -> { // a valid character of any length
                int cp;
                do {
                    cp = random.nextInt(4) == 0 ? EDGES[random.nextInt(EDGES.length)] : random.nextInt(0x110000);
                } while (cp >= 0xD800 && cp <= 0xDFFF);
                out.writeBytes(Character.toString(cp).getBytes(StandardCharsets.UTF_8));
            }
            case 4 -> { // a valid character with its last byte cut
                int cp = 0x80 + random.nextInt(0x110000 - 0x80);
                if (cp >= 0xD800 && cp <= 0xDFFF) {
                    cp = 0x10000;
                }
                byte[] bytes = Character.toString(cp).getBytes(StandardCharsets.UTF_8);
                out.write(bytes, 0, bytes.length - 1);
            }
            case 5, 6 -> { // any lead byte with 0-3 continuation bytes
                out.write(0xC0 + random.nextInt(0x40));
                for (int i = random.nextInt(4); i > 0; i--) {
                    out.write(0x80 + random.nextInt(0x40));
                }
            }
            case 7 -> { // one of the special leads with a second byte near its narrowed range
                int[] leads = {0xE0, 0xED, 0xF0, 0xF4, 0xC2, 0xDF, 0xEF, 0xF3};
                out.write(leads[random.nextInt(leads.length)]);
                int[] seconds = {0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF};
                out.write(seconds[random.nextInt(seconds.length)]);
                for (int i = random.nextInt(3); i > 0; i--) {
                    out.write(0x80 + random.nextInt(0x40));
                }
            }
            case 8 -> out.write(0x80 + random.nextInt(0x40)); // a stray continuation byte
            default -> out.write(random.nextInt(256)); // anything
        }
    }

    private static byte[] randomBytes(Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int segments = random.nextInt(12);
        boolean validOnly = random.nextInt(3) == 0;
        for (int i = 0; i < segments; i++) {
            if (validOnly) {
                int cp = random.nextInt(0x110000);
                if (cp >= 0xD800 && cp <= 0xDFFF) {
                    cp = 'x';
                }
                out.writeBytes(Character.toString(cp).getBytes(StandardCharsets.UTF_8));
                if (random.nextBoolean()) {
                    out.writeBytes("ascii run".getBytes(StandardCharsets.US_ASCII));
                }
            } else {
                segment(random, out);
            }
        }
        return out.toByteArray();
    }

    @Test
    void agreesWithTheJdkDecoder() {
        Random random = new Random(3629);
        int valid = 0;
        for (int n = 0; n < CASES; n++) {
            byte[] data = randomBytes(random);
            boolean jdk = jdkAccepts(data);
            assertEquals(jdk, Utf8Validator.isValid(ByteBuffer.wrap(data)), () -> "on " + TestBytes.hex(data));
            assertEquals(jdk, Utf8Validator.isValid(TestBytes.direct(data)), () -> "direct, on " + TestBytes.hex(data));
            if (jdk) {
                valid++;
            } else {
                checkOffset(data);
            }
        }
        // The generator is biased towards both outcomes.
        assertTrue(valid > CASES / 4 && valid < CASES * 3 / 4, "valid: " + valid);
    }

    /**
     * The reported offset is that of the first bad byte: everything before it is a valid prefix
     * (for the JDK too), and adding that byte makes it invalid. Pieces fed separately agree.
     */
    private static void checkOffset(byte[] data) {
        InvalidUtf8 e = assertThrows(InvalidUtf8.class, () -> Utf8Validator.validate(ByteBuffer.wrap(data)));
        int offset = (int) e.offset();
        assertTrue(offset >= 0 && offset <= data.length);

        Utf8Validator prefix = new Utf8Validator();
        prefix.update(data, 0, offset);
        CoderResult jdk = strict().decode(ByteBuffer.wrap(data, 0, offset), CharBuffer.allocate(2 * offset + 2), false);
        assertFalse(jdk.isError(), () -> "the JDK rejects the part before offset " + offset + " of " + TestBytes.hex(data));
        if (offset < data.length) {
            assertThrows(InvalidUtf8.class, () -> prefix.update(data, offset, 1));
        } else {
            assertFalse(prefix.isComplete());
        }

        // The same input in two pieces (split at a fixed point) gives the same offset.
        int cut = data.length / 2;
        Utf8Validator pieces = new Utf8Validator();
        InvalidUtf8 again = assertThrows(InvalidUtf8.class, () -> {
            pieces.update(TestBytes.direct(Arrays.copyOfRange(data, 0, cut)));
            pieces.update(ByteBuffer.wrap(data, cut, data.length - cut));
            pieces.finish();
        });
        assertEquals(offset, again.offset());
    }

    @Test
    void everyTwoByteStringAgreesWithTheJdk() {
        for (int a = 0; a < 256; a++) {
            for (int b = 0; b < 256; b++) {
                byte[] data = {(byte) a, (byte) b};
                assertEquals(jdkAccepts(data), Utf8Validator.isValid(ByteBuffer.wrap(data)), () -> TestBytes.hex(data));
            }
        }
    }

    @Test
    void everyThreeByteStringWithAThreeByteLeadAgreesWithTheJdk() {
        byte[] data = new byte[3];
        for (int a = 0xE0; a <= 0xEF; a++) {
            for (int b = 0x70; b <= 0xC5; b++) {
                for (int c = 0x70; c <= 0xC5; c++) {
                    data[0] = (byte) a;
                    data[1] = (byte) b;
                    data[2] = (byte) c;
                    assertEquals(jdkAccepts(data), Utf8Validator.isValid(ByteBuffer.wrap(data)), () -> TestBytes.hex(data));
                }
            }
        }
    }
}
