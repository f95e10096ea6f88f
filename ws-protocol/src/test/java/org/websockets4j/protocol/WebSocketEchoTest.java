package org.websockets4j.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.websockets4j.framing.Role;

/** Messages of every size and shape, both ways, over real loopback sockets. */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WebSocketEchoTest {
    private static final int MiB = 1 << 20;

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 125, 126, 127, 1000, 65535, 65536, 65537, 300_000, MiB})
    void binaryMessagesEchoFromClientAndServer(int size) throws Exception {
        try (Loopback.Pair pair = Loopback.pair()) {
            byte[] data = new byte[size];
            new Random(size).nextBytes(data);
            // client -> server -> client
            Loopback.echo(pair.server());
            pair.client().send(data);
            assertArrayEquals(data, pair.client().recvBinary());
        }
        try (Loopback.Pair pair = Loopback.pair()) {
            byte[] data = new byte[size];
            new Random(-size).nextBytes(data);
            // server -> client -> server: the server's frames are not masked
            Loopback.echo(pair.client());
            pair.server().send(ByteBuffer.wrap(data));
            assertArrayEquals(data, pair.server().recvBinary());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 125, 126, 65536, MiB})
    void textMessagesEcho(int size) throws Exception {
        try (Loopback.Pair pair = Loopback.pair()) {
            String text = "a".repeat(size);
            Loopback.echo(pair.server());
            pair.client().send(text);
            assertEquals(text, pair.client().recvText());
        }
    }

    @Test
    void multiByteTextSurvives() throws Exception {
        try (Loopback.Pair pair = Loopback.pair()) {
            String text = "héllo wörld ✓ 😀 ".repeat(5000);
            Loopback.echo(pair.client());
            pair.server().send(text);
            assertEquals(new Message.Text(text), pair.server().recv());
        }
    }

    @Test
    void theCallersDataIsCopied() throws Exception {
        try (Loopback.Pair pair = Loopback.pair()) {
            byte[] data = {1, 2, 3, 4};
            ByteBuffer buffer = ByteBuffer.wrap(new byte[] {9, 8, 7}).position(1);
            pair.client().send(data); // a client masks: must not be done in the caller's array
            pair.client().sendAsync(buffer).get(Loopback.GUARD_SECONDS, TimeUnit.SECONDS);
            data[0] = 42;
            assertArrayEquals(new byte[] {1, 2, 3, 4}, pair.server().recvBinary());
            assertArrayEquals(new byte[] {8, 7}, pair.server().recvBinary());
            assertEquals(1, buffer.position());
            assertArrayEquals(new byte[] {9, 8, 7}, buffer.array());
        }
    }

    @Test
    void asyncSendsAndReceives() throws Exception {
        try (Loopback.Pair pair = Loopback.pair()) {
            var received = pair.server().recvAsync();
            pair.client().sendAsync("one").get(Loopback.GUARD_SECONDS, TimeUnit.SECONDS);
            assertEquals(new Message.Text("one"), received.get(Loopback.GUARD_SECONDS, TimeUnit.SECONDS));
            pair.client().sendAsync(new byte[] {1}).get(Loopback.GUARD_SECONDS, TimeUnit.SECONDS);
            pair.client().sendAsync(new Message.Text("three"));
            assertEquals(new Message.Binary(new byte[] {1}), pair.server().recvAsync().get(Loopback.GUARD_SECONDS, TimeUnit.SECONDS));
            assertEquals(new Message.Text("three"), pair.server().recv());
        }
    }

    @Test
    void fragmentedTextFromAnIterableArrivesAsOneMessage() throws Exception {
        try (Loopback.Pair pair = Loopback.pair()) {
            pair.client().send(List.of("hel", "lo ", new StringBuilder("wörld")));
            assertEquals(new Message.Text("hello wörld"), pair.server().recv());
            pair.server().send(List.of("single"));
            assertEquals("single", pair.client().recvText());
        }
    }

    @Test
    void fragmentedBinaryFromAnIterableMixesArraysAndBuffers() throws Exception {
        try (Loopback.Pair pair = Loopback.pair()) {
            byte[] big = new byte[200_000];
            new Random(1).nextBytes(big);
            pair.server().send(List.of(new byte[] {1, 2}, ByteBuffer.wrap(big), new byte[0], new byte[] {3}));
            byte[] received = pair.client().recvBinary();
            assertEquals(2 + big.length + 1, received.length);
            assertEquals(1, received[0]);
            assertEquals(big[12345], received[2 + 12345]);
            assertEquals(3, received[received.length - 1]);
        }
    }

    @Test
    void anEmptyIterableSendsNothing() throws Exception {
        try (Loopback.Pair pair = Loopback.pair()) {
            pair.client().send(List.of());
            pair.client().send("after");
            assertEquals("after", pair.server().recvText());
        }
    }

    @Test
    void anUnsupportedFirstItemSendsNothingAndKeepsTheConnection() throws Exception {
        try (Loopback.Pair pair = Loopback.pair()) {
            assertThrows(IllegalArgumentException.class, () -> pair.client().send(List.of(42)));
            assertTrue(pair.client().isOpen());
            pair.client().send("still open");
            assertEquals("still open", pair.server().recvText());
        }
    }

    @Test
    void mixedTypesFailTheConnectionWith1011() throws Exception {
        try (Loopback.Pair pair = Loopback.pair()) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> pair.client().send(List.of("text", new byte[] {1}, "more")));
            assertTrue(error.getMessage().contains("all be text"), error.getMessage());
            ConnectionClosedError peer = assertThrows(ConnectionClosedError.class, () -> pair.server().recv());
            assertEquals(1011, peer.code());
            pair.client().awaitClosed();
            assertTrue(pair.client().isClosed());
            assertThrows(ConnectionClosedError.class, () -> pair.client().recv());
        }
    }

    @Test
    void theStreamWriterSendsOneMessage() throws Exception {
        try (Loopback.Pair pair = Loopback.pair()) {
            try (MessageWriter writer = pair.client().sendStream(true)) {
                writer.write("Hello, ");
                writer.write("wörld".getBytes(StandardCharsets.UTF_8), 0, 3); // "wö" split inside "ö"
                writer.write(ByteBuffer.wrap("wörld".getBytes(StandardCharsets.UTF_8), 3, 3));
                assertThrows(IllegalArgumentException.class, () -> writer.write("\uD800"));
            }
            assertEquals("Hello, wörld", pair.server().recvText());

            byte[] chunk = new byte[64 * 1024];
            try (MessageWriter writer = pair.server().sendStream(false)) {
                assertThrows(IllegalArgumentException.class, () -> writer.write("text"));
                for (int i = 0; i < 16; i++) {
                    chunk[0] = (byte) i;
                    writer.write(chunk);
                }
            }
            byte[] received = pair.client().recvBinary();
            assertEquals(16 * chunk.length, received.length);
            assertEquals(15, received[15 * chunk.length]);
        }
    }

    @Test
    void anEmptyStreamIsAnEmptyMessage() throws Exception {
        try (Loopback.Pair pair = Loopback.pair()) {
            MessageWriter writer = pair.client().sendStream(false);
            writer.close();
            writer.close(); // idempotent
            assertThrows(IllegalStateException.class, () -> writer.write(new byte[1]));
            assertArrayEquals(new byte[0], pair.server().recvBinary());
        }
    }

    @Test
    void otherSendsWaitForAnOpenStream() throws Exception {
        try (Loopback.Pair pair = Loopback.pair()) {
            MessageWriter writer = pair.client().sendStream(true);
            writer.write("a");
            // the writer's own thread would deadlock: refused
            assertThrows(IllegalStateException.class, () -> pair.client().send("x"));
            var asyncSend = pair.client().sendAsync("after (async)");
            Thread blocked = Thread.ofVirtual().start(() -> {
                try {
                    pair.client().send("after (blocking)");
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            });
            Thread.sleep(100);
            assertTrue(blocked.isAlive());
            writer.write("b");
            writer.close();
            blocked.join();
            asyncSend.get(Loopback.GUARD_SECONDS, TimeUnit.SECONDS);
            assertEquals("ab", pair.server().recvText());
            assertEquals("after (async)", pair.server().recvText());
            assertEquals("after (blocking)", pair.server().recvText());
        }
    }

    @Test
    void accessorsReportTheHandshakeAndAddresses() throws Exception {
        try (Loopback.Pair pair = Loopback.pair()) {
            WebSocket server = pair.server();
            assertEquals("/test", server.path());
            assertEquals("localhost", server.requestHeaders().get("Host"));
            assertEquals("websocket", server.responseHeaders().get("Upgrade"));
            assertNull(server.subprotocol());
            assertEquals(Role.SERVER, server.role());
            assertEquals(Role.CLIENT, pair.client().role());
            assertEquals(((InetSocketAddress) server.localAddress()).getPort(),
                    ((InetSocketAddress) pair.client().remoteAddress()).getPort());
            assertEquals(server.remoteAddress(), pair.client().localAddress());
            assertTrue(server.isOpen());
            assertEquals(0, server.closeCode());
            assertNull(server.closeReason());
            assertInstanceOf(String.class, server.toString());
        }
    }
}
