package org.websockets4j.examples.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.websockets4j.examples.conformance.RawFrames.BINARY;
import static org.websockets4j.examples.conformance.RawFrames.CLOSE;
import static org.websockets4j.examples.conformance.RawFrames.CONTINUATION;
import static org.websockets4j.examples.conformance.RawFrames.PING;
import static org.websockets4j.examples.conformance.RawFrames.PONG;
import static org.websockets4j.examples.conformance.RawFrames.TEXT;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.websockets4j.client.ClientOptions;
import org.websockets4j.client.WebSocketClient;
import org.websockets4j.examples.conformance.RawServer.ClientFrame;
import org.websockets4j.framing.Close;
import org.websockets4j.protocol.ConnectionClosedError;
import org.websockets4j.protocol.ConnectionClosedOK;
import org.websockets4j.protocol.Message;
import org.websockets4j.protocol.WebSocket;

/**
 * RFC 6455 conformance of the client's framing layer, against a hand-written server on a raw
 * loopback socket: exact messages for what is valid, exact close codes on the wire and in the
 * application's exceptions for what is not, masked frames throughout.
 */
class ClientConformanceFramesTest {
    private static final Duration GUARD = Duration.ofSeconds(10);
    static final int MAX_SIZE = 1024;
    private static final ClientOptions OPTIONS = ClientOptions.builder()
            .openTimeout(Duration.ofSeconds(5))
            .closeTimeout(Duration.ofSeconds(2))
            .maxSize(1 << 20)
            .build();

    /** What the application does with the open connection. */
    @FunctionalInterface
    interface ClientSide {
        void run(WebSocket ws) throws Exception;
    }

    /** Runs {@code server} on the raw server's first connection while {@code client} uses ours. */
    private static void converse(ClientOptions options, RawServer.Script server, ClientSide client) {
        assertTimeoutPreemptively(GUARD, () -> {
            try (RawServer raw = RawServer.start(server)) {
                try (WebSocket ws = WebSocketClient.connect(raw.uri(), options)) {
                    client.run(ws);
                }
                raw.await();
            }
        });
    }

    private static void converse(RawServer.Script server, ClientSide client) {
        converse(OPTIONS, server, client);
    }

    /** The server sends {@code frames} after the handshake; the client fails the connection with {@code code}. */
    private static void clientFailsWith(int code, byte[]... frames) {
        converse(conn -> {
            conn.handshake();
            for (byte[] frame : frames) {
                conn.sendRaw(frame);
            }
            conn.expectClose(code);
        }, ws -> expectFailed(ws, code));
    }

