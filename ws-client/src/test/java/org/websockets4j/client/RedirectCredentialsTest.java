package org.websockets4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.websockets4j.http.HeaderGrammar;
import org.websockets4j.http.Headers;
import org.websockets4j.http.SecurityError;
import org.websockets4j.http.WebSocketUri;
import org.websockets4j.protocol.WebSocket;
import org.websockets4j.server.HttpResponse;
import org.websockets4j.server.ServerOptions;
import org.websockets4j.server.WebSocketServer;

/**
 * Credentials on redirects, websockets 16.1's rule: a cross-origin redirect (another scheme, host
 * or port) drops Authorization, Cookie and Proxy-Authorization; a same-origin one keeps them; a
 * destination override does not follow a redirect to another origin.
 */
@Timeout(30)
class RedirectCredentialsTest {
    private static final String BASIC = HeaderGrammar.buildAuthorizationBasic("alice", "pw");

    private static ClientOptions withCredentials() {
        return ClientOptions.builder()
                .addHeader("Authorization", "Bearer token-1")
                .addHeader("Cookie", "session=abc")
                .addHeader("Proxy-Authorization", "Basic cHJveHk6cHc=")
                .addHeader("X-Trace", "kept")
                .build();
    }

    /** A server that records the headers of every request and accepts it. */
    private static WebSocketServer recorder(String host, BlockingQueue<Headers> seen) throws Exception {
        return WebSocketServer.serve(ws -> { }, host, 0, ServerOptions.builder().processRequest((path, headers) -> {
            seen.add(headers);
            return null;
        }).build());
    }

    /** A server that redirects every request to {@code location}. */
    private static WebSocketServer redirector(String location) throws Exception {
        return WebSocketServer.serve(ws -> { }, "127.0.0.1", 0, ServerOptions.builder().processRequest((path, headers) ->
                new HttpResponse(302, Headers.of("Location", location), new byte[0])).build());
    }

    @Test
    void anotherPortOfTheSameHostDropsTheCredentials() throws Exception {
        BlockingQueue<Headers> seen = new LinkedBlockingQueue<>();
        try (WebSocketServer target = recorder("127.0.0.1", seen);
             WebSocketServer first = redirector("ws://127.0.0.1:" + target.port() + "/next")) {
            try (WebSocket ws = WebSocketClient.connect("ws://127.0.0.1:" + first.port() + "/", withCredentials())) {
                assertEquals("/next", ws.path());
            }
            Headers headers = seen.poll(5, TimeUnit.SECONDS);
            assertNull(headers.get("Authorization"));
            assertNull(headers.get("Cookie"));
            assertNull(headers.get("Proxy-Authorization"));
            assertEquals("kept", headers.get("X-Trace"));
        }
    }

    @Test
    void anotherHostDropsTheCredentialsOfTheUriToo() throws Exception {
        BlockingQueue<Headers> seen = new LinkedBlockingQueue<>();
        try (WebSocketServer target = recorder("127.0.0.2", seen);
             WebSocketServer first = redirector("ws://127.0.0.2:" + target.port() + "/next")) {
            ClientOptions options = ClientOptions.builder().addHeader("Cookie", "session=abc").build();
            try (WebSocket ws = WebSocketClient.connect("ws://alice:pw@127.0.0.1:" + first.port() + "/", options)) {
                assertEquals("/next", ws.path());
            }
            Headers headers = seen.poll(5, TimeUnit.SECONDS);
            assertNull(headers.get("Authorization"));
            assertNull(headers.get("Cookie"));
        }
    }

    @Test
    void aSameOriginRedirectKeepsThemAll() throws Exception {
        BlockingQueue<Headers> seen = new LinkedBlockingQueue<>();
        try (WebSocketServer server = WebSocketServer.serve(ws -> { }, "127.0.0.1", 0,
                ServerOptions.builder().processRequest((path, headers) -> {
                    if (path.equals("/start")) {
                        return new HttpResponse(302, Headers.of("Location", "/final"), new byte[0]);
                    }
                    seen.add(headers);
                    return null;
                }).build())) {
            try (WebSocket ws = WebSocketClient.connect("ws://127.0.0.1:" + server.port() + "/start", withCredentials())) {
                assertEquals("/final", ws.path());
            }
            Headers headers = seen.poll(5, TimeUnit.SECONDS);
            assertEquals("Bearer token-1", headers.get("Authorization"));
            assertEquals("session=abc", headers.get("Cookie"));
            assertEquals("Basic cHJveHk6cHc=", headers.get("Proxy-Authorization"));

            try (WebSocket ws = WebSocketClient.connect("ws://alice:pw@127.0.0.1:" + server.port() + "/start")) {
                assertEquals("/final", ws.path());
            }
            assertEquals(BASIC, seen.poll(5, TimeUnit.SECONDS).get("Authorization"));
        }
    }

