package org.websockets4j.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.util.Version;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Netty's WebSocket client over one connection, for {@link ClientBench}: the two measurements
 * made of the other clients, written as a Netty user would write them for speed (NIO transport,
 * {@code TCP_NODELAY}, no compression, pooled buffers).
 *
 * <p>Unlike the other two clients, which are driven from the caller thread through their blocking
 * or future-returning APIs, both measurements here run inside the event loop: each echo's
 * {@code channelRead} records its sample and sends the next message, with no thread hand-off. That
 * is Netty's natural style; the caller thread only starts a measurement and waits for its end.
 */
final class NettyEchoClient implements AutoCloseable {
    /** The name the results are printed under: Netty's exact version when its jar says it. */
    static final String NAME = name();

    private final Channel channel;
    private final Driver driver;

    private NettyEchoClient(Channel channel, Driver driver) {
        this.channel = channel;
        this.driver = driver;
    }

    /**
     * The result of a round-trip measurement.
     *
     * @param count        how many round trips were made (the samples filled)
     * @param elapsedNanos how long they took together
     */
    record RoundTrip(int count, long elapsedNanos) {
    }

    /**
     * Connects and completes the opening handshake.
     *
     * @param group   the event loop group the connection is served by
     * @param uri     the echo server's {@code ws://} URI
     * @param payload the text message that every measurement sends
     * @return the connected client
     * @throws Exception when the connection or the handshake fails, or takes over 10 s
     */
    static NettyEchoClient connect(EventLoopGroup group, URI uri, String payload) throws Exception {
        if (!"ws".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("the Netty client is set up for plain ws:// only: " + uri);
        }
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder().webSocketUri(uri)
                .version(WebSocketVersion.V13).allowExtensions(false).build();
        Driver driver = new Driver(payload);
        Channel channel = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(8192),
                                new WebSocketClientProtocolHandler(config), driver);
                    }
                })
                .connect(uri.getHost(), uri.getPort() == -1 ? 80 : uri.getPort()).sync().channel();
        try {
            driver.handshake.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | InterruptedException e) {
            channel.close();
            throw e;
        }
        return new NettyEchoClient(channel, driver);
    }

    /**
     * Sends one message at a time for {@code nanos}, each once the previous one came back.
     *
     * @param samples where each round trip's duration in ns is stored; its length caps the count
     * @param nanos   how long to go on
     * @return how many round trips were made, and in how long
     * @throws Exception when the connection fails
     */
    RoundTrip roundTrip(long[] samples, long nanos) throws Exception {
        return run(new RoundTrips(samples, nanos), nanos);
    }

    /**
     * Keeps {@code window} messages in flight for {@code nanos}, then waits for the outstanding
     * echoes.
     *
     * @param nanos  how long to go on sending
     * @param window how many messages are in flight
     * @return the echoes received per second, from the first send to the last echo
     * @throws Exception when the connection fails
     */
    long pipelined(long nanos, int window) throws Exception {
        return run(new Pipelined(nanos, window), nanos);
    }

    private <T> T run(Measurement<T> measurement, long nanos) throws Exception {
        channel.eventLoop().execute(() -> driver.start(measurement));
        return measurement.done.get(nanos + TimeUnit.SECONDS.toNanos(30), TimeUnit.NANOSECONDS);
    }

    /** Sends a normal closure and waits up to 5 s for the server to close the connection. */
    @Override
    public void close() throws InterruptedException {
        // The protocol handler closes the channel when the server's close frame comes back.
        channel.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE));
        if (!channel.closeFuture().await(5, TimeUnit.SECONDS)) {
            channel.close().await();
        }
    }

    private static String name() {
        Version version = Version.identify().get("netty-codec-http");
        return version == null ? "Netty 4.2" : "Netty " + version.artifactVersion();
    }

    /** One measurement; every method runs on the event loop. */
    private abstract static class Measurement<T> {
        final CompletableFuture<T> done = new CompletableFuture<>();

        abstract void begin(ChannelHandlerContext ctx, Driver driver);

        abstract void echoed(ChannelHandlerContext ctx, Driver driver);

        void readComplete(ChannelHandlerContext ctx) {
        }
    }

    private static final class RoundTrips extends Measurement<RoundTrip> {
        private final long[] samples;
        private final long nanos;
        private int count;
        private long start;
        private long end;
        private long sentAt;

        RoundTrips(long[] samples, long nanos) {
            this.samples = samples;
            this.nanos = nanos;
        }

        @Override
        void begin(ChannelHandlerContext ctx, Driver driver) {
            start = System.nanoTime();
            end = start + nanos;
            send(ctx, driver);
        }

        private void send(ChannelHandlerContext ctx, Driver driver) {
            sentAt = System.nanoTime();
            // Flushed at once rather than at channelReadComplete: with one message in flight
            // there is no batch to gather, and waiting would only add latency.
            ctx.writeAndFlush(driver.frame(), ctx.voidPromise());
        }

        @Override
        void echoed(ChannelHandlerContext ctx, Driver driver) {
            long now = System.nanoTime();
            samples[count++] = now - sentAt;
            if (now < end && count < samples.length) {
                send(ctx, driver);
            } else {
                done.complete(new RoundTrip(count, now - start));
            }
        }
    }

    private static final class Pipelined extends Measurement<Long> {
        private final long nanos;
        private final int window;
        private long start;
        private long end;
        private long sent;
        private long received;
        private boolean sending = true;
        private boolean unflushed;

        Pipelined(long nanos, int window) {
            this.nanos = nanos;
            this.window = window;
        }

        @Override
        void begin(ChannelHandlerContext ctx, Driver driver) {
            start = System.nanoTime();
            end = start + nanos;
            for (int i = 0; i < window; i++) {
                ctx.write(driver.frame(), ctx.voidPromise());
            }
            sent = window;
            ctx.flush();
        }

        @Override
        void echoed(ChannelHandlerContext ctx, Driver driver) {
            received++;
            if (sending) {
                if (System.nanoTime() < end) {
                    ctx.write(driver.frame(), ctx.voidPromise());
                    sent++;
                    // One flush (one write syscall) for all the echoes of this read.
                    unflushed = true;
                } else {
                    sending = false;
                }
            }
            // Every message sent has come back, so nothing written is left unflushed.
            if (!sending && received == sent) {
                done.complete(received * 1_000_000_000L / (System.nanoTime() - start));
            }
        }

        @Override
        void readComplete(ChannelHandlerContext ctx) {
            if (unflushed) {
                unflushed = false;
                ctx.flush();
            }
        }
    }

    /** The last handler of the pipeline: hands each echo to the running measurement. */
    private static final class Driver extends SimpleChannelInboundHandler<TextWebSocketFrame> {
        final CompletableFuture<Void> handshake = new CompletableFuture<>();
        private final String payload;
        private ChannelHandlerContext ctx;
        private Measurement<?> current;

        Driver(String payload) {
            this.payload = payload;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            this.ctx = ctx;
        }

        void start(Measurement<?> measurement) {
            if (current != null) {
                measurement.done.completeExceptionally(new IllegalStateException("a measurement is running"));
                return;
            }
            current = measurement;
            measurement.begin(ctx, this);
            finishIfDone();
        }

        TextWebSocketFrame frame() {
            // Encoded for each message, as the other two clients encode the String they are
            // given; into a pooled buffer, which the encoder releases once written.
            return new TextWebSocketFrame(ByteBufUtil.writeUtf8(ctx.alloc(), payload));
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
            // Decoded because the other two clients hand the application a String; checking it
            // keeps the decoding from being optimised away.
            if (frame.text().length() != payload.length()) {
                throw new IllegalStateException("not an echo of the message sent");
            }
            if (current == null) {
                throw new IllegalStateException("a message came with no measurement running");
            }
            current.echoed(ctx, this);
            finishIfDone();
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            if (current != null) {
                current.readComplete(ctx);
            }
        }

        private void finishIfDone() {
            if (current != null && current.done.isDone()) {
                current = null;
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                handshake.complete(null);
            } else if (evt == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
                handshake.completeExceptionally(new TimeoutException("opening handshake timed out"));
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            fail(new IOException("connection closed"));
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            fail(cause);
            ctx.close();
        }

        private void fail(Throwable cause) {
            handshake.completeExceptionally(cause);
            if (current != null) {
                current.done.completeExceptionally(cause);
                current = null;
            }
        }
    }
}
