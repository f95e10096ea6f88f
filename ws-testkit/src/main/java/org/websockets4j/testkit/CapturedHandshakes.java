package org.websockets4j.testkit;

/**
 * Handshake messages as real clients and servers send them (CRLF line ends, as on the wire); turn
 * one into bytes with {@link WireBytes#latin1(String)}.
 */
public final class CapturedHandshakes {
    /** {@code Sec-WebSocket-Key} of RFC 6455 §1.3, sent by {@link #CHROMIUM_REQUEST}. */
    public static final String SAMPLE_KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    /** The {@code Sec-WebSocket-Accept} value of {@link #SAMPLE_KEY} (RFC 6455 §1.3). */
    public static final String SAMPLE_ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

    private CapturedHandshakes() {
    }

    /**
     * A captured request by the name of the client that sent it, for parameterized tests.
     *
     * @param client {@code chromium}, {@code jdk25}, {@code jdk17}, {@code curl} or {@code python}
     * @return {@link #CHROMIUM_REQUEST}, {@link #JDK25_REQUEST}, {@link #JDK17_REQUEST},
     *         {@link #CURL_REQUEST} or {@link #PYTHON_REQUEST}
     * @throws IllegalArgumentException for any other name
     */
    public static String request(String client) {
        return switch (client) {
            case "chromium" -> CHROMIUM_REQUEST;
            case "jdk25" -> JDK25_REQUEST;
            case "jdk17" -> JDK17_REQUEST;
            case "curl" -> CURL_REQUEST;
            case "python" -> PYTHON_REQUEST;
            default -> throw new IllegalArgumentException("no request captured from " + client);
        };
    }

    /** A request as Chromium 124 sends it, every header included (with the RFC 6455 §1.3 sample key). */
    public static final String CHROMIUM_REQUEST = """
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
    public static final String JDK25_REQUEST = """
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
    public static final String JDK17_REQUEST = """
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
    public static final String CURL_REQUEST = """
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
    public static final String PYTHON_REQUEST = """
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

    /** A 101 accepting the RFC 6455 §1.3 sample key, with permessage-deflate. */
    public static final String SWITCHING_PROTOCOLS = """
            HTTP/1.1 101 Switching Protocols\r
            Upgrade: websocket\r
            Connection: Upgrade\r
            Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r
            Sec-WebSocket-Extensions: permessage-deflate; server_no_context_takeover\r
            \r
            """;

    /** A 403 with a body of {@code Content-Length} bytes. */
    public static final String FORBIDDEN = """
            HTTP/1.1 403 Forbidden\r
            Content-Type: text/plain; charset=utf-8\r
            Content-Length: 21\r
            Connection: close\r
            \r
            Origin not allowed.\r
            """;

    /** A 500 with a chunked body (a chunk extension and a trailer field included). */
    public static final String CHUNKED_ERROR = """
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

    /** A 404 whose body runs until the connection closes (no length, not chunked). */
    public static final String NOT_FOUND_UNTIL_EOF = """
            HTTP/1.1 404 Not Found\r
            Content-Type: text/html\r
            \r
            <h1>Not Found</h1>
            """;
}
