package org.websockets4j.framing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.websockets4j.framing.TestBytes.remaining;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Application data to frame payloads: {@link FrameData}. */
class FrameDataTest {
    @Test
    void textIsUtf8() {
        FrameData.Prepared prepared = FrameData.prepare("café €😀");
        assertEquals(Opcode.TEXT, prepared.opcode());
        assertArrayEquals("café €😀".getBytes(StandardCharsets.UTF_8), remaining(prepared.data()));
        assertArrayEquals("ping".getBytes(StandardCharsets.UTF_8), remaining(FrameData.encode("ping")));
        assertEquals(0, FrameData.prepare("").data().remaining());
    }

    @Test
    void bytesAreWrappedNotCopied() {
        byte[] data = {1, 2, 3};
        FrameData.Prepared prepared = FrameData.prepare(data);
        assertEquals(Opcode.BINARY, prepared.opcode());
        data[0] = 9;
        assertEquals(9, prepared.data().get(0));
        ByteBuffer encoded = FrameData.encode(data);
        data[1] = 8;
        assertEquals(8, encoded.get(1));
    }

    @Test
    void buffersAreViewedFromTheirPositionWhichDoesNotMove() {
        ByteBuffer buffer = ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5}).position(1).limit(4);
        FrameData.Prepared prepared = FrameData.prepare(buffer);
        assertEquals(Opcode.BINARY, prepared.opcode());
        assertArrayEquals(new byte[] {2, 3, 4}, remaining(prepared.data()));
        assertEquals(0, prepared.data().position());
        assertEquals(1, buffer.position());
        assertEquals(4, buffer.limit());
        // A view, not a copy.
        buffer.put(1, (byte) 7);
        assertEquals(7, prepared.data().get(0));

        ByteBuffer encoded = FrameData.encode(buffer);
        assertArrayEquals(new byte[] {7, 3, 4}, remaining(encoded));
        assertEquals(1, buffer.position());
        // Reading the view does not move the original either.
        encoded.get();
        assertEquals(1, buffer.position());
        ByteBuffer direct = TestBytes.direct(new byte[] {4, 5, 6}).position(2);
        assertArrayEquals(new byte[] {6}, remaining(FrameData.prepare(direct).data()));
        assertEquals(2, direct.position());
    }

    @Test
    void objectsDispatchOnTheirType() {
        assertEquals(Opcode.TEXT, FrameData.prepare((Object) "text").opcode());
        assertEquals(Opcode.TEXT, FrameData.prepare((Object) new StringBuilder("sb")).opcode());
        assertArrayEquals("sb".getBytes(StandardCharsets.US_ASCII), remaining(FrameData.prepare((Object) new StringBuilder("sb")).data()));
        assertEquals(Opcode.BINARY, FrameData.prepare((Object) new byte[] {1}).opcode());
        assertEquals(Opcode.BINARY, FrameData.prepare((Object) ByteBuffer.allocate(3)).opcode());
        assertArrayEquals("é".getBytes(StandardCharsets.UTF_8), remaining(FrameData.encode((Object) "é")));
        assertArrayEquals(new byte[] {5}, remaining(FrameData.encode((Object) new byte[] {5})));
        assertArrayEquals(new byte[] {6}, remaining(FrameData.encode((Object) ByteBuffer.wrap(new byte[] {6}))));
    }

    @Test
    void unsupportedTypesAreNamed() {
        for (Object data : List.of(42, List.of(), new int[] {1}, new Object())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FrameData.prepare(data));
            assertTrue(e.getMessage().contains(data.getClass().getName()), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> FrameData.encode(data));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FrameData.prepare((Object) null));
        assertTrue(e.getMessage().contains("null"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FrameData.encode((Object) null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\uD800", "\uDC00", "a\uD83D", "\uD83Db", "\uDE00\uD83D", "ok \uDBFF\uDBFF\uDFFF", "\uDFFF\uDFFF"})
    void unpairedSurrogatesAreRejected(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FrameData.prepare(text));
        assertTrue(e.getMessage().contains("surrogate"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FrameData.encode(text));
        assertThrows(IllegalArgumentException.class, () -> FrameData.utf8(text));
        assertThrows(IllegalArgumentException.class, () -> Frame.text(text));
    }

    @Test
    void surrogateIndexIsReported() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FrameData.utf8("abc\uDC00"));
        assertTrue(e.getMessage().contains("U+DC00") && e.getMessage().contains("index 3"), e.getMessage());
    }

    @Test
    void validSurrogatePairsEncodeLikeTheJdk() {
        for (String text : List.of("😀", "a😀b", "\uD800\uDC00", "\uDBFF\uDFFF", "😀😀😀")) {
            assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), FrameData.utf8(text));
        }
        Random random = new Random(17);
        for (int n = 0; n < 2000; n++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(20); i > 0; i--) {
                int cp = random.nextInt(0x110000);
                if (cp < 0xD800 || cp > 0xDFFF) {
                    text.appendCodePoint(cp);
                }
            }
            String s = text.toString();
            assertArrayEquals(s.getBytes(StandardCharsets.UTF_8), FrameData.utf8(s));
            assertTrue(Utf8Validator.isValid(ByteBuffer.wrap(FrameData.utf8(s))));
        }
    }

    @Test
    void preparedIsARecord() {
        ByteBuffer data = ByteBuffer.wrap(new byte[] {1});
        assertEquals(new FrameData.Prepared(Opcode.BINARY, data), FrameData.prepare(new byte[] {1}));
    }
}
