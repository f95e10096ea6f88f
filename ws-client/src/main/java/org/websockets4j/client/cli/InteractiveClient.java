package org.websockets4j.client.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.ConnectException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.websockets4j.client.ClientOptions;
import org.websockets4j.client.WebSocketClient;
import org.websockets4j.http.InvalidURI;
import org.websockets4j.http.WebSocketUri;
import org.websockets4j.protocol.ConnectionClosed;
import org.websockets4j.protocol.Message;
import org.websockets4j.protocol.WebSocket;

/**
 * The interactive client: connects to a WebSocket server, sends each line read from its input as
 * a text message and prints each message received, until the input ends, the server closes the
 * connection or {@link #stop()} is called (Ctrl-C); then closes with 1000 and prints the close
 * status. Python's {@code python -m websockets <uri>}, over streams given to it, so that tests run
 * it in-process.
 *
 * <p>Exit codes: {@value #OK} once connected and closed, whoever closed and with whatever code;
 * {@value #FAILED} when connecting fails (bad URI, refused or unreachable, failed TLS or WebSocket
 * handshake), with one line {@code Failed to connect to <uri>: <why>.} on the error stream;
 * {@value #USAGE} for bad arguments, with one line {@code error: ...}.
 *
 * <p>One instance runs once. {@link #run(String...)} blocks on the calling thread; it starts two
 * daemon threads, one reading the input (which may stay blocked in a read the input never
 * answers once {@code run} has returned; the input's end or {@code System.exit} ends it), one
 * receiving. {@link #stop()} and {@link #awaitFinished(Duration)} may be called from any thread.
 */
final class InteractiveClient {
    /** Connected, then closed. */
    static final int OK = 0;
    /** Connecting failed. */
    static final int FAILED = 1;
    /** Bad arguments. */
    static final int USAGE = 2;

    static final String PROGRAM = "java -m org.websockets4j.client";

    static final String HELP = """
            Usage: %1$s [options] <uri>

            Connects to the WebSocket server at <uri> (ws://host[:port][/path]), sends each line
            typed as a text message and prints each message received after "< " (a binary one as
            its length and first bytes in hex). End of input (Ctrl-D) or Ctrl-C closes the
            connection normally (1000); the close code and reason are shown.

            Options:
              --header "Name: value"  add a request header (repeatable)
              --subprotocol NAME      offer a subprotocol (repeatable, in order of preference)
              --no-compression        do not offer permessage-deflate (offered by default)
              --cacert FILE           wss://: trust the CA certificates in this PEM file
                                      (instead of the JDK's trust store)
              --insecure              wss://: do not verify the server's certificate at all
                                      (anyone on the path can read and change the traffic)
              --proxy URI             connect through this proxy: http://[user:pass@]host:port
                                      (CONNECT) or socks5://, socks5h:// (SOCKS5)
              --no-proxy              connect directly, ignoring the environment variables
              --unix PATH             connect to the Unix domain socket PATH; <uri> then gives
                                      only the request's path and Host (e.g. ws://localhost/)
              --help                  print this help

            Without --proxy or --no-proxy, the environment variables http_proxy (for ws://),
            https_proxy (for wss://), all_proxy and no_proxy choose the proxy, as in curl and
            Python websockets; localhost and loopback addresses are always reached directly.
            Exit status: 0 once connected and closed, 1 when connecting fails, 2 for bad arguments.
            """.formatted(PROGRAM);

    /** The longest wait for the receiving thread to print what arrived before the close. */
    private static final Duration RECEIVER_BOUND = Duration.ofSeconds(10);

    private final InputStream in;
    private final Charset inputCharset;
    private final PrintStream err;
    private final ConsoleOutput output;
    private final PrintStream out;

    /** Completed when the session should end: input ended, connection closed, or stop(). */
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile int exitCode = OK;

    /**
     * @param in           the lines to send
     * @param inputCharset the encoding of {@code in}
     * @param out          where messages and status lines go
     * @param err          where the one-line errors go
     * @param terminal     whether {@code in} and {@code out} are an interactive terminal: shows a
     *                     prompt and uses ANSI escapes to print above the line being typed
     */
    InteractiveClient(InputStream in, Charset inputCharset, PrintStream out, PrintStream err, boolean terminal) {
        this.in = in;
        this.inputCharset = inputCharset;
        this.out = out;
        this.err = err;
        this.output = new ConsoleOutput(out, terminal);
    }

