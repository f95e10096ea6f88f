package org.websockets4j.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.websockets4j.auth.Authentication;
import org.websockets4j.auth.BasicAuth;
import org.websockets4j.http.Headers;
import org.websockets4j.protocol.Message;
import org.websockets4j.protocol.WebSocket;
import org.websockets4j.server.AsyncConnectionHandler;
import org.websockets4j.server.AsyncRouter;
import org.websockets4j.server.ConnectionHandler;
import org.websockets4j.server.HandshakeContext;
import org.websockets4j.server.HttpResponse;
import org.websockets4j.server.RequestHook;
import org.websockets4j.server.Router;
import org.websockets4j.server.ServerOptions;
import org.websockets4j.server.WebSocketServer;

/**
 * The {@code chat-server} test program: a browser page and the WebSocket it talks to, on one port.
 *
 * <p>{@code GET /} (any request without {@code Upgrade: websocket}) answers the page, through
 * {@link ServerOptions#processRequest()}. The page logs in with {@code GET /token?name=N}, which
 * answers a one-time token ({@link ChatTokens}), and opens {@code ws://host:port/chat?token=T}: the
 * handshake redeems the token through {@link Authentication#require(org.websockets4j.auth.Authenticator)}
 * and the handler finds the name as {@link Authentication#username}. A client that is not a
 * browser may still open {@code /chat?name=N} without a token, unless the server requires Basic
 * authentication: then the page and {@code /token} are behind it (the browser asks for the
 * credentials once), and a WebSocket needs a token or Basic credentials of its own. Every
 * text message a person sends reaches everyone connected, prefixed with the sender's name, through
 * {@link WebSocketServer#broadcast}; joining and leaving are announced the same way. Names are cut
 * to {@value #MAX_NAME} characters with control characters removed, and a message is at most
 * {@value #MAX_MESSAGE} bytes (larger ones close the sender's connection with 1009). Binary
 * messages are refused with 1003: the page only sends text.
 *
 * <p>Anything else on the HTTP side: {@code /favicon.ico} gets 404; a WebSocket connection to a
 * path other than {@code /chat} is refused with 404 before the handshake; the WebSocket side is a
 * {@link Router} (or {@link AsyncRouter}) with that one route.
 */
final class ChatServer {
    /** The longest name kept, in characters. */
    static final int MAX_NAME = 32;
    /** The largest message accepted, in bytes. */
    static final int MAX_MESSAGE = 4096;

    private static final String PAGE_RESOURCE = "chat.html";

    private ChatServer() {
    }

    /** Starts the chat server on {@code host}:{@code port} with {@code base}'s other options and returns it running. */
    static WebSocketServer start(String host, int port, ServerOptions.Builder base) throws IOException {
        return start(host, port, base, false);
    }

    /**
     * Starts the chat server; {@code async} serves each connection with an
     * {@link AsyncConnectionHandler} (no thread per connection) instead of a blocking handler.
     */
    static WebSocketServer start(String host, int port, ServerOptions.Builder base, boolean async) throws IOException {
        return start(host, port, base, async, null);
    }

    /**
     * Starts the chat server; with {@code basicAuth}, the page, the token endpoint and token-less
     * WebSocket connections require those credentials.
     */
    static WebSocketServer start(String host, int port, ServerOptions.Builder base, boolean async, BasicAuth basicAuth)
            throws IOException {
        return start(new Listen(host, port, null), base, async, basicAuth);
    }

    /** Starts the chat server where {@code listen} says (a TCP port, a Unix socket, an inherited channel). */
    static WebSocketServer start(Listen listen, ServerOptions.Builder base, boolean async, BasicAuth basicAuth)
            throws IOException {
        byte[] page = page();
        ChatTokens tokens = new ChatTokens();
        RequestHook redeem = Authentication.require(request -> tokens.redeem(Authentication.queryParameter(request.path(), "token")),
                HttpResponse.text(403, "unknown or expired token; reload the page\n"));
        CompletableFuture<WebSocketServer> self = new CompletableFuture<>();
        ServerOptions options = base
                .maxSize(MAX_MESSAGE)
                .processRequest(context -> route(context, page, tokens, redeem, basicAuth))
                .build();
        // The WebSocket side is a router with one route: another endpoint is one more route() here.
        WebSocketServer server;
        if (async) {
            AsyncConnectionHandler asyncChat = ws -> chatAsync(ws, self.join());
            server = listen.serveAsync(AsyncRouter.builder().route("/chat", asyncChat).build(), options);
        } else {
            ConnectionHandler chat = ws -> chat(ws, self.join());
            server = listen.serve(Router.builder().route("/chat", chat).build(), options);
        }
        self.complete(server);
        return server;
    }

