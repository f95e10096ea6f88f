package org.websockets4j.extensions.permessagedeflate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.zip.Deflater;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.websockets4j.framing.Frame;
import org.websockets4j.framing.Opcode;

/**
 * Every window size is honoured: a DEFLATE parser decodes what the compressor sends and reports
 * the largest distance, which must never exceed 2^bits, with and without context takeover, with a
 * pooled or a dedicated deflater, across messages and fragments.
 */
class WindowSizeTest {
    static List<Arguments> cases() {
        List<Arguments> cases = new java.util.ArrayList<>();
        for (int bits = 8; bits <= 15; bits++) {
            for (boolean noContext : new boolean[] {false, true}) {
                for (boolean dedicated : new boolean[] {false, true}) {
                    cases.add(Arguments.of(bits, noContext, dedicated));
                }
            }
        }
        return cases;
    }

    @ParameterizedTest(name = "bits={0} noContextTakeover={1} dedicated={2}")
    @MethodSource("cases")
    void noDistanceExceedsTheWindow(int bits, boolean noContext, boolean dedicated) {
        CompressionSettings settings = CompressionSettings.builder().threshold(0).windowBits(15).dedicatedDeflater(dedicated).build();
        ZlibPool pool = new ZlibPool(2);
        PerMessageDeflate sender = new PerMessageDeflate(false, noContext, 15, bits, settings, pool);
        PerMessageDeflate receiver = new PerMessageDeflate(noContext, false, bits, 15, settings, pool);
        DeflateParser parser = new DeflateParser();
        int window = 1 << bits;
        int[] sizes = {0, 1, 100, window / 2, window - 1, window + 7, 3 * window, 40_000, 5_000, 70_000, 12};
        int[] fragments = {0, 0, 7, 0, 1000, 0, 333, 4096, 0, 30_000, 0};
        long compressedTotal = 0;
        long plainTotal = 0;
        for (int m = 0; m < sizes.length; m++) {
            byte[] data = Messages.repetitive(sizes[m], m * 31L + bits);
            ByteArrayOutputStream compressed = new ByteArrayOutputStream();
            ByteArrayOutputStream roundTrip = new ByteArrayOutputStream();
            for (Frame frame : Messages.frames(Opcode.BINARY, data, fragments[m])) {
                Frame out = sender.encode(frame);
                assertEquals(frame.opcode() != Opcode.CONTINUATION, out.rsv1(), "RSV1 on the first frame only");
                compressed.writeBytes(Messages.bytes(out.payload()));
                Frame back = receiver.decode(out, Long.MAX_VALUE);
                assertFalse(back.rsv1());
                roundTrip.writeBytes(Messages.bytes(back.payload()));
            }
            if (noContext) {
                parser.resetHistory();
            }
            assertArrayEquals(data, parser.message(compressed.toByteArray()), "the parser decodes message " + m);
            assertArrayEquals(data, roundTrip.toByteArray(), "the extension decodes message " + m);
            compressedTotal += compressed.size();
            plainTotal += data.length;
        }
        assertTrue(parser.maxDistance() <= window,
                "largest distance " + parser.maxDistance() + " exceeds the window of " + window);
        assertTrue(parser.maxDistance() > window / 4, "the window is used: " + parser.maxDistance());
        assertTrue(compressedTotal < plainTotal, "it compresses: " + compressedTotal + " of " + plainTotal);
        sender.release();
        receiver.release();
        assertFalse(sender.holdsNativeState());
        assertEquals(pool.idle(), pool.live(), "every native instance is idle in the pool or ended");
    }

    @Test
    void aPlainDeflaterWouldReachFurther() {
        // The property above is not vacuous: zlib alone goes as far back as 32 KiB on this data.
        byte[] data = Messages.repetitive(70_000, 7);
        Deflater deflater = new Deflater(6, true);
        deflater.setInput(data);
        byte[] out = new byte[100_000];
        int n = deflater.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
        deflater.end();
        DeflateParser parser = new DeflateParser();
        assertArrayEquals(data, parser.message(java.util.Arrays.copyOf(out, n - 4)));
        assertTrue(parser.maxDistance() > 16 * 1024, "plain zlib reached " + parser.maxDistance());
    }
}
