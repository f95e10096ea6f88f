package org.websockets4j.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.websockets4j.client.ClientOptions;
import org.websockets4j.client.WebSocketClient;
import org.websockets4j.extensions.Extension;
import org.websockets4j.extensions.ServerExtensionFactory;
import org.websockets4j.extensions.permessagedeflate.ClientPerMessageDeflateFactory;
import org.websockets4j.extensions.permessagedeflate.CompressionSettings;
import org.websockets4j.extensions.permessagedeflate.PerMessageDeflate;
import org.websockets4j.extensions.permessagedeflate.ServerPerMessageDeflateFactory;
import org.websockets4j.http.ExtensionParameter;
import org.websockets4j.protocol.Message;
import org.websockets4j.protocol.MessageWriter;
import org.websockets4j.protocol.WebSocket;
import org.websockets4j.server.BroadcastResult;
import org.websockets4j.server.ServerOptions;
import org.websockets4j.server.WebSocketServer;

/**
 * permessage-deflate through our own server and client over loopback: every window size, context
 * takeover on and off in each direction, fragmented messages with pings between the fragments,
 * and the native state released once the connections close.
 */
class DeflateEndToEndTest {
    private static final Duration GUARD = Duration.ofSeconds(60);

    /** Keeps every extension the server builds, to look at them after the connections closed. */
    static final class Recording implements ServerExtensionFactory {
        final ServerPerMessageDeflateFactory delegate;
        final List<PerMessageDeflate> built = new CopyOnWriteArrayList<>();

        Recording(ServerPerMessageDeflateFactory delegate) {
            this.delegate = delegate;
        }

        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public Accepted accept(List<ExtensionParameter> offer, List<Extension> alreadyAccepted) {
            Accepted accepted = delegate.accept(offer, alreadyAccepted);
            built.add((PerMessageDeflate) accepted.extension());
            return accepted;
        }
    }

    private static WebSocketServer echoServer(ServerOptions options) throws Exception {
        return WebSocketServer.serve(ws -> {
            for (Message message : ws) {
                ws.send(message);
            }
        }, "127.0.0.1", 0, options);
    }

    private static String uri(WebSocketServer server) {
        return "ws://127.0.0.1:" + server.port() + "/";
    }

    static byte[] repetitive(int size, long seed) {
        Random random = new Random(seed);
        byte[] data = new byte[size];
        for (int i = 0; i < size; ) {
            int block = 8 + random.nextInt(100);
            if (i > 16 && random.nextBoolean()) {
                int distance = 1 + random.nextInt(Math.min(i, 40_000));
                for (int k = 0; k < block && i < size; k++, i++) data[i] = data[i - distance];
            } else {
                for (int k = 0; k < block && i < size; k++, i++) data[i] = (byte) ('a' + random.nextInt(26));
            }
        }
        return data;
    }

