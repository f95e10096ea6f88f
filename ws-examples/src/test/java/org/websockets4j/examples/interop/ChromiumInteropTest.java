package org.websockets4j.examples.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.websockets4j.http.Headers;
import org.websockets4j.protocol.Message;
import org.websockets4j.server.HttpResponse;
import org.websockets4j.server.ServerOptions;
import org.websockets4j.server.WebSocketServer;

/**
 * Interop with a real browser: headless Chromium (Debian package chromium) loads a page from our
 * server (through processRequest, since Chromium only lets a page served from loopback open a
 * WebSocket to loopback) and runs the exchange with the browser's WebSocket.
 */
class ChromiumInteropTest {
    private static final Duration GUARD = Duration.ofSeconds(120);

    @Test
    void ourServerWithABrowserClient(@TempDir Path profile) throws Exception {
        String chromium = Peers.require(Peers.chromium(), "Chromium (Debian package chromium)");
        byte[] page = Files.readAllBytes(Peers.SCRIPTS.resolve("chromium/interop.html"));
        byte[] scenario = Files.readAllBytes(Peers.SCRIPTS.resolve("node/scenario.js"));
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        ServerOptions options = ServerOptions.builder()
                .maxSize(Scenario.MAX_SIZE)
                .processRequest((path, headers) -> path.startsWith("/echo") ? null
                        : path.startsWith("/?") ? new HttpResponse(200, Headers.of("Content-Type", "text/html; charset=utf-8"), page)
                        : path.equals("/scenario.js") ? new HttpResponse(200, Headers.of("Content-Type", "text/javascript"), scenario)
                        : HttpResponse.of(404))
                .build();
        assertTimeoutPreemptively(GUARD, () -> {
            try (WebSocketServer server = WebSocketServer.serve(ws -> {
                ws.ping("from the server").get(10, TimeUnit.SECONDS);
                events.add("pong");
                int index = 0;
                for (Message message : ws) {
                    if (message instanceof Message.Text text && text.text().startsWith("RESULT ")) {
                        events.add(text.text());
                    } else if (index++ % 2 == 0) {
                        ws.send(message);
                    } else {
                        ws.send(thirds(message)); // the browser cannot fragment: we do, on the way back
                    }
                }
                ws.awaitClosed();
                events.add("closed " + ws.closeCode() + " " + ws.closeReason());
            }, "127.0.0.1", 0, options)) {
                List<String> command = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--disable-quic", "--no-first-run", "--user-data-dir=" + profile.resolve("profile"),
                        "http://127.0.0.1:" + server.port() + "/?sizes=" + Scenario.SIZES_ARGUMENT));
                Path tmp = Files.createDirectories(profile.resolve("tmp")); // Chromium puts its singleton socket there
                try (PeerProcess browser = PeerProcess.start("chromium", command, Map.of("TMPDIR", tmp.toString()))) {
                    assertEquals("pong", poll(events, browser));
                    String result = poll(events, browser);
                    assertTrue(result.startsWith("RESULT OK " + Scenario.MESSAGES), result);
                    assertTrue(result.contains("extensions=permessage-deflate"), "the browser's compression offer is taken: " + result);
                    assertEquals("closed 1000 done", poll(events, browser));
                }
            }
        });
    }

    private static String poll(BlockingQueue<String> events, PeerProcess browser) throws InterruptedException {
        String event = events.poll(60, TimeUnit.SECONDS);
        if (event == null) {
            throw new AssertionError("the page did not finish; Chromium printed:\n" + browser.transcript());
        }
        return event;
    }

    private static List<?> thirds(Message message) {
        if (message instanceof Message.Text text) {
            String s = text.text();
            int third = s.length() / 3;
            return List.of(s.substring(0, third), s.substring(third, 2 * third), s.substring(2 * third));
        }
        byte[] data = ((Message.Binary) message).data();
        int third = data.length / 3;
        return List.of(java.util.Arrays.copyOfRange(data, 0, third), java.util.Arrays.copyOfRange(data, third, 2 * third),
                java.util.Arrays.copyOfRange(data, 2 * third, data.length));
    }
}
