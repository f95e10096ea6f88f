package org.websockets4j.bench.e2e;

import java.io.InputStream;
import java.util.concurrent.TimeUnit;

/**
 * The server process of one cell: {@code ServerMain <ours|ours-dedicated|netty|jetty> <on|off>} starts that echo
 * server on 127.0.0.1, prints {@code PORT <n>} and serves until its standard input closes (the
 * harness closes it, or dies) or {@link #MAX_LIFETIME_SECONDS} pass, whichever comes first.
 */
public final class ServerMain {
    /** The longest a server process lives, whatever happens to its parent. */
    static final long MAX_LIFETIME_SECONDS = 600;

    private ServerMain() {
    }

    /** Runs one server; see the class comment. */
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: ServerMain <ours|ours-dedicated|netty|jetty> <on|off>");
        }
        boolean deflate = switch (args[1]) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new IllegalArgumentException("deflate must be on or off: " + args[1]);
        };
        Thread.ofPlatform().daemon().start(() -> {
            try {
                Thread.sleep(TimeUnit.SECONDS.toMillis(MAX_LIFETIME_SECONDS));
            } catch (InterruptedException ignored) {
                // exit anyway
            }
            Runtime.getRuntime().halt(2);
        });
        EchoServer server = start(args[0], deflate);
        System.out.println("PORT " + server.port());
        System.out.flush();
        InputStream in = System.in;
        while (in.read() >= 0) {
            // wait for end of input
        }
        server.close();
        System.exit(0);
    }

    /** Starts the named echo server in this JVM. */
    static EchoServer start(String name, boolean deflate) throws Exception {
        return switch (name) {
            case "ours" -> OursEcho.start(deflate, false);
            case "ours-dedicated" -> OursEcho.start(deflate, true);
            case "netty" -> NettyEcho.start(deflate);
            case "jetty" -> JettyEcho.start(deflate);
            default -> throw new IllegalArgumentException("unknown server: " + name);
        };
    }
}
