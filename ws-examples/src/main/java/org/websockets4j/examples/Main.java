package org.websockets4j.examples;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.websockets4j.auth.BasicAuth;
import org.websockets4j.extensions.Compression;
import org.websockets4j.protocol.Message;
import org.websockets4j.server.AsyncConnectionHandler;
import org.websockets4j.server.ServerOptions;
import org.websockets4j.server.WebSocketServer;

/**
 * The command-line test programs, the module's main class:
 * {@code java -p ws-examples/target/modules -m org.websockets4j.examples <command> [options]}.
 *
 * <ul>
 *   <li>{@code echo-server --port P [--host H]}: echoes every message unchanged;</li>
 *   <li>{@code broadcast-server --port P [--host H]}: sends every message it receives to every
 *       connected client;</li>
 *   <li>{@code chat-server --port P [--host H]}: {@link ChatServer}, a chat page for browsers;</li>
 *   <li>{@code autobahn-client --uri U --agent NAME}: {@link AutobahnClient}, which runs every
 *       case of an Autobahn|Testsuite fuzzing server and exits 0 when it ran them all;</li>
 *   <li>{@code echo-demo}, {@code frame-demo}: {@link EchoDemo}, {@link FrameDemo}.</li>
 * </ul>
 *
 * <p>The three servers take {@code --basic-auth USER:PASSWORD}, repeatable: then only those
 * credentials are let in (HTTP Basic, realm {@value #REALM}), everyone else gets {@code 401}.
 *
 * <p>Each server takes {@code --unix PATH} (a Unix domain socket) or {@code --inherited} (the
 * listening socket on standard input) instead of {@code --host}/{@code --port}. The servers print
 * one line, {@code listening on ws://host:port/} (or {@code listening on unix:PATH}), 
 * {@code wss://} is served with {@code --cert FILE --key FILE} (PEM, see {@link PemKeys}), and
 * then printed as such. They print that line once they accept
 * connections, and run until killed; SIGTERM (or Ctrl-C) closes them gracefully, each connection
 * with 1001. {@code --help} prints the usage and exits 0; a usage error exits 2.
 */
public final class Main {
    /** The exit code of a usage error. */
    static final int USAGE_ERROR = 2;
    /** The default interface the servers listen on. */
    static final String DEFAULT_HOST = "127.0.0.1";
    /** How long the shutdown hook waits for the server to close. */
    static final long SHUTDOWN_BOUND_SECONDS = 15;

    private static final String PROGRAM = "java -p ws-examples/target/modules -m org.websockets4j.examples";

    static final String USAGE = """
            Usage: %1$s <command> [options]

            Commands:
              echo-server --port P [--host H]       echo every message unchanged
              broadcast-server --port P [--host H]  send every message received to every client
              chat-server --port P [--host H]       a chat page at http://H:P/ for several browsers
                                                    (each server: --unix PATH or --inherited instead)
              autobahn-client --uri U --agent NAME  run every case of an Autobahn|Testsuite fuzzing server
              echo-demo                             an echo server and a client talking to it
              frame-demo                            the frame codec at work

            Run "%1$s <command> --help" for a command's options.
            """.formatted(PROGRAM);

    private static final String SERVER_USAGE = """
            Usage: %1$s %2$s (--port P [--host H] | --unix PATH | --inherited) [--no-compression] [--async] [--basic-auth USER:PASSWORD]...
                   [--cert FILE --key FILE]

            %3$s
            Prints "listening on ws://H:P/" (wss:// with --cert, or "listening on unix:PATH") once it accepts
            connections and runs until killed;
            SIGTERM closes every connection with 1001 (going away).

            Options:
              --port P          the TCP port, 0-65535 (0: an ephemeral port); required
              --host H          the interface to listen on (default %4$s)
              --unix PATH       listen on a Unix domain socket at PATH instead of TCP (a stale
                                socket file is replaced; the file is removed on exit)
              --inherited       serve the listening socket inherited on standard input (socket
                                activation: inetd, systemd StandardInput=socket)
              --no-compression  do not negotiate permessage-deflate (on by default, as in Python)
              --async           serve each connection with an async handler (no thread per
                                connection) instead of a blocking one on a virtual thread
              --basic-auth USER:PASSWORD
                                require HTTP Basic authentication (realm "websockets4j") and
                                accept these credentials; repeat for more users; everyone else
                                gets 401
              --cert FILE       serve wss://: the PEM certificate chain (the server's first)
              --key FILE        its PEM private key, unencrypted PKCS#8 or PKCS#1, as
                                openssl req -x509 -newkey rsa:2048 -nodes writes it
              --help            print this help
            """;

