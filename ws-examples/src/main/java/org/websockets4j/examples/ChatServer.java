package org.websockets4j.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.websockets4j.http.Headers;
import org.websockets4j.protocol.Message;
import org.websockets4j.protocol.WebSocket;
import org.websockets4j.server.AsyncConnectionHandler;
import org.websockets4j.server.HttpResponse;
import org.websockets4j.server.ServerOptions;
import org.websockets4j.server.WebSocketServer;

/**
 * The {@code chat-server} test program: a browser page and the WebSocket it talks to, on one port.
 *
 * <p>{@code GET /} (any request without {@code Upgrade: websocket}) answers the page, through
 * {@link ServerOptions#processRequest()}; the page opens {@code ws://host:port/chat?name=N}. Every
 * text message a person sends reaches everyone connected, prefixed with the sender's name, through
 * {@link WebSocketServer#broadcast}; joining and leaving are announced the same way. Names are cut
 * to {@value #MAX_NAME} characters with control characters removed, and a message is at most
 * {@value #MAX_MESSAGE} bytes (larger ones close the sender's connection with 1009). Binary
 * messages are refused with 1003: the page only sends text.
 *
 * <p>Anything else on the HTTP side: {@code /favicon.ico} gets 404; a WebSocket connection to a
 * path other than {@code /chat} is refused with 404 before the handshake.
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
        return start(new Listen(host, port, null), base, async);
    }

    /** Starts the chat server where {@code listen} says (a TCP port or a Unix socket). */
    static WebSocketServer start(Listen listen, ServerOptions.Builder base, boolean async) throws IOException {
        byte[] page = page();
        CompletableFuture<WebSocketServer> self = new CompletableFuture<>();
        ServerOptions options = base
                .maxSize(MAX_MESSAGE)
                .processRequest((path, headers) -> route(path, headers, page))
                .build();
        AsyncConnectionHandler asyncChat = ws -> chatAsync(ws, self.join());
        WebSocketServer server;
        if (async) {
            server = listen.serveAsync(asyncChat, options);
        } else {
            server = listen.serve(ws -> chat(ws, self.join()), options);
        }
        self.complete(server);
        return server;
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

    private static void chat(WebSocket ws, WebSocketServer hub) throws InterruptedException {
        String name = nameOf(ws.path());
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
        String name = nameOf(ws.path());
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
