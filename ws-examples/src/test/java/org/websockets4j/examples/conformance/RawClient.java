package org.websockets4j.examples.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.websockets4j.examples.conformance.RawFrames.MASK_KEY;
import static org.websockets4j.examples.conformance.RawFrames.TEXT;
import static org.websockets4j.examples.conformance.RawFrames.frameBytes;

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
 * by byte by {@link RawFrames} (so that malformed ones can be sent too), the server's frames parsed with
 * {@link FrameReader} in the client role.
 */
final class RawClient implements AutoCloseable {
    static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    static final String ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

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
        return RawFrames.readHead(in, "response");
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
