package org.websockets4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.websockets4j.auth.BasicAuth;
import org.websockets4j.client.ClientOptions;
import org.websockets4j.client.WebSocketClient;
import org.websockets4j.protocol.Message;
import org.websockets4j.protocol.WebSocket;
import org.websockets4j.server.ServerOptions;
import org.websockets4j.server.WebSocketServer;

/**
 * An abnormal close is one INFO line in the server's logger with the connection's id, the peer's
 * address and the codes; a normal one (1000) is none; and no line at any level ever holds the
 * password of a Basic-authenticated connection or the token of its query string.
 */
class AbnormalCloseLogTest {
    private static final Duration GUARD = Duration.ofSeconds(20);
    private static final String PASSWORD = "pa55-WORD-xyzzy";
    private static final String TOKEN = "tok-SECRET-4242";

    private final LogCapture logs = new LogCapture();

    @BeforeEach
    void capture() {
        for (String name : List.of("org.websockets4j.server", "org.websockets4j.protocol", "org.websockets4j.client")) {
            // every level, frames (TRACE) included: none may leak a secret
            logs.capture(Logger.getLogger(name), Level.ALL);
        }
    }

    @AfterEach
    void release() {
        logs.release();
    }

    private List<LogRecord> abnormal() {
        return logs.mentioning("closed abnormally");
    }

    private static String everything(LogRecord record) {
        StringBuilder text = new StringBuilder(String.valueOf(record.getMessage()));
        if (record.getParameters() != null) {
            for (Object parameter : record.getParameters()) {
                text.append(' ').append(parameter);
            }
        }
        for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
            text.append(' ').append(t);
        }
        return text.toString();
    }

    @Test
    void oneLinePerAbnormalCloseAndNoSecretAnywhere() {
        assertTimeoutPreemptively(GUARD, () -> {
            List<String> ids = new CopyOnWriteArrayList<>();
            ServerOptions options = ServerOptions.builder()
                    .processRequest(BasicAuth.of("test", Map.of("alice", PASSWORD)))
                    .build();
            try (WebSocketServer server = WebSocketServer.serve(ws -> {
                ids.add(ws.id().toString());
                for (Message message : ws) {
                    ws.send(message);
                }
            }, "127.0.0.1", 0, options)) {
                String credentials = Base64.getEncoder().encodeToString(("alice:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
                ClientOptions authenticated = ClientOptions.builder().addHeader("Authorization", "Basic " + credentials)
                        .addHeader("Cookie", "session=" + TOKEN).build();
                String uri = "ws://127.0.0.1:" + server.port() + "/room?token=" + TOKEN;

                try (WebSocket ws = WebSocketClient.connect(uri, authenticated)) { // 1000: not logged
                    ws.send("hello");
                    ws.recv();
                }
                String client;
                try (WebSocket ws = WebSocketClient.connect(uri, authenticated)) {
                    client = ws.localAddress().toString();
                    ws.send("hello");
                    ws.recv();
                    ws.close(4002, "going elsewhere");
                }
                // A wrong password: refused, logged at DEBUG at most, and without the attempt.
                String wrong = Base64.getEncoder().encodeToString(("alice:" + PASSWORD + "-wrong").getBytes(StandardCharsets.UTF_8));
                ClientOptions refused = ClientOptions.builder().addHeader("Authorization", "Basic " + wrong).build();
                assertTrue(assertThrows(Exception.class, () -> WebSocketClient.connect(uri, refused).close())
                        .getMessage().contains("HTTP 401"));
                while (server.metrics().closeCodesReceived().values().stream().mapToLong(Long::longValue).sum() < 2) {
                    Thread.sleep(10);
                }

                List<LogRecord> lines = abnormal();
                assertEquals(1, lines.size(), lines.stream().map(LogRecord::getMessage).toList().toString());
                LogRecord line = lines.get(0);
                assertEquals(Level.INFO, line.getLevel());
                assertEquals("org.websockets4j.server", line.getLoggerName());
                assertTrue(line.getMessage().startsWith("connection " + ids.get(1) + " from " + client + " closed abnormally:"),
                        line.getMessage());
                assertTrue(line.getMessage().contains("received 4002 (private use) \"going elsewhere\""), line.getMessage());
                assertTrue(line.getMessage().contains("closing started by the client"), line.getMessage());
                assertFalse(logs.records().isEmpty());
                for (LogRecord record : logs.records()) {
                    String text = everything(record);
                    assertFalse(text.contains(PASSWORD), text);
                    assertFalse(text.contains(credentials), text);
                    assertFalse(text.contains(wrong), text);
                    assertFalse(text.contains(TOKEN), text);
                }
            }
        });
    }
}
