package org.websockets4j.cluster;

import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import javax.net.ssl.SSLContext;
import org.websockets4j.examples.PemKeys;

/**
 * The cluster server program:
 * {@code java -p ws-cluster/target/modules -m org.websockets4j.cluster --port P --redis redis://H:P [--node NAME] [--host H] [--cap N] [--drain MILLIS] [--reuse-port] [--cert FILE --key FILE]}. With {@code --reuse-port}, several nodes on one host share the port
 * ({@code SO_REUSEPORT}) and the kernel balances them. With {@code --cert} and {@code --key} (PEM,
 * read by the example servers' {@link org.websockets4j.examples.PemKeys}) it serves {@code wss://}.
 * Prints {@code listening on ws://H:P/ node NAME} ({@code wss://} with TLS) once it accepts connections; SIGTERM (or
 * Ctrl-C) drains it (503 to newcomers, 1001 to its clients spread over {@code --drain}
 * milliseconds, 5,000 by default) and exits.
 */
public final class ClusterServer {
    private ClusterServer() {
    }

    /**
     * Runs one node until the process is stopped.
     *
     * @param args the options above
     * @throws Exception when the node cannot start
     */
    public static void main(String[] args) throws Exception {
        String host = "127.0.0.1";
        int port = 8765;
        URI redis = URI.create("redis://127.0.0.1:6379");
        String node = null;
        long cap = 10_000;
        java.time.Duration drain = java.time.Duration.ofSeconds(5);
        boolean reusePort = false;
        String cert = null;
        String key = null;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--host" -> host = require(args[i], value);
                case "--port" -> port = Integer.parseInt(require(args[i], value));
                case "--redis" -> redis = URI.create(require(args[i], value));
                case "--node" -> node = require(args[i], value);
                case "--cap" -> cap = Long.parseLong(require(args[i], value));
                case "--drain" -> drain = java.time.Duration.ofMillis(Long.parseLong(require(args[i], value)));
                case "--cert" -> cert = require(args[i], value);
                case "--key" -> key = require(args[i], value);
                case "--reuse-port" -> {
                    reusePort = true;
                    i--; // a flag: no value
                }
                default -> {
                    System.err.println("usage: --port P --redis redis://H:P [--node NAME] [--host H] [--cap N] [--drain MILLIS] [--reuse-port]"
                            + " [--cert FILE --key FILE]; unknown: " + args[i]);
                    System.exit(2);
                }
            }
            i++;
        }
        if ((cert == null) != (key == null)) {
            System.err.println("--cert and --key go together (a PEM certificate chain and its private key)");
            System.exit(2);
        }
        SSLContext ssl = cert == null ? null : PemKeys.serverContext(Path.of(cert), Path.of(key));
        String name = node != null ? node : host + ":" + port;
        ClusterNode running = ClusterNode.start(name, host, port, redis, cap, reusePort, ssl);
        CountDownLatch stopped = new CountDownLatch(1);
        java.time.Duration drainPeriod = drain;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                running.drain(drainPeriod);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stopped.countDown();
        }));
        System.out.println("listening on " + (ssl == null ? "ws" : "wss") + "://" + host + ":" + running.port() + "/ node " + name);
        System.out.flush();
        stopped.await();
    }

    private static String require(String option, String value) {
        if (value == null) {
            System.err.println(option + " needs a value");
            System.exit(2);
        }
        return value;
    }
}
