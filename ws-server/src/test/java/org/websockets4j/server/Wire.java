package org.websockets4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.websockets4j.http.Response;
import org.websockets4j.http.ResponseReader;

/** Feeding helpers, a fixed clock and captured handshake requests shared by the server tests. */
final class Wire {
    private Wire() {
    }

    /** 2024-06-01T12:34:56Z: every response's Date. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-06-01T12:34:56Z"), ZoneOffset.UTC);
    static final String DATE = "Sat, 01 Jun 2024 12:34:56 GMT";

    /** A client-to-server masked text frame "Hello" (RFC 6455 §5.7), as may follow the request in one segment. */
    static final byte[] MASKED_HELLO = {(byte) 0x81, (byte) 0x85, 0x37, (byte) 0xfa, 0x21, 0x3d, 0x7f, (byte) 0x9f, 0x4d, 0x51, 0x58};

    static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** What the handshake decided, and the bytes it left in the buffer. */
    record Fed(HandshakeOutcome outcome, byte[] leftover) {
        HandshakeOutcome.Accepted accepted() {
            return assertInstanceOf(HandshakeOutcome.Accepted.class, outcome);
        }

        HandshakeOutcome.Rejected rejected() {
            return assertInstanceOf(HandshakeOutcome.Rejected.class, outcome);
        }
    }

    static ServerHandshake handshake(ServerOptions options) {
        return new ServerHandshake(options, CLOCK);
    }

    /** Feeds {@code data} in one buffer to a new handshake. */
    static Fed feed(ServerOptions options, String request) {
        return feed(handshake(options), latin1(request));
    }

    static Fed feed(ServerHandshake handshake, byte[] data) {
        ByteBuffer in = ByteBuffer.wrap(data);
        HandshakeOutcome outcome = handshake.receiveData(in);
        return new Fed(outcome, remaining(in));
    }

    /**
     * Feeds {@code data} one byte at a time through a buffer whose limit grows by one, so that a
     * handshake that consumed a byte too many shows up in the leftover; stops at the outcome.
     */
    static Fed feedByteByByte(ServerHandshake handshake, byte[] data) {
        ByteBuffer in = ByteBuffer.wrap(data).limit(0);
        while (in.limit() < data.length) {
            in.limit(in.limit() + 1);
            HandshakeOutcome outcome = handshake.receiveData(in);
            if (outcome != null) {
                return new Fed(outcome, remaining(in.limit(data.length)));
            }
            assertEquals(0, in.remaining(), "an incomplete head is consumed whole");
        }
        return new Fed(null, new byte[0]);
    }

    /** The response as a client reads it: exactly the bytes, nothing after them. */
    static Response parse(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        ResponseReader reader = new ResponseReader();
        Response response = reader.read(in);
        assertNotNull(response, "the response is complete");
        assertEquals(0, in.remaining(), "nothing after the response");
        return response;
    }

    static String text(Response response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static byte[] remaining(ByteBuffer in) {
        byte[] out = new byte[in.remaining()];
        in.get(out);
        return out;
    }

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

    /** The smallest valid handshake request; {@code extra} is inserted before the blank line. */
    static String request(String path, String extra) {
        return "GET " + path + " HTTP/1.1\r\n"
                + "Host: example.com\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + extra
                + "\r\n";
    }

    static String request(String extra) {
        return request("/", extra);
    }

    /** The accept value of {@code dGhlIHNhbXBsZSBub25jZQ==} (RFC 6455 §1.3). */
    static final String SAMPLE_ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";
}
