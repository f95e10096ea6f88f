package org.websockets4j.bench;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
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
import org.websockets4j.framing.FrameWriter;
import org.websockets4j.framing.MaskKeySource;
import org.websockets4j.framing.Role;

/**
 * Encoding one final data frame: the 16-byte text frame "Hello, websocket" ({@code size=16}) or a
 * 64 KiB binary frame ({@code size=65536}); one op = one frame turned into wire-ready buffers.
 *
 * <ul>
 *   <li>{@code ours_server}: {@code FrameWriter(SERVER).encode(frame, header)} with the same
 *       {@link Frame} and header buffer every op: writes the 2/4-byte header, returns the payload
 *       view (header + payload leave in one gathering write; the payload is not copied).</li>
 *   <li>{@code ours_client}: the same with {@code FrameWriter(CLIENT)} and its default
 *       {@link MaskKeySource#secure()} (SecureRandom DRBG, drawn 1 KiB at a time): writes the 6/8-byte
 *       header with a fresh key and masks the payload in place (so the payload is re-masked every op).</li>
 *   <li>{@code ours_client_tlrKeys}: as {@code ours_client} but keys from {@link ThreadLocalRandom},
 *       the key source Netty uses, to separate key generation from the rest.</li>
 *   <li>{@code netty_call_*}: {@link WebSocket08FrameEncoder#encode} called directly (through a
 *       subclass, with the context of an {@link EmbeddedChannel}) on a reused frame: Netty allocates
 *       an output buffer from the channel's allocator and writes the header; unmasked it then copies
 *       a small payload into it, or (payload over 1 KiB) hands out the payload retained as a second
 *       buffer; masked it always writes the masked payload into that buffer. Outputs are released.</li>
 *   <li>{@code netty_embedded_*}: the same frame written through an {@link EmbeddedChannel}
 *       ({@code writeOutbound} + {@code readOutbound}), i.e. also paying Netty's pipeline, promise and
 *       outbound queue; outputs released.</li>
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
public class EncodeBenchmark {
    @Param({"16", "65536"})
    public int size;

    // --- ours
    private FrameWriter server;
    private FrameWriter client;
    private FrameWriter clientTlr;
    private Frame frame;
    private ByteBuffer header;

    // --- Netty
    private CallableEncoder nettyServer;
    private CallableEncoder nettyClient;
    private ChannelHandlerContext nettyServerContext;
    private ChannelHandlerContext nettyClientContext;
    private EmbeddedChannel nettyServerChannel;
    private EmbeddedChannel nettyClientChannel;
    private EmbeddedChannel nettyServerCallChannel;
    private EmbeddedChannel nettyClientCallChannel;
    private WebSocketFrame nettyFrame;
    private ByteBuf nettyPayload;
    private final List<Object> out = new ArrayList<>(2);

    /** Makes Netty's protected {@code encode} callable. */
    static final class CallableEncoder extends WebSocket08FrameEncoder {
        CallableEncoder(boolean maskPayload) {
            super(maskPayload);
        }

        void encodeNow(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out) throws Exception {
            encode(ctx, frame, out);
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        server = new FrameWriter(Role.SERVER);
        client = new FrameWriter(Role.CLIENT);
        clientTlr = new FrameWriter(Role.CLIENT, () -> ThreadLocalRandom.current().nextInt(), List.of());
        frame = new Frame(true, Payloads.opcode(size), ByteBuffer.wrap(Payloads.payload(size)));
        header = ByteBuffer.allocate(FrameWriter.MAX_HEADER_LENGTH);

        nettyServer = new CallableEncoder(false);
        nettyClient = new CallableEncoder(true);
        nettyServerCallChannel = new EmbeddedChannel(nettyServer);
        nettyClientCallChannel = new EmbeddedChannel(nettyClient);
        nettyServerContext = nettyServerCallChannel.pipeline().context(nettyServer);
        nettyClientContext = nettyClientCallChannel.pipeline().context(nettyClient);
        nettyServerChannel = new EmbeddedChannel(new WebSocket08FrameEncoder(false));
        nettyClientChannel = new EmbeddedChannel(new WebSocket08FrameEncoder(true));
        nettyPayload = Unpooled.wrappedBuffer(Payloads.payload(size));
        nettyFrame = size == Payloads.SMALL_TEXT.length()
                ? new TextWebSocketFrame(nettyPayload)
                : new BinaryWebSocketFrame(nettyPayload);
        NettyInfo.print(nettyServerChannel);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        nettyServerChannel.finishAndReleaseAll();
        nettyClientChannel.finishAndReleaseAll();
        nettyServerCallChannel.finishAndReleaseAll();
        nettyClientCallChannel.finishAndReleaseAll();
        nettyFrame.release();
    }

    // ---------------------------------------------------------------- ours

    @Benchmark
    public ByteBuffer ours_server(Blackhole bh) {
        header.clear();
        ByteBuffer payload = server.encode(frame, header);
        bh.consume(header);
        return payload;
    }

    @Benchmark
    public ByteBuffer ours_client(Blackhole bh) {
        header.clear();
        ByteBuffer payload = client.encode(frame, header);
        bh.consume(header);
        return payload;
    }

    @Benchmark
    public ByteBuffer ours_client_tlrKeys(Blackhole bh) {
        header.clear();
        ByteBuffer payload = clientTlr.encode(frame, header);
        bh.consume(header);
        return payload;
    }

    // ---------------------------------------------------------------- Netty, encode() called directly

    @Benchmark
    public void netty_call_server(Blackhole bh) throws Exception {
        nettyCall(nettyServer, nettyServerContext, bh);
    }

    @Benchmark
    public void netty_call_client(Blackhole bh) throws Exception {
        nettyCall(nettyClient, nettyClientContext, bh);
    }

    private void nettyCall(CallableEncoder encoder, ChannelHandlerContext ctx, Blackhole bh) throws Exception {
        nettyPayload.readerIndex(0); // the small unmasked path reads the payload with writeBytes(data)
        out.clear();
        encoder.encodeNow(ctx, nettyFrame, out);
        for (int i = 0, n = out.size(); i < n; i++) {
            Object buffer = out.get(i);
            bh.consume(buffer);
            ReferenceCountUtil.release(buffer);
        }
    }

    // ---------------------------------------------------------------- Netty through an EmbeddedChannel

    @Benchmark
    public void netty_embedded_server(Blackhole bh) {
        nettyEmbedded(nettyServerChannel, bh);
    }

    @Benchmark
    public void netty_embedded_client(Blackhole bh) {
        nettyEmbedded(nettyClientChannel, bh);
    }

    private void nettyEmbedded(EmbeddedChannel channel, Blackhole bh) {
        nettyPayload.readerIndex(0);
        nettyFrame.retain(); // MessageToMessageEncoder releases the frame after encoding it
        channel.writeOutbound(nettyFrame);
        for (Object buffer; (buffer = channel.readOutbound()) != null; ) {
            bh.consume(buffer);
            ReferenceCountUtil.release(buffer);
        }
    }
}
