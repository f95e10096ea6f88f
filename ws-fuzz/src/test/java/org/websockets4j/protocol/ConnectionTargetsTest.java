package org.websockets4j.protocol;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.websockets4j.extensions.permessagedeflate.FuzzDeflate;
import org.websockets4j.extensions.permessagedeflate.PerMessageDeflate;
import org.websockets4j.framing.Close;
import org.websockets4j.framing.CloseCodes;
import org.websockets4j.framing.ExtensionCodec;
import org.websockets4j.framing.Frame;
import org.websockets4j.framing.FrameReader;
import org.websockets4j.framing.FrameWriter;
import org.websockets4j.framing.Opcode;
import org.websockets4j.framing.Role;
import org.websockets4j.framing.Utf8Validator;
import org.websockets4j.framing.WebSocketException;
import org.websockets4j.fuzz.Pieces;

/**
 * Coverage-guided target for the Sans-I/O {@link Connection}: random byte streams and well-formed
 * peer frames in, random application calls and clock moves, checked against the contract after
 * every step.
 */
class ConnectionTargetsTest {
    private static final long[] MAX_SIZES = {0, 1, 125, 200, 4096, ConnectionOptions.NO_LIMIT};
    private static final Opcode[] PEER_OPCODES = {Opcode.TEXT, Opcode.BINARY, Opcode.CONTINUATION, Opcode.PING,
        Opcode.PONG, Opcode.CLOSE};
    private static final int[] CODES = {1000, 1001, 1002, 1003, 1004, 1005, 1006, 1007, 1011, 1015, 2999, 3000, 4999,
        5000, 0, -1};
    private static final long SECOND = 1_000_000_000L;

    /**
     * One connection driven by the fuzzer. Checked after each step: receiveData, receiveEof,
     * advanceTime and the drains never throw; the application's calls throw only
     * {@link WebSocketException}s or the {@link IllegalArgumentException}s their javadoc names;
     * the state only moves forward; events form well-ordered messages no bigger than
     * {@code maxSize}, text ones valid UTF-8, and none follow the peer's close frame; every byte
     * the connection writes is a frame the peer can read, no data frame after its close frame; and once
     * CLOSED, the connection reports a close exception and its permessage-deflate codec holds no
     * native state (nothing lent from the zlib pool).
     */
    @FuzzTest
    void connection(FuzzedDataProvider data) {
        new Run(data).run();
    }

    private static final class Run {
        private final FuzzedDataProvider data;
        private final Role role;
        private final Role peerRole;
        private final long maxSize;
        private final FuzzDeflate deflate = new FuzzDeflate();
        private final PerMessageDeflate codec;
        private final PerMessageDeflate peerCodec;
        private final Connection connection;
        private final FrameWriter peerWriter;
        private final FrameReader peerReader;
        private long now;

        // What the application has seen.
        private State lastState = State.OPEN;
        private Opcode message;
        private long messageSize;
        private final Utf8Validator utf8 = new Utf8Validator();
        private boolean closeEventSeen;
        // What the peer has seen.
        private boolean closeFrameSent;

        Run(FuzzedDataProvider data) {
            this.data = data;
            role = data.consumeBoolean() ? Role.SERVER : Role.CLIENT;
            peerRole = role == Role.SERVER ? Role.CLIENT : Role.SERVER;
            maxSize = MAX_SIZES[data.consumeInt(0, MAX_SIZES.length - 1)];
            now = data.consumeLong();
            ConnectionOptions.Builder options = ConnectionOptions.builder().maxSize(maxSize)
                    .closeTimeout(Duration.ofSeconds(1));
            if (data.consumeBoolean()) {
                options.pingInterval(Duration.ofSeconds(1)).pingTimeout(Duration.ofSeconds(1));
            } else {
                options.pingInterval(null);
            }
            if (data.consumeBoolean()) {
                int bits = data.consumeInt(8, 15);
                boolean noContextTakeover = data.consumeBoolean();
                boolean dedicated = data.consumeBoolean();
                codec = deflate.codec(bits, noContextTakeover, dedicated);
                peerCodec = deflate.codec(bits, noContextTakeover, dedicated);
            } else {
                codec = null;
                peerCodec = null;
            }
            List<ExtensionCodec> codecs = codec == null ? List.of() : List.of(codec);
            List<ExtensionCodec> peerCodecs = peerCodec == null ? List.of() : List.of(peerCodec);
            int key = data.consumeInt();
            connection = new Connection(role, options.build(), codecs, () -> key, now);
            peerWriter = new FrameWriter(peerRole, () -> key, peerCodecs);
            peerReader = new FrameReader(peerRole, FrameReader.NO_LIMIT, peerCodecs);
        }

