package org.websockets4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.websockets4j.client.ClientOptions;
import org.websockets4j.client.WebSocketClient;
import org.websockets4j.protocol.Message;
import org.websockets4j.protocol.WebSocket;
import org.websockets4j.server.ServerOptions;
import org.websockets4j.server.WebSocketServer;

/**
 * The library's JDK Flight Recorder events, recorded in process around real loopback connections:
 * each event is emitted when it should be, with the fields it documents.
 */
class JfrEventsTest {
    private static final Duration GUARD = Duration.ofSeconds(30);
    private static final List<String> EVENTS = List.of("org.websockets4j.Handshake", "org.websockets4j.ConnectionClosed",
            "org.websockets4j.LargeMessage", "org.websockets4j.KeepaliveTimeout", "org.websockets4j.ProtocolError");

    @TempDir
    Path dir;

    /** Records the library's events while {@code scenario} runs. */
    private List<RecordedEvent> record(Scenario scenario) throws Exception {
        Path file = dir.resolve("events.jfr");
        try (Recording recording = new Recording()) {
            EVENTS.forEach(name -> recording.enable(name).withoutStackTrace());
            recording.start();
            scenario.run();
            recording.stop();
            recording.dump(file);
        }
        return RecordingFile.readAllEvents(file);
    }

    interface Scenario {
        void run() throws Exception;
    }

    private static List<RecordedEvent> named(List<RecordedEvent> events, String name) {
        return events.stream().filter(e -> e.getEventType().getName().equals(name)).toList();
    }

    private static List<RecordedEvent> server(List<RecordedEvent> events, String name) {
        return named(events, name).stream().filter(e -> "SERVER".equals(e.getString("role"))).toList();
    }

    /** Waits until the server has counted {@code ended} connections as over (it sees the end last). */
    private static void awaitEnded(WebSocketServer server, long ended) throws InterruptedException {
        while (server.metrics().closeCodesReceived().values().stream().mapToLong(Long::longValue).sum() < ended) {
            Thread.sleep(10);
        }
    }

    @Test
    void handshakesAcceptedAndRefusedWithoutTheQueryString() {
        assertTimeoutPreemptively(GUARD, () -> {
            String[] client = new String[2];
            List<RecordedEvent> events = record(() -> {
                try (WebSocketServer server = WebSocketServer.serve(ws -> ws.send(ws.recvText()), "127.0.0.1", 0)) {
                    try (WebSocket ws = WebSocketClient.connect("ws://127.0.0.1:" + server.port() + "/chat?token=s3cret")) {
                        client[0] = ws.localAddress().toString();
                        ws.send("hi");
                        ws.recv();
                    }
                    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
                        client[1] = socket.getLocalSocketAddress().toString();
                        socket.getOutputStream().write("GET /nope?token=s3cret HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                        InputStream in = socket.getInputStream();
                        in.readAllBytes();
                    }
                    awaitEnded(server, 1);
                }
            });
            List<RecordedEvent> handshakes = named(events, "org.websockets4j.Handshake");
            assertEquals(2, handshakes.size(), handshakes.toString());
            RecordedEvent accepted = handshakes.stream().filter(e -> e.getBoolean("accepted")).findFirst().orElseThrow();
            assertEquals(101, accepted.getInt("status"));
            assertEquals("/chat", accepted.getString("path"));
            assertEquals(client[0], accepted.getString("remoteAddress"));
            assertTrue(accepted.getLong("handshakeTime") > 0);
            RecordedEvent refused = handshakes.stream().filter(e -> !e.getBoolean("accepted")).findFirst().orElseThrow();
            assertEquals(426, refused.getInt("status"));
            assertEquals(client[1], refused.getString("remoteAddress"));
            assertTrue(events.stream().noneMatch(e -> e.toString().contains("s3cret")), events.toString());
        });
    }

    @Test
    void aConnectionClosedSaysItsCodeWhoClosedAndHowLongItWasOpen() {
        assertTimeoutPreemptively(GUARD, () -> {
            String[] client = new String[1];
            String[] id = new String[1];
            List<RecordedEvent> events = record(() -> {
                try (WebSocketServer server = WebSocketServer.serve(ws -> {
                    id[0] = ws.id().toString();
                    ws.send(ws.recvText());
                    ws.recv(); // until the client closes
                }, "127.0.0.1", 0)) {
                    try (WebSocket ws = WebSocketClient.connect("ws://127.0.0.1:" + server.port() + "/")) {
                        client[0] = ws.localAddress().toString();
                        ws.send("hi");
                        ws.recv();
                        Thread.sleep(50);
                        ws.close(4001, "done here");
                    }
                    awaitEnded(server, 1);
                }
            });
            List<RecordedEvent> closed = server(events, "org.websockets4j.ConnectionClosed");
            assertEquals(1, closed.size(), events.toString());
            RecordedEvent event = closed.get(0);
            assertEquals(client[0], event.getString("remoteAddress"));
            assertEquals(id[0], event.getString("connectionId"));
            assertEquals(4001, event.getInt("code"));
            assertEquals("done here", event.getString("reason"));
            assertEquals(4001, event.getInt("sentCode"));
            assertEquals("REMOTE", event.getString("initiator"));
            assertTrue(event.getLong("openTime") >= Duration.ofMillis(50).toNanos(), event.toString());
            List<RecordedEvent> clientSide = named(events, "org.websockets4j.ConnectionClosed").stream()
                    .filter(e -> "CLIENT".equals(e.getString("role"))).toList();
            assertEquals(1, clientSide.size());
            assertEquals("LOCAL", clientSide.get(0).getString("initiator"));
        });
    }

