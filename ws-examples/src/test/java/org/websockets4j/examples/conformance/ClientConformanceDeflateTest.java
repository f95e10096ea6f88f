package org.websockets4j.examples.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;
import org.websockets4j.client.ClientOptions;
import org.websockets4j.client.WebSocketClient;
import org.websockets4j.extensions.Compression;
import org.websockets4j.framing.Frame;
import org.websockets4j.framing.PayloadTooBig;
import org.websockets4j.http.InvalidHandshake;
import org.websockets4j.protocol.ConnectionClosedError;
import org.websockets4j.protocol.WebSocket;

/**
 * permessage-deflate on the wire, our client at its defaults against a hand-written server that
 * compresses with zlib itself and reads the client's compressed frames with zlib: the compressed
 * exchange, and each way a server can get the extension wrong, with the RFC's close code or a
 * refused handshake.
 */
class ClientConformanceDeflateTest {
    private static final Duration GUARD = Duration.ofSeconds(10);
    private static final String ANSWER = "Sec-WebSocket-Extensions: permessage-deflate\r\n";
    private static final ClientOptions OPTIONS = ClientOptions.builder()
            .openTimeout(Duration.ofSeconds(5))
            .closeTimeout(Duration.ofSeconds(2))
            .build();
    private static final byte[] TAIL = {0, 0, (byte) 0xff, (byte) 0xff};

    /** {@code data} deflated with SYNC_FLUSH, without the final 00 00 ff ff (RFC 7692 §7.2.1). */
    private static byte[] compress(Deflater deflater, byte[] data) {
        deflater.setInput(data);
        byte[] out = new byte[data.length + 64];
        int length = 0;
        while (true) {
            length += deflater.deflate(out, length, out.length - length, Deflater.SYNC_FLUSH);
            if (length < out.length) {
                break;
            }
            out = Arrays.copyOf(out, out.length * 2);
        }
        return Arrays.copyOf(out, length - 4);
    }