    @Test
    void aDestinationOverrideRefusesACrossOriginRedirect() throws Exception {
        BlockingQueue<Headers> seen = new LinkedBlockingQueue<>();
        try (WebSocketServer target = recorder("127.0.0.1", seen);
             WebSocketServer first = redirector("ws://elsewhere.example:" + target.port() + "/next")) {
            ClientOptions options = ClientOptions.builder().connectTo("127.0.0.1", first.port()).build();
            SecurityError e = assertThrows(SecurityError.class,
                    () -> WebSocketClient.connect("ws://service.example/", options));
            assertTrue(e.getMessage().contains("cross-origin redirect to ws://elsewhere.example:"), e.getMessage());
            assertNull(seen.poll(200, TimeUnit.MILLISECONDS));
        }
    }

    @Test
    void aDestinationOverrideFollowsASameOriginRedirect() throws Exception {
        try (WebSocketServer server = WebSocketServer.serve(ws -> { }, "127.0.0.1", 0,
                ServerOptions.builder().processRequest((path, headers) -> path.equals("/start")
                        ? new HttpResponse(307, Headers.of("Location", "/final"), new byte[0]) : null).build())) {
            ClientOptions options = ClientOptions.builder().connectTo("127.0.0.1", server.port()).build();
            try (WebSocket ws = WebSocketClient.connect("ws://service.example/start", options)) {
                assertEquals("/final", ws.path());
            }
        }
    }

    @Test
    void policyComparesSchemeHostAndPort() {
        WebSocketUri base = WebSocketUri.parse("ws://Example.com:8080/a");
        assertTrue(RedirectPolicy.sameOrigin(base, WebSocketUri.parse("ws://example.com:8080/b?x")));
        assertTrue(!RedirectPolicy.sameOrigin(base, WebSocketUri.parse("wss://example.com:8080/a")));
        assertTrue(!RedirectPolicy.sameOrigin(base, WebSocketUri.parse("ws://example.com:8081/a")));
        assertTrue(!RedirectPolicy.sameOrigin(base, WebSocketUri.parse("ws://www.example.com:8080/a")));
        assertTrue(RedirectPolicy.sameOrigin(WebSocketUri.parse("ws://h/"), WebSocketUri.parse("ws://h:80/")));
    }

    @Test
    void policyKeepsOptionsUntouchedWithoutCredentialHeaders() {
        ClientOptions options = ClientOptions.builder().addHeader("X-A", "1").build();
        RedirectPolicy.Hop hop = RedirectPolicy.follow(WebSocketUri.parse("ws://a/"), options, WebSocketUri.parse("ws://b/"));
        assertSame(options, hop.options());
    }

    @Test
    void policyStillRefusesWssToWs() {
        assertThrows(SecurityError.class, () -> RedirectPolicy.follow(WebSocketUri.parse("wss://a/"), ClientOptions.defaults(),
                WebSocketUri.parse("ws://a/")));
    }

    @Test
    void credentialsInTheLocationBelongToTheNewOrigin() {
        RedirectPolicy.Hop hop = RedirectPolicy.follow(WebSocketUri.parse("ws://alice:pw@a/"), ClientOptions.defaults(),
                WebSocketUri.parse("ws://bob:pw2@b/"));
        assertEquals("bob", hop.uri().username());
        RedirectPolicy.Hop same = RedirectPolicy.follow(WebSocketUri.parse("ws://alice:pw@a/"), ClientOptions.defaults(),
                WebSocketUri.parse("ws://a/x"));
        assertEquals("alice", same.uri().username());
        assertEquals("pw", same.uri().password());
    }
}
