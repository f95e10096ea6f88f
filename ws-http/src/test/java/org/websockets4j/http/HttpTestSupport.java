package org.websockets4j.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Function;

/** Feeding helpers and captured handshake messages shared by the HTTP reader tests. */
final class HttpTestSupport {
    private HttpTestSupport() {
    }

    /** One byte per character, as on the wire. */
    static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** What a read returned, and the bytes it left in the buffer. */
    record Outcome<T>(T message, byte[] leftover) {
    }

    /** Feeds {@code data} in one buffer. */
    static <T> Outcome<T> feedWhole(Function<ByteBuffer, T> read, byte[] data) {
        ByteBuffer in = ByteBuffer.wrap(data);
        T message = read.apply(in);
        return new Outcome<>(message, remaining(in));
    }

    /**
     * Feeds {@code data} one byte at a time through a buffer whose limit grows by one, so that a
     * reader that consumed a byte too many shows up in the leftover; stops at the first message.
     */
    static <T> Outcome<T> feedByteByByte(Function<ByteBuffer, T> read, byte[] data) {
        ByteBuffer in = ByteBuffer.wrap(data).limit(0);
        while (in.limit() < data.length) {
            in.limit(in.limit() + 1);
            T message = read.apply(in);
            if (message != null) {
                return new Outcome<>(message, remaining(in.limit(data.length)));
            }
        }
        return new Outcome<>(null, new byte[0]);
    }

    private static byte[] remaining(ByteBuffer in) {
        byte[] out = new byte[in.remaining()];
        in.get(out);
        return out;
    }

    /** A server-to-client text frame "Hello" (RFC 6455 §5.7), as may follow a 101 in one segment. */
    static final byte[] UNMASKED_HELLO = {(byte) 0x81, 0x05, 'H', 'e', 'l', 'l', 'o'};
    /** A client-to-server masked text frame "Hello" (RFC 6455 §5.7). */
    static final byte[] MASKED_HELLO = {(byte) 0x81, (byte) 0x85, 0x37, (byte) 0xfa, 0x21, 0x3d, 0x7f, (byte) 0x9f, 0x4d, 0x51, 0x58};

    static final String CHROMIUM_REQUEST = """
            GET /chat?room=42 HTTP/1.1\r
            Host: example.com:8443\r
            Connection: Upgrade\r
            Pragma: no-cache\r
            Cache-Control: no-cache\r
            User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36\r
            Upgrade: websocket\r
            Origin: https://example.com\r
            Sec-WebSocket-Version: 13\r
            Accept-Encoding: gzip, deflate, br, zstd\r
            Accept-Language: en-US,en;q=0.9,fr;q=0.8\r
            Cookie: session=3f2a9c1e; theme=dark; _ga=GA1.1.1542925283.1469426767\r
            Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r
            Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r
            Sec-WebSocket-Protocol: chat, superchat\r
            \r
            """;

    /** Captured from java.net.http.HttpClient's WebSocket builder on JDK 25. */
    static final String JDK25_REQUEST = """
            GET /chat?x=1 HTTP/1.1\r
            Connection: Upgrade\r
            Host: 127.0.0.1:18082\r
            Upgrade: websocket\r
            User-Agent: Java-http-client/25.0.3\r
            Sec-WebSocket-Key: 3KBBTHB6kS6ZytiMst3HQg==\r
            Sec-WebSocket-Protocol: chat\r
            Sec-WebSocket-Version: 13\r
            \r
            """;

    /** Captured from JDK 17's HttpClient, which still sent Content-Length: 0 on a GET (JDK-8283544). */
    static final String JDK17_REQUEST = """
            GET /chat?x=1 HTTP/1.1\r
            Connection: Upgrade\r
            Content-Length: 0\r
            Host: 127.0.0.1:18083\r
            Upgrade: websocket\r
            User-Agent: Java-http-client/17.0.15\r
            Sec-WebSocket-Key: M7iSUhRK53FIy4ENaj+F9w==\r
            Sec-WebSocket-Protocol: chat\r
            Sec-WebSocket-Version: 13\r
            \r
            """;

    /** Captured from curl 7.88.1 with the upgrade headers given on its command line. */
    static final String CURL_REQUEST = """
            GET /ws HTTP/1.1\r
            Host: 127.0.0.1:18081\r
            User-Agent: curl/7.88.1\r
            Accept: */*\r
            Connection: Upgrade\r
            Upgrade: websocket\r
            Sec-WebSocket-Version: 13\r
            Sec-WebSocket-Key: x3JJHMbDL1EzLkh9GBhXDw==\r
            \r
            """;

    /** Captured from Python websockets' client (17.1; 8.x sends the same fields). */
    static final String PYTHON_REQUEST = """
            GET /echo?v=1 HTTP/1.1\r
            Host: 127.0.0.1:18084\r
            Upgrade: websocket\r
            Connection: Upgrade\r
            Sec-WebSocket-Key: IIL/yeE210AVVLoZxfOo/A==\r
            Sec-WebSocket-Version: 13\r
            Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r
            Sec-WebSocket-Protocol: chat\r
            User-Agent: Python/3.11 websockets/17.1\r
            \r
            """;

    static final String SWITCHING_PROTOCOLS = """
            HTTP/1.1 101 Switching Protocols\r
            Upgrade: websocket\r
            Connection: Upgrade\r
            Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r
            Sec-WebSocket-Extensions: permessage-deflate; server_no_context_takeover\r
            \r
            """;

    static final String FORBIDDEN = """
            HTTP/1.1 403 Forbidden\r
            Content-Type: text/plain; charset=utf-8\r
            Content-Length: 21\r
            Connection: close\r
            \r
            Origin not allowed.\r
            """;

    static final String CHUNKED_ERROR = """
            HTTP/1.1 500 Internal Server Error\r
            Content-Type: text/plain\r
            Transfer-Encoding: chunked\r
            \r
            7;note=first\r
            Server \r
            6\r
            error.\r
            0\r
            X-Trace: abc\r
            \r
            """;

    static final String NOT_FOUND_UNTIL_EOF = """
            HTTP/1.1 404 Not Found\r
            Content-Type: text/html\r
            \r
            <h1>Not Found</h1>
            """;
}
