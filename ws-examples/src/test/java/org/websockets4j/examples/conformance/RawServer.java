package org.websockets4j.examples.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.websockets4j.examples.conformance.RawFrames.CLOSE;
import static org.websockets4j.examples.conformance.RawFrames.TEXT;
import static org.websockets4j.examples.conformance.RawFrames.frameBytes;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.websockets4j.framing.Close;
import org.websockets4j.http.Handshake;

/**
 * A WebSocket server over a plain {@link ServerSocket} on loopback, for testing the client: it
 * accepts connections one after the other on its own thread and hands each to a script, which
 * answers the opening handshake by hand (well or badly), writes unmasked frames built byte by byte by
 * {@link RawFrames} (so that malformed ones can be sent too) and parses the client's frames by hand, masking bit and
 * key included. Failures of the script are rethrown by {@link #await()}.
 */
final class RawServer implements AutoCloseable {
    /** What the server does with one accepted connection. */
    @FunctionalInterface
    interface Script {
        void run(Conn conn) throws Exception;
    }

    private final ServerSocket listener;
    private final Thread thread;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile Conn current;

    private RawServer(Script... scripts) throws IOException {
        listener = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        thread = Thread.ofPlatform().daemon().name("raw-server").unstarted(() -> {
            try {
                for (Script script : scripts) {
                    try (Conn conn = new Conn(listener.accept())) {
                        current = conn;
                        script.run(conn);
                    }
                }
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        thread.start();
    }

    /** Starts a server that runs {@code scripts} on the successive connections it accepts. */
    static RawServer start(Script... scripts) throws IOException {
        return new RawServer(scripts);
    }

    int port() {
        return listener.getLocalPort();
    }

    String uri(String path) {
        return "ws://127.0.0.1:" + port() + path;
    }

    String uri() {
        return uri("/");
    }

    /** Waits for the scripts to finish and rethrows what failed in them. */
    void await() throws Exception {
        thread.join(5_000);
        if (thread.isAlive()) {
            fail("the raw server's script did not finish");
        }
        Throwable e = failure.get();
        if (e instanceof Exception exception) {
            throw exception;
        }
        if (e instanceof Error error) {
            throw error;
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        Conn conn = current;
        if (conn != null) {
            conn.close();
        }
    }

    /** A frame from the client, unmasked, with its masking bit and key as they came. */
    record ClientFrame(boolean fin, int rsv, int opcode, boolean masked, int maskKey, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        Close close() {
            assertEquals(CLOSE, opcode, () -> "expected a close frame, got opcode " + opcode);
            return Close.parse(ByteBuffer.wrap(payload));
        }
    }

    /** One accepted connection. */
    static final class Conn implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private String requestHead;

        private Conn(Socket socket) throws IOException {
            this.socket = socket;
            socket.setSoTimeout(5_000);
            socket.setTcpNoDelay(true);
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
        }

        /** Reads the request head, up to and including CRLFCRLF. */
        String readHead() throws IOException {
            requestHead = RawFrames.readHead(in, "request");
            return requestHead;
        }

        /** A request header's value (the first one), or null. */
        String header(String name) {
            for (String line : requestHead.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }

        /** Reads the request, checks it is a proper upgrade and returns the accept value for its key. */
        String readUpgradeRequest() throws IOException {
            String head = readHead();
            assertTrue(head.startsWith("GET /"), head);
            assertTrue(head.split("\r\n")[0].endsWith(" HTTP/1.1"), head);
            assertEquals("websocket", header("Upgrade").toLowerCase(Locale.ROOT), head);
            assertTrue(header("Connection").toLowerCase(Locale.ROOT).contains("upgrade"), head);
            assertEquals("13", header("Sec-WebSocket-Version"), head);
            assertTrue(header("Host") != null, head);
            String key = header("Sec-WebSocket-Key");
            assertTrue(key != null && java.util.Base64.getDecoder().decode(key).length == 16, head);
            return Handshake.acceptKey(key);
        }

        /** Reads a proper upgrade request and answers 101 with {@code extraHeaders} (each ending in CRLF). */
        void handshake(String extraHeaders) throws IOException {
            String accept = readUpgradeRequest();
            sendRaw(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept + "\r\n" + extraHeaders + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }

        void handshake() throws IOException {
            handshake("");
        }

        String requestLine() {
            return requestHead.split("\r\n")[0];
        }

        // ---- writing

        void sendRaw(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        void sendRaw(String text) throws IOException {
            sendRaw(text.getBytes(StandardCharsets.ISO_8859_1));
        }

        /** An unmasked frame with any first byte and minimal length encoding. */
        void send(boolean fin, int rsv, int opcode, byte[] payload) throws IOException {
            sendRaw(frameBytes(fin, rsv, opcode, payload, false, false));
        }

        void sendText(String text) throws IOException {
            send(true, 0, TEXT, text.getBytes(StandardCharsets.UTF_8));
        }

        void sendClose(int code, String reason) throws IOException {
            byte[] utf8 = reason.getBytes(StandardCharsets.UTF_8);
            byte[] payload = new byte[2 + utf8.length];
            payload[0] = (byte) (code >>> 8);
            payload[1] = (byte) code;
            System.arraycopy(utf8, 0, payload, 2, utf8.length);
            send(true, 0, CLOSE, payload);
        }

        // ---- reading

        private int readByte() throws IOException {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the client closed the connection");
            }
            return b;
        }

        /** The client's next frame. */
        ClientFrame readFrame() throws IOException {
            int b0 = readByte();
            int b1 = readByte();
            long length = b1 & 0x7F;
            if (length == 126) {
                length = (readByte() << 8) | readByte();
            } else if (length == 127) {
                length = 0;
                for (int i = 0; i < 8; i++) {
                    length = (length << 8) | readByte();
                }
            }
            boolean masked = (b1 & 0x80) != 0;
            int key = 0;
            if (masked) {
                for (int i = 0; i < 4; i++) {
                    key = (key << 8) | readByte();
                }
            }
            assertTrue(length <= Integer.MAX_VALUE, "length " + length);
            byte[] payload = in.readNBytes((int) length);
            if (payload.length < length) {
                throw new EOFException("the client closed the connection inside a frame");
            }
            if (masked) {
                for (int i = 0; i < payload.length; i++) {
                    payload[i] ^= (byte) (key >>> (24 - 8 * (i & 3)));
                }
            }
            return new ClientFrame((b0 & 0x80) != 0, b0 & 0x70, b0 & 0x0F, masked, key, payload);
        }

        /** The next frame, asserted masked, final and of {@code opcode}. */
        ClientFrame expect(int opcode) throws IOException {
            ClientFrame frame = readFrame();
            assertEquals(opcode, frame.opcode(), () -> "opcode of " + frame);
            assertTrue(frame.masked(), "a client frame must be masked");
            assertTrue(frame.fin(), "final");
            assertEquals(0, frame.rsv(), "no reserved bits");
            return frame;
        }

        /** The client's close frame, masked, parsed. */
        Close expectCloseFrame() throws IOException {
            return expect(CLOSE).close();
        }

        /**
         * The client fails or closes the connection with {@code code}: asserts its close frame,
         * answers it with the same code as a server should, then closes TCP.
         */
        void expectClose(int code) throws IOException {
            Close close = expectCloseFrame();
            assertEquals(code, close.code(), () -> "close " + close);
            try {
                sendClose(code, "");
            } catch (SocketException e) {
                // the client may already have given up
            }
            socket.close();
        }

        /** The server closes: sends close 1000, expects the client's answer, closes TCP. */
        void closeNormally() throws IOException {
            sendClose(1000, "");
            assertEquals(1000, expectCloseFrame().code());
            socket.close();
        }

        /** The client does not close TCP within {@code millis}: it leaves that to the server. */
        void assertStillOpen(int millis) throws IOException {
            socket.setSoTimeout(millis);
            try {
                int b = in.read();
                fail(b < 0 ? "the client closed TCP before the server" : "unexpected byte from the client: " + b);
            } catch (SocketTimeoutException expected) {
                // still open, nothing sent
            } finally {
                socket.setSoTimeout(5_000);
            }
        }

        /** The client closes TCP without sending anything more (a reset counts as closed). */
        void expectEof() throws IOException {
            try {
                assertEquals(-1, in.read(), "the client should close the TCP connection");
            } catch (SocketTimeoutException e) {
                fail("the client did not close the TCP connection");
            } catch (SocketException e) {
                // connection reset: closed too
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