    private static void exchange(WebSocket ws, long seed) throws Exception {
        String text = "héllo wörld, ".repeat(200);
        ws.send(text);
        assertEquals(text, ws.recvText());
        ws.send(text);
        assertEquals(text, ws.recvText(), "the second message uses the context (or not) alike");
        byte[] data = repetitive(100_000, seed);
        ws.send(data);
        assertArrayEquals(data, ws.recvBinary());
        byte[] noise = new byte[20_000];
        new Random(seed).nextBytes(noise);
        ws.send(noise);
        assertArrayEquals(noise, ws.recvBinary());
        ws.send("x");
        assertEquals("x", ws.recvText(), "below the threshold: sent uncompressed");
        ws.send("");
        assertEquals("", ws.recvText());
        // Fragments with control frames between them.
        try (MessageWriter writer = ws.sendStream(true)) {
            for (int i = 0; i < 5; i++) {
                writer.write("fragment " + i + " ".repeat(i * 100) + ";");
                ws.ping("between " + i).join();
            }
        }
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 5; i++) expected.append("fragment ").append(i).append(" ".repeat(i * 100)).append(';');
        assertEquals(expected.toString(), ws.recvText());
        ws.send(List.of(data, noise, data));
        byte[] joined = new byte[2 * data.length + noise.length];
        System.arraycopy(data, 0, joined, 0, data.length);
        System.arraycopy(noise, 0, joined, data.length, noise.length);
        System.arraycopy(data, 0, joined, data.length + noise.length, data.length);
        assertArrayEquals(joined, ws.recvBinary());
    }

    static List<Arguments> windows() {
        List<Arguments> cases = new ArrayList<>();
        for (int bits = 8; bits <= 15; bits++) {
            cases.add(Arguments.of(bits, bits % 2 == 0, bits % 4 < 2));
        }
        cases.add(Arguments.of(9, true, true));
        cases.add(Arguments.of(15, false, false));
        return cases;
    }

    @ParameterizedTest(name = "bits={0} serverNoContextTakeover={1} clientNoContextTakeover={2}")
    @MethodSource("windows")
    void everyWindowSizeAndContextModeRoundTrips(int bits, boolean serverNoContext, boolean clientNoContext) {
        assertTimeoutPreemptively(GUARD, () -> {
            Recording recording = new Recording(ServerPerMessageDeflateFactory.defaults());
            ServerOptions serverOptions = ServerOptions.builder().extensions(List.of(recording)).build();
            ClientOptions clientOptions = ClientOptions.builder().extensions(List.of(ClientPerMessageDeflateFactory.builder()
                    .serverNoContextTakeover(serverNoContext).clientNoContextTakeover(clientNoContext)
                    .serverMaxWindowBits(bits).clientMaxWindowBits(bits).build())).build();
            try (WebSocketServer server = echoServer(serverOptions)) {
                try (WebSocket ws = WebSocketClient.connect(uri(server), clientOptions)) {
                    String answer = ws.responseHeaders().get("Sec-WebSocket-Extensions");
                    assertTrue(answer.contains("server_max_window_bits=" + bits), answer);
                    assertTrue(answer.contains("client_max_window_bits=" + bits), answer);
                    assertEquals(serverNoContext, answer.contains("server_no_context_takeover"), answer);
                    assertEquals(clientNoContext, answer.contains("client_no_context_takeover"), answer);
                    exchange(ws, bits);
                }
                PerMessageDeflate serverSide = recording.built.get(0);
                assertEquals(bits, serverSide.localMaxWindowBits());
                assertEquals(serverNoContext, serverSide.localNoContextTakeover());
                assertEquals(clientNoContext, serverSide.remoteNoContextTakeover());
            }
        });
    }

    @Test
    void defaultsNegotiateDeflateAndCompressTheWire() {
        assertTimeoutPreemptively(GUARD, () -> {
            try (WebSocketServer server = echoServer(ServerOptions.defaults());
                 WebSocket ws = WebSocketClient.connect(uri(server))) {
                assertEquals("permessage-deflate; client_max_window_bits", ws.requestHeaders().get("Sec-WebSocket-Extensions"));
                assertEquals("permessage-deflate", ws.responseHeaders().get("Sec-WebSocket-Extensions"));
                exchange(ws, 1);
            }
        });
    }

    @Test
    void nativeStateIsReleasedWhenConnectionsClose() {
        assertTimeoutPreemptively(GUARD, () -> {
            CompressionSettings dedicated = CompressionSettings.builder().dedicatedDeflater(true).build();
            Recording recording = new Recording(ServerPerMessageDeflateFactory.builder().compressionSettings(dedicated).build());
            ServerOptions serverOptions = ServerOptions.builder().extensions(List.of(recording)).build();
            try (WebSocketServer server = echoServer(serverOptions)) {
                List<WebSocket> clients = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    WebSocket ws = WebSocketClient.connect(uri(server));
                    ws.send("hello ".repeat(20) + i);
                    ws.recvText();
                    clients.add(ws);
                }
                assertEquals(5, recording.built.size());
                for (PerMessageDeflate extension : recording.built) {
                    assertTrue(extension.holdsNativeState(), "a dedicated deflater while open");
                }
                // Two close normally, one is failed by a message too big, the rest go with the server.
                clients.get(0).close();
                clients.get(1).close();
                clients.get(2).send(new byte[2 << 20]);
                clients.get(2).awaitClosed();
                assertEquals(1009, clients.get(2).closeCode());
                server.close();
                server.awaitClosed();
                for (WebSocket ws : clients) {
                    ws.awaitClosed();
                }
                for (PerMessageDeflate extension : recording.built) {
                    assertFalse(extension.holdsNativeState(), "released on close: " + extension);
                }
            }
        });
    }

    @Test
    void broadcastCompressesPerConnection() {
        assertTimeoutPreemptively(GUARD, () -> {
            List<WebSocket> serverSides = new CopyOnWriteArrayList<>();
            try (WebSocketServer server = WebSocketServer.serve(ws -> {
                serverSides.add(ws);
                ws.awaitClosed();
            }, "127.0.0.1", 0, ServerOptions.defaults())) {
                List<WebSocket> clients = new ArrayList<>();
                clients.add(WebSocketClient.connect(uri(server)));
                clients.add(WebSocketClient.connect(uri(server), ClientOptions.builder()
                        .extensions(List.of(ClientPerMessageDeflateFactory.builder().serverNoContextTakeover(true)
                                .serverMaxWindowBits(9).build())).build()));
                clients.add(WebSocketClient.connect(uri(server), ClientOptions.builder()
                        .compression(org.websockets4j.extensions.Compression.NONE).build()));
                while (serverSides.size() < clients.size()) {
                    Thread.sleep(5);
                }
                for (int round = 0; round < 3; round++) {
                    String message = "broadcast " + round + " " + "payload ".repeat(100);
                    BroadcastResult result = WebSocketServer.broadcast(serverSides, message);
                    assertEquals(clients.size(), result.sent());
                    for (WebSocket ws : clients) {
                        assertEquals(message, ws.recvText());
                    }
                }
                byte[] bytes = "binary ".repeat(500).getBytes(StandardCharsets.US_ASCII);
                WebSocketServer.broadcast(serverSides, bytes);
                for (WebSocket ws : clients) {
                    assertArrayEquals(bytes, ws.recvBinary());
                    ws.close();
                }
            }
        });
    }
}
