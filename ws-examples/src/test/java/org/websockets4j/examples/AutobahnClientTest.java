package org.websockets4j.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.websockets4j.protocol.Message;
import org.websockets4j.protocol.WebSocket;
import org.websockets4j.server.WebSocketServer;

/**
 * The autobahn-client test program against a stand-in for the Autobahn|Testsuite fuzzing server
 * that speaks the same URL protocol (the real suite is a Python 2 program that cannot be installed
 * here).
 */
class AutobahnClientTest {
    private static final Duration GUARD = Duration.ofSeconds(30);

    /** What the stand-in saw. */
    private final List<String> visits = new CopyOnWriteArrayList<>();

    private WebSocketServer fuzzingServer(String caseCount) throws Exception {
        return WebSocketServer.serve(ws -> {
            String path = ws.path();
            visits.add(path);
            if (path.equals("/getCaseCount")) {
                ws.send(caseCount);
            } else if (path.startsWith("/runCase?case=")) {
                runCase(ws, Integer.parseInt(path.substring("/runCase?case=".length(), path.indexOf('&'))));
            }
            // /updateReports: nothing to say; returning closes with 1000
        }, "127.0.0.1", 0);
    }

    /** A case: a few messages that must come back unchanged; case 2 ends with a protocol error, as fuzzing cases do. */
    private void runCase(WebSocket ws, int index) throws InterruptedException {
        ws.send("case " + index + " é");
        if (!ws.recv().equals(new Message.Text("case " + index + " é"))) {
            ws.close(4000, "text not echoed");
            return;
        }
        byte[] data = new byte[70_000];
        data[69_999] = (byte) index;
        ws.send(List.of(new byte[] {1, 2}, data)); // fragmented
        Message echo = ws.recv();
        byte[] expected = new byte[70_002];
        expected[0] = 1;
        expected[1] = 2;
        expected[70_001] = (byte) index;
        if (!(echo instanceof Message.Binary binary) || !java.util.Arrays.equals(expected, binary.data())) {
            ws.close(4000, "binary not echoed");
            return;
        }
        visits.add("case " + index + " echoed");
        if (index == 2) {
            ws.close(1002, "fuzzing");
        }
    }

    private static String[] run(String uri, String agent, int expectedCode) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"autobahn-client", "--uri", uri, "--agent", agent},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String[] result = {out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
        assertEquals(expectedCode, code, String.join("\n", result));
        return result;
    }

    @Test
    void runsEveryCaseEchoingThenUpdatesTheReports() throws Exception {
        assertTimeoutPreemptively(GUARD, () -> {
            try (WebSocketServer server = fuzzingServer("3")) {
                String[] output = run("ws://127.0.0.1:" + server.port() + "/", "websockets4j 0.1", 0);
                assertTrue(output[0].contains("ran all 3 cases"), output[0]);
                assertArrayEquals(new String[] {
                        "/getCaseCount",
                        "/runCase?case=1&agent=websockets4j+0.1", "case 1 echoed",
                        "/runCase?case=2&agent=websockets4j+0.1", "case 2 echoed",
                        "/runCase?case=3&agent=websockets4j+0.1", "case 3 echoed",
                        "/updateReports?agent=websockets4j+0.1"}, visits.toArray());
            }
        });
    }

    @Test
    void anUnreachableServerOrABadCaseCountExitsOne() throws Exception {
        assertTimeoutPreemptively(GUARD, () -> {
            int closedPort;
            try (ServerSocket socket = new ServerSocket(0)) {
                closedPort = socket.getLocalPort();
            }
            assertTrue(run("ws://127.0.0.1:" + closedPort, "a", 1)[0].contains("cannot read the case count"));
            try (WebSocketServer server = fuzzingServer("many")) {
                assertTrue(run("ws://127.0.0.1:" + server.port(), "a", 1)[0].contains("cannot read the case count"));
            }
        });
    }

    @Test
    void optionsAreRequiredAndChecked() throws Exception {
        assertEquals(new Main.Autobahn("ws://h:9001", "me"), Main.parse("autobahn-client", "--agent=me", "--uri", "ws://h:9001"));
        for (String[] bad : List.of(
                new String[] {"autobahn-client", "--uri", "ws://h:1"},
                new String[] {"autobahn-client", "--agent", "x"},
                new String[] {"autobahn-client", "--uri", "http://h:1", "--agent", "x"},
                new String[] {"autobahn-client", "--uri", "ws://h:1", "--agent", ""},
                new String[] {"autobahn-client", "--uri", "ws://h:1", "--agent", "x", "--cases", "3"})) {
            org.junit.jupiter.api.Assertions.assertThrows(Main.UsageError.class, () -> Main.parse(bad), String.join(" ", bad));
        }
    }
}
