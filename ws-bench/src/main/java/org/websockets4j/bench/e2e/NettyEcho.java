package org.websockets4j.bench.e2e;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketServerCompressionHandler;
import java.net.InetSocketAddress;

/**
 * Netty 4.2's echo server, the usual pipeline: HTTP codec, aggregator, compression handler (deflate
 * on only; its defaults), protocol handler (handshake, control frames, 64 KiB max frame), echo.
 * NIO transport, default event-loop count (2 x cores), default allocator.
 */
final class NettyEcho {
    private NettyEcho() {
    }

    /** Starts it on 127.0.0.1, an ephemeral port. */
    static EchoServer start(boolean deflate) throws InterruptedException {
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(0, NioIoHandler.newFactory());
        Channel channel = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ChannelPipeline p = ch.pipeline();
                        p.addLast(new HttpServerCodec());
                        p.addLast(new HttpObjectAggregator(65536));
                        if (deflate) {
                            p.addLast(new WebSocketServerCompressionHandler());
                        }
                        p.addLast(new WebSocketServerProtocolHandler("/", null, true));
                        p.addLast(new Echo());
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
        int port = ((InetSocketAddress) channel.localAddress()).getPort();
        return new EchoServer(port, () -> {
            channel.close().sync();
            boss.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).sync();
        });
    }

    /** Echoes data frames as new frames (so the compression encoder treats them as fresh messages). */
    private static final class Echo extends SimpleChannelInboundHandler<WebSocketFrame> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            if (frame instanceof TextWebSocketFrame) {
                ctx.writeAndFlush(new TextWebSocketFrame(frame.content().retain()));
            } else if (frame instanceof BinaryWebSocketFrame) {
                ctx.writeAndFlush(new BinaryWebSocketFrame(frame.content().retain()));
            }
        }
    }
}
