package org.websockets4j.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.websockets4j.framing.Frame;
import org.websockets4j.framing.FrameWriter;
import org.websockets4j.framing.Role;
import org.websockets4j.http.Headers;
import org.websockets4j.protocol.internal.HandshakeInfo;
import org.websockets4j.protocol.internal.WebSockets;

/** The factory the server and client call once their handshake is done. */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WebSocketsFactoryTest {

    @Test
    void leftoverBytesAreReceivedFirst() throws Exception {
        FrameWriter peer = new FrameWriter(Role.CLIENT);
        ByteArrayOutputStream leftover = new ByteArrayOutputStream();
        leftover.writeBytes(peer.toBytes(Frame.text("early")));
        byte[] second = peer.toBytes(Frame.binary(new byte[] {1, 2, 3}));
        leftover.write(second, 0, 3); // a frame cut in the middle: the rest comes over the socket
        try (Loopback.Raw raw = Loopback.raw(Role.SERVER, Loopback.quiet().build(), leftover.toByteArray())) {
            assertEquals("early", raw.ws().recvText());
            raw.peer().sendRaw(java.util.Arrays.copyOfRange(second, 3, second.length));
            assertEquals(3, raw.ws().recvBinary().length);
        }
    }

    @Test
    void handshakeInfoFreezesItsHeaders() {
        Headers request = Headers.of("Host", "example.com");
        HandshakeInfo info = new HandshakeInfo("/chat", request, null, "chat.v1");
        request.add("X-Later", "1");
        assertFalse(info.requestHeaders().contains("X-Later"));
        assertTrue(info.responseHeaders().isEmpty());
        assertThrows(UnsupportedOperationException.class, () -> info.requestHeaders().add("X", "y"));
        assertThrows(NullPointerException.class, () -> new HandshakeInfo(null, null, null, null));
    }

    @Test
    void aRefusedOpenClosesTheChannel() throws Exception {
        AsynchronousSocketChannel channel = AsynchronousSocketChannel.open();
        assertThrows(NullPointerException.class, () -> WebSockets.open(channel, Role.SERVER,
                ConnectionOptions.defaults(), List.of(), ByteBuffer.allocate(0), null));
        assertFalse(channel.isOpen());
    }

    @Test
    void theSubprotocolIsReported() throws Exception {
        try (Loopback.Pair pair = Loopback.pair()) {
            assertEquals(null, pair.client().subprotocol());
        }
        HandshakeInfo info = new HandshakeInfo("/", null, null, "chat.v1");
        assertEquals("chat.v1", info.subprotocol());
    }
}
