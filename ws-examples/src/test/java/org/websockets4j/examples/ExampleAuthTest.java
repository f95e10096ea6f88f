package org.websockets4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.websockets4j.client.WebSocketClient;
import org.websockets4j.http.HeaderGrammar;
import org.websockets4j.http.InvalidStatusCode;
import org.websockets4j.protocol.WebSocket;
import org.websockets4j.server.WebSocketServer;

/** --basic-auth on the example servers, and the chat's token login. */
class ExampleAuthTest {
    private static final Duration GUARD = Duration.ofSeconds(30);

    @Test
    void basicAuthIsRepeatableAndChecked() throws Exception {
        assertEquals(new Main.Server(Main.Kind.ECHO, "127.0.0.1", 1, true, false, Map.of("alice", "s3:cret", "bob", "")),
                Main.parse("echo-server", "--basic-auth", "alice:s3:cret", "--port", "1", "--basic-auth=bob:"));
        assertEquals(Map.of(), ((Main.Server) Main.parse("echo-server", "--port", "1")).credentials());
        for (List<String> bad : List.of(List.of("--basic-auth"), List.of("--basic-auth", "nocolon"),
                List.of("--basic-auth", ":pass"), List.of("--basic-auth", "a:1", "--basic-auth", "a:2"))) {
            List<String> args = new java.util.ArrayList<>(List.of("echo-server", "--port", "1"));
            args.addAll(bad);
            Main.UsageError e = assertThrows(Main.UsageError.class, () -> Main.parse(args.toArray(String[]::new)), bad.toString());
            assertFalse(e.getMessage().contains(":2") || e.getMessage().contains("pass"), "no password in " + e.getMessage());
        }
        String help = ((Main.Help) Main.parse("chat-server", "--help")).text();
        assertTrue(help.contains("--basic-auth USER:PASSWORD"), help);
    }

    @Test
    void everyServerRefusesOthersWith401() throws Exception {
        assertTimeoutPreemptively(GUARD, () -> {
            for (String command : List.of("echo-server", "broadcast-server", "chat-server")) {
                try (WebSocketServer server = Main.start((Main.Server) Main.parse(command, "--port", "0",
                        "--basic-auth", "alice:s3cret", "--basic-auth", "bob:pw"))) {
                    String base = "127.0.0.1:" + server.port() + "/chat";
                    assertEquals(401, assertThrows(InvalidStatusCode.class, () -> WebSocketClient.connect("ws://" + base)).statusCode(), command);
                    assertEquals(401, assertThrows(InvalidStatusCode.class,
                            () -> WebSocketClient.connect("ws://alice:pw@" + base)).statusCode(), command);
                    for (String user : List.of("alice:s3cret", "bob:pw")) {
                        try (WebSocket ws = WebSocketClient.connect("ws://" + user + "@" + base)) {
                            assertTrue(ws.isOpen(), command);
                        }
                    }
                }
            }
        });
    }

    @Test
    void theChatLogsInWithATokenUsedOnce() throws Exception {
        assertTimeoutPreemptively(GUARD, () -> {
            try (WebSocketServer server = Main.start((Main.Server) Main.parse("chat-server", "--port", "0"))) {
                HttpClient http = HttpClient.newHttpClient();
                String token = get(http, "http://127.0.0.1:" + server.port() + "/token?name=carol", null).body().strip();
                assertTrue(token.matches("[A-Za-z0-9_-]{22}"), token);
                String uri = "ws://127.0.0.1:" + server.port() + "/chat?name=mallory&token=" + token;
                try (WebSocket ws = WebSocketClient.connect(uri)) {
                    assertEquals("* carol joined", ws.recvText(), "the token's name, not the one in the URL");
                }
                InvalidStatusCode reused = assertThrows(InvalidStatusCode.class, () -> WebSocketClient.connect(uri));
                assertEquals(403, reused.statusCode());
                assertEquals(403, assertThrows(InvalidStatusCode.class, () -> WebSocketClient.connect(
                        "ws://127.0.0.1:" + server.port() + "/chat?token=forged")).statusCode());
            }
        });
    }

    @Test
    void withBasicAuthThePageAndTokensNeedCredentialsAndTheTokenCarriesTheUser() throws Exception {
        assertTimeoutPreemptively(GUARD, () -> {
            try (WebSocketServer server = Main.start((Main.Server) Main.parse("chat-server", "--port", "0",
                    "--basic-auth", "alice:s3cret"))) {
                HttpClient http = HttpClient.newHttpClient();
                String base = "http://127.0.0.1:" + server.port();
                HttpResponse<String> page = get(http, base + "/", null);
                assertEquals(401, page.statusCode());
                assertEquals("Basic realm=\"websockets4j\", charset=\"UTF-8\"", page.headers().firstValue("WWW-Authenticate").orElseThrow());
                assertEquals(401, get(http, base + "/token?name=x", null).statusCode());
                String authorization = HeaderGrammar.buildAuthorizationBasic("alice", "s3cret");
                assertEquals(200, get(http, base + "/", authorization).statusCode());
                String token = get(http, base + "/token?name=someone-else", authorization).body().strip();
                try (WebSocket ws = WebSocketClient.connect("ws://127.0.0.1:" + server.port() + "/chat?token=" + token)) {
                    assertEquals("* alice joined", ws.recvText(), "the authenticated user, whatever name was typed");
                }
            }
        });
    }

    private static HttpResponse<String> get(HttpClient http, String uri, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
