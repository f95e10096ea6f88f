package org.websockets4j.client.cli;

import java.io.Console;
import java.nio.charset.Charset;
import java.time.Duration;

/**
 * The main class of module {@code org.websockets4j.client}:
 * {@code java -p <modules> -m org.websockets4j.client [options] <uri>}. Runs an
 * {@link InteractiveClient} on the standard streams; {@code --help} lists the options.
 *
 * <p>Ctrl-C (SIGINT) or SIGTERM closes the connection with 1000 through a shutdown hook, which
 * then ends the program with the client's exit code (0), not the JVM's 130 or 143.
 */
public final class Main {
    /** How long the shutdown hook waits for the connection to close before letting the JVM exit. */
    private static final Duration SHUTDOWN_BOUND = Duration.ofSeconds(30);

    private Main() {
    }

    /**
     * Runs the interactive client and exits with its exit code.
     *
     * @param args the command line, see {@code --help}
     */
    public static void main(String[] args) {
        Console console = System.console();
        boolean terminal = console != null && isTerminal(console);
        Charset charset = terminal ? console.charset() : inputCharset();
        InteractiveClient client = new InteractiveClient(System.in, charset, System.out, System.err, terminal);
        Thread hook = new Thread(() -> {
            client.stop();
            try {
                if (client.awaitFinished(SHUTDOWN_BOUND)) {
                    System.out.flush();
                    System.err.flush();
                    // Exiting with the client's own status: the close went well, so no 130.
                    Runtime.getRuntime().halt(client.exitCode());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "websockets4j-cli-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        int code = client.run(args);
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            return; // the hook ends the program; System.exit would block now
        }
        System.exit(code);
    }

    /**
     * Console.isTerminal() exists from Java 22: before, a console was always a terminal; since,
     * System.console() may return one for redirected streams too.
     */
    private static boolean isTerminal(Console console) {
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /** The encoding of redirected standard input: stdin.encoding (newer JDKs), else the default. */
    private static Charset inputCharset() {
        String name = System.getProperty("stdin.encoding");
        try {
            return name == null ? Charset.defaultCharset() : Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return Charset.defaultCharset();
        }
    }
}
