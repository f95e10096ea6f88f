package org.websockets4j.examples.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.websockets4j.framing.Close;
import org.websockets4j.framing.ExtensionCodec;
import org.websockets4j.framing.Frame;
import org.websockets4j.framing.FrameReader;
import org.websockets4j.framing.FrameWriter;
import org.websockets4j.framing.Opcode;
import org.websockets4j.framing.Role;

/**
 * A WebSocket client over a plain {@link Socket}: the opening handshake by hand, frames built byte
 * by byte (so that malformed ones can be sent too), the server's frames parsed with
 * {@link FrameReader} in the client role.
 */
final class RawClient implements AutoCloseable {
    static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    static final String ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";
    static final int MASK_KEY = 0x37FA213D;

    static final int CONTINUATION = 0x0;
    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final FrameReader reader;
    private final FrameWriter writer = new FrameWriter(Role.CLIENT, () -> MASK_KEY, List.of());
    private ByteBuffer pending = ByteBuffer.allocate(0);
    private String head = "";

    private RawClient(Socket socket, List<ExtensionCodec> codecs) throws IOException {
        this.socket = socket;
        this.reader = new FrameReader(Role.CLIENT, FrameReader.NO_LIMIT, codecs);
        socket.setSoTimeout(5_000);
        socket.setTcpNoDelay(true);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** The standard upgrade request for {@code path}. */
    static String upgradeRequest(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + KEY + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
    }

    /** Connects and completes the opening handshake, asserting a 101 with the right accept value. */
    static RawClient connect(int port) throws IOException {
        return connect(port, "", List.of());
    }

    /**
     * Connects with {@code extraHeaders} (complete lines, each ending in CRLF) in the request, and
     * reads the server's frames through {@code codecs} (an independent decoder for an extension the
     * request offers); asserts a 101 with the right accept value. {@link #head()} is the response.
     */
    static RawClient connect(int port, String extraHeaders, List<ExtensionCodec> codecs) throws IOException {
        RawClient client = new RawClient(new Socket("127.0.0.1", port), codecs);
        String request = upgradeRequest("/");
        request = request.substring(0, request.length() - 2) + extraHeaders + "\r\n";
        client.out.write(request.getBytes(StandardCharsets.US_ASCII));
        client.out.flush();
        String head = client.readHead();
        assertTrue(head.startsWith("HTTP/1.1 101 "), head);
        assertTrue(head.toLowerCase().contains("sec-websocket-accept: " + ACCEPT.toLowerCase()), head);
        client.head = head;
        return client;
    }

    /** The server's 101 response head. */
    String head() {
        return head;
    }

    /**
     * Sends {@code request} on a fresh socket and returns everything the server answers until it
     * closes the connection (a reset after the answer is tolerated: the server may close with unread
     * request bytes left).
     */
    static String exchange(int port, byte[] request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            try {
                socket.getOutputStream().write(request);
                socket.getOutputStream().flush();
            } catch (SocketException e) {
                // the server may already have answered and closed; read what it sent
            }
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            try {
                for (int n; (n = socket.getInputStream().read(buf)) >= 0; ) {
                    answer.write(buf, 0, n);
                }
            } catch (SocketException e) {
                if (answer.size() == 0) {
                    throw e;
                }
            }
            return answer.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("end of stream inside the response head: " + head);
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    // ---- writing

    /** Raw bytes, as they are. */
    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** A well-formed masked frame, through {@link FrameWriter}. */
    void send(Frame frame) throws IOException {
        sendRaw(writer.toBytes(frame));
    }

    /** A masked frame with any first byte (FIN, RSV bits, opcode as given) and minimal length encoding. */
    void send(boolean fin, int rsv, int opcode, byte[] payload) throws IOException {
        sendRaw(frameBytes(fin, rsv, opcode, payload, true, false));
    }

    void sendText(String text) throws IOException {
        send(true, 0, TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    void sendClose(int code, String reason) throws IOException {
        send(Frame.close(code, reason));
    }

    /** Builds a frame's bytes; {@code long16} forces the 16-bit length form whatever the length. */
    static byte[] frameBytes(boolean fin, int rsv, int opcode, byte[] payload, boolean masked, boolean long16) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write((fin ? 0x80 : 0) | rsv | opcode);
        writeLength(frame, payload.length, masked, long16);
        if (masked) {
            writeKey(frame);
            for (int i = 0; i < payload.length; i++) {
                frame.write(payload[i] ^ (MASK_KEY >>> (24 - 8 * (i & 3))));
            }
        } else {
            frame.writeBytes(payload);
        }
        return frame.toByteArray();
    }

    /** Only the header (with masking key) of a masked frame announcing {@code length} bytes. */
    static byte[] headerOnly(boolean fin, int opcode, long length) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(14);
        frame.write((fin ? 0x80 : 0) | opcode);
        writeLength(frame, length, true, false);
        writeKey(frame);
        return frame.toByteArray();
    }

    private static void writeLength(ByteArrayOutputStream frame, long length, boolean masked, boolean long16) {
        int maskBit = masked ? 0x80 : 0;
        if (length < 126 && !long16) {
            frame.write(maskBit | (int) length);
        } else if (length <= 0xFFFF) {
            frame.write(maskBit | 126);
            frame.write((int) (length >>> 8));
            frame.write((int) length);
        } else {
            frame.write(maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) (length >>> shift));
            }
        }
    }

