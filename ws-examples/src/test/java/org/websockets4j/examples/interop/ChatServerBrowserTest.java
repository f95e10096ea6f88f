package org.websockets4j.examples.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chat-server test program, run as a real process, with real browsers: two headless Chromium
 * pages load the chat page from it, log in for a token, join under two names and talk; and a page
 * behind Basic authentication logs in with the credentials of its URL. The pages are driven through the DevTools
 * protocol by our own client, so Chromium's DevTools server is a server peer of our client too.
 */
class ChatServerBrowserTest {
    private static final Duration GUARD = Duration.ofSeconds(120);
    private static final Duration STEP = Duration.ofSeconds(20);

    @Test
    void twoPeopleChatInTwoBrowserPages(@TempDir Path profile) throws Exception {
        withChatAndBrowser(profile, List.of(), (devTools, page) -> {
            String alice = join(devTools, devTools.openPage(page), "alice");
            String bob = join(devTools, devTools.openPage(page), "bob");
            devTools.awaitTrue(alice, "log.innerText.includes('* bob joined')", STEP);

            devTools.evaluate(alice, "text.value = 'hello <b>bob</b>'; "
                    + "document.getElementById('say').requestSubmit(); 'sent'");
            devTools.awaitTrue(bob, "log.innerText.includes('alice: hello <b>bob</b>')", STEP);
            assertEquals("0", devTools.evaluate(bob, "String(log.querySelectorAll('b').length)"),
                    "a message is shown as text, never as markup");
            devTools.awaitTrue(alice, "log.innerText.includes('alice: hello <b>bob</b>')", STEP);
            assertEquals("true", devTools.evaluate(alice,
                    "String(performance.getEntriesByType('resource').some(e => e.name.includes('/token?name=alice')))"),
                    "the page logged in through /token before opening the WebSocket");
        });
    }

    /**
     * With {@code --basic-auth}: the browser loads the page with the credentials of its URL (a
     * browser never sends those on a WebSocket), logs in through {@code /token} with them, and the
     * chat knows the person by the authenticated name, whatever name was typed.
     */
    @Test
    void behindBasicAuthTheTokenCarriesTheAuthenticatedName(@TempDir Path profile) throws Exception {
        withChatAndBrowser(profile, List.of("--basic-auth", "carol:s3cret"), (devTools, page) -> {
            String withCredentials = page.replace("http://", "http://carol:s3cret@");
            String carol = join(devTools, devTools.openPage(withCredentials), "typed-name");
            devTools.awaitTrue(carol, "log.innerText.includes('* carol joined')", STEP);
        });
    }

    /** What a test does with the browser's DevTools and the chat page's URL. */
    private interface BrowserSteps {
        void run(DevTools devTools, String page) throws Exception;
    }

    /** Starts the chat-server program with {@code options} and a headless Chromium, and runs {@code steps}. */
    private static void withChatAndBrowser(Path profile, List<String> options, BrowserSteps steps) throws Exception {
        String chromium = Peers.require(Peers.chromium(), "Chromium (Debian package chromium)");
        assertTimeoutPreemptively(GUARD, () -> {
            List<String> server = new java.util.ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                    "-p", System.getProperty("jdk.module.path"),
                    "-m", "org.websockets4j.examples/org.websockets4j.examples.Main", "chat-server", "--port", "0"));
            server.addAll(options);
            try (PeerProcess chat = PeerProcess.start("chat-server", server, Map.of())) {
                String listening = chat.awaitLine(l -> l.startsWith("listening on ws://"), STEP);
                String page = "http" + listening.substring("listening on ws".length());
                Path tmp = Files.createDirectories(profile.resolve("tmp"));
                List<String> command = List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--disable-quic", "--no-first-run", "--user-data-dir=" + profile.resolve("profile"),
                        "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "about:blank");
                try (PeerProcess browser = PeerProcess.start("chromium", command, Map.of("TMPDIR", tmp.toString()))) {
                    String line = browser.awaitLine(l -> l.startsWith("DevTools listening on ws://"), STEP);
                    try (DevTools devTools = DevTools.connect(line.substring("DevTools listening on ".length()))) {
                        steps.run(devTools, page);
                    }
                }
            }
        });
    }

    /** Types {@code name} into the page's join form, submits it and waits until it is connected. */
    private static String join(DevTools devTools, String session, String name) throws Exception {
        devTools.awaitTrue(session, "location.href.startsWith('http') && document.readyState === 'complete' && document.getElementById('join') !== null", STEP);
        devTools.evaluate(session, "document.getElementById('name').value = '" + name + "'; "
                + "document.getElementById('join').requestSubmit(); 'joined'");
        devTools.awaitTrue(session, "status.textContent === 'Connected as " + name + ".'", STEP);
        return session;
    }
}
