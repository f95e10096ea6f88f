package org.websockets4j.examples.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.websockets4j.framing.Frame;
import org.websockets4j.framing.Opcode;
import org.websockets4j.framing.PayloadTooBig;
import org.websockets4j.protocol.ConnectionClosed;
import org.websockets4j.protocol.Message;
import org.websockets4j.server.ServerOptions;
import org.websockets4j.server.WebSocketServer;

/**
 * permessage-deflate on the wire, against our server at its defaults (compression on), from a raw
 * client that compresses with zlib itself and decodes the server's frames with zlib
 * ({@link ZlibInflateCodec}): the compressed exchange, fragmentation, and each way a peer can get
 * the extension wrong, with the RFC's close code — while other connections keep working.
 */
class ServerConformanceDeflateTest {
    private static final Duration GUARD = Duration.ofSeconds(20);
    private static final String OFFER = "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n";
    private static WebSocketServer server;

    @BeforeAll
    static void start() throws Exception {
        server = WebSocketServer.serve(ws -> {
            try {
                for (Message message : ws) {
                    ws.send(message);
                }
            } catch (ConnectionClosed expected) {
                // the peer misbehaved on purpose
            }
        }, "127.0.0.1", 0);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        server.awaitClosed();
    }

    private static RawClient connect(ZlibInflateCodec codec) throws Exception {
        RawClient client = RawClient.connect(server.port(), OFFER, List.of(codec));
        assertTrue(client.head().toLowerCase().contains("sec-websocket-extensions: permessage-deflate"), client.head());
        return client;
    }

    /** {@code data} deflated with SYNC_FLUSH, without the final 00 00 ff ff (RFC 7692 §7.2.1). */
    private static byte[] compress(Deflater deflater, byte[] data) {
        deflater.setInput(data);
        byte[] out = new byte[data.length + 64];
        int length = 0;
        while (true) {
            int n = deflater.deflate(out, length, out.length - length, Deflater.SYNC_FLUSH);
            length += n;
            if (length < out.length) {
                break;
            }
            out = Arrays.copyOf(out, out.length * 2);
        }
        return Arrays.copyOf(out, length - 4);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void guarded(Executable test) {
        assertTimeoutPreemptively(GUARD, test);
    }

    /** Another compressed connection to the same server still echoes. */
    private static void serverStillWorks() throws Exception {
        ZlibInflateCodec codec = new ZlibInflateCodec();
        try (RawClient other = connect(codec)) {
            Deflater deflater = new Deflater(6, true);
            String text = "still alive, still compressing, ".repeat(4);
            other.send(true, Frame.RSV1, RawFrames.TEXT, compress(deflater, utf8(text)));
            assertEquals(text, other.expectText());
            other.sendClose(1000, "");
            assertEquals(1000, other.expectCloseFrame().code());
            other.expectEof();
            deflater.end();
        }
    }

    private static void failsWith(int code, byte[]... frames) {
        guarded(() -> {
            try (RawClient client = connect(new ZlibInflateCodec())) {
                for (byte[] frame : frames) {
                    client.sendRaw(frame);
                }
                client.expectClose(code);
            }
            serverStillWorks();
        });
    }

    @Test
    void compressedMessagesAreEchoedCompressedWithContextTakeover() {
        guarded(() -> {
            ZlibInflateCodec codec = new ZlibInflateCodec();
            try (RawClient client = connect(codec)) {
                Deflater deflater = new Deflater(6, true);
                for (int i = 0; i < 5; i++) {
                    String text = "{\"message\": " + i + ", \"text\": \"" + "héllo wörld ".repeat(8) + "\"}";
                    client.send(true, Frame.RSV1, RawFrames.TEXT, compress(deflater, utf8(text)));
                    assertEquals(text, client.expectText());
                }
                byte[] binary = new byte[100_000];
                Arrays.fill(binary, (byte) 7);
                client.send(true, Frame.RSV1, RawFrames.BINARY, compress(deflater, binary));
                assertTrue(Arrays.equals(binary, client.expect(Opcode.BINARY)));
                assertEquals(6, codec.compressedMessages(), "the server compresses its echoes too");
                client.sendClose(1000, "");
                assertEquals(1000, client.expectCloseFrame().code());
                deflater.end();
            }
        });
    }

    @Test
    void aCompressedMessageMayBeFragmentedWithAPingInBetween() {
        guarded(() -> {
            ZlibInflateCodec codec = new ZlibInflateCodec();
            try (RawClient client = connect(codec)) {
                String text = "fragmented and compressed ".repeat(40);
                byte[] compressed = compress(new Deflater(6, true), utf8(text));
                int third = compressed.length / 3;
                client.send(false, Frame.RSV1, RawFrames.TEXT, Arrays.copyOfRange(compressed, 0, third));
                client.send(true, 0, RawFrames.PING, utf8("between"));
                assertEquals("between", new String(client.expect(Opcode.PONG), StandardCharsets.UTF_8));
                client.send(false, 0, RawFrames.CONTINUATION, Arrays.copyOfRange(compressed, third, 2 * third));
                client.send(true, 0, RawFrames.CONTINUATION, Arrays.copyOfRange(compressed, 2 * third, compressed.length));
                assertEquals(text, client.expectText());
                assertEquals(1, codec.compressedMessages());
            }
        });
    }

    @Test
    void anUncompressedMessageIsStillAccepted() {
        guarded(() -> {
            try (RawClient client = connect(new ZlibInflateCodec())) {
                client.sendText("plain");
                assertEquals("plain", client.expectText());
            }
        });
    }

    @Test
    void rsv1OnAContinuationFrameIsAProtocolError() {
        byte[] compressed = compress(new Deflater(6, true), utf8("x".repeat(100)));
        failsWith(1002,
                RawFrames.frameBytes(false, Frame.RSV1, RawFrames.TEXT, Arrays.copyOf(compressed, 2), true, false),
                RawFrames.frameBytes(true, Frame.RSV1, RawFrames.CONTINUATION,
                        Arrays.copyOfRange(compressed, 2, compressed.length), true, false));
    }

    @Test
    void rsv1OnAControlFrameIsAProtocolError() {
        failsWith(1002, RawFrames.frameBytes(true, Frame.RSV1, RawFrames.PING, new byte[0], true, false));
    }

    @Test
    void corruptCompressedDataClosesWith1007() {
        // BFINAL=1 with BTYPE=11, a reserved block type: no inflater can read past it.
        failsWith(1007, RawFrames.frameBytes(true, Frame.RSV1, RawFrames.TEXT,
                new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x00}, true, false));
    }