    private static void writeKey(ByteArrayOutputStream frame) {
        frame.write(MASK_KEY >>> 24);
        frame.write(MASK_KEY >>> 16);
        frame.write(MASK_KEY >>> 8);
        frame.write(MASK_KEY);
    }

    // ---- reading

    /** The server's next frame. */
    Frame readFrame() throws IOException {
        while (true) {
            if (pending.hasRemaining()) {
                Frame frame = reader.read(pending);
                if (frame != null) {
                    return frame;
                }
            }
            byte[] buf = new byte[65536];
            int n = in.read(buf);
            if (n < 0) {
                throw new EOFException("the server closed the connection");
            }
            pending = ByteBuffer.wrap(buf, 0, n);
        }
    }

    /** The next frame, asserted to be a final, unfragmented data or control frame of {@code opcode}. */
    byte[] expect(Opcode opcode) throws IOException {
        Frame frame = readFrame();
        assertEquals(opcode, frame.opcode(), () -> "got " + frame);
        assertTrue(frame.fin(), () -> "not final: " + frame);
        return frame.payloadBytes();
    }

    String expectText() throws IOException {
        return new String(expect(Opcode.TEXT), StandardCharsets.UTF_8);
    }

    /** The server's close frame, parsed. */
    Close expectCloseFrame() throws IOException {
        Frame frame = readFrame();
        assertEquals(Opcode.CLOSE, frame.opcode(), () -> "expected a close frame, got " + frame);
        return Close.parse(frame.payload());
    }

    /**
     * The server fails the connection with {@code code}: asserts its close frame, answers it as a
     * client should, and asserts the server then closes TCP.
     */
    void expectClose(int code) throws IOException {
        Close close = expectCloseFrame();
        assertEquals(code, close.code(), () -> "close " + close);
        try {
            sendClose(code, "");
        } catch (SocketException e) {
            // the server may already have closed TCP
        }
        expectEof();
    }

    /** The server closes TCP: no more bytes arrive (a reset counts as closed). */
    void expectEof() throws IOException {
        try {
            if (pending.hasRemaining()) {
                fail("unexpected bytes after the close frame: " + pending.remaining());
            }
            int b = in.read();
            assertEquals(-1, b, "the server should close the TCP connection");
        } catch (SocketTimeoutException e) {
            fail("the server did not close the TCP connection");
        } catch (SocketException e) {
            // connection reset: closed too
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
