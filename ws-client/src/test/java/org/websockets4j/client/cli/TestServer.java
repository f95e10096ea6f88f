package org.websockets4j.client.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import org.websockets4j.protocol.Message;
import org.websockets4j.protocol.WebSocket;
import org.websockets4j.server.HttpResponse;
import org.websockets4j.server.ServerOptions;
import org.websockets4j.server.WebSocketServer;

/**
 * Our echo server on a loopback ephemeral port, with a few commands for the tests: a text message
 * {@code binary:N} is answered with N bytes 0, 1, 2, ...; {@code close} makes the server close
 * with 4000 "bye"; {@code whoami} is answered with the {@code X-Test} header and subprotocol.
 * Path {@code /forbidden} is refused with 403. Records the close code of the connection on each
 * path, so that each test uses its own path.
 */
final class TestServer implements AutoCloseable {
    final WebSocketServer server;
    /** The close code of the connection on each path, once it is closed. */
    private final ConcurrentMap<String, CompletableFuture<Integer>> closeCodes = new ConcurrentHashMap<>();

    TestServer() throws IOException {
        ServerOptions options = ServerOptions.builder()
                .subprotocols("chat", "superchat")
                .processRequest((path, headers) -> path.equals("/forbidden") ? HttpResponse.text(403, "no entry") : null)
                .build();
        server = WebSocketServer.serve(this::handle, "127.0.0.1", 0, options);
    }

    private void handle(WebSocket ws) throws Exception {
        try {
            for (Message message : ws) {
                if (message instanceof Message.Text(String text) && text.startsWith("binary:")) {
                    byte[] data = new byte[Integer.parseInt(text.substring(7))];
                    for (int i = 0; i < data.length; i++) {
                        data[i] = (byte) i;
                    }
                    ws.send(data);
                } else if (message instanceof Message.Text(String text) && text.equals("close")) {
                    ws.close(4000, "bye");
                } else if (message instanceof Message.Text(String text) && text.equals("whoami")) {
                    ws.send("X-Test=" + ws.requestHeaders().get("X-Test") + " subprotocol=" + ws.subprotocol());
                } else {
                    ws.send(message);
                }
            }
        } finally {
            ws.awaitClosed();
            closed(ws.path()).complete(ws.closeCode());
        }
    }

    String uri(String path) {
        return "ws://127.0.0.1:" + server.port() + path;
    }

    private CompletableFuture<Integer> closed(String path) {
        return closeCodes.computeIfAbsent(path, p -> new CompletableFuture<>());
    }

    /** The close code the server saw on the connection to {@code path}, waiting a bounded time. */
    int closeCode(String path) throws Exception {
        return closed(path).get(20, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        server.close();
        server.awaitClosed();
    }

    /** A port nothing listens on: bound once, then released. */
    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** A plain HTTP server that answers every request with {@code 200 OK}: not a WebSocket server. */
    static final class HttpOnly implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());

        HttpOnly() throws IOException {
            Thread.ofVirtual().start(() -> {
                while (!socket.isClosed()) {
                    try (Socket client = socket.accept()) {
                        InputStream in = client.getInputStream();
                        int matched = 0;
                        byte[] end = {'\r', '\n', '\r', '\n'};
                        for (int b; matched < 4 && (b = in.read()) >= 0; ) {
                            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
                        }
                        OutputStream out = client.getOutputStream();
                        out.write("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Type: text/plain\r\n\r\nhello"
                                .getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    } catch (IOException e) {
                        // closed, or the client left
                    }
                }
            });
        }

        String uri() {
            return "ws://127.0.0.1:" + socket.getLocalPort() + "/";
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
