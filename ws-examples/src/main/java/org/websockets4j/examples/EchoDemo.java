package org.websockets4j.examples;

import org.websockets4j.client.WebSocketClient;
import org.websockets4j.protocol.Message;
import org.websockets4j.protocol.WebSocket;
import org.websockets4j.server.WebSocketServer;

/**
 * A first look at serve() and connect(): an echo server on an ephemeral loopback port, a client
 * that sends it a few messages and a ping, and both closing handshakes. Run it with the first
 * command in the README.
 */
public final class EchoDemo {
    private EchoDemo() {
    }

    /**
     * Starts the server, talks to it, stops it.
     *
     * @param args ignored
     * @throws Exception when the demo fails (it prints what it did up to there)
     */
    public static void main(String[] args) throws Exception {
        try (WebSocketServer server = WebSocketServer.serve(ws -> {
            for (Message message : ws) {  // ends when the client closes with 1000
                ws.send(message);
            }
        }, "127.0.0.1", 0)) {
            String uri = "ws://127.0.0.1:" + server.port() + "/echo";
            System.out.println("echo server listening on " + uri);
            try (WebSocket ws = WebSocketClient.connect(uri)) {
                ws.send("Hello, websockets4j");
                System.out.println("sent a text, got back: " + ws.recv());
                ws.send(new byte[] {1, 2, 3});
                System.out.println("sent 3 bytes, got back: " + ws.recv());
                long start = System.nanoTime();
                ws.ping().join();
                System.out.printf("ping answered in %.2f ms%n", (System.nanoTime() - start) / 1e6);
            }
            System.out.println("client closed cleanly; stopping the server");
            server.close();
            server.awaitClosed();
        }
    }
}