    /**
     * Runs the client with command-line {@code args}; see the class comment for the exit codes.
     * Returns once the connection is closed (or connecting failed).
     */
    int run(String... args) {
        int code = FAILED;
        try {
            code = session(args);
            return code;
        } finally {
            exitCode = code;
            finished.countDown();
        }
    }

    /** Ends the session as Ctrl-C does: the connection is closed with 1000 and {@code run} returns. */
    void stop() {
        done.complete(null);
    }

    /** Waits up to {@code bound} for {@link #run} to return; true when it has. */
    boolean awaitFinished(Duration bound) throws InterruptedException {
        return finished.await(bound.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** The exit code {@link #run} returned, once {@link #awaitFinished} is true. */
    int exitCode() {
        return exitCode;
    }

    private int session(String... args) {
        CliArguments arguments;
        ClientOptions options;
        try {
            arguments = CliArguments.parse(args);
            if (arguments.help()) {
                out.print(HELP);
                out.flush();
                return OK;
            }
            options = arguments.toOptions();
        } catch (CliArguments.UsageError e) {
            err.println("error: " + oneLine(e.getMessage()) + " (see " + PROGRAM + " --help)");
            err.flush();
            return USAGE;
        }
        String uri = arguments.uri();
        WebSocket webSocket;
        try {
            if (arguments.insecure()) {
                err.println("warning: --insecure: the server's certificate is not verified; "
                        + "anyone on the path can read and change this connection");
                err.flush();
            }
            webSocket = WebSocketClient.connect(uri, options);
        } catch (InvalidURI e) {
            return failed(uri, e.getMessage());
        } catch (ConnectException e) {
            return failed(uri, "connection refused");
        } catch (UnresolvedAddressException e) {
            return failed(uri, "unknown host");
        } catch (IOException | RuntimeException e) {
            return failed(uri, describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(uri, "interrupted");
        }
        try {
            converse(uri, webSocket);
        } finally {
            webSocket.close(); // idempotent; bounded by the close timeout
        }
        output.overInput("Connection closed: " + ConsoleOutput.closeStatus(webSocket.closeCode(), webSocket.closeReason()) + ".");
        return OK;
    }

    private void converse(String uri, WebSocket webSocket) {
        output.duringInput("Connected to " + WebSocketUri.redact(uri) + ".");
        output.prompt();
        Thread receiver = Thread.ofPlatform().daemon().name("websockets4j-cli-receive").start(() -> receive(webSocket));
        Thread.ofPlatform().daemon().name("websockets4j-cli-input").start(() -> send(webSocket));
        boolean interrupted = false;
        try {
            done.get();
        } catch (InterruptedException e) {
            interrupted = true; // as stop(): close and return
        } catch (ExecutionException e) {
            throw new AssertionError("done never fails", e);
        }
        webSocket.close();
        try {
            // Messages that arrived before the close are printed before the close status.
            receiver.join(RECEIVER_BOUND);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void receive(WebSocket webSocket) {
        try {
            while (true) {
                Message message = webSocket.recv();
                output.received(message);
            }
        } catch (ConnectionClosed e) {
            done.complete(null);
        } catch (InterruptedException e) {
            // not interrupted by us; end quietly
        }
    }

    private void send(WebSocket webSocket) {
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, inputCharset));
            String line;
            while (!done.isDone() && (line = lines.readLine()) != null) {
                webSocket.send(line);
                output.prompt();
            }
        } catch (ConnectionClosed e) {
            // the connection closed while sending: the receiver reports it
        } catch (IOException e) {
            output.duringInput("Cannot read the input: " + describe(e) + "; closing.");
        } catch (InterruptedException e) {
            // not interrupted by us; close
        }
        done.complete(null);
    }

    private int failed(String uri, String why) {
        String reason = oneLine(why);
        if (reason.endsWith(".")) {
            reason = reason.substring(0, reason.length() - 1);
        }
        err.println("Failed to connect to " + WebSocketUri.redact(uri) + ": " + reason + ".");
        err.flush();
        return FAILED;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    /** Folds line breaks so that an error stays on one line. */
    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
