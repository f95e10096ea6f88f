package org.websockets4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.websockets4j.http.Headers;

/** Router and AsyncRouter without sockets: patterns, order, parameters, the 404 check. */
class RouterTest {
    private static final RouteHandler NOTHING = (ws, params) -> { };

    @Test
    void patternsMatchWholePathsWithoutTheQuery() {
        PathPattern rooms = PathPattern.compile("/rooms/{name}");
        assertEquals(Map.of("name", "kitchen"), rooms.match("/rooms/kitchen").values());
        assertEquals(Map.of("name", "kitchen"), rooms.match("/rooms/kitchen?x=1&y=/z").values());
        assertNull(rooms.match("/rooms/"), "a parameter takes at least one character");
        assertNull(rooms.match("/rooms/a/b"), "one segment only");
        assertNull(rooms.match("/rooms"));
        assertNull(rooms.match("/roomsx/a"));
        assertNull(rooms.match("/x/rooms/a"));

        PathPattern files = PathPattern.compile("/files/{rest:path}");
        assertEquals(Map.of("rest", "a/b/c.txt"), files.match("/files/a/b/c.txt").values());

        PathPattern two = PathPattern.compile("/u/{user}/c/{chat}");
        assertEquals(List.of("user", "chat"), List.copyOf(two.match("/u/ann/c/7").values().keySet()));
        assertEquals(PathParameters.NONE, PathPattern.compile("/").match("/?q"));
        assertNull(PathPattern.compile("/a.b").match("/axb"), "literal text is literal, not a regex");
    }

    @Test
    void valuesArePercentDecodedAsUtf8AndPlusStays() {
        PathPattern rooms = PathPattern.compile("/rooms/{name}");
        assertEquals("caf\u00e9 au+lait/x", rooms.match("/rooms/caf%C3%A9%20au+lait%2Fx").get("name"));
        assertNull(rooms.match("/rooms/%E9"), "not UTF-8: no match, so 404");
        assertNull(rooms.match("/rooms/%4"));
    }

    @Test
    void malformedPatternsAreRefused() {
        for (String bad : List.of("", "rooms", "/a?b", "/{", "/}", "/{}", "/{a-b}", "/{a}/{a}", "/{a:int}")) {
            assertThrows(IllegalArgumentException.class, () -> PathPattern.compile(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> Router.builder().route("/a", NOTHING).route("/a", NOTHING));
        assertThrows(IllegalStateException.class, () -> Router.builder().build());
    }

    @Test
    void theFirstMatchingRouteWinsAndAnUnmatchedPathIs404() {
        Router router = Router.builder()
                .route("/rooms/lobby", NOTHING)
                .route("/rooms/{name}", NOTHING)
                .build();
        assertEquals(List.of("/rooms/lobby", "/rooms/{name}"), router.patterns());
        assertNull(router.process("/rooms/lobby", new Headers()));
        assertNull(router.process("/rooms/x?y", new Headers()));
        HttpResponse notFound = router.process("/nope", new Headers());
        assertEquals(404, notFound.status());
        assertEquals("Not Found\n", new String(notFound.body(), java.nio.charset.StandardCharsets.UTF_8));

        Router custom = Router.builder().route("/", NOTHING).notFound(HttpResponse.text(404, "no such room\n")).build();
        assertEquals("no such room\n", new String(custom.process("/x", new Headers()).body(), java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void parametersSayWhichIsMissing() {
        PathParameters params = new PathParameters(Map.of("name", "a"));
        assertEquals("a", params.get("name"));
        assertThrows(NoSuchElementException.class, () -> params.get("other"));
    }

    @Test
    void theAsyncRouterMatchesAlike() {
        AsyncRouter router = AsyncRouter.builder()
                .route("/echo/{id}", (ws, params) -> CompletableFuture.completedFuture(null))
                .build();
        assertNull(router.process("/echo/1", new Headers()));
        assertEquals(404, router.process("/echo", new Headers()).status());
    }
}
