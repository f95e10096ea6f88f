package org.websockets4j.bench.e2e;

import java.io.IOException;
import java.util.List;
import org.websockets4j.extensions.Compression;
import org.websockets4j.extensions.permessagedeflate.CompressionSettings;
import org.websockets4j.extensions.permessagedeflate.ServerPerMessageDeflateFactory;
import org.websockets4j.protocol.Message;
import org.websockets4j.server.ServerOptions;
import org.websockets4j.server.WebSocketServer;

/**
 * Our echo server: {@code WebSocketServer.serve} at its defaults, deflate on (default) or off.
 * The "dedicated" variant keeps one deflater per connection
 * ({@link CompressionSettings#dedicatedDeflater()}) instead of the default pool, to measure what
 * the pool's per-message dictionary reload costs.
 */
final class OursEcho {
    private OursEcho() {
    }

    /** Starts it on 127.0.0.1, an ephemeral port. */
    static EchoServer start(boolean deflate, boolean dedicatedDeflater) throws IOException {
        ServerOptions.Builder options = ServerOptions.builder()
                .compression(deflate ? Compression.DEFLATE : Compression.NONE);
        if (deflate && dedicatedDeflater) {
            options.extensions(List.of(ServerPerMessageDeflateFactory.builder()
                    .compressionSettings(CompressionSettings.defaults().toBuilder().dedicatedDeflater(true).build())
                    .build()));
        }
        WebSocketServer server = WebSocketServer.serve(ws -> {
            for (Message message : ws) {
                ws.send(message);
            }
        }, "127.0.0.1", 0, options.build());
        return new EchoServer(server.port(), server::close);
    }
}
