package org.websockets4j.client.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
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
 * @param proxy         the {@code --proxy} URI, or null (then the environment variables apply)
 * @param noProxy       whether {@code --no-proxy} was given (connect directly)
 * @param help          whether {@code --help} was given (everything else is then ignored)
 * @param cacert        the {@code --cacert} PEM file of the CAs to trust for wss://, or null
 * @param insecure      whether {@code --insecure} was given: no certificate verification
 * @param unix          the {@code --unix} socket file to connect to instead of the URI's host and
 *                      port, or null
 */
record CliArguments(String uri, List<String[]> headers, List<String> subprotocols, boolean noCompression,
                    String proxy, boolean noProxy, boolean help, String cacert, boolean insecure, String unix) {

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
        String proxy = null;
        boolean noProxy = false;
        String cacert = null;
        boolean insecure = false;
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
                    return new CliArguments(null, List.of(), List.of(), false, null, false, true, null, false, null);
                }
                case "--no-compression" -> {
                    if (value != null) {
                        throw new UsageError("--no-compression takes no value");
                    }
                    noCompression = true;
                }
                case "--insecure" -> {
                    if (value != null) {
                        throw new UsageError("--insecure takes no value");
                    }
                    insecure = true;
                }
                case "--no-proxy" -> {
                    if (value != null) {
                        throw new UsageError("--no-proxy takes no value");
                    }
                    noProxy = true;
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
                case "--header", "--subprotocol", "--proxy", "--cacert" -> {
                    if (value == null) {
                        if (i + 1 == args.length) {
                            throw new UsageError(name + " needs a value");
                        }
                        value = args[++i];
                    }
                    if (name.equals("--header")) {
                        headers.add(header(value));
                    } else if (name.equals("--proxy")) {
                        proxy = value;
                    } else if (name.equals("--cacert")) {
                        cacert = value;
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
        if (proxy != null && noProxy) {
            throw new UsageError("give --proxy or --no-proxy, not both");
        }
        if (cacert != null && insecure) {
            throw new UsageError("--cacert and --insecure contradict each other: give one");
        }
        return new CliArguments(uri, headers, subprotocols, noCompression, proxy, noProxy, false, cacert, insecure, unix);
    }

    private static URI proxyUri(String proxy) throws UsageError {
        try {
            return new URI(proxy);
        } catch (URISyntaxException e) {
            throw new UsageError("--proxy: invalid URI " + WebSocketUri.redact(proxy) + ": " + e.getReason());
        }
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
     * @throws UsageError when a header or subprotocol is invalid, a header is one the handshake
     *                    sets itself, the proxy URI is not a usable proxy (the message says which,
     *                    without the proxy's password), {@code --cacert} or {@code --insecure} is
     *                    given for a ws:// URI, or the CA file cannot be read
     */
    ClientOptions toOptions() throws UsageError {
        ClientOptions.Builder builder = ClientOptions.builder();
        if (cacert != null || insecure) {
            if (!uri.regionMatches(true, 0, "wss:", 0, 4)) {
                throw new UsageError((insecure ? "--insecure" : "--cacert") + " applies to wss:// URIs only");
            }
            if (insecure) {
                builder.ssl(CliTls.trustingAnything()).verifyHostname(false);
            } else {
                builder.ssl(CliTls.trusting(Path.of(cacert)));
            }
        }
        try {
            for (String[] header : headers) {
                builder.addHeader(header[0], header[1]);
            }
            builder.subprotocols(subprotocols);
            if (proxy != null) {
                builder.proxy(proxyUri(proxy));
            }
            if (noProxy) {
                builder.noProxy();
            }
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
