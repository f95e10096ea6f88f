package org.websockets4j.examples.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.websockets4j.examples.conformance.RawFrames.BINARY;
import static org.websockets4j.examples.conformance.RawFrames.CLOSE;
import static org.websockets4j.examples.conformance.RawFrames.CONTINUATION;
import static org.websockets4j.examples.conformance.RawFrames.PING;
import static org.websockets4j.examples.conformance.RawFrames.TEXT;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.websockets4j.framing.Close;
import org.websockets4j.framing.Frame;
import org.websockets4j.framing.Opcode;
import org.websockets4j.protocol.ConnectionClosed;
import org.websockets4j.protocol.Message;
import org.websockets4j.server.ServerOptions;
import org.websockets4j.server.WebSocketServer;

/**
 * RFC 6455 conformance of the server's framing layer, driven over raw loopback sockets: exact
 * echoes for what is valid, exact close codes for what is not.
 */
class ServerConformanceFramesTest {
    private static final Duration GUARD = Duration.ofSeconds(10);
    static final int MAX_SIZE = 1 << 20;

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
        }, "127.0.0.1", 0, ServerOptions.builder().maxSize(MAX_SIZE).build());
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        server.awaitClosed();
    }

    private static RawClient connect() throws Exception {
        return RawClient.connect(server.port());
    }

    private static void guarded(Executable test) {
        assertTimeoutPreemptively(GUARD, test);
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    private static byte[] closePayload(int code, byte[] reason) {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        payload.write(code >>> 8);
        payload.write(code);
        payload.writeBytes(reason);
        return payload.toByteArray();
    }

    /** Another connection to the same server still echoes. */
    private static void serverStillWorks() throws Exception {
        try (RawClient other = connect()) {
            other.sendText("still alive");
            assertEquals("still alive", other.expectText());
            other.sendClose(1000, "");
            assertEquals(1000, other.expectCloseFrame().code());
            other.expectEof();
        }
    }

    private static void failsWith(int code, byte[]... frames) {
        guarded(() -> {
            try (RawClient client = connect()) {
                for (byte[] frame : frames) {
                    client.sendRaw(frame);
                }
                client.expectClose(code);
            }
        });
    }

    // ---- 1. frame sizes at every length boundary

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 125, 126, 127, 65535, 65536, 65537})
    void echoesEveryLengthBoundaryExactly(int length) {
        guarded(() -> {
            try (RawClient client = connect()) {
                byte[] binary = new byte[length];
                new Random(length).nextBytes(binary);
                client.send(true, 0, BINARY, binary);
                assertArrayEquals(binary, client.expect(Opcode.BINARY));

                char[] chars = new char[length];
                for (int i = 0; i < length; i++) {
                    chars[i] = (char) ('a' + i % 26);
                }
                String text = new String(chars);
                client.sendText(text);
                assertEquals(text, client.expectText());
            }
        });
    }

    @Test
    void acceptsANonMinimalPayloadLength() {
        guarded(() -> {
            try (RawClient client = connect()) {
                client.sendRaw(RawFrames.frameBytes(true, 0, TEXT, "hello".getBytes(StandardCharsets.UTF_8), true, true));
                assertEquals("hello", client.expectText());
            }
        });
    }

    // ---- 2. pings

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 125})
    void answersPingsWithIdenticalPongs(int length) {
        guarded(() -> {
            try (RawClient client = connect()) {
                byte[] payload = new byte[length];
                new Random(length).nextBytes(payload);
                client.send(true, 0, PING, payload);
                assertArrayEquals(payload, client.expect(Opcode.PONG));
            }
        });
    }

    @Test
    void aPingOver125BytesIsAProtocolError() {
        failsWith(1002, RawFrames.frameBytes(true, 0, PING, new byte[126], true, false));
        guarded(ServerConformanceFramesTest::serverStillWorks);
    }

    // ---- 3. reserved bits, reserved opcodes, masking

    @ParameterizedTest
    @ValueSource(ints = {0x40, 0x20, 0x10})
    void reservedBitsWithoutAnExtensionAreAProtocolError(int rsv) {
        failsWith(1002, RawFrames.frameBytes(true, rsv, TEXT, "x".getBytes(StandardCharsets.UTF_8), true, false));
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 4, 5, 6, 7, 11, 12, 13, 14, 15})
    void reservedOpcodesAreAProtocolError(int opcode) {
        failsWith(1002, RawFrames.frameBytes(true, 0, opcode, new byte[0], true, false));
    }

    @Test
    void anUnmaskedClientFrameIsAProtocolError() {
        failsWith(1002, RawFrames.frameBytes(true, 0, TEXT, "x".getBytes(StandardCharsets.UTF_8), false, false));
        guarded(ServerConformanceFramesTest::serverStillWorks);
    }

    // ---- 4. fragmentation

    @Test
    void aPingBetweenFragmentsIsAnsweredFirst() {
        guarded(() -> {
            try (RawClient client = connect()) {
                client.send(false, 0, TEXT, "frag".getBytes(StandardCharsets.UTF_8));
                client.send(true, 0, PING, "p".getBytes(StandardCharsets.UTF_8));
                client.send(false, 0, CONTINUATION, "men".getBytes(StandardCharsets.UTF_8));
                client.send(true, 0, CONTINUATION, "ted".getBytes(StandardCharsets.UTF_8));
                assertArrayEquals("p".getBytes(StandardCharsets.UTF_8), client.expect(Opcode.PONG));
                assertEquals("fragmented", client.expectText());
            }
        });
    }

    @Test
    void aContinuationWithoutAStartedMessageIsAProtocolError() {
        failsWith(1002, RawFrames.frameBytes(true, 0, CONTINUATION, "x".getBytes(StandardCharsets.UTF_8), true, false));
    }

    @Test
    void aNewDataFrameInsideAFragmentedMessageIsAProtocolError() {
        failsWith(1002,
                RawFrames.frameBytes(false, 0, TEXT, "a".getBytes(StandardCharsets.UTF_8), true, false),
                RawFrames.frameBytes(true, 0, TEXT, "b".getBytes(StandardCharsets.UTF_8), true, false));
    }

    @Test
    void aFragmentedControlFrameIsAProtocolError() {
        failsWith(1002, RawFrames.frameBytes(false, 0, PING, "x".getBytes(StandardCharsets.UTF_8), true, false));
    }

    // ---- 5. UTF-8

    @Test
    void validTextSplitAtEveryByteOfAFourByteSequenceIsEchoed() {
        guarded(() -> {
            String text = "a\uD83D\uDE00b"; // a, U+1F600 (F0 9F 98 80), b
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            assertEquals(6, utf8.length);
            try (RawClient client = connect()) {
                for (int split = 1; split < utf8.length; split++) {
                    client.send(false, 0, TEXT, Arrays.copyOfRange(utf8, 0, split));
                    client.send(true, 0, CONTINUATION, Arrays.copyOfRange(utf8, split, utf8.length));
                    assertEquals(text, client.expectText(), "split at " + split);
                }
                // one byte per fragment
                client.send(false, 0, TEXT, Arrays.copyOfRange(utf8, 0, 1));
                for (int i = 1; i < utf8.length; i++) {
                    client.send(i == utf8.length - 1, 0, CONTINUATION, Arrays.copyOfRange(utf8, i, i + 1));
                }
                assertEquals(text, client.expectText());
            }
        });
    }

    @Test
    void invalidUtf8InOneFrameIs1007() {
        failsWith(1007, RawFrames.frameBytes(true, 0, TEXT, bytes('a', 0xFF, 'b'), true, false));
        guarded(ServerConformanceFramesTest::serverStillWorks);
    }

    @Test
    void invalidUtf8InTheFirstFragmentFailsFast() {
        // only the first fragment is sent: the close must come before the message is finished
        failsWith(1007, RawFrames.frameBytes(false, 0, TEXT, bytes('o', 'k', 0xC0, 0x80), true, false));
    }

    @Test
    void aMessageEndingInsideAMultiByteSequenceIs1007() {
        failsWith(1007, RawFrames.frameBytes(true, 0, TEXT, bytes('a', 0xF0, 0x9F, 0x98), true, false));
        failsWith(1007,
                RawFrames.frameBytes(false, 0, TEXT, bytes('a', 0xF0, 0x9F), true, false),
                RawFrames.frameBytes(true, 0, CONTINUATION, bytes(0x98), true, false));
    }

    // ---- 6. close frames

    @Test
    void anEmptyCloseIsAnsweredWithAnEmptyClose() {
        guarded(() -> {
            try (RawClient client = connect()) {
                client.send(true, 0, CLOSE, new byte[0]);
                Frame answer = client.readFrame();
                assertEquals(Opcode.CLOSE, answer.opcode());
                assertEquals(0, answer.length(), "an empty close is answered with an empty close");
                client.expectEof();
            }
        });
    }

    @Test
    void aCloseWithReasonIsEchoed() {
        guarded(() -> {
            try (RawClient client = connect()) {
                client.sendClose(1000, "bye now");
                assertEquals(1000, client.expectCloseFrame().code());
                client.expectEof();
            }
        });
    }

    @Test
    void aOneByteClosePayloadIsAProtocolError() {
        failsWith(1002, RawFrames.frameBytes(true, 0, CLOSE, bytes(0x03), true, false));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000, 65535})
    void invalidCloseCodesAreAProtocolError(int code) {
        failsWith(1002, RawFrames.frameBytes(true, 0, CLOSE, closePayload(code, new byte[0]), true, false));
    }

    @ParameterizedTest
    @ValueSource(ints = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 4999})
    void validCloseCodesAreEchoed(int code) {
        guarded(() -> {
            try (RawClient client = connect()) {
                client.send(true, 0, CLOSE, closePayload(code, "r".getBytes(StandardCharsets.UTF_8)));
                Close answer = client.expectCloseFrame();
                assertEquals(code, answer.code());
                client.expectEof();
            }
        });
    }

    @Test
    void aCloseReasonWithInvalidUtf8Is1007() {
        failsWith(1007, RawFrames.frameBytes(true, 0, CLOSE, closePayload(1000, bytes('o', 0xFF)), true, false));
    }

    @Test
    void dataAfterTheCloseFrameIsIgnored() {
        guarded(() -> {
            try (RawClient client = connect()) {
                byte[] close = RawFrames.frameBytes(true, 0, CLOSE, closePayload(1000, new byte[0]), true, false);
                byte[] text = RawFrames.frameBytes(true, 0, TEXT, "late".getBytes(StandardCharsets.UTF_8), true, false);
                ByteArrayOutputStream both = new ByteArrayOutputStream();
                both.writeBytes(close);
                both.writeBytes(text);
                client.sendRaw(both.toByteArray()); // one write: the server sees both together
                Frame answer = client.readFrame();
                assertEquals(Opcode.CLOSE, answer.opcode(), () -> "the late text is not echoed: " + answer);
                assertEquals(1000, Close.parse(answer.payload()).code());
                client.expectEof();
            }
        });
    }

    // ---- 7. limits

    @Test
    void aMessageOfExactlyMaxSizeIsEchoed() {
        guarded(() -> {
            try (RawClient client = connect()) {
                byte[] data = new byte[MAX_SIZE];
                new Random(7).nextBytes(data);
                client.send(true, 0, BINARY, data);
                assertArrayEquals(data, client.expect(Opcode.BINARY));
            }
        });
    }

    @Test
    void aFrameOverMaxSizeIsRefusedFromItsHeader() {
        // only the header: the server must not wait for the payload
        failsWith(1009, RawFrames.headerOnly(true, BINARY, MAX_SIZE + 1L));
        guarded(ServerConformanceFramesTest::serverStillWorks);
    }

    @Test
    void aFragmentedMessageOverMaxSizeIs1009() {
        int half = MAX_SIZE / 2;
        failsWith(1009,
                RawFrames.frameBytes(false, 0, BINARY, new byte[half], true, false),
                RawFrames.frameBytes(false, 0, CONTINUATION, new byte[half], true, false),
                RawFrames.frameBytes(true, 0, CONTINUATION, new byte[1], true, false));
    }
}
