package org.websockets4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.websockets4j.client.WebSocketClient;
import org.websockets4j.protocol.ConnectionClosedError;
import org.websockets4j.protocol.Message;
import org.websockets4j.protocol.WebSocket;
import org.websockets4j.server.HttpResponse;
import org.websockets4j.server.ServerOptions;
import org.websockets4j.server.WebSocketServer;

/**
 * What the library logs through System.Logger, seen through java.util.logging (the JDK's default
 * backend when java.logging is in the boot layer): one logger per module, handshake failures and
 * handler exceptions at WARNING naming the client's address, deliberate refusals at DEBUG (JUL
 * FINE), every frame at TRACE (JUL FINER), only on connections opened while that level is on.
 */
class LoggingTest {
    private static final Duration GUARD = Duration.ofSeconds(20);

    /** Held strongly: JUL keeps loggers weakly, and a collected one would lose its level. */
    private final Logger server = Logger.getLogger("org.websockets4j.server");
    private final Logger protocol = Logger.getLogger("org.websockets4j.protocol");
    private final LogCapture logs = new LogCapture();

    private void capture(Logger logger, Level level) {
        logs.capture(logger, level);
    }

    @AfterEach
    void release() {
        logs.release();
    }

    private static WebSocketServer serve(ServerOptions options) throws Exception {
        return WebSocketServer.serve(ws -> {
            if (ws.path().equals("/fail")) {
                throw new IllegalStateException("deliberate failure in a test handler");
            }
            for (Message message : ws) {
                ws.send(message);
            }
        }, "127.0.0.1", 0, options);
    }

