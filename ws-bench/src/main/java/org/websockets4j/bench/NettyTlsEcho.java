package org.websockets4j.bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.ReferenceCountUtil;
import java.io.File;

/**
 * Netty's WebSocket echo server behind its {@code SslHandler} with the JDK's TLS provider (the
 * same {@code SSLEngine} our TlsTransport drives), for the TLS comparison of the ws-bench README.
 * Without a certificate it serves plain TCP, so one class gives both Netty rows.
 *
 * <pre>
 * java -cp ws-bench/target/benchmarks.jar org.websockets4j.bench.NettyTlsEcho PORT [cert.pem key.pem]
 * </pre>
 *
 * Echoes text and binary frames, flushing once per read batch (Netty's idiom, as the shared rig's
 * Netty peer does); NIO transport, Netty's default worker count; listens on 127.0.0.1 until
 * killed.
 */
public final class NettyTlsEcho {
    private NettyTlsEcho() {
    }

    /**
     * Serves until the process is killed.
     *
     * @param args the port, then optionally the PEM certificate chain and the PKCS#8 PEM key
     * @throws Exception when the port cannot be bound or the key not read
     */
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        SslContext ssl = args.length >= 3
                ? SslContextBuilder.forServer(new File(args[1]), new File(args[2])).sslProvider(SslProvider.JDK).build()
                : null;
        WebSocketServerProtocolConfig config = WebSocketServerProtocolConfig.newBuilder().websocketPath("/")
                .checkStartsWith(true).maxFramePayloadLength(1 << 24).build();
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(0, NioIoHandler.newFactory());
        ChannelHandler echo = new Echo();
        try {
            Channel server = new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 4096)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            if (ssl != null) {
                                ch.pipeline().addLast(ssl.newHandler(ch.alloc()));
                            }
                            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536),
                                    new WebSocketServerProtocolHandler(config), echo);
                        }
                    }).bind("127.0.0.1", port).sync().channel();
            System.out.println("netty " + io.netty.util.Version.identify().get("netty-handler") + " listening on 127.0.0.1:"
                    + port + (ssl == null ? " plain" : " TLS provider=JDK") + " java=" + System.getProperty("java.version"));
            server.closeFuture().sync();
        } finally {
            boss.shutdownGracefully();
            workers.shutdownGracefully();
        }
    }

    /** Writes each data frame back; flushes once per read batch. */
    @ChannelHandler.Sharable
    private static final class Echo extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame) {
                ctx.write(msg);
            } else {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