    /**
     * The application sees the connection failed by the client: {@code sent} went out (asserted on
     * the wire by the server), and since a failing endpoint stops processing what arrives (RFC 6455
     * §7.1.7), no close frame counts as received, so the connection's close code is 1006 (§7.1.5).
     */
    private static void expectFailed(WebSocket ws, int sent) {
        ConnectionClosedError e = assertThrows(ConnectionClosedError.class, ws::recv);
        assertEquals(1006, e.code(), e::toString);
        assertTrue(e.getMessage().contains("sent " + sent + " "), e::toString);
        assertTrue(e.getCause() != null, () -> "the error the server broke, as the cause: " + e);
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    private static byte[] frame(boolean fin, int rsv, int opcode, byte[] payload) {
        return RawFrames.frameBytes(fin, rsv, opcode, payload, false, false);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void expectClosedOK(WebSocket ws, int code) {
        ConnectionClosedOK e = assertThrows(ConnectionClosedOK.class, ws::recv);
        assertEquals(code, e.code(), e::toString);
    }

    // ---- 1. frame sizes at every length boundary

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 125, 126, 127, 65535, 65536, 65537})
    void receivesEveryLengthBoundaryExactly(int length) {
        byte[] binary = new byte[length];
        new Random(length).nextBytes(binary);
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = (char) ('a' + i % 26);
        }
        String text = new String(chars);
        converse(conn -> {
            conn.handshake();
            conn.send(true, 0, BINARY, binary);
            conn.sendText(text);
            conn.closeNormally();
        }, ws -> {
            assertArrayEquals(binary, ws.recvBinary());
            assertEquals(text, ws.recvText());
            expectClosedOK(ws, 1000);
        });
    }

    @Test
    void acceptsNonMinimalPayloadLengths() {
        converse(conn -> {
            conn.handshake();
            conn.sendRaw(RawFrames.frameBytes(true, 0, TEXT, utf8("hello"), false, true));
            // a 64-bit length for 5 bytes
            byte[] long64 = {(byte) 0x82, 127, 0, 0, 0, 0, 0, 0, 0, 5, 1, 2, 3, 4, 5};
            conn.sendRaw(long64);
            conn.closeNormally();
        }, ws -> {
            assertEquals("hello", ws.recvText());
            assertArrayEquals(bytes(1, 2, 3, 4, 5), ws.recvBinary());
            expectClosedOK(ws, 1000);
        });
    }

    // ---- 2. pings

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 125})
    void answersPingsWithIdenticalMaskedPongs(int length) {
        byte[] payload = new byte[length];
        new Random(length).nextBytes(payload);
        converse(conn -> {
            conn.handshake();
            conn.send(true, 0, PING, payload);
            ClientFrame pong = conn.expect(PONG);
            assertArrayEquals(payload, pong.payload());
            conn.closeNormally();
        }, ws -> expectClosedOK(ws, 1000));
    }

    @Test
    void aPingOver125BytesIs1002() {
        clientFailsWith(1002, frame(true, 0, PING, new byte[126]));
    }

    // ---- 3. masking, reserved bits, reserved opcodes

    @Test
    void aMaskedServerFrameIs1002() {
        clientFailsWith(1002, RawFrames.frameBytes(true, 0, TEXT, utf8("x"), true, false));
    }

    @ParameterizedTest
    @ValueSource(ints = {0x40, 0x20, 0x10})
    void reservedBitsWithoutAnExtensionAre1002(int rsv) {
        clientFailsWith(1002, frame(true, rsv, TEXT, utf8("x")));
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 7, 11, 15})
    void reservedOpcodesAre1002(int opcode) {
        clientFailsWith(1002, frame(true, 0, opcode, new byte[0]));
    }

    // ---- 4. fragmentation

    @Test
    void aPingBetweenFragmentsIsAnsweredAndTheMessageReassembled() {
        converse(conn -> {
            conn.handshake();
            conn.send(false, 0, TEXT, utf8("frag"));
            conn.send(true, 0, PING, utf8("p"));
            ClientFrame pong = conn.expect(PONG); // answered before the message is complete
            assertArrayEquals(utf8("p"), pong.payload());
            conn.send(false, 0, CONTINUATION, utf8("men"));
            conn.send(true, 0, CONTINUATION, utf8("ted"));
            conn.closeNormally();
        }, ws -> {
            assertEquals(new Message.Text("fragmented"), ws.recv());
            expectClosedOK(ws, 1000);
        });
    }

    @Test
    void aContinuationWithoutAStartedMessageIs1002() {
        clientFailsWith(1002, frame(true, 0, CONTINUATION, utf8("x")));
    }

    // ---- 5. UTF-8

    @Test
    void invalidUtf8InTheFirstFragmentFailsFastWith1007() {
        // only the first fragment is sent: the close must come before the message is finished
        clientFailsWith(1007, frame(false, 0, TEXT, bytes('o', 'k', 0xC0, 0x80)));
    }

    @Test
    void invalidUtf8InOneFrameIs1007() {
        clientFailsWith(1007, frame(true, 0, TEXT, bytes('a', 0xFF, 'b')));
    }

    @Test
    void fourByteSequencesSplitAcrossFramesAreReceived() {
        String text = "a\uD83D\uDE00b"; // a, U+1F600 (F0 9F 98 80), b
        byte[] utf8 = utf8(text);
        assertEquals(6, utf8.length);
        converse(conn -> {
            conn.handshake();
            for (int split = 1; split < utf8.length; split++) {
                conn.send(false, 0, TEXT, Arrays.copyOfRange(utf8, 0, split));
                conn.send(true, 0, CONTINUATION, Arrays.copyOfRange(utf8, split, utf8.length));
            }
            conn.send(false, 0, TEXT, Arrays.copyOfRange(utf8, 0, 1));
            for (int i = 1; i < utf8.length; i++) {
                conn.send(i == utf8.length - 1, 0, CONTINUATION, Arrays.copyOfRange(utf8, i, i + 1));
            }
            conn.closeNormally();
        }, ws -> {
            for (int split = 1; split < utf8.length; split++) {
                assertEquals(text, ws.recvText(), "split at " + split);
            }
            assertEquals(text, ws.recvText(), "one byte per fragment");
            expectClosedOK(ws, 1000);
        });
    }

    // ---- 6. closing

    @Test
    void aServerCloseIsAnsweredAndTheClientLetsTheServerCloseTcp() {
        converse(conn -> {
            conn.handshake();
            conn.sendClose(1000, "bye");
            Close answer = conn.expectCloseFrame();
            assertEquals(1000, answer.code());
            // RFC 6455 §7.1.1: the server closes TCP first; the client waits for it
            conn.assertStillOpen(200);
            conn.close();
        }, ws -> {
            ConnectionClosedOK e = assertThrows(ConnectionClosedOK.class, ws::recv);
            assertEquals(1000, e.code());
            assertEquals("bye", e.reason());
            ws.awaitClosed();
            assertFalse(ws.isOpen());
        });
    }

    @Test
    void aGoingAwayCloseIsClosedOK() {
        converse(conn -> {
            conn.handshake();
            conn.sendClose(1001, "");
            assertEquals(1001, conn.expectCloseFrame().code());
            conn.close();
        }, ws -> expectClosedOK(ws, 1001));
    }

    @Test
    void anApplicationCloseCodeIsClosedErrorAndEchoed() {
        converse(conn -> {
            conn.handshake();
            conn.sendClose(4000, "app");
            assertEquals(4000, conn.expectCloseFrame().code());
            conn.close();
        }, ws -> {
            ConnectionClosedError e = assertThrows(ConnectionClosedError.class, ws::recv);
            assertEquals(4000, e.code());
            assertEquals("app", e.reason());
        });
    }

    @Test
    void anEmptyCloseIs1005AndAnsweredWithAnEmptyClose() {
        converse(conn -> {
            conn.handshake();
            conn.send(true, 0, CLOSE, new byte[0]);
            ClientFrame answer = conn.expect(CLOSE);
            assertEquals(0, answer.payload().length, "an empty close is answered with an empty close");
            conn.close();
        }, ws -> {
            ConnectionClosedError e = assertThrows(ConnectionClosedError.class, ws::recv);
            assertEquals(1005, e.code());
        });
    }

    @Test
    void tcpDroppedWithoutACloseIs1006() {
        converse(conn -> {
            conn.handshake();
            conn.sendText("last");
            conn.close();
        }, ws -> {
            assertEquals("last", ws.recvText());
            ConnectionClosedError e = assertThrows(ConnectionClosedError.class, ws::recv);
            assertEquals(1006, e.code());
        });
    }

    // ---- 7. limits

    @Test
    void aMessageOverMaxSizeIs1009() {
        ClientOptions small = OPTIONS.toBuilder().maxSize(MAX_SIZE).build();
        byte[] exact = new byte[MAX_SIZE];
        new Random(1).nextBytes(exact);
        converse(small, conn -> {
            conn.handshake();
            conn.send(true, 0, BINARY, exact);
            conn.send(true, 0, BINARY, new byte[MAX_SIZE + 1]);
            conn.expectClose(1009);
        }, ws -> {
            assertArrayEquals(exact, ws.recvBinary());
            expectFailed(ws, 1009);
        });
    }

    @Test
    void aFragmentedMessageOverMaxSizeIs1009() {
        ClientOptions small = OPTIONS.toBuilder().maxSize(MAX_SIZE).build();
        converse(small, conn -> {
            conn.handshake();
            conn.send(false, 0, BINARY, new byte[MAX_SIZE / 2]);
            conn.send(false, 0, CONTINUATION, new byte[MAX_SIZE / 2]);
            conn.send(true, 0, CONTINUATION, new byte[1]);
            conn.expectClose(1009);
        }, ws -> {
            expectFailed(ws, 1009);
        });
    }

    // ---- 9. masking of what the client sends

    @Test
    void everyClientFrameIsMaskedWithFreshKeys() {
        byte[] big = new byte[70_000];
        new Random(9).nextBytes(big);
        converse(conn -> {
            conn.handshake();
            ClientFrame first = conn.expect(TEXT);
            ClientFrame second = conn.expect(TEXT);
            ClientFrame binary = conn.expect(BINARY);
            ClientFrame ping = conn.expect(PING);
            assertEquals("one", first.text());
            assertEquals("two", second.text());
            assertArrayEquals(big, binary.payload());
            assertArrayEquals(utf8("hi"), ping.payload());
            assertNotEquals(first.maskKey(), second.maskKey(), "two frames, two masking keys");
            assertTrue(first.maskKey() != binary.maskKey() || second.maskKey() != binary.maskKey());
            conn.send(true, 0, PONG, utf8("hi"));
            Close close = conn.expectCloseFrame(); // masked too
            assertEquals(1000, close.code());
            conn.sendClose(1000, "");
            conn.close();
        }, ws -> {
            ws.send("one");
            ws.send("two");
            ws.send(big);
            ws.ping("hi").get();
            ws.close();
            assertEquals(1000, ws.closeCode());
        });
    }
}