    private static final String AUTOBAHN_USAGE = """
            Usage: %1$s autobahn-client --uri U --agent NAME

            Runs every case of an Autobahn|Testsuite fuzzing server: reads the case count from
            U/getCaseCount, echoes every message of U/runCase?case=i&agent=NAME until the server
            closes, then asks for U/updateReports?agent=NAME. Exits 0 when every case ran, 1 when
            one could not.

            Options:
              --uri U       the fuzzing server, for example ws://127.0.0.1:9001; required
              --agent NAME  the name in the report; required
              --help        print this help
            """;

    private static final String DEMO_USAGE = """
            Usage: %1$s %2$s

            %3$s Takes no options but --help.
            """;

    /** The two servers. */
    enum Kind {
        ECHO("echo-server", "Echoes every message unchanged: text stays text, binary stays binary (maxSize 16 MiB)."),
        BROADCAST("broadcast-server", "Sends every message received from any client to every connected client."),
        CHAT("chat-server", "Serves a chat page at http://H:P/; what one person says reaches everyone (text up to 4 KiB).");

        final String command;
        final String description;

        Kind(String command, String description) {
            this.command = command;
            this.description = description;
        }
    }

    /** What the arguments ask for. */
    sealed interface Invocation {
    }

    /** Print {@code text} on stdout and exit 0. */
    record Help(String text) implements Invocation {
    }

    /** Run a server. */
    record Server(Kind kind, String host, int port, boolean compression, boolean async,
                  Map<String, String> credentials, String unix, boolean inherited, String cert, String key)
            implements Invocation {
        /** Freezes the credentials (user name to password; empty: no authentication). */
        Server {
            credentials = Map.copyOf(credentials);
        }

        /** Plain (ws://) TCP, without authentication. */
        Server(Kind kind, String host, int port, boolean compression, boolean async) {
            this(kind, host, port, compression, async, Map.of(), null, false, null, null);
        }

        /** Plain (ws://) TCP, with these credentials (empty: no authentication). */
        Server(Kind kind, String host, int port, boolean compression, boolean async, Map<String, String> credentials) {
            this(kind, host, port, compression, async, credentials, null, false, null, null);
        }

        /** TCP with TLS when {@code cert} is not null. */
        Server(Kind kind, String host, int port, boolean compression, boolean async, Map<String, String> credentials,
               String cert, String key) {
            this(kind, host, port, compression, async, credentials, null, false, cert, key);
        }

        /** A Unix socket server without authentication. */
        Server(Kind kind, String host, int port, boolean compression, boolean async, String unix) {
            this(kind, host, port, compression, async, Map.of(), unix, false, null, null);
        }

        /** A blocking server with compression on and no authentication, the default. */
        Server(Kind kind, String host, int port) {
            this(kind, host, port, true, false);
        }

        /** Where it listens. */
        Listen listen() {
            return new Listen(host, port, unix == null ? null : java.nio.file.Path.of(unix), inherited);
        }

        /** The Basic authentication hook the credentials ask for, or null for none. */
        BasicAuth basicAuth() {
            return credentials.isEmpty() ? null : BasicAuth.of(REALM, credentials);
        }

        /** Whether it serves wss://. */
        boolean secure() {
            return cert != null;
        }
    }

    /** The realm of {@code --basic-auth}. */
    static final String REALM = "websockets4j";

    /** Run the Autobahn|Testsuite client. */
    record Autobahn(String uri, String agent) implements Invocation {
    }

    /** Run a demo. */
    record Demo(String command) implements Invocation {
    }

