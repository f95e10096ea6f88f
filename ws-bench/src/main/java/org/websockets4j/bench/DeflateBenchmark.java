package org.websockets4j.bench;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionData;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketServerExtension;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateServerExtensionHandshaker;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.websockets4j.extensions.permessagedeflate.CompressionSettings;
import org.websockets4j.extensions.permessagedeflate.PerMessageDeflate;
import org.websockets4j.framing.Frame;
import org.websockets4j.framing.Opcode;

/**
 * permessage-deflate, one op = one whole message of {@code size} bytes of {@code kind} ("text"
 * English-like words, "json" small records), compressed at level 6 with SYNC_FLUSH (the tail
 * removed) or decompressed; the score is microseconds per message.
 *
 * <ul>
 *   <li>{@code compress_ours_pooled_w15}: {@link PerMessageDeflate#encode} with threshold 0 (so
 *       that 64 B is compressed too) and a 15-bit window: context takeover, a deflater borrowed from
 *       the pool per frame and loaded with up to 32 KiB of history as its dictionary.</li>
 *   <li>{@code compress_ours_dedicated_w15}: the same with a dedicated deflater kept per connection
 *       (streams on, no dictionary to load).</li>
 *   <li>{@code compress_ours_pooled_w12} / {@code _w9}: a 12-bit (the default of
 *       {@code CompressionSettings}, and Python's request) or 9-bit window honoured by chunking, pooled.</li>
 *   <li>{@code compress_ours_dedicated_w12}: a 12-bit window with a dedicated deflater (always warm).</li>
 *   <li>{@code compress_ours_pooled_w12_x4}: four default connections taking turns on the shared
 *       pool, one op = one message of one of them (warm only if each gets its own deflater back).</li>
 *   <li>{@code compress_ours_nocontext_w15}: no context takeover, pooled (nothing kept between messages);
 *       a writable payload, so that the broadcast cache ({@code SharedCompression}) is not hit.</li>
 *   <li>{@code compress_jdk_deflater}: a {@link Deflater} kept across messages, {@code deflate(SYNC_FLUSH)}
 *       into a reused array: the floor any JDK-based implementation pays.</li>
 *   <li>{@code compress_netty}: Netty 4.2's permessage-deflate encoder (server side, defaults: window
 *       15, context takeover) in an {@link EmbeddedChannel}; outputs released.</li>
 *   <li>{@code decompress_ours} / {@code decompress_jdk_inflater}: one message compressed without
 *       context, inflated by {@link PerMessageDeflate#decode} (no context takeover: an inflater borrowed
 *       per message) or by a reused {@link Inflater} reset per message into a reused array.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class DeflateBenchmark {
    private static final byte[] TAIL = {0, 0, (byte) 0xff, (byte) 0xff};

    @Param({"64", "1024", "65536"})
    public int size;

    @Param({"text", "json"})
    public String kind;

    private byte[] message;
    private Frame frame;
    /** A writable payload: a read-only one without context takeover would hit the broadcast cache. */
    private Frame writableFrame;
    private PerMessageDeflate pooled15;
    private PerMessageDeflate dedicated15;
    private PerMessageDeflate pooled12;
    private PerMessageDeflate pooled9;
    private PerMessageDeflate dedicated12;
    private PerMessageDeflate[] turns;
    private int turn;
    private PerMessageDeflate noContext15;
    private PerMessageDeflate receiver;
    private Frame compressedFrame;
    private Deflater deflater;
    private Inflater inflater;
    private byte[] out;
    private byte[] compressedWithTail;
    private EmbeddedChannel netty;

    @Setup
    public void setup() {
        message = DeflatePayloads.of(kind, size);
        frame = new Frame(true, Opcode.TEXT, ByteBuffer.wrap(message).asReadOnlyBuffer());
        writableFrame = new Frame(true, Opcode.TEXT, ByteBuffer.wrap(message));
        CompressionSettings always = CompressionSettings.builder().threshold(0).windowBits(15).build();
        CompressionSettings dedicated = always.toBuilder().dedicatedDeflater(true).build();
        pooled15 = new PerMessageDeflate(false, false, 15, 15, always);
        dedicated15 = new PerMessageDeflate(false, false, 15, 15, dedicated);
        pooled12 = new PerMessageDeflate(false, false, 15, 12, always);
        pooled9 = new PerMessageDeflate(false, false, 15, 9, always);
        dedicated12 = new PerMessageDeflate(false, false, 15, 12, dedicated);
        turns = new PerMessageDeflate[4];
        for (int i = 0; i < turns.length; i++) {
            turns[i] = new PerMessageDeflate(false, false, 15, 12, always);
        }
        noContext15 = new PerMessageDeflate(false, true, 15, 15, always);
        PerMessageDeflate sender = new PerMessageDeflate(false, true, 15, 15, always);
        compressedFrame = sender.encode(frame);
        sender.release();
        receiver = new PerMessageDeflate(true, false, 15, 15, always);
        byte[] compressed = compressedFrame.payloadBytes();
        compressedWithTail = new byte[compressed.length + 4];
        System.arraycopy(compressed, 0, compressedWithTail, 0, compressed.length);
        System.arraycopy(TAIL, 0, compressedWithTail, compressed.length, 4);
        deflater = new Deflater(6, true);
        inflater = new Inflater(true);
        out = new byte[size * 2 + 1024];
        WebSocketServerExtension extension = new PerMessageDeflateServerExtensionHandshaker()
                .handshakeExtension(new WebSocketExtensionData("permessage-deflate", Map.of()));
        netty = new EmbeddedChannel(extension.newExtensionEncoder());
    }

    @TearDown
    public void tearDown() {
        for (PerMessageDeflate extension : new PerMessageDeflate[] {pooled15, dedicated15, pooled12, pooled9, noContext15, receiver, dedicated12}) {
            extension.release();
        }
        for (PerMessageDeflate extension : turns) {
            extension.release();
        }
        deflater.end();
        inflater.end();
        netty.finishAndReleaseAll();
    }

    @Benchmark
    public Frame compress_ours_pooled_w15() {
        return pooled15.encode(frame);
    }

    @Benchmark
    public Frame compress_ours_dedicated_w15() {
        return dedicated15.encode(frame);
    }

    @Benchmark
    public Frame compress_ours_pooled_w12() {
        return pooled12.encode(frame);
    }

    @Benchmark
    public Frame compress_ours_dedicated_w12() {
        return dedicated12.encode(frame);
    }

    @Benchmark
    public Frame compress_ours_pooled_w12_x4() {
        turn = (turn + 1) & 3;
        return turns[turn].encode(frame);
    }

    @Benchmark
    public Frame compress_ours_pooled_w9() {
        return pooled9.encode(frame);
    }

    @Benchmark
    public Frame compress_ours_nocontext_w15() {
        return noContext15.encode(writableFrame);
    }

    @Benchmark
    public int compress_jdk_deflater() {
        deflater.setInput(message);
        int n = deflater.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
        return n - 4;
    }

    @Benchmark
    public int compress_netty() {
        netty.writeOutbound(new TextWebSocketFrame(Unpooled.wrappedBuffer(message)));
        WebSocketFrame compressed = netty.readOutbound();
        ByteBuf content = compressed.content();
        int n = content.readableBytes();
        compressed.release();
        return n;
    }

    @Benchmark
    public Frame decompress_ours() {
        return receiver.decode(compressedFrame, Long.MAX_VALUE);
    }

    @Benchmark
    public int decompress_jdk_inflater() throws DataFormatException {
        inflater.reset();
        inflater.setInput(compressedWithTail);
        return inflater.inflate(out);
    }
}
