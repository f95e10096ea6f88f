package org.websockets4j.client.cli;

import java.util.ArrayList;
import java.util.List;
import org.websockets4j.client.ClientOptions;
import org.websockets4j.extensions.Compression;
import org.websockets4j.http.WebSocketUri;

/**
 * The parsed command line of the interactive client. Immutable.
 *
 * @param uri           the WebSocket URI, as given; null only with {@code help}
 * @param headers       the {@code --header} values, each {@code {name, value}}, in order
 * @param subprotocols  the {@code --subprotocol} values, in order of preference
 * @param noCompression whether {@code --no-compression} was given
 * @param help          whether {@code --help} was given (everything else is then ignored)
 * @param unix          the {@code --unix} socket file to connect to instead of the URI's host and
 *                      port, or null
 */
record CliArguments(String uri, List<String[]> headers, List<String> subprotocols, boolean noCompression, boolean help,
                    String unix) {

    /** Creates the record, copying the lists. */
    CliArguments {
        headers = List.copyOf(headers);
        subprotocols = List.copyOf(subprotocols);
    }

    /** A usage error: its one-line message goes to stderr and the program exits 2. */
    static final class UsageError extends Exception {
        private static final long serialVersionUID = 1L;

        UsageError(String message) {
            super(message);
        }
    }

    /**
     * Parses {@code [options] <uri>}; options may come before or after the URI, as
     * {@code --name value} or {@code --name=value}; {@code --} ends the options.
     *
     * @throws UsageError on an unknown option, a missing value, a header without a colon or an
     *                    empty name, no URI or more than one
     */
    static CliArguments parse(String... args) throws UsageError {
        String uri = null;
        List<String[]> headers = new ArrayList<>();
        List<String> subprotocols = new ArrayList<>();
        boolean noCompression = false;
        boolean optionsEnded = false;
        String unix = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (optionsEnded || !arg.startsWith("-") || arg.equals("-")) {
                if (uri != null) {
                    throw new UsageError("unexpected argument " + WebSocketUri.redact(arg) + ": give one URI");
                }
                uri = arg;
                continue;
            }
            String name = arg;
            String value = null;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                name = arg.substring(0, equals);
                value = arg.substring(equals + 1);
            }
            switch (name) {
                case "--" -> optionsEnded = true;
                case "--help", "-h" -> {
                    return new CliArguments(null, List.of(), List.of(), false, true, null);
                }
                case "--no-compression" -> {
                    if (value != null) {
                        throw new UsageError("--no-compression takes no value");
                    }
                    noCompression = true;
                }
                case "--unix" -> {
                    if (value == null) {
                        if (i + 1 == args.length) {
                            throw new UsageError("--unix needs a value");
                        }
                        value = args[++i];
                    }
                    if (unix != null) {
                        throw new UsageError("--unix given twice");
                    }
                    if (value.isEmpty()) {
                        throw new UsageError("--unix must not be empty");
                    }
                    unix = value;
                }
                case "--header", "--subprotocol" -> {
                    if (value == null) {
                        if (i + 1 == args.length) {
                            throw new UsageError(name + " needs a value");
                        }
                        value = args[++i];
                    }
                    if (name.equals("--header")) {
                        headers.add(header(value));
                    } else {
                        subprotocols.add(value);
                    }
                }
                default -> throw new UsageError("unknown option " + name);
            }
        }
        if (uri == null) {
            throw new UsageError("no URI given, e.g. ws://localhost:8765/");
        }
        return new CliArguments(uri, headers, subprotocols, noCompression, false, unix);
    }

    private static String[] header(String value) throws UsageError {
        int colon = value.indexOf(':');
        if (colon < 0) {
            throw new UsageError("--header wants \"Name: value\", got \"" + value + "\"");
        }
        String name = value.substring(0, colon).strip();
        if (name.isEmpty()) {
            throw new UsageError("--header has an empty name: \"" + value + "\"");
        }
        return new String[] {name, value.substring(colon + 1).strip()};
    }

    /**
     * The client options these arguments ask for, on top of the defaults.
     *
     * @throws UsageError when a header or subprotocol is invalid or a header is one the handshake
     *                    sets itself (the message says which)
     */
    ClientOptions toOptions() throws UsageError {
        ClientOptions.Builder builder = ClientOptions.builder();
        try {
            for (String[] header : headers) {
                builder.addHeader(header[0], header[1]);
            }
            builder.subprotocols(subprotocols);
            if (noCompression) {
                builder.compression(Compression.NONE); // Python's compression=None
            }
            if (unix != null) {
                builder.socketAddress(java.net.UnixDomainSocketAddress.of(unix));
            }
            return builder.build();
        } catch (IllegalArgumentException e) { // InvalidPathException too
            throw new UsageError(e.getMessage());
        }
    }
}