    /** One compressed message's payload with the tail put back, inflated with the connection's inflater. */
    private static byte[] decompress(Inflater inflater, byte[] payload) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (byte[] input : new byte[][] {payload, TAIL}) {
            inflater.setInput(input);
            for (int n; (n = inflater.inflate(buffer)) > 0 || !inflater.needsInput(); ) {
                out.write(buffer, 0, n);
            }
        }
        return out.toByteArray();
    }

    private static byte[] frame(boolean fin, int rsv, int opcode, byte[] payload) {
        return RawFrames.frameBytes(fin, rsv, opcode, payload, false, false);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void converse(RawServer.Script server, ClientSide client) {
        assertTimeoutPreemptively(GUARD, () -> {
            try (RawServer raw = RawServer.start(server)) {
                try (WebSocket ws = WebSocketClient.connect(raw.uri(), OPTIONS)) {
                    client.run(ws);
                }
                raw.await();
            }
        });
    }

    /** What the application does with the open connection. */
    @FunctionalInterface
    interface ClientSide {
        void run(WebSocket ws) throws Exception;
    }

    /** The server answers permessage-deflate, then sends {@code frames}; the client fails with {@code code}. */
    private static void clientFailsWith(int code, byte[]... frames) {
        converse(conn -> {
            conn.handshake(ANSWER);
            for (byte[] frame : frames) {
                conn.sendRaw(frame);
            }
            conn.expectClose(code);
        }, ws -> {
            ConnectionClosedError e = assertThrows(ConnectionClosedError.class, ws::recv);
            assertTrue(e.getMessage().contains("sent " + code + " "), e::toString);
        });
    }

    @Test
    void compressedMessagesBothWaysWithContextTakeover() {
        String text = "{\"greeting\": \"" + "grüß dich ".repeat(10) + "\"}";
        converse(conn -> {
            conn.handshake(ANSWER);
            assertTrue(conn.header("Sec-WebSocket-Extensions").startsWith("permessage-deflate"));
            Deflater deflater = new Deflater(6, true);
            for (int i = 0; i < 3; i++) {
                conn.sendRaw(frame(true, Frame.RSV1, RawFrames.TEXT, compress(deflater, utf8(text + i))));
            }
            byte[] compressed = compress(deflater, new byte[50_000]);
            int half = compressed.length / 2;
            conn.sendRaw(frame(false, Frame.RSV1, RawFrames.BINARY, Arrays.copyOf(compressed, half)));
            conn.sendRaw(frame(true, 0, RawFrames.PING, utf8("between")));
            conn.sendRaw(frame(true, 0, RawFrames.CONTINUATION, Arrays.copyOfRange(compressed, half, compressed.length)));
            assertEquals("between", new String(conn.expect(RawFrames.PONG).payload(), StandardCharsets.UTF_8));
            Inflater inflater = new Inflater(true);
            for (int i = 0; i < 2; i++) {
                RawServer.ClientFrame reply = conn.readFrame();
                assertEquals(Frame.RSV1, reply.rsv(), "the client compresses what it sends");
                assertTrue(reply.masked(), "client frames are masked");
                assertEquals(text + "back" + i, new String(decompress(inflater, reply.payload()), StandardCharsets.UTF_8));
            }
            conn.closeNormally();
            deflater.end();
            inflater.end();
        }, ws -> {
            for (int i = 0; i < 3; i++) {
                assertEquals(text + i, ws.recvText());
            }
            assertArrayEquals(new byte[50_000], ws.recvBinary());
            ws.send(text + "back0");
            ws.send(text + "back1");
            assertThrows(org.websockets4j.protocol.ConnectionClosedOK.class, ws::recv);
        });
    }

    @Test
    void rsv1OnAContinuationFrameIsAProtocolError() {
        byte[] compressed = compress(new Deflater(6, true), utf8("y".repeat(100)));
        clientFailsWith(1002,
                frame(false, Frame.RSV1, RawFrames.TEXT, Arrays.copyOf(compressed, 2)),
                frame(true, Frame.RSV1, RawFrames.CONTINUATION, Arrays.copyOfRange(compressed, 2, compressed.length)));
    }

    @Test
    void rsv1OnAControlFrameIsAProtocolError() {
        clientFailsWith(1002, frame(true, Frame.RSV1, RawFrames.PING, new byte[0]));
    }

    @Test
    void corruptCompressedDataClosesWith1007() {
        clientFailsWith(1007, frame(true, Frame.RSV1, RawFrames.TEXT, new byte[] {(byte) 0xff, (byte) 0xff, 0x00}));
    }

    @Test
    void invalidUtf8InsideACompressedTextClosesWith1007() {
        clientFailsWith(1007, frame(true, Frame.RSV1, RawFrames.TEXT,
                compress(new Deflater(6, true), new byte[] {'o', 'k', (byte) 0xc3, (byte) 0x28, 'z', 'z'})));
    }

    @Test
    void aDecompressionBombClosesWith1009() {
        clientFailsWith(1009, frame(true, Frame.RSV1, RawFrames.BINARY, compress(new Deflater(9, true), new byte[64 << 20])));
    }

    /**
     * Issue 16, item 4: a 0.5 MiB frame inflating to 512 MiB, to a client with a 64 MiB maxSize,
     * through real sockets. The client refuses it with 1009 one byte past its budget, and refusing
     * costs the budget in memory, not the ~2× that growing one array by doubling allocated (the
     * speed is measured by ws-bench's BombRefusal, not here).
     */
    @Test
    void aBombFarPastALargeMaxSizeIsRefusedOneBytePastItHavingAllocatedAboutTheBudget() {
        long maxSize = 64L << 20;
        byte[] bomb = frame(true, Frame.RSV1, RawFrames.BINARY, Bomb.zeros(512));
        assertTrue(bomb.length < 600 << 10, "bomb frame of " + bomb.length + " bytes");
        ClientOptions options = OPTIONS.toBuilder().maxSize(maxSize).build();
        CountDownLatch measuring = new CountDownLatch(1);
        assertTimeoutPreemptively(GUARD, () -> {
            try (RawServer raw = RawServer.start(conn -> {
                conn.handshake(ANSWER);
                measuring.await();
                conn.sendRaw(bomb);
                conn.expectClose(1009);
            })) {
                try (WebSocket ws = WebSocketClient.connect(raw.uri(), options)) {
                    long before = Bomb.allocatedByAllThreads();
                    measuring.countDown();
                    ConnectionClosedError e = assertThrows(ConnectionClosedError.class, ws::recv);
                    long allocated = Bomb.allocatedByAllThreads() - before;
                    assertTrue(e.getMessage().contains("sent 1009 "), e::toString);
                    PayloadTooBig tooBig = assertInstanceOf(PayloadTooBig.class, e.getCause());
                    assertEquals(maxSize + 1, tooBig.size(), "inflated one byte past the budget, no further");
                    assertEquals(maxSize, tooBig.maxSize());
                    assertTrue(allocated < maxSize + maxSize / 2, "allocated " + (allocated >> 20)
                            + " MiB to refuse a 64 MiB budget");
                }
                raw.await();
            }
        });
    }

    @Test
    void anAnswerTheOfferDidNotAllowFailsTheHandshake() {
        for (String answer : new String[] {
                "permessage-deflate; server_max_window_bits=7",
                "permessage-deflate; client_max_window_bits=16",
                "permessage-deflate; server_no_context_takeover; server_no_context_takeover",
                "permessage-deflate; unknown_parameter"}) {
            assertTimeoutPreemptively(GUARD, () -> {
                try (RawServer raw = RawServer.start(conn -> conn.handshake("Sec-WebSocket-Extensions: " + answer + "\r\n"))) {
                    InvalidHandshake e = assertThrows(InvalidHandshake.class, () -> WebSocketClient.connect(raw.uri(), OPTIONS), answer);
                    assertTrue(e.getMessage() != null, answer);
                }
            });
        }
    }

    @Test
    void anExtensionAnsweredToAClientThatOfferedNoneFailsTheHandshake() {
        ClientOptions off = OPTIONS.toBuilder().compression(Compression.NONE).build();
        assertTimeoutPreemptively(GUARD, () -> {
            try (RawServer raw = RawServer.start(conn -> {
                conn.handshake(ANSWER);
                assertEquals(null, conn.header("Sec-WebSocket-Extensions"), "compression NONE offers nothing");
            })) {
                assertThrows(InvalidHandshake.class, () -> WebSocketClient.connect(raw.uri(), off));
            }
        });
    }
}
