package org.websockets4j.examples.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.websockets4j.protocol.Message;
import org.websockets4j.protocol.WebSocket;
import org.websockets4j.server.ServerOptions;
import org.websockets4j.server.WebSocketServer;

/**
 * The exchange every cell of the interop matrix runs: text and binary messages of each size in
 * {@link #SIZES} (every frame-length boundary, up to 1 MiB), each sent whole and in three
 * fragments and echoed back unchanged, then a ping answered by a pong, then a clean close.
 * The peer scripts under {@code src/test/peers} run the same exchange from the other side.
 */
final class Scenario {
    /** Message sizes in bytes: 7-bit, 16-bit and 64-bit length encodings and their edges. */
    static final List<Integer> SIZES = List.of(0, 1, 125, 126, 127, 65_535, 65_536, 65_537, 1 << 20);
    /** The same sizes as the peer scripts take them on their command line. */
    static final String SIZES_ARGUMENT = String.join(",", SIZES.stream().map(String::valueOf).toList());
    /** maxSize on both sides: above the largest message. */
    static final long MAX_SIZE = 16L << 20;
    /** Messages per size and kind: whole, then fragmented. */
    static final int MESSAGES = SIZES.size() * 2 * 2;

    private Scenario() {
    }

    /** {@code size} bytes of UTF-8 text, non-ASCII included where it fits. */
    static String text(int size) {
        StringBuilder text = new StringBuilder(size);
        int bytes = 0;
        for (int i = 0; bytes < size; i++) {
            if (size - bytes >= 3 && i % 7 == 3) {
                text.append('\u2713'); // 3 bytes
                bytes += 3;
            } else if (size - bytes >= 2 && i % 5 == 1) {
                text.append('\u00e9'); // 2 bytes
                bytes += 2;
            } else {
                text.append((char) ('a' + i % 26));
                bytes++;
            }
        }
        return text.toString();
    }

    /** {@code size} bytes, every byte value included where it fits. */
    static byte[] binary(int size) {
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) {
            data[i] = (byte) (i * 31 + 7);
        }
        return data;
    }

    /**
     * Runs the exchange as a client over {@code ws}: every message whole and fragmented, checked
     * on return, a ping, and a close with 1000.
     */
    static void runAsClient(WebSocket ws) throws Exception {
        for (int size : SIZES) {
            String text = text(size);
            ws.send(text);
            assertEquals(text, ws.recvText(), "text of " + size + " bytes");
            String[] parts = thirds(text);
            ws.send(List.of(parts[0], parts[1], parts[2]));
            assertEquals(text, ws.recvText(), "fragmented text of " + size + " bytes");
            byte[] binary = binary(size);
            ws.send(binary);
            assertArrayEquals(binary, ws.recvBinary(), "binary of " + size + " bytes");
            int third = size / 3;
            ws.send(List.of(java.util.Arrays.copyOfRange(binary, 0, third),
                    java.util.Arrays.copyOfRange(binary, third, 2 * third),
                    java.util.Arrays.copyOfRange(binary, 2 * third, size)));
            assertArrayEquals(binary, ws.recvBinary(), "fragmented binary of " + size + " bytes");
        }
        ws.ping("interop").get(10, TimeUnit.SECONDS);
        ws.close(1000, "done");
        assertEquals(1000, ws.closeCode(), "our client's view of the close");
    }

    private static String[] thirds(String text) {
        int third = text.length() / 3;
        // never split a surrogate pair (the text has none, but keep the helper honest)
        return new String[] {text.substring(0, third), text.substring(third, 2 * third), text.substring(2 * third)};
    }

    /**
     * An echo server on an ephemeral loopback port that records, for each connection, how it
     * ended as seen from the server: {@code "<code> <reason>"}.
     */
    static final class EchoServer implements AutoCloseable {
        final WebSocketServer server;
        final BlockingQueue<String> closes = new LinkedBlockingQueue<>();
        /** The Sec-WebSocket-Extensions answered to each connection, "none" when there was none. */
        final BlockingQueue<String> negotiated = new LinkedBlockingQueue<>();

        EchoServer(ServerOptions options) throws IOException {
            this.server = WebSocketServer.serve(ws -> {
                negotiated.add(String.valueOf(ws.responseHeaders().get("Sec-WebSocket-Extensions")));
                try {
                    for (Message message : ws) {
                        ws.send(message);
                    }
                } finally {
                    ws.awaitClosed();
                    closes.add(ws.closeCode() + " " + ws.closeReason());
                }
            }, "127.0.0.1", 0, options.toBuilder().maxSize(MAX_SIZE).build());
        }

        EchoServer() throws IOException {
            this(ServerOptions.defaults());
        }

        int port() {
            return server.port();
        }

        String uri() {
            return "ws://127.0.0.1:" + port() + "/";
        }

        /** How the next connection to end ended, from the server's side. */
        String nextClose() throws InterruptedException {
            String close = closes.poll(20, TimeUnit.SECONDS);
            if (close == null) {
                throw new AssertionError("no connection closed on the server within 20 s");
            }
            return close;
        }

        /** The extensions negotiated on the next connection, null when none. */
        String nextNegotiated() throws InterruptedException {
            String header = negotiated.poll(20, TimeUnit.SECONDS);
            if (header == null) {
                throw new AssertionError("no connection opened on the server within 20 s");
            }
            return header.equals("null") ? null : header;
        }

        @Override
        public void close() {
            server.close();
        }
    }
}