        void run() {
            try {
                int steps = 0;
                while (data.remainingBytes() > 0 && steps++ < 200) {
                    step(data.consumeInt(0, 13));
                    check();
                }
                // The driver reports the end of the stream in the end.
                connection.receiveEof(now);
                check();
                assertEquals(State.CLOSED, connection.state());
            } finally {
                if (peerCodec != null) {
                    peerCodec.release();
                }
            }
            assertEquals(0, deflate.lent(), "native zlib state still lent out after CLOSED");
        }

        private void step(int op) {
            switch (op) {
                case 0 -> connection.receiveData(Pieces.buffer(data.consumeBytes(data.consumeInt(1, 64)), data.consumeInt(0, 3)), now);
                case 1, 2, 3 -> receivePeerFrame();
                case 4 -> connection.receiveEof(now);
                case 5 -> call(() -> connection.sendText(data.consumeString(data.consumeInt(0, 300)), data.consumeBoolean()));
                case 6 -> call(() -> connection.sendBinary(ByteBuffer.wrap(data.consumeBytes(data.consumeInt(0, 300))), data.consumeBoolean()));
                case 7 -> call(() -> connection.sendContinuation(ByteBuffer.wrap(data.consumeBytes(data.consumeInt(0, 300))), data.consumeBoolean()));
                case 8 -> call(() -> connection.sendPing(data.consumeBoolean() ? null : ByteBuffer.wrap(data.consumeBytes(data.consumeInt(0, 130)))));
                case 9 -> call(() -> connection.sendPong(data.consumeBoolean() ? null : ByteBuffer.wrap(data.consumeBytes(data.consumeInt(0, 130)))));
                case 10 -> call(() -> {
                    if (data.consumeBoolean()) {
                        connection.sendClose(now);
                    } else {
                        connection.sendClose(CODES[data.consumeInt(0, CODES.length - 1)], data.consumeString(data.consumeInt(0, 130)), now);
                    }
                });
                case 11 -> call(() -> connection.fail(CODES[data.consumeInt(0, CODES.length - 1)], data.consumeString(data.consumeInt(0, 130)), now));
                case 12 -> call(() -> connection.sendText(StandardCharsets.UTF_8.encode(data.consumeString(data.consumeInt(0, 300))), data.consumeBoolean()));
                default -> {
                    now += data.consumeLong(0, 3 * SECOND);
                    connection.advanceTime(now);
                }
            }
        }

        /** A frame the peer could send (masking and compression right), delivered in two pieces. */
        private void receivePeerFrame() {
            Opcode opcode = PEER_OPCODES[data.consumeInt(0, PEER_OPCODES.length - 1)];
            boolean fin = opcode.isControl() || data.consumeBoolean();
            byte[] payload;
            if (opcode == Opcode.CLOSE && data.consumeBoolean()) {
                int code = CODES[data.consumeInt(0, 3)];
                payload = Pieces.bytes(Close.serialize(code, data.consumeAsciiString(data.consumeInt(0, 120))));
            } else if (opcode == Opcode.TEXT || opcode == Opcode.CONTINUATION && data.consumeBoolean()) {
                payload = data.consumeString(data.consumeInt(0, 300)).getBytes(StandardCharsets.UTF_8);
            } else {
                payload = data.consumeBytes(data.consumeInt(0, opcode.isControl() ? 125 : 300));
            }
            byte[] wire = peerWriter.toBytes(new Frame(fin, opcode, ByteBuffer.wrap(payload)));
            int cut = data.consumeInt(0, wire.length);
            connection.receiveData(Pieces.buffer(java.util.Arrays.copyOfRange(wire, 0, cut), 0), now);
            connection.receiveData(Pieces.buffer(java.util.Arrays.copyOfRange(wire, cut, wire.length), 2), now);
        }