    /**
     * The HTTP side with logins: a WebSocket to /chat with a token redeems it, without one needs
     * Basic credentials when they are required; the page and /token need them too; /token answers
     * a token for the name asked (the Basic user name when there is one).
     */
    static HttpResponse route(HandshakeContext context, byte[] page, ChatTokens tokens, RequestHook redeem,
                              BasicAuth basicAuth) {
        String path = context.path();
        String bare = path.indexOf('?') >= 0 ? path.substring(0, path.indexOf('?')) : path;
        boolean chat = bare.equals("/chat") && isUpgrade(context.requestHeaders());
        if (chat && Authentication.queryParameter(path, "token") != null) {
            return redeem.process(context);
        }
        if (basicAuth != null) {
            HttpResponse refused = basicAuth.process(context);
            if (refused != null) {
                return refused;
            }
        }
        if (bare.equals("/token") && !isUpgrade(context.requestHeaders())) {
            String user = context.attribute(Authentication.USERNAME);
            String token = tokens.issue(user != null ? user : nameOf(path));
            return token == null ? HttpResponse.text(503, "too many logins at once; try again\n")
                    : new HttpResponse(200, Headers.of("Content-Type", "text/plain; charset=utf-8", "Cache-Control", "no-store"),
                            (token + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return route(path, context.requestHeaders(), page);
    }

    private static boolean isUpgrade(Headers headers) {
        return headers.getAll("Upgrade").stream()
                .anyMatch(value -> value.toLowerCase(java.util.Locale.ROOT).contains("websocket"));
    }

    /** The HTTP side: the page for a plain GET, null (go on with the handshake) for /chat. */
    static HttpResponse route(String path, Headers headers, byte[] page) {
        // Not just "has Upgrade": the JDK's HttpClient asks plain GETs to upgrade to h2c.
        boolean upgrade = headers.getAll("Upgrade").stream()
                .anyMatch(value -> value.toLowerCase(java.util.Locale.ROOT).contains("websocket"));
        String bare = path.indexOf('?') >= 0 ? path.substring(0, path.indexOf('?')) : path;
        if (upgrade) {
            return bare.equals("/chat") ? null : HttpResponse.text(404, "no WebSocket endpoint at " + bare + "\n");
        }
        if (bare.equals("/") || bare.equals("/index.html")) {
            return new HttpResponse(200, Headers.of(
                    "Content-Type", "text/html; charset=utf-8",
                    "Cache-Control", "no-store"), page);
        }
        return HttpResponse.text(404, "not found\n");
    }

    /** The name a login stored on the connection, cleaned as {@link #nameOf(String)}; else the one in the URL. */
    static String nameOf(WebSocket ws) {
        String user = Authentication.username(ws);
        return user != null ? nameOf("/?name=" + java.net.URLEncoder.encode(user, StandardCharsets.UTF_8)) : nameOf(ws.path());
    }

    private static void chat(WebSocket ws, WebSocketServer hub) throws InterruptedException {
        String name = nameOf(ws);
        WebSocketServer.broadcast(hub.connections(), "* " + name + " joined");
        try {
            for (Message message : ws) {
                switch (message) {
                    case Message.Text text -> WebSocketServer.broadcast(hub.connections(), name + ": " + text.text());
                    case Message.Binary ignored -> {
                        ws.close(1003, "this chat takes text only");
                        return;
                    }
                }
            }
        } finally {
            WebSocketServer.broadcast(hub.connections(), "* " + name + " left");
        }
    }

    /** {@link #chat} without a thread: the same messages, through {@link WebSocket#forEachAsync}. */
    private static CompletionStage<Void> chatAsync(WebSocket ws, WebSocketServer hub) {
        String name = nameOf(ws);
        WebSocketServer.broadcast(hub.connections(), "* " + name + " joined");
        return ws.forEachAsync(message -> switch (message) {
            case Message.Text text -> {
                WebSocketServer.broadcast(hub.connections(), name + ": " + text.text());
                yield null;
            }
            case Message.Binary ignored -> ws.closeAsync(1003, "this chat takes text only");
        }).whenComplete((done, failure) -> WebSocketServer.broadcast(hub.connections(), "* " + name + " left"));
    }

    /** The name in {@code ?name=}, decoded, without control characters, cut to {@value #MAX_NAME}; "anonymous" when none. */
    static String nameOf(String path) {
        int query = path.indexOf('?');
        String name = "";
        if (query >= 0) {
            for (String pair : path.substring(query + 1).split("&")) {
                if (pair.startsWith("name=")) {
                    try {
                        name = URLDecoder.decode(pair.substring(5), StandardCharsets.UTF_8);
                    } catch (IllegalArgumentException e) {
                        name = ""; // a malformed %-escape: treat as no name
                    }
                }
            }
        }
        StringBuilder clean = new StringBuilder();
        name.codePoints()
                .filter(c -> !Character.isISOControl(c) && Character.getType(c) != Character.FORMAT)
                .limit(MAX_NAME)
                .forEach(clean::appendCodePoint);
        String result = clean.toString().strip();
        return result.isEmpty() ? "anonymous" : result;
    }

    private static byte[] page() {
        try (InputStream in = ChatServer.class.getResourceAsStream(PAGE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the chat page " + PAGE_RESOURCE + " is missing from the module");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
