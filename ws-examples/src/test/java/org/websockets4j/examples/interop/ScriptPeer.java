package org.websockets4j.examples.interop;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The peers that run as scripts under {@code src/test/peers}: each has a client and an echo
 * server speaking the same command line (see the scripts' headers).
 */
enum ScriptPeer {
    /** Python websockets, Debian's python3-websockets. */
    PYTHON("Python websockets (Debian package python3-websockets)", "python/client.py", "python/server.py") {
        @Override
        Optional<Launcher> find() {
            return Peers.python().map(python -> new Launcher(List.of(python), Map.of()));
        }
    },
    /** The npm package ws on Node. */
    NODE("Node with the npm package ws", "node/client.js", "node/server.js") {
        @Override
        Optional<Launcher> find() {
            return Peers.nodeModules().map(modules -> new Launcher(List.of("node"), Map.of("NODE_PATH", modules.toString())));
        }
    };

    /** How to start one of the peer's scripts: the interpreter and its environment. */
    record Launcher(List<String> interpreter, Map<String, String> environment) {
    }

    final String description;
    private final String clientScript;
    private final String serverScript;

    ScriptPeer(String description, String clientScript, String serverScript) {
        this.description = description;
        this.clientScript = clientScript;
        this.serverScript = serverScript;
    }

    /** The interpreter, when the peer is installed. */
    abstract Optional<Launcher> find();

    /** Starts the peer's client against {@code uri} (skips or, in CI, fails when it is not installed). */
    PeerProcess startClient(String uri, List<String> args) throws Exception {
        return startClient(uri, args, Map.of());
    }

    /** {@link #startClient(String, List)} with extra environment variables (WS_CAFILE for wss://). */
    PeerProcess startClient(String uri, List<String> args, Map<String, String> environment) throws Exception {
        List<String> rest = new ArrayList<>(List.of(uri, Scenario.SIZES_ARGUMENT));
        rest.addAll(args);
        return start("client", clientScript, rest, environment);
    }

    /** Starts the peer's echo server on an ephemeral port (skips or, in CI, fails when it is not installed). */
    PeerProcess startServer(List<String> args) throws Exception {
        return startServer(args, Map.of());
    }

    /** {@link #startServer(List)} with extra environment variables (WS_CERT and WS_KEY for wss://). */
    PeerProcess startServer(List<String> args, Map<String, String> environment) throws Exception {
        return start("server", serverScript, args, environment);
    }

    private PeerProcess start(String role, String script, List<String> args, Map<String, String> extra) throws Exception {
        Launcher launcher = Peers.require(find(), description);
        List<String> command = new ArrayList<>(launcher.interpreter());
        command.add(Peers.SCRIPTS.resolve(Path.of(script)).toString());
        command.addAll(args);
        Map<String, String> environment = new java.util.HashMap<>(launcher.environment());
        environment.putAll(extra);
        return PeerProcess.start(name().toLowerCase(java.util.Locale.ROOT) + " " + role, command, environment);
    }
}
