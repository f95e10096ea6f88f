package org.websockets4j.examples.interop;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.websockets4j.client.ClientOptions;
import org.websockets4j.client.WebSocketClient;
import org.websockets4j.protocol.WebSocket;

/**
 * Just enough of the Chrome DevTools Protocol to drive pages, spoken by our own client to
 * Chromium's DevTools WebSocket server (so Chromium is also a server peer of our client).
 * Responses are matched by id; events in between are skipped. Values are read with regular
 * expressions: the tests only need strings.
 */
final class DevTools implements AutoCloseable {
    private static final Pattern ID = Pattern.compile("^\\{\"id\":(\\d+),");

    private final WebSocket ws;
    private int nextId = 1;

    private DevTools(WebSocket ws) {
        this.ws = ws;
    }

    /** Connects to the browser endpoint Chromium prints as {@code DevTools listening on ws://...}. */
    static DevTools connect(String browserUri) throws Exception {
        return new DevTools(WebSocketClient.connect(browserUri, ClientOptions.builder().maxSize(64L << 20).build()));
    }

    /** Opens a page at {@code url} and returns the session id that addresses it. */
    String openPage(String url) throws Exception {
        String target = field(call(null, "Target.createTarget", "{\"url\":\"" + url + "\"}"), "targetId");
        return field(call(null, "Target.attachToTarget", "{\"targetId\":\"" + target + "\",\"flatten\":true}"), "sessionId");
    }

    /** Evaluates {@code expression} in the page and returns its value as a string. */
    String evaluate(String session, String expression) throws Exception {
        String quoted = "\"" + expression.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        String response = call(session, "Runtime.evaluate", "{\"expression\":" + quoted + ",\"returnByValue\":true}");
        Matcher value = Pattern.compile("\"value\":\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(response);
        if (!value.find()) {
            throw new AssertionError("no string value from " + expression + ": " + response);
        }
        return value.group(1).replace("\\n", "\n").replace("\\\"", "\"").replace("\\\\", "\\");
    }

    /** Evaluates {@code expression} until it returns {@code "true"}, at most {@code timeout}. */
    void awaitTrue(String session, String expression, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!evaluate(session, "String(" + expression + ")").equals("true")) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("still false after " + timeout + ": " + expression
                        + "\npage text: " + evaluate(session, "document.body.innerText"));
            }
            Thread.sleep(50);
        }
    }

    private String call(String session, String method, String params) throws Exception {
        int id = nextId++;
        ws.send("{\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params
                + (session == null ? "" : ",\"sessionId\":\"" + session + "\"") + "}");
        while (true) {
            String message = ws.recvText();
            Matcher m = ID.matcher(message);
            if (m.find() && Integer.parseInt(m.group(1)) == id) {
                if (message.contains("\"error\":")) {
                    throw new AssertionError(method + " failed: " + message);
                }
                return message;
            }
        }
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new AssertionError("no " + name + " in " + json);
        }
        return m.group(1);
    }

    @Override
    public void close() {
        ws.close();
    }
}
