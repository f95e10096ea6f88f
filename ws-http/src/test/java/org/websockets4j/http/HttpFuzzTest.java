package org.websockets4j.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.websockets4j.testkit.WireBytes.latin1;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;
import org.websockets4j.framing.WebSocketException;
import org.websockets4j.testkit.CapturedHandshakes;

/**
 * Random and mutated input through both readers, with fixed seeds: only {@link WebSocketException}s
 * may come out, a failed reader stays failed, and the reader never holds more than its limits.
 */
class HttpFuzzTest {
    private static final int ITERATIONS = 10_000;
    private static final long REQUEST_HELD = HttpLimits.MAX_HEAD_SIZE;
    private static final long RESPONSE_HELD = (long) HttpLimits.MAX_HEAD_SIZE + HttpLimits.MAX_BODY_SIZE + HttpLimits.MAX_LINE_LENGTH;

    private static final List<byte[]> REQUESTS = List.of(
            latin1(CapturedHandshakes.CHROMIUM_REQUEST), latin1(CapturedHandshakes.JDK25_REQUEST),
            latin1(CapturedHandshakes.JDK17_REQUEST), latin1(CapturedHandshakes.CURL_REQUEST),
            latin1(CapturedHandshakes.PYTHON_REQUEST),
            latin1("GET /caf\u00e9 HTTP/1.1\r\nHost: a\r\nX: \u00e9\u00ff\r\nContent-Length: 0, 0\r\n\r\n"));

    private static final List<byte[]> RESPONSES = List.of(
            latin1(CapturedHandshakes.SWITCHING_PROTOCOLS), latin1(CapturedHandshakes.FORBIDDEN),
            latin1(CapturedHandshakes.CHUNKED_ERROR), latin1(CapturedHandshakes.NOT_FOUND_UNTIL_EOF),
            latin1("HTTP/1.1 200\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc"),
            latin1("HTTP/1.1 500 X\r\nTransfer-Encoding: chunked\r\n\r\nA;x=y\r\n0123456789\r\n0\r\nT: 1\r\nU: 2\r\n\r\n"));

    /** Bytes that matter to the grammar, more likely to hit an interesting path than any random byte. */
    private static final byte[] SPECIAL = latin1("\r\n \t:;,=\"0123456789aAfF/.-HTP\u0000\u007f\u0080\u00ff");

