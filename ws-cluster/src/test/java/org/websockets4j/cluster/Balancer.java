package org.websockets4j.cluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * HAProxy or nginx in front of the nodes, from the configurations in {@code ws-cluster/deploy}
 * with this test's ports written in. Missing, it skips the test, except under CI
 * ({@code CI=true}), where {@code .ci/peers} installs it.
 */
enum Balancer {
    HAPROXY("/usr/sbin/haproxy", "haproxy.cfg"),
    NGINX("/usr/sbin/nginx", "nginx.conf");

    private final Path binary;
    private final String template;

    Balancer(String binary, String template) {
        this.binary = Path.of(binary);
        this.template = template;
    }

    /** A running balancer; closing it kills the process. */
    record Running(Process process, int port) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    Running start(List<Integer> nodePorts, Path dir) throws Exception {
        if (!Files.isExecutable(binary)) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(binary + " is not installed: run .ci/peers");
            }
            Assumptions.abort(binary + " is not installed (.ci/peers installs it)");
        }
        int front;
        try (ServerSocket socket = new ServerSocket(0)) {
            front = socket.getLocalPort();
        }
        String config = Files.readString(Path.of("deploy", template))
                .replace("${FRONT_PORT}", Integer.toString(front))
                .replace("${PREFIX}", dir.toString());
        for (int i = 0; i < nodePorts.size(); i++) {
            config = config.replace("${NODE" + i + "_PORT}", Integer.toString(nodePorts.get(i)));
        }
        Path file = Files.writeString(dir.resolve(template), config);
        ProcessBuilder builder = this == HAPROXY
                ? new ProcessBuilder(binary.toString(), "-db", "-f", file.toString())
                : new ProcessBuilder(binary.toString(), "-p", dir.toString(), "-c", file.toString(), "-g", "daemon off;");
        Process process = builder.redirectErrorStream(true).redirectOutput(dir.resolve(name() + ".log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            try (Socket probe = new Socket("127.0.0.1", front)) {
                return new Running(process, front);
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    process.destroyForcibly();
                    throw new IllegalStateException(name() + " did not start: " + Files.readString(dir.resolve(name() + ".log")));
                }
                Thread.sleep(20);
            }
        }
    }
}
