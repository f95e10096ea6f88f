package org.websockets4j.bench.e2e;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * One client WebSocket connection of the load client: blocking {@code java.net.Socket}, the
 * minimum of RFC 6455 and RFC 7692 that an echo test needs, and byte counters at the socket
 * level (below any buffering), so that the wire size of every frame, header and mask included,
 * is what gets counted. Not thread-safe: one thread per connection.
 *
 * <p>With deflate it offers {@code permessage-deflate} (by default bare; never with
 * {@code client_max_window_bits}: {@link Deflater} always uses a 32 KiB window, so it must not
 * let the server ask for less) and
 * compresses every message with {@link Deflater} at its default level, context kept unless the
 * server asked for {@code client_no_context_takeover}.
 */
final class ClientConnection implements AutoCloseable {
    private static final byte[] TAIL = {0, 0, (byte) 0xff, (byte) 0xff};
    private static final int SO_TIMEOUT_MS = 10_000;

    private final Socket socket;
    private final CountingInput countedIn;
    private final InputStream in;
    private final OutputStream out;
    private long bytesOut;
    private final boolean deflate;
    private final Deflater deflater;
    private final Inflater inflater;
    private final boolean resetDeflater;
    private final String negotiated;

    private byte[] frame = new byte[4096];
    private byte[] compressed = new byte[4096];
    private byte[] payload = new byte[4096];
    private int payloadLength;
    private byte[] message = new byte[4096];
    private final byte[] header = new byte[14];

    private ClientConnection(Socket socket, CountingInput countedIn, InputStream in, OutputStream out,
            String negotiated) {
        this.socket = socket;
        this.countedIn = countedIn;
        this.in = in;
        this.out = out;
        this.negotiated = negotiated;
        this.deflate = negotiated != null && negotiated.toLowerCase(Locale.ROOT).startsWith("permessage-deflate");
        this.deflater = deflate ? new Deflater(Deflater.DEFAULT_COMPRESSION, true) : null;
        this.inflater = deflate ? new Inflater(true) : null;
        this.resetDeflater = deflate && negotiated.toLowerCase(Locale.ROOT).contains("client_no_context_takeover");
    }

