package org.websockets4j.examples.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.websockets4j.auth.Authentication;
import org.websockets4j.auth.BasicAuth;
import org.websockets4j.http.HeaderGrammar;
import org.websockets4j.server.ServerOptions;
import org.websockets4j.server.WebSocketServer;

/**
 * HTTP Basic authentication on our server, with real clients: Python websockets (credentials in
 * the URI), Node ws (an {@code Authorization} header), and the JDK's client (a header). The server
 * echoes each message prefixed with the user name the handshake stored on the connection.
 */
class AuthInteropTest {
    private static final Duration GUARD = Duration.ofSeconds(90);
    private static final Duration STEP = Duration.ofSeconds(30);

    private static WebSocketServer server() throws Exception {
        ServerOptions options = ServerOptions.builder()
                .processRequest(BasicAuth.of("interop", Map.of("alice", "s3cret", "bob", "pässword")))
                .build();
        return WebSocketServer.serve(ws -> {
            ws.send(Authentication.username(ws) + ":" + ws.recvText());
        }, "127.0.0.1", 0, options);
    }

    /** Runs a peer client script and returns its one line of result. */
    private static String run(ScriptPeer peer, String script, List<String> args) throws Exception {
        ScriptPeer.Launcher launcher = Peers.require(peer.find(), peer.description);
        List<String> command = new ArrayList<>(launcher.interpreter());
        command.add(Peers.SCRIPTS.resolve(script).toString());
        command.addAll(args);
        try (PeerProcess process = PeerProcess.start(peer.name().toLowerCase() + " auth client", command, launcher.environment())) {
            String line = process.awaitLine(l -> l.startsWith("echo ") || l.startsWith("status ") || l.startsWith("FAILED"), STEP);
            assertEquals(0, process.awaitExit(STEP), process.transcript());
            return line;
        }
    }

    @Test
    void pythonSendsTheCredentialsOfTheUri() throws Exception {
        assertTimeoutPreemptively(GUARD, () -> {
            try (WebSocketServer server = server()) {
                String host = "127.0.0.1:" + server.port() + "/";
                assertEquals("echo alice:hello", run(ScriptPeer.PYTHON, "python/auth_client.py", List.of("ws://alice:s3cret@" + host)));
                // websockets 10.4 sends the URI's user information as written, %-escapes and all (it
                // does not decode them), so a non-ASCII password cannot be given to it this way:
                // bob is refused, as "p%C3%A4ssword" is not his password.
                assertEquals("status 401", run(ScriptPeer.PYTHON, "python/auth_client.py", List.of("ws://bob:p%C3%A4ssword@" + host)));
                assertEquals("status 401", run(ScriptPeer.PYTHON, "python/auth_client.py", List.of("ws://alice:wrong@" + host)));
                assertEquals("status 401", run(ScriptPeer.PYTHON, "python/auth_client.py", List.of("ws://" + host)));
            }
        });
    }

    @Test
    void nodeSendsAnAuthorizationHeader() throws Exception {
        assertTimeoutPreemptively(GUARD, () -> {
            try (WebSocketServer server = server()) {
                String uri = "ws://127.0.0.1:" + server.port() + "/";
                String script = "node/auth_client.js";
                assertEquals("echo alice:hello", run(ScriptPeer.NODE, script,
                        List.of(uri, HeaderGrammar.buildAuthorizationBasic("alice", "s3cret"))));
                assertEquals("status 401", run(ScriptPeer.NODE, script,
                        List.of(uri, HeaderGrammar.buildAuthorizationBasic("alice", "S3cret"))));
                assertEquals("status 401", run(ScriptPeer.NODE, script, List.of(uri, "Bearer abc")));
                assertEquals("status 400", run(ScriptPeer.NODE, script, List.of(uri, "Basic not-base64!")));
                assertEquals("status 401", run(ScriptPeer.NODE, script, List.of(uri)));
            }
        });
    }

    @Test
    void theJdkClientSendsAnAuthorizationHeader() throws Exception {
        assertTimeoutPreemptively(GUARD, () -> {
            try (WebSocketServer server = server()) {
                URI uri = URI.create("ws://127.0.0.1:" + server.port() + "/");
                HttpClient http = HttpClient.newHttpClient();
                CompletableFuture<String> reply = new CompletableFuture<>();
                java.net.http.WebSocket ws = http.newWebSocketBuilder()
                        .header("Authorization", HeaderGrammar.buildAuthorizationBasic("bob", "pässword"))
                        .buildAsync(uri, new java.net.http.WebSocket.Listener() {
                            @Override
                            public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket webSocket,
                                                                                 CharSequence data, boolean last) {
                                reply.complete(data.toString());
                                return null;
                            }
                        }).get(10, TimeUnit.SECONDS);
                ws.sendText("hello", true).get(10, TimeUnit.SECONDS);
                assertEquals("bob:hello", reply.get(10, TimeUnit.SECONDS));
                ws.abort();

                ExecutionException refused = assertThrows(ExecutionException.class, () -> http.newWebSocketBuilder()
                        .header("Authorization", HeaderGrammar.buildAuthorizationBasic("bob", "wrong"))
                        .buildAsync(uri, new java.net.http.WebSocket.Listener() { }).get(10, TimeUnit.SECONDS));
                WebSocketHandshakeException handshake = assertInstanceOf(WebSocketHandshakeException.class, refused.getCause());
                assertEquals(401, handshake.getResponse().statusCode());
                assertEquals("Basic realm=\"interop\", charset=\"UTF-8\"",
                        handshake.getResponse().headers().firstValue("WWW-Authenticate").orElseThrow());
            }
        });
    }
}
