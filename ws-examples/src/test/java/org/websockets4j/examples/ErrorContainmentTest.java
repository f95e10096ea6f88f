package org.websockets4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.websockets4j.client.ClientOptions;
import org.websockets4j.client.WebSocketClient;
import org.websockets4j.extensions.ClientExtensionFactory;
import org.websockets4j.extensions.Extension;
import org.websockets4j.extensions.ServerExtensionFactory;
import org.websockets4j.framing.Frame;
import org.websockets4j.http.ExtensionParameter;
import org.websockets4j.protocol.ConnectionClosedError;
import org.websockets4j.protocol.Message;
import org.websockets4j.protocol.WebSocket;
import org.websockets4j.server.ServerOptions;
import org.websockets4j.server.WebSocketServer;

/**
 * No error may wedge the server (issue 16, item 6): an {@link Error} thrown while one connection is
 * handled (in its handler, or in the I/O path while its frames are decoded) ends that connection
 * only; the others keep being served, and new ones are accepted.
 */
@Timeout(60)
class ErrorContainmentTest {
    /** A test extension, {@code x-test-boom}: passes frames through, but decoding "boom" throws an Error. */
    static final class Boom implements Extension {
        static final String NAME = "x-test-boom";

        @Override
        public String name() {
            return NAME;
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
            if (!frame.opcode().isControl() && "boom".equals(new String(frame.payloadBytes()))) {
                throw new StackOverflowError("test: an Error in the I/O path");
            }
            return frame;
        }
    }

    private static WebSocketServer server() throws Exception {
        ServerExtensionFactory boom = new ServerExtensionFactory() {
            @Override
            public String name() {
                return Boom.NAME;
            }

            @Override
            public Accepted accept(List<ExtensionParameter> offer, List<Extension> accepted) {
                return new Accepted(List.of(), new Boom());
            }
        };
        return WebSocketServer.serve(ws -> {
            for (Message message : ws) {
                if (message.equals(new Message.Text("oom"))) {
                    throw new OutOfMemoryError("test: an Error in a handler");
                }
                ws.send(message);
            }
        }, "127.0.0.1", 0, ServerOptions.builder().extensions(List.of(boom)).build());
    }

    private static WebSocket client(WebSocketServer server) throws Exception {
        ClientExtensionFactory boom = new ClientExtensionFactory() {
            @Override
            public String name() {
                return Boom.NAME;
            }

            @Override
            public List<ExtensionParameter> requestParameters() {
                return List.of();
            }

            @Override
            public Extension accept(List<ExtensionParameter> response, List<Extension> accepted) {
                return new Boom();
            }
        };
        return WebSocketClient.connect("ws://127.0.0.1:" + server.port() + "/",
                ClientOptions.builder().extensions(List.of(boom)).build());
    }

    private static void assertEchoes(WebSocket ws, String text) throws Exception {
        ws.send(text);
        assertEquals(text, ws.recvText());
    }

    @Test
    void anErrorInAHandlerEndsOnlyItsConnection() throws Exception {
        try (WebSocketServer server = server(); WebSocket bystander = client(server)) {
            assertEchoes(bystander, "before");
            for (int i = 0; i < 3; i++) {
                try (WebSocket victim = client(server)) {
                    victim.send("oom");
                    ConnectionClosedError error = assertThrows(ConnectionClosedError.class, victim::recv);
                    assertEquals(1011, error.code());
                }
                assertEchoes(bystander, "still served " + i);
            }
            try (WebSocket newcomer = client(server)) {
                assertEchoes(newcomer, "accepted after");
            }
        }
    }

    @Test
    void anErrorInTheIoPathEndsOnlyItsConnection() throws Exception {
        try (WebSocketServer server = server(); WebSocket bystander = client(server)) {
            assertEchoes(bystander, "before");
            for (int i = 0; i < 3; i++) {
                try (WebSocket victim = client(server)) {
                    victim.send("boom");
                    assertThrows(ConnectionClosedError.class, victim::recv);
                }
                assertEchoes(bystander, "still served " + i);
            }
            try (WebSocket newcomer = client(server)) {
                assertEchoes(newcomer, "accepted after");
            }
        }
    }
}
