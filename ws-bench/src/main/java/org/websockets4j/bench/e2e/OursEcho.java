package org.websockets4j.bench.e2e;

import java.io.IOException;
import org.websockets4j.extensions.Compression;
import org.websockets4j.protocol.Message;
import org.websockets4j.server.ServerOptions;
import org.websockets4j.server.WebSocketServer;

/** Our echo server: {@code WebSocketServer.serve} at its defaults, deflate on (default) or off. */
final class OursEcho {
    private OursEcho() {
    }

    /** Starts it on 127.0.0.1, an ephemeral port. */
    static EchoServer start(boolean deflate) throws IOException {
        ServerOptions options = ServerOptions.builder()
                .compression(deflate ? Compression.DEFLATE : Compression.NONE)
                .build();
        WebSocketServer server = WebSocketServer.serve(ws -> {
            for (Message message : ws) {
                ws.send(message);
            }
        }, "127.0.0.1", 0, options);
        return new EchoServer(server.port(), server::close);
    }
}
