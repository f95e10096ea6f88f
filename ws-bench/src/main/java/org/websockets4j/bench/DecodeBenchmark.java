package org.websockets4j.bench;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.websockets4j.framing.Frame;
import org.websockets4j.framing.FrameReader;
import org.websockets4j.framing.Role;

/**
 * Decoding one masked client frame as a server: the 16-byte text frame "Hello, websocket"
 * ({@code size=16}, 22 wire bytes) or a 64 KiB binary frame ({@code size=65536}, 65544 wire bytes).
 *
 * <p>Every op, for every variant: (1) copy the masked wire bytes from a template into the reused
 * input buffer (ours: {@code ByteBuffer.clear().put(template).flip()}; Netty:
 * {@code ByteBuf.clear().writeBytes(template)}), (2) decode one frame from it (parse the header,
 * deliver the unmasked payload), (3) consume the payload's first and last byte, (4) Netty only:
 * release the frame. The copy is needed because ours unmasks in place; Netty pays the same copy.
 *
 * <ul>
 *   <li>{@code ours_heap} / {@code ours_direct}: {@code new FrameReader(SERVER, 16 MiB, no extensions).read(in)}
 *       with a heap / direct input buffer; the payload is unmasked in place and returned as a view.</li>
 *   <li>{@code netty_call_heap} / {@code netty_call_direct}: {@link WebSocket08FrameDecoder#decode}
 *       ({@code expectMaskedFrames=true, allowExtensions=false, maxFramePayloadLength=16 MiB}) called
 *       directly (through a subclass, with the context of an {@link EmbeddedChannel}) on a heap /
 *       direct input buffer; Netty copies the payload into a buffer from the channel's allocator and
 *       unmasks it there.</li>
 *   <li>{@code netty_embedded_heap} / {@code netty_embedded_direct}: the same decoder in an
 *       {@link EmbeddedChannel}: {@code writeInbound(input.retain())} then {@code readInbound()},
 *       i.e. also paying ByteToMessageDecoder's cumulation logic and the pipeline.</li>
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
// Netty 4.2 turns its sun.misc.Unsafe fast paths off by default on Java 25+ unless this flag is
// given; the comparison is made against Netty at its best. (Override from the command line with
// -jvmArgsAppend -Dio.netty.noUnsafe=true to see Netty's default on Java 25.)
@Fork(value = 1, jvmArgsAppend = "--sun-misc-unsafe-memory-access=allow")
@State(Scope.Thread)
public class DecodeBenchmark {
    private static final int MAX_PAYLOAD = 16 * 1024 * 1024;

    @Param({"16", "65536"})
    public int size;

    private byte[] template;

    // --- ours
    private FrameReader reader;
    private ByteBuffer heapIn;
    private ByteBuffer directIn;

    // --- Netty
    private CallableDecoder callDecoder;
    private ChannelHandlerContext callContext;
    private EmbeddedChannel callChannel;
    private EmbeddedChannel embeddedChannel;
    private ByteBuf nettyHeapIn;
    private ByteBuf nettyDirectIn;
    private final List<Object> out = new ArrayList<>(1);

    /** Makes Netty's protected {@code decode} callable. */
    static final class CallableDecoder extends WebSocket08FrameDecoder {
        CallableDecoder() {
            super(true, false, MAX_PAYLOAD);
        }

        void decodeNow(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
            decode(ctx, in, out);
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        template = Payloads.maskedFrame(size);
        reader = new FrameReader(Role.SERVER, MAX_PAYLOAD, List.of());
        heapIn = ByteBuffer.allocate(template.length);
        directIn = ByteBuffer.allocateDirect(template.length);

        callDecoder = new CallableDecoder();
        callChannel = new EmbeddedChannel(callDecoder);
        callContext = callChannel.pipeline().context(callDecoder);
        embeddedChannel = new EmbeddedChannel(new WebSocket08FrameDecoder(true, false, MAX_PAYLOAD));
        nettyHeapIn = embeddedChannel.alloc().heapBuffer(template.length);
        nettyDirectIn = embeddedChannel.alloc().directBuffer(template.length);
        NettyInfo.print(embeddedChannel);
        verify();
    }

    /** Fails the trial unless every variant yields the expected payload. */
    private void verify() throws Exception {
        byte[] expected = Payloads.payload(size);
        check("ours_heap", ours(heapIn), expected);
        check("ours_direct", ours(directIn), expected);
        for (ByteBuf in : new ByteBuf[] {nettyHeapIn, nettyDirectIn}) {
            WebSocketFrame frame = nettyCall(in);
            check("netty_call", ByteBufUtil.getBytes(frame.content()), expected);
            frame.release();
            frame = nettyEmbedded(in);
            check("netty_embedded", ByteBufUtil.getBytes(frame.content()), expected);
            frame.release();
            if (in.refCnt() != 1) {
                throw new AssertionError("input buffer leaked or over-released: refCnt=" + in.refCnt());
            }
        }
    }

    private static void check(String variant, Object actual, byte[] expected) {
        byte[] bytes = actual instanceof Frame frame ? frame.payloadBytes() : (byte[]) actual;
        if (!Arrays.equals(bytes, expected)) {
            throw new AssertionError(variant + " decoded the wrong payload");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        nettyHeapIn.release();
        nettyDirectIn.release();
        callChannel.finishAndReleaseAll();
        embeddedChannel.finishAndReleaseAll();
    }

    // ---------------------------------------------------------------- ours

    private Frame ours(ByteBuffer in) {
        in.clear();
        in.put(template).flip();
        return reader.read(in);
    }

    @Benchmark
    public void ours_heap(Blackhole bh) {
        consume(ours(heapIn), bh);
    }

    @Benchmark
    public void ours_direct(Blackhole bh) {
        consume(ours(directIn), bh);
    }

    private static void consume(Frame frame, Blackhole bh) {
        ByteBuffer payload = frame.payload();
        bh.consume(payload.get(payload.position()));
        bh.consume(payload.get(payload.limit() - 1));
    }

    // ---------------------------------------------------------------- Netty, decode() called directly

    private WebSocketFrame nettyCall(ByteBuf in) throws Exception {
        in.clear().writeBytes(template);
        out.clear();
        callDecoder.decodeNow(callContext, in, out);
        return (WebSocketFrame) out.get(0);
    }

    @Benchmark
    public void netty_call_heap(Blackhole bh) throws Exception {
        consume(nettyCall(nettyHeapIn), bh);
    }

    @Benchmark
    public void netty_call_direct(Blackhole bh) throws Exception {
        consume(nettyCall(nettyDirectIn), bh);
    }

    // ---------------------------------------------------------------- Netty through an EmbeddedChannel

    private WebSocketFrame nettyEmbedded(ByteBuf in) {
        in.clear().writeBytes(template);
        in.retain(); // ByteToMessageDecoder releases its cumulation (this buffer) once fully read
        embeddedChannel.writeInbound(in);
        return embeddedChannel.readInbound();
    }

    @Benchmark
    public void netty_embedded_heap(Blackhole bh) {
        consume(nettyEmbedded(nettyHeapIn), bh);
    }

    @Benchmark
    public void netty_embedded_direct(Blackhole bh) {
        consume(nettyEmbedded(nettyDirectIn), bh);
    }

    private static void consume(WebSocketFrame frame, Blackhole bh) {
        ByteBuf payload = frame.content();
        bh.consume(payload.getByte(payload.readerIndex()));
        bh.consume(payload.getByte(payload.writerIndex() - 1));
        frame.release();
    }
}
