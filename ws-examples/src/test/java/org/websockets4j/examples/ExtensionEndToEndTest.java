package org.websockets4j.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.websockets4j.client.ClientOptions;
import org.websockets4j.client.WebSocketClient;
import org.websockets4j.extensions.Compression;
import org.websockets4j.protocol.Message;
import org.websockets4j.protocol.WebSocket;
import org.websockets4j.server.ServerOptions;
import org.websockets4j.server.WebSocketServer;
import org.websockets4j.testkit.extensions.ReverseExtension;

/** A third-party extension ({@link ReverseExtension}) negotiated and applied by serve() and connect(). */
class ExtensionEndToEndTest {
    private static final Duration GUARD = Duration.ofSeconds(20);
    // Compression (on by default) is turned off: these tests watch the third-party extension alone.
    private static final ServerOptions SERVER_REVERSE = ServerOptions.builder().compression(Compression.NONE)
            .extensions(List.of(new ReverseExtension.ServerFactory())).build();
    private static final ClientOptions CLIENT_REVERSE = ClientOptions.builder().compression(Compression.NONE)
            .extensions(List.of(new ReverseExtension.ClientFactory())).build();
    private static final ServerOptions SERVER_PLAIN = ServerOptions.builder().compression(Compression.NONE).build();
    private static final ClientOptions CLIENT_PLAIN = ClientOptions.builder().compression(Compression.NONE).build();

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

    private static void echoes(WebSocket ws) throws Exception {
        ws.send("héllo, wörld");
        assertEquals(new Message.Text("héllo, wörld"), ws.recv());
        byte[] big = new byte[300_000];
        new Random(7).nextBytes(big);
        ws.send(big);
        assertArrayEquals(big, ws.recvBinary());
        ws.send(List.of("frag", "mented ", "message"));
        assertEquals("fragmented message", ws.recvText());
    }

    @Test
    void bothSidesEnableTheExtensionAndMessagesEchoThroughIt() throws Exception {
        assertTimeoutPreemptively(GUARD, () -> {
            try (WebSocketServer server = echoServer(SERVER_REVERSE);
                 WebSocket ws = WebSocketClient.connect(uri(server), CLIENT_REVERSE)) {
                assertEquals(List.of("x-test-reverse; v=1"), ws.requestHeaders().getAll("Sec-WebSocket-Extensions"));
                assertEquals(List.of("x-test-reverse; v=1"), ws.responseHeaders().getAll("Sec-WebSocket-Extensions"));
                echoes(ws);
            }
        });
    }

    @Test
    void onTheWireFramesCarryRsv1AndReversedPayloads() throws Exception {
        assertTimeoutPreemptively(GUARD, () -> {
            try (WebSocketServer server = echoServer(SERVER_REVERSE); Socket socket = new Socket("127.0.0.1", server.port())) {
                OutputStream out = socket.getOutputStream();
                out.write(("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                        + "Sec-WebSocket-Extensions: x-test-reverse; v=1\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                // A masked text frame with RSV1, "olleh" reversed, under an all-zero masking key.
                out.write(new byte[] {(byte) 0xC1, (byte) 0x85, 0, 0, 0, 0, 'o', 'l', 'l', 'e', 'h'});
                out.flush();
                DataInputStream in = new DataInputStream(socket.getInputStream());
                String head = readHead(in);
                assertTrue(head.startsWith("HTTP/1.1 101 "), head);
                assertTrue(head.contains("\r\nSec-WebSocket-Extensions: x-test-reverse; v=1\r\n"), head);
                assertEquals(0xC1, in.readUnsignedByte(), "FIN, RSV1, text");
                assertEquals(5, in.readUnsignedByte(), "unmasked, 5 bytes");
                byte[] payload = new byte[5];
                in.readFully(payload);
                assertEquals("olleh", new String(payload, StandardCharsets.US_ASCII), "the server echoed \"hello\" reversed");
            }
        });
    }

    @Test
    void onlyTheServerEnablesIt() throws Exception {
        assertTimeoutPreemptively(GUARD, () -> {
            try (WebSocketServer server = echoServer(SERVER_REVERSE);
                 WebSocket ws = WebSocketClient.connect(uri(server), CLIENT_PLAIN)) {
                assertNull(ws.requestHeaders().get("Sec-WebSocket-Extensions"));
                assertNull(ws.responseHeaders().get("Sec-WebSocket-Extensions"));
                echoes(ws);
            }
        });
    }

    @Test
    void onlyTheClientEnablesIt() throws Exception {
        assertTimeoutPreemptively(GUARD, () -> {
            try (WebSocketServer server = echoServer(SERVER_PLAIN);
                 WebSocket ws = WebSocketClient.connect(uri(server), CLIENT_REVERSE)) {
                assertEquals(List.of("x-test-reverse; v=1"), ws.requestHeaders().getAll("Sec-WebSocket-Extensions"));
                assertNull(ws.responseHeaders().get("Sec-WebSocket-Extensions"));
                echoes(ws);
            }
        });
    }

    private static String readHead(DataInputStream in) throws Exception {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (true) {
            head.write(in.readUnsignedByte());
            String text = head.toString(StandardCharsets.ISO_8859_1);
            if (text.endsWith("\r\n\r\n")) {
                return text;
            }
        }
    }
}
