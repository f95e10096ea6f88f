package org.websockets4j.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The routes of a router, tried in order; shared by {@link Router} and {@link AsyncRouter}. Immutable once built. */
final class RouteTable<H> {
    /** A route that matched a path, with the values it took. */
    record Match<H>(H handler, PathParameters params) {
    }

    private record Route<H>(PathPattern pattern, H handler) {
    }

    private final List<Route<H>> routes;
    private final HttpResponse notFound;

    private RouteTable(List<Route<H>> routes, HttpResponse notFound) {
        this.routes = List.copyOf(routes);
        this.notFound = notFound;
    }

    /** The first route matching {@code path}, or null. */
    Match<H> match(String path) {
        for (Route<H> route : routes) {
            PathParameters params = route.pattern().match(path);
            if (params != null) {
                return new Match<>(route.handler(), params);
            }
        }
        return null;
    }

    /** The 404 answer for a path no route matches, else null: the handshake goes on. */
    HttpResponse check(String path) {
        return match(path) == null ? notFound : null;
    }

    List<String> patterns() {
        return routes.stream().map(route -> route.pattern().source()).toList();
    }

    /** Collects routes; not thread-safe. */
    static final class Collector<H> {
        private final List<Route<H>> routes = new ArrayList<>();
        private HttpResponse notFound = HttpResponse.text(404, "Not Found\n");

        void add(String pattern, H handler) {
            Objects.requireNonNull(pattern, "pattern");
            Objects.requireNonNull(handler, "handler");
            PathPattern compiled = PathPattern.compile(pattern);
            for (Route<H> route : routes) {
                if (route.pattern().source().equals(pattern)) {
                    throw new IllegalArgumentException("route \"" + pattern + "\" is added twice");
                }
            }
            routes.add(new Route<>(compiled, handler));
        }

        void notFound(HttpResponse response) {
            this.notFound = Objects.requireNonNull(response, "response");
        }

        RouteTable<H> build() {
            if (routes.isEmpty()) {
                throw new IllegalStateException("a router needs at least one route; add one with route(pattern, handler)");
            }
            return new RouteTable<>(routes, notFound);
        }
    }
}