    /** A usage error: the message goes to stderr and the program exits 2. */
    static final class UsageError extends Exception {
        private static final long serialVersionUID = 1L;

        UsageError(String message) {
            super(message);
        }
    }

    private static final Map<String, String> DEMOS = Map.of(
            "echo-demo", "Starts an echo server on an ephemeral loopback port, talks to it, stops it.",
            "frame-demo", "Encodes a few frames and reads them back one byte at a time.");

    private Main() {
    }

    /**
     * Runs the command; exits 2 on a usage error, 1 when autobahn-client could not run every case.
     *
     * @param args the command and its options (see {@link #USAGE})
     * @throws Exception when a server cannot start (for example, the port is taken)
     */
    public static void main(String[] args) throws Exception {
        int code = run(args, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * Parses and runs; a server blocks until it is closed.
     *
     * @return the exit code: 0, or {@link #USAGE_ERROR}
     */
    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        Invocation invocation;
        try {
            invocation = parse(args);
        } catch (UsageError e) {
            err.println("error: " + e.getMessage());
            err.println("Try \"" + PROGRAM + " --help\".");
            return USAGE_ERROR;
        }
        switch (invocation) {
            case Help help -> out.print(help.text());
            case Autobahn autobahn -> {
                return new AutobahnClient(autobahn.uri(), autobahn.agent(), out).run();
            }
            case Demo demo -> {
                if (demo.command().equals("echo-demo")) {
                    EchoDemo.main(new String[0]);
                } else {
                    FrameDemo.main(new String[0]);
                }
            }
            case Server server -> {
                WebSocketServer running = start(server);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    running.closeAsync(1001, ""); // going away; the wait below is bounded, close() would not be
                    try {
                        running.closedFuture().get(SHUTDOWN_BOUND_SECONDS, TimeUnit.SECONDS);
                    } catch (TimeoutException e) {
                        System.err.println("the server did not close within " + SHUTDOWN_BOUND_SECONDS + " s");
                    } catch (Exception e) {
                        // exiting anyway
                    }
                }, "websockets4j-shutdown"));
                out.println("listening on " + server.listen().describe(running, server.secure()));
                out.flush();
                running.awaitClosed();
            }
        }
        return 0;
    }

    /** The URI a client connects to, for the host given on the command line. */
    static String uri(String host, int port) {
        return uri(host, port, false);
    }

    /** The ws:// or wss:// URI a client connects to, for the host given on the command line. */
    static String uri(String host, int port, boolean secure) {
        String shown = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        return (secure ? "wss://" : "ws://") + shown + ":" + port + "/";
    }

    /**
     * Parses the command line.
     *
     * @throws UsageError on an unknown command or option, a missing or repeated option, a missing
     *                    value or an invalid port
     */
    static Invocation parse(String... args) throws UsageError {
        if (args.length == 0) {
            throw new UsageError("no command given");
        }
        String command = args[0];
        if (command.equals("--help") || command.equals("-h")) {
            if (args.length > 1) {
                throw new UsageError("unexpected argument after --help: " + args[1]);
            }
            return new Help(USAGE);
        }
        List<String> rest = List.of(args).subList(1, args.length);
        for (Kind kind : Kind.values()) {
            if (kind.command.equals(command)) {
                return parseServer(kind, rest);
            }
        }
        if (command.equals("autobahn-client")) {
            return parseAutobahn(rest);
        }
        String demo = DEMOS.get(command);
        if (demo != null) {
            if (rest.equals(List.of("--help")) || rest.equals(List.of("-h"))) {
                return new Help(DEMO_USAGE.formatted(PROGRAM, command, demo));
            }
            if (!rest.isEmpty()) {
                throw new UsageError(command + " takes no arguments, got: " + rest.get(0));
            }
            return new Demo(command);
        }
        if (command.startsWith("-")) {
            throw new UsageError("unknown option " + command + " (expected a command)");
        }
        throw new UsageError("unknown command " + command);
    }

    private static Invocation parseServer(Kind kind, List<String> args) throws UsageError {
        List<String> rest = new java.util.ArrayList<>();
        Map<String, String> credentials = basicAuth(kind.command, args, rest);
        Map<String, String> options = options(kind.command, rest, List.of("--port", "--host", "--unix", "--cert", "--key"),
                List.of("--no-compression", "--async", "--inherited"));
        if (options == null) {
            return new Help(SERVER_USAGE.formatted(PROGRAM, kind.command, kind.description, DEFAULT_HOST));
        }
        if (options.containsKey("--cert") != options.containsKey("--key")) {
            throw new UsageError(kind.command + ": --cert and --key go together (a PEM certificate chain and its private key)");
        }
        String cert = options.containsKey("--cert") ? required(kind.command, options, "--cert") : null;
        String key = options.containsKey("--key") ? required(kind.command, options, "--key") : null;
        boolean compression = !options.containsKey("--no-compression");
        boolean async = options.containsKey("--async");
        if (options.containsKey("--inherited")) {
            if (options.containsKey("--port") || options.containsKey("--host") || options.containsKey("--unix")) {
                throw new UsageError(kind.command + ": --inherited replaces --port, --host and --unix; give one or the other");
            }
            return new Server(kind, null, 0, compression, async, credentials, null, true, cert, key);
        }
        if (options.containsKey("--unix")) {
            if (options.containsKey("--port") || options.containsKey("--host")) {
                throw new UsageError(kind.command + ": --unix replaces --port and --host; give one or the other");
            }
            return new Server(kind, null, 0, compression, async, credentials, required(kind.command, options, "--unix"), false,
                    cert, key);
        }
        String port = required(kind.command, options, "--port");
        String host = options.containsKey("--host") ? required(kind.command, options, "--host") : DEFAULT_HOST;
        return new Server(kind, host, parsePort(kind, port), compression, async, credentials, cert, key);
    }

    /**
     * Takes the repeatable {@code --basic-auth USER:PASSWORD} (or {@code --basic-auth=USER:PASSWORD})
     * out of {@code args}, putting the other arguments in {@code rest}.
     */
    private static Map<String, String> basicAuth(String command, List<String> args, List<String> rest) throws UsageError {
        Map<String, String> credentials = new java.util.LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String value;
            if (arg.equals("--basic-auth")) {
                if (i + 1 >= args.size()) {
                    throw new UsageError(command + ": --basic-auth needs a value");
                }
                value = args.get(++i);
            } else if (arg.startsWith("--basic-auth=")) {
                value = arg.substring("--basic-auth=".length());
            } else {
                rest.add(arg);
                continue;
            }
            int colon = value.indexOf(':');
            if (colon <= 0) {
                throw new UsageError(command + ": --basic-auth takes USER:PASSWORD with a non-empty user, got \""
                        + (colon < 0 ? value : value.substring(0, colon) + ":***") + "\"");
            }
            if (credentials.putIfAbsent(value.substring(0, colon), value.substring(colon + 1)) != null) {
                throw new UsageError(command + ": --basic-auth gives user \"" + value.substring(0, colon) + "\" twice");
            }
        }
        return credentials;
    }

    private static Invocation parseAutobahn(List<String> args) throws UsageError {
        String command = "autobahn-client";
        Map<String, String> options = options(command, args, List.of("--uri", "--agent"), List.of());
        if (options == null) {
            return new Help(AUTOBAHN_USAGE.formatted(PROGRAM));
        }
        String uri = required(command, options, "--uri");
        if (!uri.startsWith("ws://")) {
            throw new UsageError(command + ": --uri must be a ws:// URI, got \"" + uri + "\"");
        }
        return new Autobahn(uri, required(command, options, "--agent"));
    }

    /**
     * The {@code --name value} and {@code --name=value} options of one command and its flags
     * (mapped to an empty value), each at most once; null when {@code --help} is among them.
     */
    private static Map<String, String> options(String command, List<String> args, List<String> names,
                                               List<String> flags) throws UsageError {
        Map<String, String> options = new java.util.HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--help") || arg.equals("-h")) {
                return null;
            }
            String name = arg;
            String value = null;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                name = arg.substring(0, equals);
                value = arg.substring(equals + 1);
            }
            if (flags.contains(arg)) {
                if (options.putIfAbsent(arg, "") != null) {
                    throw new UsageError(command + ": " + arg + " given twice");
                }
                continue;
            }
            if (flags.contains(name)) {
                throw new UsageError(command + ": " + name + " takes no value");
            }
            if (!names.contains(name)) {
                throw new UsageError(arg.startsWith("-")
                        ? command + ": unknown option " + name
                        : command + ": unexpected argument " + arg);
            }
            if (value == null) {
                if (i + 1 >= args.size()) {
                    throw new UsageError(command + ": " + name + " needs a value");
                }
                value = args.get(++i);
            }
            if (options.putIfAbsent(name, value) != null) {
                throw new UsageError(command + ": " + name + " given twice");
            }
        }
        return options;
    }

    private static String required(String command, Map<String, String> options, String name) throws UsageError {
        String value = options.get(name);
        if (value == null) {
            throw new UsageError(command + ": " + name + " is required");
        }
        if (value.isEmpty() && !name.equals("--port")) { // an empty port is reported as an invalid port
            throw new UsageError(command + ": " + name + " must not be empty");
        }
        return value;
    }

    private static int parsePort(Kind kind, String value) throws UsageError {
        int port;
        try {
            port = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new UsageError(kind.command + ": invalid port \"" + value + "\" (expected 0-65535)");
        }
        if (port < 0 || port > 65535) {
            throw new UsageError(kind.command + ": invalid port " + port + " (expected 0-65535)");
        }
        return port;
    }

    /** Starts the server {@code invocation} asks for and returns it running. */
    static WebSocketServer start(Server invocation) throws java.io.IOException {
        return switch (invocation.kind()) {
            case ECHO -> {
                ServerOptions options = options(invocation).maxSize(16L << 20).processRequest(invocation.basicAuth()).build();
                if (invocation.async()) {
                    AsyncConnectionHandler echo = ws -> ws.forEachAsync(ws::sendAsync);
                    yield invocation.listen().serveAsync(echo, options);
                }
                yield invocation.listen().serve(ws -> {
                    for (Message message : ws) { // ends when the client closes with 1000 or 1001
                        ws.send(message);
                    }
                }, options);
            }
            case BROADCAST -> {
                CompletableFuture<WebSocketServer> self = new CompletableFuture<>();
                ServerOptions options = options(invocation).processRequest(invocation.basicAuth()).build();
                WebSocketServer server;
                if (invocation.async()) {
                    AsyncConnectionHandler relay = ws -> ws.forEachAsync(message -> {
                        broadcast(self.join(), message);
                        return null;
                    });
                    server = invocation.listen().serveAsync(relay, options);
                } else {
                    server = invocation.listen().serve(ws -> {
                        WebSocketServer hub = self.join();
                        for (Message message : ws) {
                            broadcast(hub, message);
                        }
                    }, options);
                }
                self.complete(server);
                yield server;
            }
            case CHAT -> ChatServer.start(invocation.listen(), options(invocation), invocation.async(),
                    invocation.basicAuth());
        };
    }

    private static void broadcast(WebSocketServer hub, Message message) {
        switch (message) {
            case Message.Text text -> WebSocketServer.broadcast(hub.connections(), text.text());
            case Message.Binary binary -> WebSocketServer.broadcast(hub.connections(), binary.data());
        }
    }

    /** The options every server shares: the library's defaults, compression and TLS as asked. */
    private static ServerOptions.Builder options(Server invocation) throws java.io.IOException {
        ServerOptions.Builder builder = ServerOptions.builder()
                .compression(invocation.compression() ? Compression.DEFLATE : Compression.NONE);
        if (invocation.secure()) {
            try {
                builder.ssl(PemKeys.serverContext(java.nio.file.Path.of(invocation.cert()), java.nio.file.Path.of(invocation.key())));
            } catch (java.security.GeneralSecurityException e) {
                throw new java.io.IOException("cannot use --cert " + invocation.cert() + " --key " + invocation.key() + ": "
                        + e.getMessage(), e);
            }
        }
        return builder;
    }
}
