package org.websockets4j.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.websockets4j.client.ClientOptions;
import org.websockets4j.client.WebSocketClient;
import org.websockets4j.framing.WebSocketException;
import org.websockets4j.protocol.ConnectionClosed;
import org.websockets4j.protocol.Message;
import org.websockets4j.protocol.WebSocket;

/**
 * The {@code autobahn-client} test program: a client for the Autobahn|Testsuite fuzzing server.
 *
 * <p>It reads the number of cases from {@code /getCaseCount} (one text message), runs case
 * {@code i} for each {@code i} from 1 by connecting to {@code /runCase?case=i&agent=NAME} and
 * echoing every message until the server closes, then connects to
 * {@code /updateReports?agent=NAME} so the server writes its report. The verdicts are in that
 * report; this program only has to take part in every case, so a case the fuzzer ends with a
 * protocol error is not a failure here — a case it could not connect to is.
 *
 * <p>Messages are echoed as they arrived (text as text, binary as binary); the size limit is
 * raised to {@value #MAX_SIZE} bytes because the suite's largest cases send 16 MiB messages.
 */
final class AutobahnClient {
    /** The largest message echoed, in bytes. */
    static final long MAX_SIZE = 64L << 20;

    private final String base;
    private final String agent;
    private final ClientOptions options;
    private final PrintStream out;

    /**
     * @param base  the fuzzing server, for example {@code ws://127.0.0.1:9001}; a trailing slash is ignored
     * @param agent the name the report shows
     * @param out   where progress goes, one line per case
     */
    AutobahnClient(String base, String agent, PrintStream out) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.agent = URLEncoder.encode(agent, StandardCharsets.UTF_8);
        this.options = ClientOptions.builder().maxSize(MAX_SIZE).build();
        this.out = out;
    }

    /**
     * Runs every case and asks for the report.
     *
     * @return 0 when every case ran, 1 when a case could not be run or the server could not be reached
     */
    int run() throws InterruptedException {
        int count;
        try {
            count = caseCount();
        } catch (IOException | WebSocketException | NumberFormatException e) {
            out.println("cannot read the case count from " + base + "/getCaseCount: " + e);
            return 1;
        }
        out.println("running " + count + " cases as agent " + agent);
        int failed = 0;
        for (int i = 1; i <= count; i++) {
            try {
                int messages = runCase(i);
                out.println("case " + i + "/" + count + ": " + messages + " messages echoed");
            } catch (IOException | WebSocketException e) {
                failed++;
                out.println("case " + i + "/" + count + ": could not run: " + e);
            }
        }
        try (WebSocket ws = WebSocketClient.connect(base + "/updateReports?agent=" + agent, options)) {
            ws.awaitClosed();
        } catch (IOException | WebSocketException e) {
            out.println("cannot update the reports: " + e);
            return 1;
        }
        out.println(failed == 0 ? "ran all " + count + " cases" : failed + " of " + count + " cases could not run");
        return failed == 0 ? 0 : 1;
    }

    private int caseCount() throws IOException, InterruptedException {
        try (WebSocket ws = WebSocketClient.connect(base + "/getCaseCount", options)) {
            int count = Integer.parseInt(ws.recvText().strip());
            if (count < 0) {
                throw new NumberFormatException("negative case count " + count);
            }
            return count;
        }
    }

    /** Echoes until the server closes; a closure with an error is the case's business, not ours. */
    private int runCase(int index) throws IOException, InterruptedException {
        int echoed = 0;
        try (WebSocket ws = WebSocketClient.connect(base + "/runCase?case=" + index + "&agent=" + agent, options)) {
            while (true) {
                Message message = ws.recv();
                ws.send(message);
                echoed++;
            }
        } catch (ConnectionClosed closed) {
            return echoed;
        }
    }
}
