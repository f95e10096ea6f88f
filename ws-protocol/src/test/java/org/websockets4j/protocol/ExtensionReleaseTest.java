package org.websockets4j.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.websockets4j.framing.ExtensionCodec;
import org.websockets4j.framing.Frame;
import org.websockets4j.framing.Role;

/** The connection releases its extensions exactly once, when it reaches CLOSED, however it gets there. */
class ExtensionReleaseTest {
    private static final long T0 = 1_000_000_000L;

    /** Counts releases; passes frames through. */
    static final class Counting implements ExtensionCodec {
        int released;
        final boolean throwing;

        Counting(boolean throwing) {
            this.throwing = throwing;
        }

        @Override
        public String name() {
            return "x-counting";
        }

        @Override
        public int reservedBits() {
            return 0;
        }

        @Override
        public Frame encode(Frame frame) {
            return frame;
        }

        @Override
        public Frame decode(Frame frame, long maxSize) {
            return frame;
        }

        @Override
        public void release() {
            released++;
            if (throwing) {
                throw new IllegalStateException("release bug");
            }
        }
    }

    private static Connection open(Counting... codecs) {
        ConnectionOptions options = ConnectionOptions.builder().closeTimeout(Duration.ofSeconds(1)).pingInterval(null).build();
        return new Connection(Role.SERVER, options, List.of(codecs), null, T0);
    }

    @Test
    void releasedOnceAfterTheClosingHandshake() {
        Counting codec = new Counting(false);
        Connection connection = open(codec);
        connection.sendClose(1000, "bye", T0);
        assertEquals(0, codec.released, "CLOSING is not the end");
        // The client's close frame, masked with a zero key, then the end of the stream.
        connection.receiveData(ByteBuffer.wrap(new byte[] {(byte) 0x88, (byte) 0x82, 0, 0, 0, 0, 0x03, (byte) 0xE8}), T0);
        connection.receiveEof(T0);
        assertEquals(State.CLOSED, connection.state());
        connection.receiveEof(T0);
        connection.advanceTime(T0 + 10_000_000_000L);
        assertEquals(1, codec.released);
    }

    @Test
    void releasedOnceAfterAFailureAndItsTimeout() {
        Counting codec = new Counting(false);
        Connection connection = open(codec);
        connection.receiveData(ByteBuffer.wrap(new byte[] {(byte) 0x8F, (byte) 0x80, 0, 0, 0, 0}), T0); // reserved opcode
        assertEquals(State.CLOSING, connection.state());
        assertEquals(0, codec.released);
        connection.advanceTime(T0 + 2_000_000_000L); // the close timeout runs out
        assertEquals(State.CLOSED, connection.state());
        connection.receiveEof(T0 + 3_000_000_000L);
        assertEquals(1, codec.released);
    }

    @Test
    void aThrowingCodecDoesNotKeepOthersFromReleasing() {
        Counting bad = new Counting(true);
        Counting good = new Counting(false);
        Connection connection = new Connection(Role.SERVER, ConnectionOptions.defaults(), List.of(bad, good), null, T0);
        connection.receiveEof(T0);
        assertEquals(1, bad.released);
        assertEquals(1, good.released);
    }

    @Test
    void aConnectingConnectionFailedIsReleasedToo() {
        Counting codec = new Counting(false);
        Connection connection = new Connection(Role.CLIENT, State.CONNECTING, ConnectionOptions.defaults(),
                List.of(codec), null, T0);
        connection.fail(1006, null, T0);
        assertEquals(State.CLOSED, connection.state());
        assertEquals(1, codec.released);
    }
}