    @Test
    void aLargeMessageEachWay() {
        assertTimeoutPreemptively(GUARD, () -> {
            int size = (1 << 20) + 10;
            List<RecordedEvent> events = record(() -> {
                ServerOptions options = ServerOptions.builder().maxSize(2 << 20).build();
                try (WebSocketServer server = WebSocketServer.serve(ws -> {
                    for (Message message : ws) {
                        ws.send(message);
                    }
                }, "127.0.0.1", 0, options)) {
                    ClientOptions clientOptions = ClientOptions.builder().maxSize(2 << 20).build();
                    try (WebSocket ws = WebSocketClient.connect("ws://127.0.0.1:" + server.port() + "/", clientOptions)) {
                        ws.send(new byte[100]); // small: no event
                        ws.recv();
                        ws.send(new byte[size]);
                        assertEquals(size, ((Message.Binary) ws.recv()).data().length);
                    }
                    awaitEnded(server, 1);
                }
            });
            List<RecordedEvent> large = named(events, "org.websockets4j.LargeMessage");
            assertEquals(4, large.size(), large.toString()); // client sent, server received, server sent, client received
            assertTrue(large.stream().allMatch(e -> e.getLong("size") == size), large.toString());
            assertEquals(2, large.stream().filter(e -> e.getString("direction").equals("received")).count());
        });
    }

    @Test
    void aKeepaliveTimeout() {
        assertTimeoutPreemptively(GUARD, () -> {
            String[] client = new String[1];
            List<RecordedEvent> events = record(() -> {
                ServerOptions options = ServerOptions.builder().pingInterval(Duration.ofMillis(100))
                        .pingTimeout(Duration.ofMillis(100)).closeTimeout(Duration.ofMillis(300)).build();
                try (WebSocketServer server = WebSocketServer.serve(ws -> ws.recv(), "127.0.0.1", 0, options);
                     RawWsClient raw = RawWsClient.open(server.port(), "/")) {
                    client[0] = raw.localAddress();
                    raw.drainToEof(); // never answers the pings
                    raw.close();
                    awaitEnded(server, 1);
                }
            });
            List<RecordedEvent> timeouts = server(events, "org.websockets4j.KeepaliveTimeout");
            assertEquals(1, timeouts.size(), events.toString());
            assertEquals(client[0], timeouts.get(0).getString("remoteAddress"));
            RecordedEvent closed = server(events, "org.websockets4j.ConnectionClosed").get(0);
            assertEquals(1011, closed.getInt("sentCode"));
            assertEquals("LOCAL", closed.getString("initiator"));
            assertEquals(0, named(events, "org.websockets4j.ProtocolError").size());
        });
    }

    @Test
    void aProtocolError() {
        assertTimeoutPreemptively(GUARD, () -> {
            String[] client = new String[1];
            List<RecordedEvent> events = record(() -> {
                try (WebSocketServer server = WebSocketServer.serve(ws -> ws.recv(), "127.0.0.1", 0);
                     RawWsClient raw = RawWsClient.open(server.port(), "/")) {
                    client[0] = raw.localAddress();
                    raw.write((byte) 0x81, (byte) 0x02, (byte) 'h', (byte) 'i'); // unmasked: clients must mask
                    raw.drainToEof();
                    raw.close();
                    awaitEnded(server, 1);
                }
            });
            List<RecordedEvent> errors = server(events, "org.websockets4j.ProtocolError");
            assertEquals(1, errors.size(), events.toString());
            assertEquals(1002, errors.get(0).getInt("code"));
            assertEquals(client[0], errors.get(0).getString("remoteAddress"));
            assertTrue(errors.get(0).getString("message").contains("mask"), errors.get(0).getString("message"));
            assertEquals(0, named(events, "org.websockets4j.KeepaliveTimeout").size());
        });
    }

    @Test
    void nothingIsRecordedWhenTheEventsAreDisabled() {
        assertTimeoutPreemptively(GUARD, () -> {
            Path file = dir.resolve("none.jfr");
            try (Recording recording = new Recording()) {
                // Enabled by default (they are rare): a recording that wants none disables them.
                EVENTS.forEach(recording::disable);
                recording.start();
                try (WebSocketServer server = WebSocketServer.serve(ws -> ws.send(ws.recvText()), "127.0.0.1", 0);
                     WebSocket ws = WebSocketClient.connect("ws://127.0.0.1:" + server.port() + "/")) {
                    ws.send("hi");
                    ws.recv();
                }
                recording.stop();
                recording.dump(file);
            }
            assertTrue(RecordingFile.readAllEvents(file).stream()
                    .noneMatch(e -> e.getEventType().getName().startsWith("org.websockets4j.")));
            assertTrue(Files.size(file) > 0);
        });
    }
}
