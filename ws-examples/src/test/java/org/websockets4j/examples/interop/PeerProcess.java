package org.websockets4j.examples.interop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A peer running in a child process: its output (stdout and stderr merged) is read line by line
 * on a thread of its own, so the test can wait for a line, and {@link #close()} always kills it.
 */
final class PeerProcess implements AutoCloseable {
    private static final String EOF = "\u0000eof";

    private final String name;
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> transcript = new ArrayList<>();

    private PeerProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process is gone
            }
            lines.add(EOF);
        }, name + "-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code command} with extra environment variables. */
    static PeerProcess start(String name, List<String> command, Map<String, String> environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        return new PeerProcess(name, builder.start());
    }

    /**
     * Waits for the first line that {@code wanted} accepts and returns it.
     *
     * @throws AssertionError when the process ends or the time runs out first, with everything it printed
     */
    String awaitLine(Predicate<String> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null || line.equals(EOF)) {
                if (line != null) {
                    lines.add(EOF);
                }
                throw new AssertionError(name + (line == null ? ": no such line within " + timeout : ": exited")
                        + "; it printed:\n" + String.join("\n", transcript));
            }
            transcript.add(line);
            if (wanted.test(line)) {
                return line;
            }
        }
    }

    /** Waits for the process to exit and returns its status. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + " did not exit within " + timeout + "; it printed:\n" + transcript());
        }
        return process.exitValue();
    }

    /** Everything printed so far (waits briefly for the reader to catch up after an exit). */
    String transcript() throws InterruptedException {
        for (String line; (line = lines.poll(process.isAlive() ? 0 : 200, TimeUnit.MILLISECONDS)) != null; ) {
            if (line.equals(EOF)) {
                lines.add(EOF);
                break;
            }
            transcript.add(line);
        }
        return String.join("\n", transcript);
    }

    /**
     * Stops the peer and everything it started: SIGTERM first, so a server like nginx or Chromium
     * stops its own children, then SIGKILL for whatever of the tree is still alive after 5 s. The
     * tree is listed before anything is signalled: once the parent dies its children are no longer
     * its descendants.
     */
    @Override
    public void close() throws InterruptedException {
        List<ProcessHandle> tree = process.descendants().toList();
        process.destroy();
        process.waitFor(5, TimeUnit.SECONDS);
        for (ProcessHandle child : tree) {
            child.destroyForcibly();
        }
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        for (ProcessHandle child : tree) {
            child.onExit().completeOnTimeout(child, 5, TimeUnit.SECONDS).join();
        }
    }
}
