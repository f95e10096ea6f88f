package org.websockets4j.server;

import java.util.List;

/**
 * Picks the subprotocol of a connection among those the client offered (Python websockets'
 * {@code select_subprotocol}).
 *
 * <p>The handshake calls it only when the client offered at least one subprotocol and the server
 * has at least one in {@link ServerOptions#subprotocols()}, as Python websockets does; otherwise
 * the connection has no subprotocol.
 *
 * <p>The result must be null (no subprotocol: the response has no {@code Sec-WebSocket-Protocol}
 * and the client decides whether to go on) or one of the subprotocols the client offered,
 * compared exactly (RFC 6455 §4.2.2: a client fails a connection whose subprotocol it did not
 * offer). It need not be one of the server's. Any other value is a bug of the server: the
 * handshake answers {@code 500 Internal Server Error}, with an {@link IllegalStateException}
 * naming the value as the cause. What the selector throws is answered as
 * {@link RequestProcessor} describes.
 *
 * <p>Implementations are shared by every connection of a server and must be thread-safe.
 */
@FunctionalInterface
public interface SubprotocolSelector {
    /**
     * The reference's rule: among the subprotocols both sides support, the one with the lowest
     * sum of its index in the client's list and its index in the server's list ("equal value to
     * the priorities of the client and the server"); null when they have none in common. Python
     * leaves a tie to the iteration order of a set; here the one the server lists first wins.
     * Stateless and thread-safe.
     */
    SubprotocolSelector DEFAULT = SubprotocolSelector::preferEqually;

    /**
     * Picks a subprotocol.
     *
     * @param clientSubprotocols what the client offered, in its order of preference (never empty, unmodifiable)
     * @param serverSubprotocols {@link ServerOptions#subprotocols()}, in the server's order of
     *                           preference (never empty, unmodifiable)
     * @return one of {@code clientSubprotocols}, or null for none
     */
    String select(List<String> clientSubprotocols, List<String> serverSubprotocols);

    /**
     * The rule of {@link #DEFAULT}. Indexes are those of first occurrences; names are compared
     * exactly.
     *
     * @param clientSubprotocols what the client offered, in its order of preference
     * @param serverSubprotocols what the server supports, in its order of preference
     * @return the common subprotocol with the lowest sum of indexes, the server's earlier one on a
     *         tie; null when there is none in common
     * @throws NullPointerException when a list is null
     */
    static String preferEqually(List<String> clientSubprotocols, List<String> serverSubprotocols) {
        String best = null;
        int bestScore = Integer.MAX_VALUE;
        for (int serverIndex = 0; serverIndex < serverSubprotocols.size(); serverIndex++) {
            String protocol = serverSubprotocols.get(serverIndex);
            int clientIndex = clientSubprotocols.indexOf(protocol);
            if (clientIndex < 0 || serverSubprotocols.indexOf(protocol) != serverIndex) {
                continue;
            }
            int score = clientIndex + serverIndex;
            if (score < bestScore) { // strictly lower: on a tie the server's earlier one stays
                best = protocol;
                bestScore = score;
            }
        }
        return best;
    }
}