    /**
     * Connects to {@code ws://127.0.0.1:port/} and completes the opening handshake, sending
     * {@code offer} as {@code Sec-WebSocket-Extensions} unless it is null. The offer must not
     * contain {@code client_max_window_bits} (see the class comment). Throws IOException on any
     * handshake failure.
     */
    static ClientConnection open(int port, String offer) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(SO_TIMEOUT_MS);
            socket.connect(new InetSocketAddress("127.0.0.1", port), SO_TIMEOUT_MS);
            CountingInput countedIn = new CountingInput(socket.getInputStream());
            InputStream in = new BufferedInputStream(countedIn, 65536);
            OutputStream out = socket.getOutputStream();
            byte[] keyBytes = new byte[16];
            ThreadLocalRandom.current().nextBytes(keyBytes);
            String request = "GET / HTTP/1.1\r\n"
                    + "Host: 127.0.0.1:" + port + "\r\n"
                    + "Upgrade: websocket\r\n"
                    + "Connection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(keyBytes) + "\r\n"
                    + "Sec-WebSocket-Version: 13\r\n"
                    + (offer != null ? "Sec-WebSocket-Extensions: " + offer + "\r\n" : "")
                    + "\r\n";
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String response = readHead(in);
            String[] lines = response.split("\r\n");
            if (!lines[0].startsWith("HTTP/1.1 101")) {
                throw new IOException("handshake refused: " + lines[0]);
            }
            String extensions = null;
            for (String line : lines) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Sec-WebSocket-Extensions")) {
                    extensions = line.substring(colon + 1).trim();
                }
            }
            return new ClientConnection(socket, countedIn, in, out, extensions);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed during the handshake");
            }
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
            if (head.size() > 16384) {
                throw new IOException("handshake response too long");
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** The {@code Sec-WebSocket-Extensions} the server answered, or null. */
    String negotiated() {
        return negotiated;
    }

    /** Bytes written to the socket since the connection opened (handshake included). */
    long bytesOut() {
        return bytesOut;
    }

    /** Bytes read from the socket since the connection opened (handshake included). */
    long bytesIn() {
        return countedIn.count;
    }

    /** Sends {@code text} (ASCII/UTF-8 bytes) as one masked text frame, compressed if negotiated. */
    void sendText(byte[] text) throws IOException {
        byte[] body = text;
        int length = text.length;
        int rsv1 = 0;
        if (deflate) {
            length = compress(text);
            body = compressed;
            rsv1 = 0x40;
        }
        int h = 0;
        header[h++] = (byte) (0x80 | rsv1 | 0x1);
        if (length < 126) {
            header[h++] = (byte) (0x80 | length);
        } else if (length < 65536) {
            header[h++] = (byte) (0x80 | 126);
            header[h++] = (byte) (length >>> 8);
            header[h++] = (byte) length;
        } else {
            header[h++] = (byte) (0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                header[h++] = (byte) (length >>> shift);
            }
        }
        int key = ThreadLocalRandom.current().nextInt();
        int k = h;
        header[h++] = (byte) (key >>> 24);
        header[h++] = (byte) (key >>> 16);
        header[h++] = (byte) (key >>> 8);
        header[h++] = (byte) key;
        int total = h + length;
        if (frame.length < total) {
            frame = new byte[total * 2];
        }
        System.arraycopy(header, 0, frame, 0, h);
        for (int i = 0; i < length; i++) {
            frame[h + i] = (byte) (body[i] ^ header[k + (i & 3)]);
        }
        out.write(frame, 0, total); // one write, one segment: the counted size is the wire size
        bytesOut += total;
    }

    private int compress(byte[] text) {
        if (resetDeflater) {
            deflater.reset();
        }
        deflater.setInput(text);
        int n = 0;
        while (true) {
            if (compressed.length - n < 64) {
                compressed = Arrays.copyOf(compressed, compressed.length * 2);
            }
            int written = deflater.deflate(compressed, n, compressed.length - n, Deflater.SYNC_FLUSH);
            n += written;
            if (n < compressed.length && deflater.needsInput()) {
                break;
            }
        }
        // RFC 7692 7.2.1: drop the 00 00 ff ff that the sync flush ended with
        return n - 4;
    }

    /**
     * Reads the next data message (control frames other than close are skipped) and returns its
     * length; its bytes are in {@link #lastMessage()}. Throws EOFException when the server closes.
     */
    int receive() throws IOException {
        payloadLength = 0;
        boolean compressedMessage = false;
        boolean first = true;
        while (true) {
            int b0 = readByte();
            int b1 = readByte();
            int opcode = b0 & 0x0f;
            long len = b1 & 0x7f;
            if (len == 126) {
                len = (readByte() << 8) | readByte();
            } else if (len == 127) {
                len = 0;
                for (int i = 0; i < 8; i++) {
                    len = (len << 8) | readByte();
                }
            }
            if ((b1 & 0x80) != 0) {
                throw new IOException("masked frame from the server");
            }
            if (len > 16 << 20) {
                throw new IOException("frame too large: " + len);
            }
            if (opcode >= 0x8) {
                byte[] control = in.readNBytes((int) len);
                if (opcode == 0x8) {
                    throw new EOFException("server closed: " + Arrays.toString(control));
                }
                continue;
            }
            if (first) {
                compressedMessage = (b0 & 0x40) != 0;
                first = false;
            }
            ensurePayload(payloadLength + (int) len + TAIL.length);
            in.readNBytes(payload, payloadLength, (int) len);
            payloadLength += (int) len;
            if ((b0 & 0x80) != 0) {
                break;
            }
        }
        if (!compressedMessage) {
            if (message.length < payloadLength) {
                message = new byte[payloadLength * 2];
            }
            System.arraycopy(payload, 0, message, 0, payloadLength);
            return payloadLength;
        }
        System.arraycopy(TAIL, 0, payload, payloadLength, TAIL.length);
        inflater.setInput(payload, 0, payloadLength + TAIL.length);
        int n = 0;
        try {
            while (true) {
                if (message.length - n < 1024) {
                    message = Arrays.copyOf(message, message.length * 2);
                }
                int got = inflater.inflate(message, n, message.length - n);
                n += got;
                if (got == 0 && (inflater.needsInput() || inflater.finished())) {
                    break;
                }
            }
        } catch (DataFormatException e) {
            throw new IOException("corrupt compressed message", e);
        }
        if (inflater.finished()) {
            inflater.reset(); // a final block (BFINAL) ends the stream: the next message starts anew
        }
        return n;
    }

    /** The bytes of the message last received (valid up to its length, until the next receive). */
    byte[] lastMessage() {
        return message;
    }

    private void ensurePayload(int capacity) {
        if (payload.length < capacity) {
            payload = Arrays.copyOf(payload, capacity * 2);
        }
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("connection closed by the server");
        }
        return b;
    }

    /** Sends a close frame (1000), waits briefly for the server's, and closes the socket. */
    @Override
    public void close() {
        try {
            byte[] close = {(byte) 0x88, (byte) 0x82, 0, 0, 0, 0, 0x03, (byte) 0xe8};
            out.write(close);
            socket.setSoTimeout(1000);
            while (true) {
                receive(); // drains until the server's close frame ends it with EOFException
            }
        } catch (IOException ignored) {
            // the server's close or a dead connection: either way we are done
        } finally {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing to do
            }
            if (deflater != null) {
                deflater.end();
                inflater.end();
            }
        }
    }

    /** Counts the bytes read from the socket, below the client's buffer. */
    private static final class CountingInput extends FilterInputStream {
        long count;

        CountingInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
