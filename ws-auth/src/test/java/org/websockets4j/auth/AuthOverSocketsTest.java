package org.websockets4j.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.websockets4j.client.ClientOptions;
import org.websockets4j.client.WebSocketClient;
import org.websockets4j.http.HeaderGrammar;
import org.websockets4j.http.Headers;
import org.websockets4j.http.InvalidStatusCode;
import org.websockets4j.http.Response;
import org.websockets4j.protocol.AttributeKey;
import org.websockets4j.protocol.WebSocket;
import org.websockets4j.server.HttpResponse;
import org.websockets4j.server.RequestHook;
import org.websockets4j.server.RequestProcessor;
import org.websockets4j.server.ServerOptions;
import org.websockets4j.server.WebSocketServer;

/**
 * Authentication and per-connection state through real sockets: our server, our client, on
 * loopback. The handler answers each connection with what it knows about it.
 */
@Timeout(60)
class AuthOverSocketsTest {
    private static final AttributeKey<UUID> HOOK_ID = AttributeKey.of("hook id", UUID.class);
    /** Remembers the id the hooks saw, for the handler to compare with its own. */
    private static final RequestHook REMEMBER_ID = context -> {
        context.setAttribute(HOOK_ID, context.id());
        return null;
    };

    /** Sends "user=<name> sameId=<whether the hook's id is the connection's>" and waits for the close. */
    private static WebSocketServer server(ServerOptions options) throws Exception {
        return WebSocketServer.serve(ws -> {
            ws.send("user=" + Authentication.username(ws) + " sameId=" + ws.id().equals(ws.attribute(HOOK_ID)));
            ws.recv();
        }, "127.0.0.1", 0, options);
    }

    private static ServerOptions basicAuth(RequestProcessor... more) {
        RequestProcessor[] all = new RequestProcessor[more.length + 2];
        all[0] = REMEMBER_ID;
        all[1] = BasicAuth.of("test", Map.of("alice", "s3cret"));
        System.arraycopy(more, 0, all, 2, more.length);
        return ServerOptions.builder().pingInterval(null).processRequest(RequestProcessor.chain(all)).build();
    }

    private static String greeting(String uri, ClientOptions options) throws Exception {
        try (WebSocket ws = WebSocketClient.connect(uri, options)) {
            return ws.recvText();
        }
    }

    @Test
    void credentialsInTheUrlReachTheHandlerAsTheUserName() throws Exception {
        try (WebSocketServer server = server(basicAuth())) {
            assertEquals("user=alice sameId=true",
                    greeting("ws://alice:s3cret@127.0.0.1:" + server.port() + "/", ClientOptions.defaults()));
        }
    }

    @Test
    void anAuthorizationHeaderWorksToo() throws Exception {
        try (WebSocketServer server = server(basicAuth())) {
            ClientOptions options = ClientOptions.builder()
                    .extraHeaders(Headers.of("Authorization", HeaderGrammar.buildAuthorizationBasic("alice", "s3cret"))).build();
            assertEquals("user=alice sameId=true", greeting("ws://127.0.0.1:" + server.port() + "/", options));
        }
    }

    @Test
    void everyoneElseGets401Or400() throws Exception {
        try (WebSocketServer server = server(basicAuth())) {
            String base = "127.0.0.1:" + server.port() + "/";
            assertEquals(401, assertThrows(InvalidStatusCode.class,
                    () -> WebSocketClient.connect("ws://" + base)).statusCode());
            InvalidStatusCode wrong = assertThrows(InvalidStatusCode.class,
                    () -> WebSocketClient.connect("ws://alice:wrong@" + base));
            assertEquals(401, wrong.statusCode());
            assertEquals("Invalid credentials\n", new String(wrong.body(), StandardCharsets.UTF_8));
            ClientOptions malformed = ClientOptions.builder().extraHeaders(Headers.of("Authorization", "Basic %%%")).build();
            assertEquals(400, assertThrows(InvalidStatusCode.class,
                    () -> WebSocketClient.connect("ws://" + base, malformed)).statusCode());
        }
    }

    @Test
    void authenticationComposesWithTheUsersOwnHook() throws Exception {
        RequestProcessor health = (path, headers) -> path.equals("/health") ? HttpResponse.text(200, "OK\n") : null;
        try (WebSocketServer server = server(basicAuth(health))) {
            String base = "127.0.0.1:" + server.port();
            assertEquals(401, assertThrows(InvalidStatusCode.class,
                    () -> WebSocketClient.connect("ws://" + base + "/health")).statusCode(), "authentication comes first");
            assertEquals(200, assertThrows(InvalidStatusCode.class,
                    () -> WebSocketClient.connect("ws://alice:s3cret@" + base + "/health")).statusCode());
            assertEquals("user=alice sameId=true", greeting("ws://alice:s3cret@" + base + "/chat", ClientOptions.defaults()));
        }
    }

    @Test
    void aTokenInTheQueryStringAndProcessResponseSeeingTheConnection() throws Exception {
        ServerOptions options = ServerOptions.builder().pingInterval(null)
                .processRequest(RequestProcessor.chain(REMEMBER_ID, Authentication.require(request ->
                        TimingSafe.equal("t0k3n", String.valueOf(Authentication.queryParameter(request.path(), "token")))
                                ? "erin" : null)))
                .processResponse((context, response) -> new Response(response.status(), response.reason(),
                        response.headers().copy().add("X-User", String.valueOf(context.attribute(Authentication.USERNAME))),
                        response.body()))
                .build();
        try (WebSocketServer server = server(options)) {
            String base = "ws://127.0.0.1:" + server.port() + "/";
            try (WebSocket ws = WebSocketClient.connect(base + "?token=t0k3n")) {
                assertEquals("user=erin sameId=true", ws.recvText());
                assertEquals("erin", ws.responseHeaders().get("X-User"));
            }
            assertEquals(403, assertThrows(InvalidStatusCode.class, () -> WebSocketClient.connect(base + "?token=x")).statusCode());
        }
    }
}
