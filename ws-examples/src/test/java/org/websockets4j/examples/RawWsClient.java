package org.websockets4j.examples;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A WebSocket client on a plain socket, for tests that need a peer misbehaving on purpose:
 * completes the opening handshake, then writes whatever bytes it is told and never answers a ping.
 */
final class RawWsClient implements AutoCloseable {
    private final Socket socket;

    private RawWsClient(Socket socket) {
        this.socket = socket;
    }

    /** Connects and completes the opening handshake for {@code path}; fails unless answered 101. */
    static RawWsClient open(int port, String path) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("no complete answer: " + head.toString(StandardCharsets.US_ASCII));
            }
            head.write(b);
        }
        String answer = head.toString(StandardCharsets.US_ASCII);
        if (!answer.startsWith("HTTP/1.1 101")) {
            socket.close();
            throw new IOException("refused: " + answer);
        }
        return new RawWsClient(socket);
    }

    /** Writes raw bytes (frames, well formed or not). */
    void write(byte... bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    /** Reads and discards what the server sends until it closes its side. */
    void drainToEof() throws IOException {
        InputStream in = socket.getInputStream();
        byte[] sink = new byte[1024];
        while (in.read(sink) >= 0) {
            // discard: pings go unanswered
        }
    }

    /** The local address, as the server sees the client ({@code /127.0.0.1:port}). */
    String localAddress() {
        return socket.getLocalSocketAddress().toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
