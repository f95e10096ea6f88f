package org.websockets4j.bench.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server under test in a JVM of its own (same java and class path as this one), so that servers
 * share no JIT profile, heap or threads with each other or with the load client, and so that its
 * CPU time can be told apart from the load client's.
 */
final class ServerProcess implements AutoCloseable {
    private final Process process;
    private final int port;

    private ServerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts {@link ServerMain} with {@code jvmArgs}; waits for its port (at most 30 s). */
    static ServerProcess start(String server, boolean deflate, List<String> jvmArgs) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ServerMain.class.getName());
        command.add(server);
        command.add(deflate ? "on" : "off");
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.US_ASCII));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("PORT ")) {
                    int port = Integer.parseInt(line.substring(5).trim());
                    Thread.ofPlatform().daemon().start(() -> discard(out));
                    return new ServerProcess(process, port);
                }
                if (System.nanoTime() > deadline) {
                    break;
                }
            }
            throw new IOException(server + " server process did not report its port");
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    private static void discard(BufferedReader out) {
        try {
            while (out.readLine() != null) {
                // a server's stray stdout must not fill the pipe and block it
            }
        } catch (IOException ignored) {
            // process gone
        }
    }

    int port() {
        return port;
    }

    /** CPU time (user + system) the process used so far, in ns, or -1 if the OS cannot tell. */
    long cpuNanos() {
        return process.toHandle().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(-1L);
    }

    /** Closes its standard input (it stops by itself), then kills it if it has not exited in 10 s. */
    @Override
    public void close() throws InterruptedException {
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // already gone
        }
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
