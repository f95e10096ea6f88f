package org.websockets4j.examples.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.websockets4j.protocol.ConnectionClosed;
import org.websockets4j.protocol.Message;
import org.websockets4j.server.ServerOptions;
import org.websockets4j.server.WebSocketServer;

/** The server's answers to malformed opening handshakes, over raw loopback sockets. */
class ServerConformanceHandshakeTest {
    private static final Duration GUARD = Duration.ofSeconds(10);
    private static final String KEY_LINE = "Sec-WebSocket-Key: " + RawClient.KEY + "\r\n";

    private static WebSocketServer server;

    @BeforeAll
    static void start() throws Exception {
        server = WebSocketServer.serve(ws -> {
            try {
                for (Message message : ws) {
                    ws.send(message);
                }
            } catch (ConnectionClosed expected) {
                // not what these tests look at
            }
        }, "127.0.0.1", 0, ServerOptions.defaults());
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        server.awaitClosed();
    }

    /** Sends {@code request}, asserts the status (and headers), then that a normal connection still works. */
    private static String refused(String request, int status, String... headers) {
        return assertTimeoutPreemptively(GUARD, () -> {
            String answer = RawClient.exchange(server.port(), request.getBytes(StandardCharsets.ISO_8859_1));
            assertTrue(answer.startsWith("HTTP/1.1 " + status + " "), answer);
            int end = answer.indexOf("\r\n\r\n");
            assertTrue(end > 0, () -> "a complete response head: " + answer);
            String head = answer.substring(0, end + 2).toLowerCase();
            for (String header : headers) {
                assertTrue(head.contains("\r\n" + header.toLowerCase() + "\r\n"), () -> header + " in " + answer);
            }
            try (RawClient client = RawClient.connect(server.port())) {
                client.sendText("after " + status);
                assertEquals("after " + status, client.expectText());
            }
            return answer;
        });
    }

    private static String request(String requestLine, String... headerLines) {
        StringBuilder request = new StringBuilder(requestLine).append("\r\n");
        for (String line : headerLines) {
            request.append(line).append("\r\n");
        }
        return request.append("\r\n").toString();
    }

    @Test
    void aMissingKeyIs400() {
        refused(request("GET / HTTP/1.1", "Host: 127.0.0.1", "Upgrade: websocket", "Connection: Upgrade",
                "Sec-WebSocket-Version: 13"), 400);
    }

    @Test
    void aKeyThatIsNot16BytesIs400() {
        refused(request("GET / HTTP/1.1", "Host: 127.0.0.1", "Upgrade: websocket", "Connection: Upgrade",
                "Sec-WebSocket-Key: dGhlIHNhbXBsZQ==", "Sec-WebSocket-Version: 13"), 400);
    }

    @Test
    void version8Is426WithTheSupportedVersion() {
        refused(request("GET / HTTP/1.1", "Host: 127.0.0.1", "Upgrade: websocket", "Connection: Upgrade",
                KEY_LINE.strip(), "Sec-WebSocket-Version: 8"), 426, "Sec-WebSocket-Version: 13");
    }

    @Test
    void noUpgradeIs426() {
        refused(request("GET / HTTP/1.1", "Host: 127.0.0.1", KEY_LINE.strip(), "Sec-WebSocket-Version: 13"), 426);
    }

    @Test
    void postIs405AllowingGet() {
        refused(request("POST / HTTP/1.1", "Host: 127.0.0.1", "Upgrade: websocket", "Connection: Upgrade",
                KEY_LINE.strip(), "Sec-WebSocket-Version: 13", "Content-Length: 0"), 405, "Allow: GET");
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"*", "x", "127.0.0.1:80", "ws://127.0.0.1:1/"})
    void aTargetThatIsNotAPathIs400WithAShortBody(String target) {
        // Issue 16 item 5: these were answered 101. The last names another host than Host.
        String answer = refused(request("GET " + target + " HTTP/1.1", "Host: 127.0.0.1", "Upgrade: websocket",
                "Connection: Upgrade", KEY_LINE.strip(), "Sec-WebSocket-Version: 13"), 400);
        String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
        assertTrue(body.startsWith("Failed to open a WebSocket connection: ") && body.length() < 300, body);
    }

    @Test
    void anAbsoluteUriTargetForThisHostIsAccepted() {
        assertTimeoutPreemptively(GUARD, () -> {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
                socket.getOutputStream().write(request("GET ws://127.0.0.1/chat HTTP/1.1", "Host: 127.0.0.1",
                        "Upgrade: websocket", "Connection: Upgrade", KEY_LINE.strip(), "Sec-WebSocket-Version: 13")
                        .getBytes(StandardCharsets.ISO_8859_1));
                StringBuilder head = new StringBuilder();
                java.io.InputStream in = socket.getInputStream();
                while (head.indexOf("\r\n\r\n") < 0) {
                    int b = in.read();
                    assertTrue(b >= 0, () -> "end of stream inside the response head: " + head);
                    head.append((char) b);
                }
                assertTrue(head.toString().startsWith("HTTP/1.1 101 "), head.toString());
            }
        });
    }

    @Test
    void http10Is400() {
        refused(request("GET / HTTP/1.0", "Host: 127.0.0.1", "Upgrade: websocket", "Connection: Upgrade",
                KEY_LINE.strip(), "Sec-WebSocket-Version: 13"), 400);
    }

    @Test
    void aHeaderLineOver8KiBIs431() {
        refused(request("GET / HTTP/1.1", "Host: 127.0.0.1", "Upgrade: websocket", "Connection: Upgrade",
                KEY_LINE.strip(), "Sec-WebSocket-Version: 13", "X-Big: " + "a".repeat(9 * 1024)), 431);
    }

    @Test
    void obsFoldIs400() {
        refused(request("GET / HTTP/1.1", "Host: 127.0.0.1", "Upgrade: websocket", "Connection: Upgrade",
                KEY_LINE.strip(), "Sec-WebSocket-Version: 13", "X-Folded: first", " second"), 400);
    }
}
