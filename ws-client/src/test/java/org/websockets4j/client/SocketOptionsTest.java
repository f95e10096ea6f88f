package org.websockets4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.websockets4j.protocol.Message;
import org.websockets4j.protocol.WebSocket;
import org.websockets4j.server.ConnectionHandler;
import org.websockets4j.server.ServerOptions;
import org.websockets4j.server.WebSocketServer;

/** The socket options of servers (hosts, backlog, reusePort, a bound channel) and clients (local address, a given channel). */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SocketOptionsTest {
    private static final ConnectionHandler ECHO = ws -> {
        for (Message message : ws) {
            ws.send(message);
        }
    };

    private static void echoOnce(String uri, ClientOptions options) throws Exception {
        try (WebSocket ws = WebSocketClient.connect(uri, options)) {
            ws.send("ping " + uri);
            assertEquals("ping " + uri, ws.recvText());
        }
    }

    @Test
    void severalHostsShareOnePortAndAreAllReported() throws Exception {
        WebSocketServer server = WebSocketServer.serve(ECHO, List.of("127.0.0.1", "127.0.0.2"), 0, ServerOptions.defaults());
        try (server) {
            List<SocketAddress> addresses = server.addresses();
            assertEquals(2, addresses.size());
            int port = server.port();
            assertEquals(new InetSocketAddress("127.0.0.1", port), addresses.get(0));
            assertEquals(new InetSocketAddress("127.0.0.2", port), addresses.get(1));
            assertEquals(addresses.get(0), server.address());
            echoOnce("ws://127.0.0.1:" + port + "/", ClientOptions.defaults());
            echoOnce("ws://127.0.0.2:" + port + "/", ClientOptions.defaults());
        }
        server.awaitClosed(); // every listener stopped
    }

    @Test
    void aNullHostMeansEveryInterface() throws Exception {
        try (WebSocketServer server = WebSocketServer.serve(ECHO, Arrays.asList((String) null), 0, ServerOptions.defaults())) {
            assertTrue(((InetSocketAddress) server.address()).getAddress().isAnyLocalAddress());
            echoOnce("ws://127.0.0.1:" + server.port() + "/", ClientOptions.defaults());
        }
    }

    @Test
    void noHostIsBoundWhenOneFails() throws Exception {
        try (ServerSocketChannel taken = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.2", 0))) {
            int port = ((InetSocketAddress) taken.getLocalAddress()).getPort();
            assertThrows(IOException.class, () -> WebSocketServer.serve(ECHO, List.of("127.0.0.1", "127.0.0.2"), port,
                    ServerOptions.defaults()));
            // 127.0.0.1 was bound first and must have been released.
            try (ServerSocketChannel again = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", port))) {
                assertTrue(again.isOpen());
            }
        }
        assertThrows(IllegalArgumentException.class, () -> WebSocketServer.serve(ECHO, List.of(), 0, ServerOptions.defaults()));
    }

    @Test
    void twoServersWithReusePortOnOnePortBothAccept() throws Exception {
        ServerOptions options = ServerOptions.builder().reusePort(true).build();
        AtomicInteger first = new AtomicInteger();
        AtomicInteger second = new AtomicInteger();
        try (WebSocketServer a = WebSocketServer.serve(ws -> first.incrementAndGet(), "127.0.0.1", 0, options);
             WebSocketServer b = WebSocketServer.serve(ws -> second.incrementAndGet(), "127.0.0.1", a.port(), options)) {
            assertEquals(a.port(), b.port());
            // The kernel spreads connections by a hash of their addresses: a few tries reach both.
            for (int i = 0; i < 200 && (first.get() == 0 || second.get() == 0); i++) {
                try (WebSocket ws = WebSocketClient.connect("ws://127.0.0.1:" + a.port() + "/")) {
                    ws.awaitClosed(); // the handler returns at once; the server closes with 1000
                }
            }
            assertTrue(first.get() > 0 && second.get() > 0, "first " + first + ", second " + second);
        }
    }

    @Test
    void withoutReusePortTheSecondBindFails() throws Exception {
        try (WebSocketServer a = WebSocketServer.serve(ECHO, "127.0.0.1", 0)) {
            assertThrows(IOException.class, () -> WebSocketServer.serve(ECHO, "127.0.0.1", a.port()));
        }
    }

    @Test
    void backlogIsCheckedAtBuildTime() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ServerOptions.builder().backlog(0).build());
        assertTrue(e.getMessage().contains("backlog"), e.getMessage());
        assertEquals(16, ServerOptions.builder().backlog(16).build().backlog());
        assertEquals(ServerOptions.DEFAULT_BACKLOG, ServerOptions.defaults().backlog());
        assertEquals(16, ServerOptions.builder().backlog(16).build().toBuilder().build().backlog());
    }

    @Test
    void servesABoundChannel() throws Exception {
        ServerSocketChannel channel = ServerSocketChannel.open();
        channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        WebSocketServer server = WebSocketServer.serve(ECHO, channel, ServerOptions.defaults());
        try (server) {
            assertEquals(channel.getLocalAddress(), server.address());
            echoOnce("ws://127.0.0.1:" + server.port() + "/", ClientOptions.defaults());
            echoOnce("ws://127.0.0.1:" + server.port() + "/again", ClientOptions.defaults());
        }
        server.awaitClosed();
        assertFalse(channel.isOpen(), "the server owns the channel and closes it");
    }

    @Test
    void aBoundChannelWithReusePortOrUnboundIsRefused() throws Exception {
        try (ServerSocketChannel channel = ServerSocketChannel.open()) {
            assertThrows(IllegalArgumentException.class, () -> WebSocketServer.serve(ECHO, channel, ServerOptions.defaults()));
            channel.bind(new InetSocketAddress("127.0.0.1", 0));
            assertThrows(IllegalArgumentException.class, () -> WebSocketServer.serve(ECHO, channel,
                    ServerOptions.builder().reusePort(true).build()));
        }
    }

    @Test
    void theClientBindsItsLocalAddress() throws Exception {
        try (WebSocketServer server = WebSocketServer.serve(ws -> ws.send(String.valueOf(ws.remoteAddress())), "127.0.0.1", 0);
             WebSocket ws = WebSocketClient.connect("ws://127.0.0.1:" + server.port() + "/",
                     ClientOptions.builder().localAddress(new InetSocketAddress("127.0.0.3", 0)).build())) {
            String seen = ws.recvText();
            assertTrue(seen.contains("127.0.0.3"), seen);
            assertEquals("127.0.0.3", ((InetSocketAddress) ws.localAddress()).getHostString());
        }
    }

    @Test
    void connectsOverAGivenTcpChannel() throws Exception {
        try (WebSocketServer server = WebSocketServer.serve(ECHO, "127.0.0.1", 0)) {
            SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", server.port()));
            try (WebSocket ws = WebSocketClient.connect(channel, "ws://example.test/x", ClientOptions.defaults())) {
                ws.send("over a given channel");
                assertEquals("over a given channel", ws.recvText());
                assertEquals("example.test", ws.requestHeaders().get("Host"));
            }
        }
    }

    @Test
    void aGivenChannelRefusesAddressesAndIsClosed() throws Exception {
        try (WebSocketServer server = WebSocketServer.serve(ECHO, "127.0.0.1", 0)) {
            SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", server.port()));
            assertThrows(IllegalArgumentException.class, () -> WebSocketClient.connect(channel, "ws://127.0.0.1/",
                    ClientOptions.builder().connectTo("127.0.0.1", server.port()).build()));
            assertFalse(channel.isOpen());
            SocketChannel unconnected = SocketChannel.open();
            assertThrows(IllegalArgumentException.class, () -> WebSocketClient.connect(unconnected, "ws://127.0.0.1/",
                    ClientOptions.defaults()));
            assertFalse(unconnected.isOpen());
        }
    }

    @Test
    void anUnsupportedSocketAddressIsRefusedAtBuildTime() {
        SocketAddress odd = new SocketAddress() { };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClientOptions.builder().socketAddress(odd).build());
        assertTrue(e.getMessage().contains("UnixDomainSocketAddress"), e.getMessage());
    }
}
