package org.websockets4j.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.websockets4j.framing.CloseCodes;
import org.websockets4j.protocol.ConnectionClosed;
import org.websockets4j.protocol.Message;
import org.websockets4j.protocol.WebSocket;
import org.websockets4j.server.ConnectionHandler;
import org.websockets4j.server.ServerOptions;
import org.websockets4j.server.WebSocketServer;

/** WebSockets over Unix domain sockets: unixServe, unixConnect, socketAddress, stale socket files. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class UnixSocketTest {
    private static final ConnectionHandler ECHO = ws -> {
        for (Message message : ws) {
            ws.send(message);
        }
    };

    private Path dir;
    private Path socket;

    @BeforeEach
    void tempDir() throws IOException {
        dir = Files.createTempDirectory(Path.of("/tmp"), "ws4j");
        socket = dir.resolve("s.sock");
    }

    @AfterEach
    void removeTempDir() throws IOException {
        Files.deleteIfExists(socket);
        Files.deleteIfExists(dir);
    }

    @Test
    void echoOverAUnixSocketAndTheFileIsRemovedOnClose() throws Exception {
        WebSocketServer server = WebSocketServer.unixServe(ECHO, socket, ServerOptions.defaults());
        try (server) {
            assertEquals(UnixDomainSocketAddress.of(socket), server.address());
            assertEquals(1, server.addresses().size());
            assertThrows(IllegalStateException.class, server::port);
            try (WebSocket ws = WebSocketClient.unixConnect(socket, "ws://localhost/chat")) {
                ws.send("hello");
                assertEquals("hello", ws.recvText());
                // Large enough that writes wait for the socket, so the selector completes them.
                byte[] big = new byte[900 << 10]; // under maxSize (1 MiB)
                new Random(1).nextBytes(big);
                ws.send(big);
                assertArrayEquals(big, ws.recvBinary());
                assertEquals("/chat", ws.path());
            }
        }
        server.awaitClosed();
        assertFalse(Files.exists(socket), "close() removes the socket file it created");
    }

    @Test
    void socketAddressOptionConnectsToAUnixSocket() throws Exception {
        try (WebSocketServer server = WebSocketServer.unixServe(ECHO, socket, ServerOptions.defaults());
             WebSocket ws = WebSocketClient.connect("ws://example.test/",
                     ClientOptions.builder().socketAddress(UnixDomainSocketAddress.of(socket)).build())) {
            ws.send("via socketAddress");
            assertEquals("via socketAddress", ws.recvText());
            assertEquals("example.test", ws.requestHeaders().get("Host"));
        }
    }

    @Test
    void asyncHandlerTwin() throws Exception {
        try (WebSocketServer server = WebSocketServer.unixServeAsync(
                ws -> ws.forEachAsync(message -> ws.sendAsync(message)), socket, ServerOptions.defaults());
             WebSocket ws = WebSocketClient.unixConnect(socket, "ws://localhost/")) {
            for (int i = 0; i < 100; i++) {
                ws.send("m" + i);
            }
            for (int i = 0; i < 100; i++) {
                assertEquals("m" + i, ws.recvText());
            }
        }
    }

    @Test
    void aStaleSocketFileIsReplaced() throws Exception {
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(socket));
        }
        assertTrue(Files.exists(socket), "closing a Unix server channel leaves its file");
        try (WebSocketServer server = WebSocketServer.unixServe(ECHO, socket, ServerOptions.defaults());
             WebSocket ws = WebSocketClient.unixConnect(socket, "ws://localhost/")) {
            ws.send("after stale");
            assertEquals("after stale", ws.recvText());
        }
    }

    @Test
    void aLiveServersSocketIsNeverTaken() throws Exception {
        try (WebSocketServer first = WebSocketServer.unixServe(ECHO, socket, ServerOptions.defaults())) {
            IOException e = assertThrows(IOException.class,
                    () -> WebSocketServer.unixServe(ECHO, socket, ServerOptions.defaults()));
            assertTrue(e.getMessage().contains("listening"), e.getMessage());
            try (WebSocket ws = WebSocketClient.unixConnect(socket, "ws://localhost/")) {
                ws.send("still the first");
                assertEquals("still the first", ws.recvText());
            }
        }
    }

    @Test
    void aRegularFileIsNeverRemoved() throws Exception {
        Files.writeString(socket, "not a socket");
        assertThrows(IOException.class, () -> WebSocketServer.unixServe(ECHO, socket, ServerOptions.defaults()));
        assertEquals("not a socket", Files.readString(socket));
    }

    @Test
    void closingTheServerClosesConnectionsWithGoingAway() throws Exception {
        CompletableFuture<Void> handlerIn = new CompletableFuture<>();
        WebSocketServer server = WebSocketServer.unixServe(ws -> {
            handlerIn.complete(null);
            ws.recv();
        }, socket, ServerOptions.defaults());
        WebSocket ws = WebSocketClient.unixConnect(socket, "ws://localhost/");
        handlerIn.get(10, TimeUnit.SECONDS);
        server.close();
        assertThrows(ConnectionClosed.class, ws::recv);
        assertEquals(CloseCodes.GOING_AWAY, ws.closeCode());
        server.awaitClosed();
        ws.close();
    }

    @Test
    void blockingInACallbackOnTheSelectorThreadThrows() throws Exception {
        CompletableFuture<Throwable> seen = new CompletableFuture<>();
        try (WebSocketServer server = WebSocketServer.unixServeAsync(ws -> ws.recvAsync().thenAccept(first -> {
                    try {
                        ws.recv(); // nothing queued: would wait on the I/O thread
                        seen.complete(null);
                    } catch (Throwable e) {
                        seen.complete(e);
                    }
                }), socket, ServerOptions.defaults());
             WebSocket ws = WebSocketClient.unixConnect(socket, "ws://localhost/")) {
            Thread.sleep(100); // let the server's read wait, so the selector thread completes it
            ws.send("one");
            Throwable e = seen.get(10, TimeUnit.SECONDS);
            assertTrue(e instanceof IllegalStateException, String.valueOf(e));
        }
    }

    @Test
    void refusedOptions() throws Exception {
        ServerOptions reusePort = ServerOptions.builder().reusePort(true).build(); // Linux has SO_REUSEPORT
        assertThrows(IllegalArgumentException.class, () -> WebSocketServer.unixServe(ECHO, socket, reusePort));
        assertFalse(Files.exists(socket));
        assertThrows(IllegalArgumentException.class, () -> ClientOptions.builder()
                .socketAddress(UnixDomainSocketAddress.of(socket))
                .localAddress(new java.net.InetSocketAddress("127.0.0.1", 0)).build());
        assertThrows(IllegalArgumentException.class, () -> WebSocketClient.unixConnect(socket, "ws://localhost/",
                ClientOptions.builder().localAddress(new java.net.InetSocketAddress("127.0.0.1", 0)).build()));
    }

    @Test
    void connectOverAGivenUnixChannel() throws Exception {
        try (WebSocketServer server = WebSocketServer.unixServe(ECHO, socket, ServerOptions.defaults())) {
            SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket));
            try (WebSocket ws = WebSocketClient.connect(channel, "ws://localhost/", ClientOptions.defaults())) {
                ws.send("given");
                assertEquals("given", ws.recvText());
            }
            assertFalse(channel.isOpen());
        }
    }
}
