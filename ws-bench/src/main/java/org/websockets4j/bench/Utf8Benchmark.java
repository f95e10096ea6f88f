package org.websockets4j.bench;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.websockets4j.framing.Utf8Validator;

/**
 * Strict UTF-8 validation of one whole text message; one op = one message.
 *
 * <p>Texts ({@code text} parameter): {@code ascii} is English prose (all bytes below 0x80);
 * {@code mixed} interleaves French/German accents (2-byte), Greek (2-byte), Chinese/Japanese (3-byte)
 * and emoji (4-byte) with ASCII. {@code 1k} and {@code 64k} are 1024 and 65536 bytes (cut at the
 * first character boundary at or after that size, so a mixed text may be up to 3 bytes longer).
 *
 * <ul>
 *   <li>{@code ours_validator}: {@code update(bytes, 0, n)} + {@code finish()} on a reused
 *       {@link Utf8Validator}; validates only.</li>
 *   <li>{@code jdk_decoder}: a reused strict {@link CharsetDecoder} ({@code REPORT} on malformed and
 *       unmappable input) decoding into a reused {@link CharBuffer}: {@code reset, decode(in, out, true),
 *       flush}; validates and also produces the UTF-16 chars.</li>
 *   <li>{@code jdk_newString}: {@code new String(bytes, UTF_8)}; not a validator (it replaces
 *       malformed input with U+FFFD instead of reporting it), shown for scale.</li>
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class Utf8Benchmark {
    @Param({"ascii_1k", "mixed_1k", "ascii_64k", "mixed_64k"})
    public String text;

    private byte[] bytes;
    private ByteBuffer in;
    private Utf8Validator validator;
    private CharsetDecoder decoder;
    private CharBuffer chars;

    @Setup
    public void setUp() {
        String sample = text.startsWith("ascii") ? Payloads.ASCII_SAMPLE : Payloads.MIXED_SAMPLE;
        int size = text.endsWith("64k") ? 65536 : 1024;
        bytes = Payloads.utf8Text(sample, size);
        in = ByteBuffer.wrap(bytes);
        validator = new Utf8Validator();
        decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        chars = CharBuffer.allocate(bytes.length);
        String decoded = new String(bytes, StandardCharsets.UTF_8);
        System.out.println("[utf8] " + text + ": " + bytes.length + " bytes, "
                + decoded.codePointCount(0, decoded.length()) + " code points");
        // The inputs are valid: every variant must accept them.
        validator.update(bytes, 0, bytes.length);
        validator.finish();
        if (jdk_decoder() != bytes.length) {
            throw new AssertionError("the JDK decoder did not consume the whole text");
        }
    }

    @Benchmark
    public Utf8Validator ours_validator() {
        Utf8Validator v = validator;
        v.update(bytes, 0, bytes.length);
        v.finish();
        return v;
    }

    @Benchmark
    public int jdk_decoder() {
        ByteBuffer source = in.clear();
        CharBuffer target = chars.clear();
        CharsetDecoder d = decoder.reset();
        CoderResult result = d.decode(source, target, true);
        if (!result.isUnderflow()) {
            throw new AssertionError(result.toString());
        }
        result = d.flush(target);
        if (!result.isUnderflow()) {
            throw new AssertionError(result.toString());
        }
        return source.position();
    }

    @Benchmark
    public void jdk_newString(Blackhole bh) {
        bh.consume(new String(bytes, StandardCharsets.UTF_8));
    }
}
