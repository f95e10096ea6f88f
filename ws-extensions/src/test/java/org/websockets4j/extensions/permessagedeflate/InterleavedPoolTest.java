package org.websockets4j.extensions.permessagedeflate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Several compressors sharing one small pool, so that a deflater continued warm by one compressor
 * may have been fed by another in between: every stream must still decode with zlib, message by
 * message, and never refer further back than its window (checked by {@link DeflateParser}).
 */
class InterleavedPoolTest {
    private static final CompressionSettings SETTINGS = CompressionSettings.builder().threshold(0).windowBits(15).build();

    static List<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (int bits = 8; bits <= 15; bits++) {
            for (int poolSize : new int[] {1, 2}) {
                for (boolean noContext : new boolean[] {false, true}) {
                    cases.add(Arguments.of(bits, poolSize, noContext));
                }
            }
        }
        return cases;
    }

    @ParameterizedTest(name = "bits={0} pool={1} noContextTakeover={2}")
    @MethodSource("cases")
    void interleavedCompressorsStayWithinTheirWindows(int bits, int poolSize, boolean noContext) throws Exception {
        ZlibPool pool = new ZlibPool(poolSize);
        int window = 1 << bits;
        Random random = new Random(bits * 100L + poolSize * 10L + (noContext ? 1 : 0));
        Stream[] streams = new Stream[3];
        for (int i = 0; i < streams.length; i++) {
            streams[i] = new Stream(new Compressor(bits, noContext, SETTINGS, pool), noContext);
        }
        for (int m = 0; m < 240; m++) {
            Stream stream = streams[random.nextInt(streams.length)];
            // Mostly small messages (the warm path), some of several chunks, some cut into frames.
            int size = switch (random.nextInt(6)) {
                case 0 -> random.nextInt(3 * window);
                case 1 -> window / 2 + random.nextInt(8);
                default -> random.nextInt(100);
            };
            byte[] data = switch (random.nextInt(3)) {
                case 0 -> randomBytes(random, size);
                case 1 -> Messages.json(size, random.nextLong());
                default -> Messages.repetitive(size, random.nextLong());
            };
            stream.send(data, random.nextInt(4) == 0 ? 1 + random.nextInt(Math.max(1, size)) : 0);
        }
        long fresh = 0;
        for (Stream stream : streams) {
            assertTrue(stream.parser.maxDistance() <= window,
                    "largest distance " + stream.parser.maxDistance() + " exceeds the window of " + window);
            stream.inflater.end();
            fresh += stream.compressor.freshStarts();
            stream.compressor.release();
        }
        assertTrue(fresh > 0);
        assertEquals(pool.idle(), pool.live(), "every deflater is back on the shelf or ended");
    }

    @ParameterizedTest(name = "bits={0}")
    @MethodSource("allBits")
    void emptyFramesBetweenOthersInEveryMode(int bits) throws Exception {
        // zlib writes nothing for a flush right after a flush: a warm or dedicated stream must still
        // end an empty frame with the sync marker (an empty message is then "00").
        for (boolean dedicated : new boolean[] {false, true}) {
            CompressionSettings settings = SETTINGS.toBuilder().dedicatedDeflater(dedicated).build();
            ZlibPool pool = new ZlibPool(1);
            Stream stream = new Stream(new Compressor(bits, false, settings, pool), false);
            stream.send(Messages.json(50, 1), 0);
            stream.send(new byte[0], 0);
            stream.send(new byte[0], 0);
            stream.send(Messages.json(50, 2), 25);
            stream.sendFrames(Messages.json(30, 3), new byte[0]);
            stream.sendFrames(new byte[0], Messages.json(30, 5), new byte[0], new byte[0]);
            stream.send(Messages.json(60, 4), 0);
            stream.inflater.end();
            stream.compressor.release();
            assertEquals(0, pool.live() - pool.idle());
        }
    }

    static List<Integer> allBits() {
        return List.of(8, 9, 10, 11, 12, 13, 14, 15);
    }

    @Test
    void aLoneCompressorContinuesWarm() throws Exception {
        // One connection on a pool of one: at 12 bits, about thirty 64-byte messages per dictionary load.
        ZlibPool pool = new ZlibPool(1);
        Stream stream = new Stream(new Compressor(12, false, SETTINGS, pool), false);
        for (int m = 0; m < 300; m++) {
            stream.send(Messages.json(64, m), 0);
        }
        assertTrue(stream.compressor.freshStarts() <= 300 / 25, "fresh starts: " + stream.compressor.freshStarts());
        assertTrue(stream.parser.maxDistance() <= 4096);
        assertTrue(stream.parser.maxDistance() > 1024, "the context is used: " + stream.parser.maxDistance());
        stream.inflater.end();
    }

    @Test
    void alternatingCompressorsNeverContinueEachOthersStream() throws Exception {
        // Two connections taking turns on a pool of one always get the deflater the other fed last.
        ZlibPool pool = new ZlibPool(1);
        Stream a = new Stream(new Compressor(10, false, SETTINGS, pool), false);
        Stream b = new Stream(new Compressor(10, false, SETTINGS, pool), false);
        for (int m = 0; m < 50; m++) {
            a.send(Messages.repetitive(40, m), 0);
            b.send(Messages.json(40, m), 0);
        }
        assertEquals(50, a.compressor.freshStarts());
        assertEquals(50, b.compressor.freshStarts());
        a.inflater.end();
        b.inflater.end();
    }

    @Test
    void alternatingCompressorsEachKeepTheirOwnWhenThePoolHasRoom() throws Exception {
        // A pool of two keeps one deflater warm for each of two connections taking turns.
        ZlibPool pool = new ZlibPool(2);
        Stream a = new Stream(new Compressor(12, false, SETTINGS, pool), false);
        Stream b = new Stream(new Compressor(12, false, SETTINGS, pool), false);
        for (int m = 0; m < 100; m++) {
            a.send(Messages.repetitive(64, m), 0);
            b.send(Messages.json(64, m), 0);
        }
        assertTrue(a.compressor.freshStarts() <= 100 / 25, "a fresh starts: " + a.compressor.freshStarts());
        assertTrue(b.compressor.freshStarts() <= 100 / 25, "b fresh starts: " + b.compressor.freshStarts());
        assertTrue(a.parser.maxDistance() <= 4096 && b.parser.maxDistance() <= 4096);
        assertEquals(2, pool.live());
        a.inflater.end();
        b.inflater.end();
    }

    @Test
    void concurrentCompressorsOnASharedPool() throws Exception {
        // The warm check under real concurrency: four threads, a pool of two, each stream verified.
        ZlibPool pool = new ZlibPool(2);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                long seed = t;
                results.add(threads.submit(() -> {
                    Random random = new Random(seed);
                    Stream stream = new Stream(new Compressor(9 + (int) seed, false, SETTINGS, pool), false);
                    for (int m = 0; m < 400; m++) {
                        stream.send(Messages.json(random.nextInt(200), random.nextLong()), 0);
                    }
                    stream.inflater.end();
                    stream.compressor.release();
                    return stream.parser.maxDistance();
                }));
            }
            for (int t = 0; t < 4; t++) {
                int max = results.get(t).get(60, TimeUnit.SECONDS);
                assertTrue(max <= 1 << (9 + t), "thread " + t + " reached " + max);
            }
        } finally {
            threads.shutdownNow();
        }
        assertEquals(pool.idle(), pool.live());
    }

    private static byte[] randomBytes(Random random, int size) {
        byte[] data = new byte[size];
        random.nextBytes(data);
        return data;
    }

    /** One compressor's stream, checked by zlib and by the parser as it goes. */
    private static final class Stream {
        private static final byte[] TAIL = {0, 0, (byte) 0xff, (byte) 0xff};

        final Compressor compressor;
        final boolean noContext;
        final DeflateParser parser = new DeflateParser();
        final Inflater inflater = new Inflater(true);

        Stream(Compressor compressor, boolean noContext) {
            this.compressor = compressor;
            this.noContext = noContext;
        }

        void send(byte[] data, int fragment) throws DataFormatException {
            if (fragment <= 0 || fragment >= data.length) {
                sendFrames(data);
                return;
            }
            List<byte[]> parts = new ArrayList<>();
            for (int start = 0; start < data.length; start += fragment) {
                parts.add(java.util.Arrays.copyOfRange(data, start, Math.min(data.length, start + fragment)));
            }
            sendFrames(parts.toArray(new byte[0][]));
        }

        /** Sends one message in frames holding {@code parts} (empty ones included), and checks it. */
        void sendFrames(byte[]... parts) throws DataFormatException {
            ByteArrayOutputStream compressed = new ByteArrayOutputStream();
            ByteArrayOutputStream whole = new ByteArrayOutputStream();
            for (int i = 0; i < parts.length; i++) {
                whole.writeBytes(parts[i]);
                compressed.writeBytes(Messages.bytes(compressor.compress(ByteBuffer.wrap(parts[i]), i == parts.length - 1)));
            }
            byte[] data = whole.toByteArray();
            byte[] message = compressed.toByteArray();
            if (noContext) {
                parser.resetHistory();
                inflater.reset();
            }
            assertArrayEquals(data, parser.message(message), "the parser decodes the message");
            byte[] withTail = new byte[message.length + TAIL.length];
            System.arraycopy(message, 0, withTail, 0, message.length);
            System.arraycopy(TAIL, 0, withTail, message.length, TAIL.length);
            inflater.setInput(withTail);
            byte[] out = new byte[data.length + 1];
            int n = 0;
            while (n < out.length) {
                int k = inflater.inflate(out, n, out.length - n);
                if (k == 0) {
                    break;
                }
                n += k;
            }
            assertEquals(data.length, n, "zlib inflates the message to its length");
            assertArrayEquals(data, java.util.Arrays.copyOf(out, n), "zlib decodes the message");
            assertTrue(inflater.needsInput(), "nothing is left over");
        }
    }
}
