package org.websockets4j.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker13;
import io.netty.util.ReferenceCountUtil;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.websockets4j.http.Handshake;
import org.websockets4j.http.Headers;
import org.websockets4j.http.Request;
import org.websockets4j.http.RequestReader;
import org.websockets4j.http.Response;

/**
 * The server side of the opening handshake for one typical browser request ({@link #REQUEST}: what
 * Chromium sends, 13 header fields, 590 bytes, no line over 128 bytes); one op = one request.
 *
 * <ul>
 *   <li>{@code ours_read}: {@code new RequestReader().read(in)}, a new reader per request as a
 *       server makes one per connection; the whole request is in {@code in} (a reused heap
 *       {@link ByteBuffer}, rewound each op).</li>
 *   <li>{@code ours_readCheck}: the same, then {@code Handshake.checkRequest(request.headers())}
 *       (Connection, Upgrade, Sec-WebSocket-Version, Sec-WebSocket-Key).</li>
 *   <li>{@code ours_handshake}: the same, then {@code Handshake.buildResponse(new Headers(), key)}
 *       and {@code new Response(101, "Switching Protocols", headers).serialize()}: the response
 *       bytes. Extension negotiation (permessage-deflate) is not part of it.</li>
 *   <li>{@code netty_decode}: the same bytes through Netty's {@link HttpRequestDecoder} (default
 *       configuration) in an {@link EmbeddedChannel}: {@code writeInbound(in.retain())}, then read the
 *       {@link HttpRequest} and the {@link LastHttpContent}. The decoder is reused from request to
 *       request (Netty's keep-alive path: it resets itself after each message).</li>
 *   <li>{@code netty_decode_newDecoder}: as {@code netty_decode} with a new {@link HttpRequestDecoder}
 *       per request, added to and removed from a reused channel's pipeline (like-for-like with
 *       {@code ours_read}'s new reader; includes the pipeline add/remove).</li>
 *   <li>{@code netty_handshake}: a Netty server's handshake, for scale: the request through a
 *       reused {@code HttpRequestDecoder} + {@link HttpObjectAggregator} (a {@link FullHttpRequest},
 *       as {@code WebSocketServerProtocolHandler} needs), the version check the handshaker factory
 *       makes, a new {@link WebSocketServerHandshaker13} (as the protocol handler makes per request)
 *       and its {@code newHandshakeResponse}, then the response through an
 *       {@link HttpResponseEncoder} into a {@link ByteBuf}. Netty checks less than
 *       {@code checkRequest} (not the key's format) and does not modify the pipeline here.</li>
 * </ul>
 *
 * <p>The trial setup checks every variant: 13 fields read, the RFC 6455 sample accept value
 * {@code s3pPLMBiTxaQ9kYGzzhZRbK+xOo=} in the response.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
// Netty at its best, as in EncodeBenchmark and DecodeBenchmark.
@Fork(value = 1, jvmArgsAppend = "--sun-misc-unsafe-memory-access=allow")
@State(Scope.Thread)
public class HandshakeBenchmark {
    /** A WebSocket handshake request as Chromium 131 sends it (field order included); the RFC 6455 sample key. */
    static final String REQUEST = "GET /chat HTTP/1.1\r\n"
            + "Host: example.com\r\n"
            + "Connection: Upgrade\r\n"
            + "Pragma: no-cache\r\n"
            + "Cache-Control: no-cache\r\n"
            + "User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"
            + " Chrome/131.0.0.0 Safari/537.36\r\n"
            + "Upgrade: websocket\r\n"
            + "Origin: https://example.com\r\n"
            + "Sec-WebSocket-Version: 13\r\n"
            + "Accept-Encoding: gzip, deflate, br, zstd\r\n"
            + "Accept-Language: en-US,en;q=0.9,fr;q=0.8\r\n"
            + "Cookie: session=3f9a1c0e7b2d4a6f8e1c5b9d0a7f3e2c; theme=dark; _ga=GA1.1.1234567890.1732540000\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
            + "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n"
            + "\r\n";

    static final int FIELDS = 13;
    static final String ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

    private byte[] bytes;

    // --- ours
    private ByteBuffer in;

    // --- Netty
    private ByteBuf nettyIn;
    private EmbeddedChannel decoderChannel;
    private EmbeddedChannel emptyChannel;
    private EmbeddedChannel aggregatorChannel;
    private EmbeddedChannel encoderChannel;
    private final List<Object> decoded = new ArrayList<>(2);

    /** Makes Netty's protected {@code newHandshakeResponse} callable. */
    static final class CallableHandshaker extends WebSocketServerHandshaker13 {
        CallableHandshaker(String location) {
            super(location, null, false, 65536);
        }

        FullHttpResponse respond(FullHttpRequest request) {
            return newHandshakeResponse(request, null);
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        bytes = REQUEST.getBytes(StandardCharsets.ISO_8859_1);
        if (bytes.length != 590) {
            throw new AssertionError("the class comment says 590 bytes, the request has " + bytes.length);
        }
        in = ByteBuffer.wrap(bytes);
        nettyIn = Unpooled.wrappedBuffer(bytes);
        decoderChannel = new EmbeddedChannel(new HttpRequestDecoder());
        emptyChannel = new EmbeddedChannel();
        aggregatorChannel = new EmbeddedChannel(new HttpRequestDecoder(), new HttpObjectAggregator(65536));
        encoderChannel = new EmbeddedChannel(new HttpResponseEncoder());
        NettyInfo.print(decoderChannel);
        System.out.println("[handshake] request of " + bytes.length + " bytes, " + FIELDS + " header fields");
        check();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        decoderChannel.finishAndReleaseAll();
        emptyChannel.finishAndReleaseAll();
        aggregatorChannel.finishAndReleaseAll();
        encoderChannel.finishAndReleaseAll();
        nettyIn.release();
    }

    /** Every variant must read the whole request and answer it correctly; run twice to check reuse. */
    private void check() {
        for (int round = 0; round < 2; round++) {
            Request request = ours_read();
            if (request.headers().size() != FIELDS || !request.path().equals("/chat") || in.hasRemaining()) {
                throw new AssertionError("ours_read: " + request);
            }
            if (!ours_readCheck().equals("dGhlIHNhbXBsZSBub25jZQ==")) {
                throw new AssertionError("ours_readCheck");
            }
            String response = new String(ours_handshake(), StandardCharsets.ISO_8859_1);
            String expected = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + ACCEPT + "\r\n\r\n";
            if (!response.equals(expected)) {
                throw new AssertionError("ours_handshake: " + response);
            }

            checkNettyDecode(() -> nettyDecode(decoderChannel, null));
            checkNettyDecode(() -> {
                HttpRequestDecoder decoder = new HttpRequestDecoder();
                emptyChannel.pipeline().addLast(decoder);
                nettyDecode(emptyChannel, null);
                emptyChannel.pipeline().remove(decoder);
            });
            if (emptyChannel.pipeline().first() != null) {
                throw new AssertionError("netty_decode_newDecoder left a handler");
            }

            decoded.clear();
            nettyHandshake(null);
            StringBuilder text = new StringBuilder();
            for (Object buffer : decoded) {
                text.append(((ByteBuf) buffer).toString(StandardCharsets.ISO_8859_1));
                ReferenceCountUtil.release(buffer);
            }
            decoded.clear();
            String nettyResponse = text.toString();
            if (!nettyResponse.startsWith("HTTP/1.1 101 Switching Protocols\r\n")
                    || !nettyResponse.toLowerCase(Locale.ROOT).contains("sec-websocket-accept: " + ACCEPT.toLowerCase() + "\r\n")
                    || !nettyResponse.endsWith("\r\n\r\n")) {
                throw new AssertionError("netty_handshake: " + nettyResponse);
            }
        }
    }

    private void checkNettyDecode(Runnable decode) {
        decoded.clear();
        decode.run();
        try {
            if (decoded.size() != 2 || !(decoded.get(0) instanceof HttpRequest request)
                    || !request.decoderResult().isSuccess() || request.headers().size() != FIELDS
                    || !(decoded.get(1) instanceof LastHttpContent) || nettyIn.isReadable()) {
                throw new AssertionError("netty decode: " + decoded);
            }
        } finally {
            decoded.forEach(ReferenceCountUtil::release);
            decoded.clear();
        }
    }

    // ---------------------------------------------------------------- ours

    @Benchmark
    public Request ours_read() {
        return new RequestReader().read(in.clear());
    }

    @Benchmark
    public String ours_readCheck() {
        Request request = new RequestReader().read(in.clear());
        return Handshake.checkRequest(request.headers());
    }

    @Benchmark
    public byte[] ours_handshake() {
        Request request = new RequestReader().read(in.clear());
        String key = Handshake.checkRequest(request.headers());
        Headers headers = new Headers();
        Handshake.buildResponse(headers, key);
        return new Response(101, "Switching Protocols", headers).serialize();
    }

    // ---------------------------------------------------------------- Netty

    @Benchmark
    public void netty_decode(Blackhole bh) {
        nettyDecode(decoderChannel, bh);
    }

    @Benchmark
    public void netty_decode_newDecoder(Blackhole bh) {
        HttpRequestDecoder decoder = new HttpRequestDecoder();
        ChannelPipeline pipeline = emptyChannel.pipeline();
        pipeline.addLast(decoder);
        nettyDecode(emptyChannel, bh);
        pipeline.remove(decoder);
    }

    /** Writes the request into the channel and drains what comes out (into {@link #decoded} when {@code bh} is null). */
    private void nettyDecode(EmbeddedChannel channel, Blackhole bh) {
        nettyIn.readerIndex(0);
        channel.writeInbound(nettyIn.retain()); // the decoder releases it once read
        for (Object message; (message = channel.readInbound()) != null; ) {
            if (bh == null) {
                decoded.add(message);
            } else {
                bh.consume(message);
                ReferenceCountUtil.release(message);
            }
        }
    }

    @Benchmark
    public void netty_handshake(Blackhole bh) {
        nettyHandshake(bh);
    }

    /** One handshake; the response buffers are drained as in {@link #nettyDecode}. */
    private void nettyHandshake(Blackhole bh) {
        nettyIn.readerIndex(0);
        aggregatorChannel.writeInbound(nettyIn.retain());
        FullHttpRequest request = aggregatorChannel.readInbound();
        try {
            // WebSocketServerHandshakerFactory.newHandshaker: the version decides the handshaker.
            if (!"13".equals(request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_VERSION))) {
                throw new AssertionError("version");
            }
            // WebSocketServerProtocolHandshakeHandler: ws:// + Host + path, a new handshaker per request.
            String location = "ws://" + request.headers().get(HttpHeaderNames.HOST) + request.uri();
            FullHttpResponse response = new CallableHandshaker(location).respond(request);
            encoderChannel.writeOutbound(response);
        } finally {
            request.release();
        }
        for (Object buffer; (buffer = encoderChannel.readOutbound()) != null; ) {
            if (bh == null) {
                decoded.add(buffer);
            } else {
                bh.consume(buffer);
                ReferenceCountUtil.release(buffer);
            }
        }
    }
}
