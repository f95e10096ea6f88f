package org.websockets4j.server;

import java.util.List;
import java.util.Objects;
import org.websockets4j.http.Headers;
import org.websockets4j.protocol.WebSocket;

/**
 * Routes connections by path to handlers (websockets 14's {@code route}): pass it to
 * {@link WebSocketServer#serve(ConnectionHandler, String, int, ServerOptions)} where a handler
 * goes.
 *
 * <pre>{@code
 * Router router = Router.builder()
 *         .route("/rooms/{name}", (ws, params) -> chat(ws, params.get("name")))
 *         .route("/health", (ws, params) -> ws.send("ok"))
 *         .build();
 * WebSocketServer server = WebSocketServer.serve(router, "127.0.0.1", 8765);
 * }</pre>
 *
 * <p><b>Patterns.</b> Literal text, {@code {name}} for one path segment (at least one character,
 * no {@code /}) and {@code {name:path}} for the rest of the path, {@code /} included. A pattern
 * matches the whole path, without the query; values are percent-decoded (UTF-8). Routes are tried
 * in the order added and the first match wins.
 *
 * <p><b>No match: 404, before the handshake completes.</b> A router is also a
 * {@link RequestProcessor}: the server runs it during the opening handshake, after
 * {@link ServerOptions#processRequest()} when that one let the request through, and a path no
 * route matches is answered {@code 404 Not Found} (or {@link Builder#notFound(HttpResponse)})
 * instead of {@code 101}. A plain HTTP request to such a path gets the 404 too, as in websockets.
 *
 * <p>Immutable and thread-safe when its handlers are; the parameters are computed again from
 * {@link WebSocket#path()} when the handler runs, so nothing is kept per connection.
 */
public final class Router implements ConnectionHandler, RequestProcessor {
    private final RouteTable<RouteHandler> table;

    private Router(RouteTable<RouteHandler> table) {
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
     * Runs the handler of the first route matching the connection's path.
     *
     * @param webSocket the open connection
     * @throws Exception what the route's handler throws
     * @throws IllegalStateException when no route matches, which only happens when the router
     *                               is called by something other than a server that ran its
     *                               {@link #process} during the handshake
     */
    @Override
    public void handle(WebSocket webSocket) throws Exception {
        RouteTable.Match<RouteHandler> match = table.match(webSocket.path());
        if (match == null) {
            throw new IllegalStateException("no route matches " + webSocket.path());
        }
        match.handler().handle(webSocket, match.params());
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
     * from {@link WebSocket#path()} (for code that did not keep the handler's argument).
     *
     * @param webSocket a connection of a server this router serves
     * @return the parameters, empty when the route has none
     * @throws IllegalArgumentException when no route matches its path
     */
    public PathParameters params(WebSocket webSocket) {
        RouteTable.Match<RouteHandler> match = table.match(webSocket.path());
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
        return "Router" + patterns();
    }

    /** Collects routes for a {@link Router}; not thread-safe. */
    public static final class Builder {
        private final RouteTable.Collector<RouteHandler> routes = new RouteTable.Collector<>();

        private Builder() {
        }

        /**
         * Adds a route, tried after those added before it.
         *
         * @param pattern the path pattern: starts with {@code /}; {@code {name}} and
         *                {@code {name:path}} for parameters
         * @param handler what serves the connections whose path matches
         * @return this builder
         * @throws IllegalArgumentException when the pattern is malformed or already added
         * @throws NullPointerException     when an argument is null
         */
        public Builder route(String pattern, RouteHandler handler) {
            routes.add(pattern, handler);
            return this;
        }

        /**
         * Adds a route whose handler does not need the parameters.
         *
         * @param pattern the path pattern, as for {@link #route(String, RouteHandler)}
         * @param handler what serves the connections whose path matches
         * @return this builder
         * @throws IllegalArgumentException when the pattern is malformed or already added
         * @throws NullPointerException     when an argument is null
         */
        public Builder route(String pattern, ConnectionHandler handler) {
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
        public Router build() {
            return new Router(routes.build());
        }
    }
}
