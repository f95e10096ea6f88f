package org.websockets4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.websockets4j.client.WebSocketClient;
import org.websockets4j.http.InvalidStatusCode;
import org.websockets4j.protocol.ConnectionClosed;
import org.websockets4j.protocol.WebSocket;
import org.websockets4j.server.WebSocketServer;

/** The chat-server test program: its page over plain HTTP, and people chatting through broadcast. */
class ChatServerTest {
    private static final Duration GUARD = Duration.ofSeconds(20);

    @Test
    void servesThePageOnTheSamePort() throws Exception {
        assertTimeoutPreemptively(GUARD, () -> {
            try (WebSocketServer server = Main.start((Main.Server) Main.parse("chat-server", "--port", "0"))) {
                HttpClient http = HttpClient.newHttpClient();
                HttpResponse<String> page = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/")).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, page.statusCode());
                assertEquals("text/html; charset=utf-8", page.headers().firstValue("Content-Type").orElseThrow());
                assertTrue(page.body().contains("new WebSocket("), page.body());
                assertTrue(page.body().contains("textContent"), "messages are shown as text, never as HTML");
                HttpResponse<String> missing = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/favicon.ico")).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(404, missing.statusCode());
            }
        });
    }

    @ParameterizedTest(name = "async={0}")
    @ValueSource(booleans = {false, true})
    void whatOnePersonSaysReachesEveryone(boolean async) throws Exception {
        assertTimeoutPreemptively(GUARD, () -> {
            try (WebSocketServer server = Main.start((Main.Server) Main.parse(args("chat-server", async)))) {
                String base = "ws://127.0.0.1:" + server.port() + "/chat?name=";
                try (WebSocket alice = WebSocketClient.connect(base + "alice")) {
                    assertEquals("* alice joined", alice.recvText());
                    try (WebSocket bob = WebSocketClient.connect(base + "b%C3%B6b%0A%1B")) {
                        assertEquals("* böb joined", bob.recvText(), "escapes decoded, control characters removed");
                        assertEquals("* böb joined", alice.recvText());
                        alice.send("hi <b>all</b>");
                        assertEquals("alice: hi <b>all</b>", alice.recvText());
                        assertEquals("alice: hi <b>all</b>", bob.recvText());
                    }
                    assertEquals("* böb left", alice.recvText());
                }
            }
        });
    }

    @ParameterizedTest(name = "async={0}")
    @ValueSource(booleans = {false, true})
    void badInputClosesOnlyTheSender(boolean async) throws Exception {
        assertTimeoutPreemptively(GUARD, () -> {
            try (WebSocketServer server = Main.start((Main.Server) Main.parse(args("chat-server", async)))) {
                String base = "ws://127.0.0.1:" + server.port();
                InvalidStatusCode refused = assertThrows(InvalidStatusCode.class, () -> WebSocketClient.connect(base + "/elsewhere"));
                assertEquals(404, refused.statusCode());
                try (WebSocket watcher = WebSocketClient.connect(base + "/chat")) {
                    assertEquals("* anonymous joined", watcher.recvText());
                    try (WebSocket binary = WebSocketClient.connect(base + "/chat?name=" + "x".repeat(100))) {
                        assertEquals("* " + "x".repeat(ChatServer.MAX_NAME) + " joined", binary.recvText());
                        watcher.recvText();
                        binary.send(new byte[] {1});
                        assertThrows(ConnectionClosed.class, binary::recv);
                        assertEquals(1003, binary.closeCode());
                    }
                    assertEquals("* " + "x".repeat(ChatServer.MAX_NAME) + " left", watcher.recvText());
                    try (WebSocket big = WebSocketClient.connect(base + "/chat?name=big")) {
                        big.recvText();
                        watcher.recvText();
                        big.send("y".repeat(ChatServer.MAX_MESSAGE + 1));
                        assertThrows(ConnectionClosed.class, () -> {
                            while (true) {
                                big.recv();
                            }
                        });
                        assertEquals(1009, big.closeCode());
                    }
                    assertEquals("* big left", watcher.recvText());
                    watcher.send("still here");
                    assertEquals("anonymous: still here", watcher.recvText());
                }
            }
        });
    }

    @Test
    void namesAreCleanedAndBounded() {
        assertEquals("anonymous", ChatServer.nameOf("/chat"));
        assertEquals("anonymous", ChatServer.nameOf("/chat?name="));
        assertEquals("anonymous", ChatServer.nameOf("/chat?name=%ZZ"));
        assertEquals("a b", ChatServer.nameOf("/chat?x=1&name=a+b"));
        assertEquals("ab", ChatServer.nameOf("/chat?name=a%E2%80%AEb"), "format characters (bidi overrides) are removed");
        assertEquals(ChatServer.MAX_NAME, ChatServer.nameOf("/chat?name=" + "é".repeat(50)).length());
    }

    /** The server command's arguments on an ephemeral port, with --async when asked. */
    private static String[] args(String command, boolean async) {
        return async ? new String[] {command, "--port", "0", "--async"} : new String[] {command, "--port", "0"};
    }
}