    /**
     * Sends {@code request} on a plain socket and reads the answer to its end. The server logs a
     * refusal before it writes the answer, so the record exists once this returns.
     *
     * @return {the status line, the socket's local address as the server sees it}
     */
    private static String[] rawRequest(WebSocketServer server, String request) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            return new String[] {response.lines().findFirst().orElse(""), socket.getLocalSocketAddress().toString()};
        }
    }

    private List<LogRecord> mentioning(String text) {
        return logs.mentioning(text);
    }

    @Test
    void aHandshakeFailureIsAWarningNamingTheClient() {
        assertTimeoutPreemptively(GUARD, () -> {
            capture(server, Level.ALL);
            try (WebSocketServer running = serve(ServerOptions.defaults())) {
                String[] answer = rawRequest(running, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"); // no Upgrade
                assertTrue(answer[0].startsWith("HTTP/1.1 426"), answer[0]);
                List<LogRecord> about = mentioning(answer[1]);
                assertEquals(1, about.size(), logs.records().toString());
                LogRecord record = about.get(0);
                assertEquals(Level.WARNING, record.getLevel());
                assertEquals("org.websockets4j.server", record.getLoggerName());
                assertTrue(record.getMessage().startsWith("opening handshake from " + answer[1] + " failed: HTTP 426: "),
                        record.getMessage());
                assertNull(record.getThrown(), "a client's mistake needs no stack trace");
            }
        });
    }

    @Test
    void aFloodOfRefusedHandshakesIsOneWarningThenACountAtClose() {
        // Issue 16 item 8: every refusal was a WARNING, so any client could flood the log.
        assertTimeoutPreemptively(GUARD, () -> {
            capture(server, Level.ALL);
            ServerOptions options = ServerOptions.builder().openTimeout(Duration.ofMillis(300)).build();
            WebSocketServer running = serve(options);
            try {
                try (Socket silent = new Socket(InetAddress.getLoopbackAddress(), running.port())) {
                    assertEquals(-1, silent.getInputStream().read(), "closed at the open timeout, unanswered");
                }
                // The server may close the socket a moment before it logs the refusal: wait for the
                // record, so that it is the first refusal logged, as the assertions below expect.
                for (int i = 0; i < 200 && mentioning("timed out after").isEmpty(); i++) {
                    Thread.sleep(10);
                }
                for (int i = 0; i < 20; i++) {
                    assertTrue(rawRequest(running, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")[0].startsWith("HTTP/1.1 426"));
                }
                for (int i = 0; i < 10; i++) {
                    assertTrue(rawRequest(running, "GET * HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")[0].startsWith("HTTP/1.1 400"));
                }
                List<LogRecord> refusals = mentioning("opening handshake");
                assertEquals(31, refusals.size(), logs.records().toString());
                List<LogRecord> warnings = refusals.stream().filter(r -> r.getLevel() == Level.WARNING).toList();
                assertEquals(1, warnings.size(), warnings.toString());
                assertTrue(warnings.get(0).getMessage().contains("failed: timed out after"), warnings.get(0).getMessage());
                assertTrue(refusals.stream().filter(r -> r.getLevel() == Level.FINE)
                        .allMatch(r -> r.getMessage().matches("opening handshake from /127\\.0\\.0\\.1:\\d+ failed: HTTP (426|400): .*")),
                        refusals.toString());

                // A handler's exception is no refusal: it is still a WARNING.
                try (WebSocket ws = WebSocketClient.connect("ws://127.0.0.1:" + running.port() + "/fail")) {
                    assertEquals(1011, assertThrows(ConnectionClosedError.class, ws::recv).code());
                    assertEquals(Level.WARNING, mentioning(ws.localAddress().toString()).get(0).getLevel());
                }
            } finally {
                running.close();
                running.awaitClosed();
            }
            List<LogRecord> summary = mentioning("more opening handshakes refused");
            assertEquals(1, summary.size(), logs.records().toString());
            assertEquals(Level.WARNING, summary.get(0).getLevel());
            assertTrue(summary.get(0).getMessage().matches("30 more opening handshakes refused in the last [0-9.]+ s:"
                    + " HTTP 400: 10, HTTP 426: 20; their details are at DEBUG"), summary.get(0).getMessage());
        });
    }

    @Test
    void aRefusalOnPurposeIsOnlyDebug() {
        assertTimeoutPreemptively(GUARD, () -> {
            capture(server, Level.ALL);
            ServerOptions options = ServerOptions.builder()
                    .processRequest((path, headers) -> HttpResponse.text(403, "no entry"))
                    .build();
            try (WebSocketServer running = serve(options)) {
                String[] answer = rawRequest(running, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
                assertTrue(answer[0].startsWith("HTTP/1.1 403"), answer[0]);
                List<LogRecord> about = mentioning(answer[1]);
                assertEquals(1, about.size(), logs.records().toString());
                assertEquals(Level.FINE, about.get(0).getLevel()); // System.Logger DEBUG
                assertTrue(about.get(0).getMessage().contains("HTTP 403"), about.get(0).getMessage());
            }
        });
    }

    @Test
    void aHandlerExceptionIsAWarningNamingTheClientWithItsStackTrace() {
        assertTimeoutPreemptively(GUARD, () -> {
            capture(server, Level.INFO);
            try (WebSocketServer running = serve(ServerOptions.defaults());
                 WebSocket ws = WebSocketClient.connect("ws://127.0.0.1:" + running.port() + "/fail")) {
                // The server logs before it closes the connection with 1011.
                assertEquals(1011, assertThrows(ConnectionClosedError.class, ws::recv).code());
                // Besides the INFO line of the abnormal close (1011) that follows; see AbnormalCloseLogTest.
                List<LogRecord> about = mentioning(ws.localAddress().toString()).stream()
                        .filter(r -> !r.getMessage().contains("closed abnormally")).toList();
                assertEquals(1, about.size(), logs.records().toString());
                assertEquals(Level.WARNING, about.get(0).getLevel());
                assertTrue(about.get(0).getThrown() instanceof IllegalStateException);
            }
        });
    }

    @Test
    void framesAreTracedOnlyWhenTraceIsOn() {
        assertTimeoutPreemptively(GUARD, () -> {
            capture(protocol, Level.FINER); // System.Logger TRACE
            try (WebSocketServer running = serve(ServerOptions.defaults());
                 WebSocket ws = WebSocketClient.connect("ws://127.0.0.1:" + running.port() + "/")) {
                ws.send("hello");
                assertEquals(new Message.Text("hello"), ws.recv());
                // Sent by the client, received by the server, echoed, received by the client:
                // every line is written before the frame goes out or the message is delivered.
                List<LogRecord> frames = mentioning("TEXT fin len=5 \"hello\"");
                assertEquals(4, frames.size(), logs.records().toString());
                assertTrue(frames.stream().allMatch(r -> r.getLevel() == Level.FINER
                        && r.getLoggerName().equals("org.websockets4j.protocol")));
                String client = ws.localAddress().toString();
                assertEquals(2, frames.stream().filter(r -> r.getMessage().contains("CLIENT, " + client)).count());
                assertEquals(1, frames.stream().filter(r -> r.getMessage().contains("> TEXT")
                        && r.getMessage().contains("CLIENT")).count());
                assertEquals(1, frames.stream().filter(r -> r.getMessage().contains("< TEXT")
                        && r.getMessage().contains("SERVER")).count());

            }
            // The level is read when a connection opens: with TRACE off, a new one traces nothing.
            protocol.setLevel(Level.FINE);
            try (WebSocketServer running = serve(ServerOptions.defaults());
                 WebSocket ws = WebSocketClient.connect("ws://127.0.0.1:" + running.port() + "/")) {
                ws.send("quiet");
                assertEquals(new Message.Text("quiet"), ws.recv());
            }
            assertEquals(List.of(), mentioning("quiet"));
        });
    }
}
