package org.websockets4j.bench.e2e;

import java.util.List;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * Jetty 12's echo server: its core {@code Server} with one connector and its own (non-servlet)
 * WebSocket API. Jetty negotiates permessage-deflate by default (its defaults); off, the upgrade
 * response's extension list is emptied. Default thread pool.
 */
final class JettyEcho {
    private JettyEcho() {
    }

    /** Starts it on 127.0.0.1, an ephemeral port. */
    static EchoServer start(boolean deflate) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        WebSocketUpgradeHandler ws = WebSocketUpgradeHandler.from(server, container -> {
            container.setMaxTextMessageSize(65536);
            container.addMapping("/", (request, response, callback) -> {
                if (!deflate) {
                    response.setExtensions(List.of());
                }
                return new Echo();
            });
        });
        server.setHandler(ws);
        server.start();
        return new EchoServer(connector.getLocalPort(), server::stop);
    }

    /** Echoes every text message (Jetty aggregates it into a String) and binary message. */
    public static final class Echo implements Session.Listener.AutoDemanding {
        private Session session;

        @Override
        public void onWebSocketOpen(Session session) {
            this.session = session;
        }

        @Override
        public void onWebSocketText(String message) {
            session.sendText(message, Callback.NOOP);
        }

        @Override
        public void onWebSocketBinary(java.nio.ByteBuffer payload, Callback callback) {
            session.sendBinary(payload, callback);
        }
    }
}
