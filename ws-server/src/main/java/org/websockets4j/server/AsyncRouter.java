package org.websockets4j.server;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.websockets4j.http.Headers;
import org.websockets4j.protocol.WebSocket;

/**
 * {@link Router} for {@link WebSocketServer#serveAsync}: routes connections by path to
 * {@link AsyncRouteHandler}s, with the same patterns, order and 404 during the handshake.
 *
 * <pre>{@code
 * AsyncRouter router = AsyncRouter.builder()
 *         .route("/echo/{id}", (ws, params) -> ws.forEachAsync(ws::sendAsync))
 *         .build();
 * WebSocketServer server = WebSocketServer.serveAsync(router, "127.0.0.1", 8765);
 * }</pre>
 *
 * <p>Immutable and thread-safe when its handlers are.
 */
public final class AsyncRouter implements AsyncConnectionHandler, RequestProcessor {
    private final RouteTable<AsyncRouteHandler> table;

    private AsyncRouter(RouteTable<AsyncRouteHandler> table) {
        this.table = table;
    }

    /**
     * A builder with no route.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts the handler of the first route matching the connection's path.
     *
     * @param webSocket the open connection
     * @return the route handler's stage; a failed one when no route matches (only when called by
     *         something other than a server that ran {@link #process} during the handshake)
     */
    @Override
    public CompletionStage<?> handle(WebSocket webSocket) {
        RouteTable.Match<AsyncRouteHandler> match = table.match(webSocket.path());
        if (match == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("no route matches " + webSocket.path()));
        }
        return match.handler().handle(webSocket, match.params());
    }

    /**
     * The handshake's check: null when a route matches {@code path}, else the 404 answer.
     *
     * @param path           the request's path and query
     * @param requestHeaders the request's headers (not used)
     * @return null to go on with the handshake, or the not-found response
     */
    @Override
    public HttpResponse process(String path, Headers requestHeaders) {
        return table.check(path);
    }

    /**
     * The values the matching route's pattern takes from {@code webSocket}'s path, computed again
     * from {@link WebSocket#path()}.
     *
     * @param webSocket a connection of a server this router serves
     * @return the parameters, empty when the route has none
     * @throws IllegalArgumentException when no route matches its path
     */
    public PathParameters params(WebSocket webSocket) {
        RouteTable.Match<AsyncRouteHandler> match = table.match(webSocket.path());
        if (match == null) {
            throw new IllegalArgumentException("no route matches " + webSocket.path());
        }
        return match.params();
    }

    /**
     * The patterns, in the order they are tried.
     *
     * @return the patterns as given, unmodifiable
     */
    public List<String> patterns() {
        return table.patterns();
    }

    @Override
    public String toString() {
        return "AsyncRouter" + patterns();
    }

    /** Collects routes for an {@link AsyncRouter}; not thread-safe. */
    public static final class Builder {
        private final RouteTable.Collector<AsyncRouteHandler> routes = new RouteTable.Collector<>();

        private Builder() {
        }

        /**
         * Adds a route, tried after those added before it.
         *
         * @param pattern the path pattern, as for {@link Router.Builder#route(String, RouteHandler)}
         * @param handler what serves the connections whose path matches
         * @return this builder
         * @throws IllegalArgumentException when the pattern is malformed or already added
         * @throws NullPointerException     when an argument is null
         */
        public Builder route(String pattern, AsyncRouteHandler handler) {
            routes.add(pattern, handler);
            return this;
        }

        /**
         * Adds a route whose handler does not need the parameters.
         *
         * @param pattern the path pattern
         * @param handler what serves the connections whose path matches
         * @return this builder
         * @throws IllegalArgumentException when the pattern is malformed or already added
         * @throws NullPointerException     when an argument is null
         */
        public Builder route(String pattern, AsyncConnectionHandler handler) {
            Objects.requireNonNull(handler, "handler");
            routes.add(pattern, (ws, params) -> handler.handle(ws));
            return this;
        }

        /**
         * Sets the answer to a path no route matches; by default {@code 404} with the body
         * {@code Not Found}.
         *
         * @param response the response to send instead of the handshake
         * @return this builder
         * @throws NullPointerException when {@code response} is null
         */
        public Builder notFound(HttpResponse response) {
            routes.notFound(response);
            return this;
        }

        /**
         * The router.
         *
         * @return a new immutable router
         * @throws IllegalStateException when no route was added
         */
        public AsyncRouter build() {
            return new AsyncRouter(routes.build());
        }
    }
}
