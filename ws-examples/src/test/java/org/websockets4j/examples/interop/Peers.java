package org.websockets4j.examples.interop;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Where the interoperability peers are, and what happens when one is missing.
 *
 * <p>Peers are installed by {@code .ci/peers} (Debian packages and an npm package; nothing is
 * committed). On a developer machine a missing peer skips its tests with a message saying how to
 * install it; in CI ({@code CI=true}) a missing peer fails the test instead, so the matrix cannot
 * silently shrink.
 */
final class Peers {
    /** The peer scripts, relative to the ws-examples folder (surefire's working directory). */
    static final Path SCRIPTS = Path.of("src", "test", "peers");

    private static final String INSTALL = "install the peers with .ci/peers, as root or with sudo (README, section Conformance and interoperability)";

    private Peers() {
    }

    /** Skips (or, in CI, fails) the calling test when {@code peer} is empty. */
    static <T> T require(Optional<T> peer, String what) {
        if (peer.isEmpty()) {
            String message = what + " is not installed: " + INSTALL;
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message + " (CI=true: a missing interop peer fails the run)");
            }
            Assumptions.abort(message);
        }
        return peer.get();
    }

    /** A Python 3 that can import websockets: $WS4J_PYTHON, Debian's /usr/bin/python3, or python3 on the PATH. */
    static Optional<String> python() {
        List<String> candidates = new ArrayList<>();
        String configured = System.getenv("WS4J_PYTHON");
        if (configured != null && !configured.isEmpty()) {
            candidates.add(configured);
        }
        candidates.add("/usr/bin/python3");
        candidates.add("python3");
        return candidates.stream().filter(python -> succeeds(python, "-c", "import websockets")).findFirst();
    }

    /** The node_modules folder holding the npm package ws: $WS4J_NODE_MODULES or .peers/node/node_modules at the repository root. */
    static Optional<Path> nodeModules() {
        String configured = System.getenv("WS4J_NODE_MODULES");
        Path modules = configured != null && !configured.isEmpty()
                ? Path.of(configured)
                : Path.of("..", ".peers", "node", "node_modules").toAbsolutePath().normalize();
        return Files.isDirectory(modules.resolve("ws")) && succeeds("node", "--version")
                ? Optional.of(modules) : Optional.empty();
    }

    /** Chromium: $WS4J_CHROMIUM, /usr/bin/chromium or chromium on the PATH. */
    static Optional<String> chromium() {
        return firstRunnable("WS4J_CHROMIUM", "/usr/bin/chromium", "chromium");
    }

    /** nginx: $WS4J_NGINX, /usr/sbin/nginx or nginx on the PATH. */
    static Optional<String> nginx() {
        return firstRunnable("WS4J_NGINX", "/usr/sbin/nginx", "nginx");
    }

    /** tinyproxy (an HTTP CONNECT proxy): $WS4J_TINYPROXY, /usr/bin/tinyproxy or tinyproxy on the PATH. */
    static Optional<String> tinyproxy() {
        return firstRunnable("WS4J_TINYPROXY", "/usr/bin/tinyproxy", "tinyproxy");
    }

    /** HAProxy (here a TLS terminator in front of tinyproxy): $WS4J_HAPROXY, /usr/sbin/haproxy or haproxy on the PATH. */
    static Optional<String> haproxy() {
        return firstRunnable("WS4J_HAPROXY", "/usr/sbin/haproxy", "haproxy");
    }

    /**
     * microsocks (a SOCKS5 proxy): $WS4J_MICROSOCKS, /usr/bin/microsocks or microsocks on the PATH.
     * It has no version flag, so it is found as an executable file rather than by running it.
     */
    static Optional<String> microsocks() {
        List<String> all = new ArrayList<>();
        String configured = System.getenv("WS4J_MICROSOCKS");
        if (configured != null && !configured.isEmpty()) {
            all.add(configured);
        }
        all.add("/usr/bin/microsocks");
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty()) {
                all.add(Path.of(dir, "microsocks").toString());
            }
        }
        return all.stream().filter(file -> Files.isRegularFile(Path.of(file)) && Files.isExecutable(Path.of(file))).findFirst();
    }

    private static Optional<String> firstRunnable(String variable, String... candidates) {
        List<String> all = new ArrayList<>();
        String configured = System.getenv(variable);
        if (configured != null && !configured.isEmpty()) {
            all.add(configured);
        }
        all.addAll(List.of(candidates));
        return all.stream().filter(command -> succeeds(command, "-v") || succeeds(command, "--version")).findFirst();
    }

    /** Whether the command runs and exits 0 within 20 s. */
    static boolean succeeds(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