    @Test
    void requestReaderOnlyThrowsWebSocketExceptions() {
        Random random = new Random(0x5EED_0001L);
        int completed = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            byte[] input = input(random, REQUESTS);
            Request request = run(i, input, random, RequestReader::new, RequestReader::read, RequestReader::eof,
                    RequestReader::bufferedBytes, REQUEST_HELD);
            if (request != null) {
                completed++;
                // Whatever the reader accepts, the writer reproduces and the reader reads back the same.
                assertEquals(request, new RequestReader().read(ByteBuffer.wrap(request.serialize())), () -> hex(input));
                // And names a resource: never *, host:port or another non-path (issue 16, item 5).
                assertTrue(request.resourceName() != null && request.resourceName().startsWith("/"), () -> hex(input));
            }
        }
        assertTrue(completed > ITERATIONS / 50, "too few mutants were valid requests: " + completed);
    }

    @Test
    void everyAcceptedTargetHasAPath() {
        // Random targets from the characters that matter to the forms: each is refused (400) or
        // has a resource name starting with "/"; none is ever taken as a path it is not.
        Random random = new Random(0x5EED_0005L);
        String alphabet = "/:*?#@.[]%wshtpfWS0189x-";
        int accepted = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            StringBuilder target = new StringBuilder();
            if (random.nextInt(4) == 0) {
                target.append(List.of("ws://", "wss://", "http://", "HTTPS://", "ftp://", "/").get(random.nextInt(6)));
            }
            for (int n = 1 + random.nextInt(12); n > 0; n--) {
                target.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String raw = "GET " + target + " HTTP/1.1\r\n\r\n";
            try {
                Request request = new RequestReader().read(ByteBuffer.wrap(latin1(raw)));
                String name = request.resourceName();
                assertTrue(name != null && name.startsWith("/"), raw);
                assertTrue(target.charAt(0) == '/' || request.path().contains("://"), raw);
                accepted++;
            } catch (InvalidMessage e) {
                assertTrue(e.getMessage().startsWith("invalid request-target"), e.getMessage());
                assertTrue(target.charAt(0) != '/', raw);
            }
        }
        assertTrue(accepted > ITERATIONS / 10 && accepted < ITERATIONS - ITERATIONS / 10, "accepted " + accepted);
    }

    @Test
    void responseReaderOnlyThrowsWebSocketExceptions() {
        Random random = new Random(0x5EED_0002L);
        int completed = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            byte[] input = input(random, RESPONSES);
            if (run(i, input, random, ResponseReader::new, ResponseReader::read, ResponseReader::eof,
                    ResponseReader::bufferedBytes, RESPONSE_HELD) != null) {
                completed++;
            }
        }
        assertTrue(completed > ITERATIONS / 50, "too few mutants were valid responses: " + completed);
    }

    @Test
    void endlessWellFormedStreamsAreStoppedByALimit() {
        Random random = new Random(0x5EED_0003L);
        // Each stream stays well formed forever: only a limit can stop it.
        assertStopped(random, true, "GET /", "a");
        assertStopped(random, true, "GET / HTTP/1.1\r\n", "X-a: b\r\n", "X: c\r\n");
        assertStopped(random, true, "GET / HTTP/1.1\r\nX: ", "v", " ");
        assertStopped(random, false, "HTTP/1.1 101 ", "r");
        assertStopped(random, false, "HTTP/1.1 101 OK\r\n", "X-a: b\r\n", "X: c\r\n");
        assertStopped(random, false, "HTTP/1.1 404 X\r\n\r\n", "body", "\r\n");
        assertStopped(random, false, "HTTP/1.1 500 X\r\nTransfer-Encoding: chunked\r\n\r\n", "1\r\na\r\n", "3;e\r\nabc\r\n");
        assertStopped(random, false, "HTTP/1.1 500 X\r\nTransfer-Encoding: chunked\r\n\r\n", "0");
        assertStopped(random, false, "HTTP/1.1 500 X\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n", "T: 1\r\n");
    }

    private static void assertStopped(Random random, boolean request, String prefix, String... units) {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.writeBytes(latin1(prefix));
        while (stream.size() < 2 * HttpLimits.MAX_BODY_SIZE) {
            stream.writeBytes(latin1(units[random.nextInt(units.length)]));
        }
        byte[] input = stream.toByteArray();
        SecurityError e = assertThrows(SecurityError.class, () -> {
            ByteBuffer in = ByteBuffer.wrap(input).limit(0);
            RequestReader requests = new RequestReader();
            ResponseReader responses = new ResponseReader();
            while (in.limit() < input.length) {
                in.limit(Math.min(input.length, in.limit() + 1 + random.nextInt(5000)));
                if (request) {
                    requests.read(in);
                    check(requests.bufferedBytes(), REQUEST_HELD, 0, input);
                } else {
                    responses.read(in);
                    check(responses.bufferedBytes(), RESPONSE_HELD, 0, input);
                }
            }
        }, prefix);
        assertTrue(e.getMessage().contains("HttpLimits."), e.getMessage());
    }

    /**
     * Feeds {@code input} in random splits; returns the message, or null when the reader rejected
     * the input (with a WebSocketException, after which it must stay failed) or needed more.
     */
    private static <R, M> M run(int iteration, byte[] input, Random random, Supplier<R> factory,
                                BiFunction<R, ByteBuffer, M> read, Function<R, M> eof,
                                ToLongFunction<R> held, long maxHeld) {
        R reader = factory.get();
        ByteBuffer in = ByteBuffer.wrap(input).limit(0);
        try {
            M message = null;
            while (message == null && in.limit() < input.length) {
                int step = random.nextInt(4) == 0 ? input.length : 1 + random.nextInt(random.nextBoolean() ? 3 : 200);
                in.limit((int) Math.min(input.length, (long) in.limit() + step));
                message = read.apply(reader, in);
                check(held.applyAsLong(reader), maxHeld, iteration, input);
            }
            if (message == null) {
                message = eof.apply(reader);
            } else {
                assertTrue(in.position() <= input.length);
            }
            return message;
        } catch (WebSocketException expected) {
            assertThrows(IllegalStateException.class, () -> read.apply(reader, ByteBuffer.wrap(input)));
            assertThrows(IllegalStateException.class, () -> eof.apply(reader));
            return null;
        } catch (RuntimeException e) {
            throw new AssertionError("iteration " + iteration + ": unexpected " + e + " for input " + hex(input), e);
        }
    }

    private static void check(long held, long maxHeld, int iteration, byte[] input) {
        if (held > maxHeld) {
            fail("iteration " + iteration + ": reader holds " + held + " bytes, more than " + maxHeld + " for " + hex(input));
        }
    }

    private static byte[] input(Random random, List<byte[]> seeds) {
        int kind = random.nextInt(10);
        if (kind == 0) {
            byte[] noise = new byte[random.nextInt(400)];
            random.nextBytes(noise);
            return noise;
        }
        if (kind == 1) {
            byte[] noise = new byte[random.nextInt(400)];
            for (int i = 0; i < noise.length; i++) {
                noise[i] = SPECIAL[random.nextInt(SPECIAL.length)];
            }
            return noise;
        }
        byte[] data = seeds.get(random.nextInt(seeds.size()));
        int mutations = 1 + random.nextInt(4);
        for (int m = 0; m < mutations; m++) {
            data = mutate(random, data);
        }
        return data;
    }

    private static byte[] mutate(Random random, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + 16);
        int at = data.length == 0 ? 0 : random.nextInt(data.length + 1);
        switch (random.nextInt(9)) {
            case 0 -> { // flip bits of one byte
                byte[] copy = data.clone();
                if (copy.length > 0) {
                    copy[Math.min(at, copy.length - 1)] ^= (byte) (1 << random.nextInt(8));
                }
                return copy;
            }
            case 1 -> { // replace one byte by a grammar byte
                byte[] copy = data.clone();
                if (copy.length > 0) {
                    copy[Math.min(at, copy.length - 1)] = SPECIAL[random.nextInt(SPECIAL.length)];
                }
                return copy;
            }
            case 2 -> { // insert a few bytes
                out.write(data, 0, at);
                for (int i = 1 + random.nextInt(3); i > 0; i--) {
                    out.write(random.nextBoolean() ? SPECIAL[random.nextInt(SPECIAL.length)] : random.nextInt(256));
                }
                out.write(data, at, data.length - at);
            }
            case 3 -> { // delete a range
                int end = Math.min(data.length, at + 1 + random.nextInt(8));
                out.write(data, 0, at);
                out.write(data, end, data.length - end);
            }
            case 4 -> out.write(data, 0, at); // truncate
            case 5 -> { // duplicate one line, a few times or past the header limit
                List<int[]> lines = lines(data);
                int[] line = lines.get(random.nextInt(lines.size()));
                int copies = random.nextInt(3) == 0 ? HttpLimits.MAX_HEADERS - 2 + random.nextInt(4) : 1 + random.nextInt(3);
                out.write(data, 0, line[1]);
                for (int i = 0; i < copies; i++) {
                    out.write(data, line[0], line[1] - line[0]);
                }
                out.write(data, line[1], data.length - line[1]);
            }
            case 6 -> { // a huge run, around the line or head limit
                int[] sizes = {HttpLimits.MAX_LINE_LENGTH - 20, HttpLimits.MAX_LINE_LENGTH + 1, HttpLimits.MAX_HEAD_SIZE + 1};
                out.write(data, 0, at);
                byte fill = random.nextBoolean() ? (byte) 'a' : SPECIAL[random.nextInt(SPECIAL.length)];
                byte[] run = new byte[sizes[random.nextInt(sizes.length)] + random.nextInt(40)];
                Arrays.fill(run, fill);
                out.writeBytes(run);
                out.write(data, at, data.length - at);
            }
            case 7 -> { // CRLF to LF, or LF to CRLF, once
                for (int i = 0; i < data.length; i++) {
                    if (i >= at && data[i] == '\r' && i + 1 < data.length && data[i + 1] == '\n') {
                        out.write(data, 0, i);
                        out.write(data, i + 1, data.length - i - 1);
                        return out.toByteArray();
                    }
                }
                return data;
            }
            default -> { // append trailing bytes, as frames following the message
                out.writeBytes(data);
                byte[] tail = new byte[random.nextInt(20)];
                random.nextBytes(tail);
                out.writeBytes(tail);
            }
        }
        return out.toByteArray();
    }

    /** Start and end (after its LF) of each line, or of the whole input when it has no LF. */
    private static List<int[]> lines(byte[] data) {
        List<int[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < data.length; i++) {
            if (data[i] == '\n') {
                lines.add(new int[] {start, i + 1});
                start = i + 1;
            }
        }
        if (lines.isEmpty()) {
            lines.add(new int[] {0, data.length});
        }
        return lines;
    }

    private static String hex(byte[] input) {
        String all = HexFormat.of().formatHex(input);
        return all.length() > 2000 ? all.substring(0, 2000) + "... (" + input.length + " bytes)" : all;
    }
}
