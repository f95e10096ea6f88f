package org.websockets4j.cluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A throwaway {@code redis-server} on a loopback port of its own, without persistence. Missing
 * Redis skips the tests, except under CI ({@code CI=true}), where it fails them: {@code .ci/peers}
 * installs it.
 */
final class RedisProcess implements AutoCloseable {
    private static final Path SERVER = Path.of("/usr/bin/redis-server");

    private final int port;
    private Process process;

    private RedisProcess(int port) {
        this.port = port;
    }

    static RedisProcess start() throws Exception {
        if (!Files.isExecutable(SERVER)) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("redis-server is not installed: run .ci/peers");
            }
            Assumptions.abort("redis-server is not installed (.ci/peers installs it)");
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        RedisProcess redis = new RedisProcess(port);
        redis.restart();
        return redis;
    }

    /** Starts (again) on the same port: a restart without persistence starts empty. */
    void restart() throws Exception {
        process = new ProcessBuilder(SERVER.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    throw new IllegalStateException("redis-server did not start on port " + port, notYet);
                }
                Thread.sleep(20);
            }
        }
    }

    /** Kills the server (SIGKILL) and waits for it to be gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    String uri() {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