        /** An application call: only the library's exceptions, or the misuse its javadoc names. */
        private void call(Runnable call) {
            try {
                call.run();
            } catch (WebSocketException e) {
                if (e instanceof ConnectionClosed) {
                    assertEquals(State.CLOSED, connection.state(), "ConnectionClosed before CLOSED");
                }
            } catch (IllegalArgumentException e) {
                String m = String.valueOf(e.getMessage());
                assertTrue(m.contains("125") || m.contains("close code") || m.contains("surrogate")
                        || m.contains("close reason") || m.contains("same data") || m.contains("1006"),
                        () -> "unexpected IllegalArgumentException: " + e);
            }
        }

        private void check() {
            State state = connection.state();
            assertTrue(state.compareTo(lastState) >= 0, "state went back from " + lastState + " to " + state);
            lastState = state;
            assertDoesNotThrow(connection::nextDeadline);

            for (Event event : connection.eventsReceived()) {
                assertFalse(closeEventSeen, "event after the peer's close: " + event);
                switch (event) {
                    case Event.DataFrame frame -> dataFrame(frame);
                    case Event.PingReceived ping -> assertTrue(ping.payload().remaining() <= Frame.MAX_CONTROL_PAYLOAD);
                    case Event.PongReceived pong -> assertTrue(pong.payload().remaining() <= Frame.MAX_CONTROL_PAYLOAD);
                    case Event.CloseReceived close -> closeEventSeen = true;
                }
            }

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (ByteBuffer buffer : connection.dataToSend()) {
                out.writeBytes(Pieces.bytes(buffer));
            }
            ByteBuffer written = ByteBuffer.wrap(out.toByteArray());
            Frame frame;
            try {
                while ((frame = peerReader.read(written)) != null) {
                    // RFC 6455 §5.5.1: no data frame (nor a second close) after our close frame.
                    assertFalse(closeFrameSent && (frame.opcode().isData() || frame.opcode() == Opcode.CLOSE),
                            "frame sent after the close frame: " + frame);
                    if (frame.opcode() == Opcode.CLOSE) {
                        closeFrameSent = true;
                        Close.parse(frame.payload());
                    }
                }
            } catch (WebSocketException e) {
                fail("the peer cannot read what the connection sent: " + e, e);
            }

            if (state == State.CLOSED) {
                assertNotNull(connection.closeException());
                int code = connection.closeCode();
                assertTrue(code == CloseCodes.ABNORMAL_CLOSURE || code == CloseCodes.NO_STATUS_RECEIVED
                        || CloseCodes.isValidOnWire(code), "close code " + code);
                if (codec != null) {
                    assertFalse(codec.holdsNativeState(), "CLOSED but the codec holds native zlib state");
                }
            }
        }

        private void dataFrame(Event.DataFrame frame) {
            if (frame.opcode() == Opcode.CONTINUATION) {
                assertNotNull(message, "continuation outside a message");
            } else {
                assertEquals(null, message, "new message inside a message");
                message = frame.opcode();
                messageSize = 0;
                utf8.reset();
            }
            messageSize += frame.payload().remaining();
            assertTrue(messageSize <= maxSize, "message of " + messageSize + " bytes over maxSize " + maxSize);
            if (message == Opcode.TEXT) {
                utf8.update(frame.payload()); // throws InvalidUtf8 when the connection let bad text through
                if (frame.fin()) {
                    utf8.finish();
                }
            }
            if (frame.fin()) {
                message = null;
            }
        }
    }
}