    @Test
    void invalidUtf8InsideACompressedTextClosesWith1007() {
        byte[] invalid = {'o', 'k', (byte) 0xc3, (byte) 0x28, 'x', 'x', 'x', 'x'};
        failsWith(1007, RawFrames.frameBytes(true, Frame.RSV1, RawFrames.TEXT,
                compress(new Deflater(6, true), invalid), true, false));
    }

    /**
     * Issue 16, item 4, the server side: a 0.5 MiB frame inflating to 512 MiB, to a server with a
     * 16 MiB maxSize. It refuses with 1009 one byte past its budget, having allocated about the
     * budget (growing one array by doubling allocated ~2×); the speed is ws-bench's BombRefusal.
     */
    @Test
    void aBombFarPastALargeMaxSizeIsRefusedOneBytePastItHavingAllocatedAboutTheBudget() {
        long maxSize = 16L << 20;
        byte[] bomb = RawFrames.frameBytes(true, Frame.RSV1, RawFrames.BINARY, Bomb.zeros(512), true, false);
        CompletableFuture<ConnectionClosed> closed = new CompletableFuture<>();
        guarded(() -> {
            try (WebSocketServer large = WebSocketServer.serve(ws -> {
                try {
                    for (Message message : ws) {
                        ws.send(message);
                    }
                } catch (ConnectionClosed e) {
                    closed.complete(e);
                }
            }, "127.0.0.1", 0, ServerOptions.builder().maxSize(maxSize).build())) {
                try (RawClient client = RawClient.connect(large.port(), OFFER, List.of(new ZlibInflateCodec()))) {
                    long before = Bomb.allocatedByAllThreads();
                    client.sendRaw(bomb);
                    assertEquals(1009, client.expectCloseFrame().code());
                    long allocated = Bomb.allocatedByAllThreads() - before;
                    assertTrue(allocated < maxSize + maxSize / 2, "allocated " + (allocated >> 20)
                            + " MiB to refuse a 16 MiB budget");
                }
                ConnectionClosed e = closed.get(10, TimeUnit.SECONDS);
                assertTrue(e.getMessage().contains("sent 1009 "), e::toString);
                PayloadTooBig tooBig = assertInstanceOf(PayloadTooBig.class, e.getCause());
                assertEquals(maxSize + 1, tooBig.size(), "inflated one byte past the budget, no further");
                assertEquals(maxSize, tooBig.maxSize());
            }
        });
    }

    @Test
    void aDecompressionBombClosesWith1009() {
        byte[] zeros = new byte[64 << 20]; // 64 MiB of zeros: about 64 KiB compressed, 64× maxSize
        byte[] compressed = compress(new Deflater(9, true), zeros);
        assertTrue(compressed.length < 128 << 10, "compressed to " + compressed.length);
        failsWith(1009, RawFrames.frameBytes(true, Frame.RSV1, RawFrames.BINARY, compressed, true, false));
    }
}
