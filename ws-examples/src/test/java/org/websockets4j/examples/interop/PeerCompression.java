package org.websockets4j.examples.interop;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

/**
 * The permessage-deflate settings a cell of the matrix runs with, as the peer scripts take them on
 * their command line (see {@code src/test/peers/*}/scenario), and what the negotiated
 * {@code Sec-WebSocket-Extensions} response must then hold. Our side always runs at its defaults
 * (compression on, as in Python).
 *
 * <p>The small-window cells make each side compress with the smallest window it can: zlib (under
 * both Python and Node) refuses to compress raw deflate with an 8-bit window, so the peers
 * compress with 9 bits while we are asked for 8.
 */
enum PeerCompression {
    /** The peer offers or accepts no extension: messages travel uncompressed. */
    NONE(List.of(), List.of(), List.of(), List.of()),
    /** The peer's own defaults (a Python server asks clients for client_max_window_bits=12). */
    DEFAULTS(List.of("--compression=deflate"), List.of("permessage-deflate"),
            List.of("--compression=deflate"), List.of("permessage-deflate")),
    /** The smallest windows: we compress with 8 bits, the peer with 9. */
    SMALL_WINDOWS(
            List.of("--deflate=server_max_window_bits=8,client_max_window_bits=9"),
            List.of("permessage-deflate", "server_max_window_bits=8", "client_max_window_bits=9"),
            List.of("--deflate=server_max_window_bits=9,client_max_window_bits=8"),
            List.of("permessage-deflate", "server_max_window_bits=9", "client_max_window_bits=8")),
    /** No context takeover either way: every message compressed on its own. */
    NO_CONTEXT_TAKEOVER(
            List.of("--deflate=server_no_context_takeover,client_no_context_takeover"),
            List.of("permessage-deflate", "server_no_context_takeover", "client_no_context_takeover"),
            List.of("--deflate=server_no_context_takeover,client_no_context_takeover"),
            List.of("permessage-deflate", "server_no_context_takeover", "client_no_context_takeover"));

    /** The peer client's arguments when our server is tested. */
    final List<String> clientArgs;
    private final List<String> expectedWithPeerClient;
    /** The peer server's arguments when our client is tested. */
    final List<String> serverArgs;
    private final List<String> expectedWithPeerServer;

    PeerCompression(List<String> clientArgs, List<String> expectedWithPeerClient,
                    List<String> serverArgs, List<String> expectedWithPeerServer) {
        this.clientArgs = clientArgs;
        this.expectedWithPeerClient = expectedWithPeerClient;
        this.serverArgs = serverArgs;
        this.expectedWithPeerServer = expectedWithPeerServer;
    }

    /** Checks the extensions our server answered to a peer client. */
    void checkWithPeerClient(String negotiated) {
        check(negotiated, expectedWithPeerClient);
    }

    /** Checks the extensions a peer server answered to our client. */
    void checkWithPeerServer(String negotiated) {
        check(negotiated, expectedWithPeerServer);
    }

    private void check(String negotiated, List<String> expected) {
        if (expected.isEmpty()) {
            assertNull(negotiated, this + ": no extension expected");
            return;
        }
        assertTrue(negotiated != null, this + ": permessage-deflate expected, none negotiated");
        for (String part : expected) {
            assertTrue(negotiated.contains(part), this + ": expected " + part + " in " + negotiated);
        }
    }
}
