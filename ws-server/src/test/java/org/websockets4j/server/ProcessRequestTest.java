package org.websockets4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.websockets4j.http.AbortHandshake;
import org.websockets4j.http.Headers;
import org.websockets4j.http.InvalidOrigin;
import org.websockets4j.http.Response;

/** The request hook: going on, answering instead (health checks, authentication), failing. */
class ProcessRequestTest {
    private static ServerOptions with(RequestProcessor processor) {
        return ServerOptions.builder().serverHeader("test/1").processRequest(processor).build();
    }

    /** The usual health check: 200 OK on /health, the handshake everywhere else. */
    private static final RequestProcessor HEALTH = (path, headers) ->
            path.equals("/health") ? HttpResponse.text(200, "OK\n") : null;

    @Test
    void returningNullGoesOnWithTheHandshakeAndSeesPathAndHeaders() {
        AtomicReference<String> seenPath = new AtomicReference<>();
        AtomicReference<Headers> seenHeaders = new AtomicReference<>();
        ServerOptions options = with((path, headers) -> {
            seenPath.set(path);
            seenHeaders.set(headers);
            return null;
        });
        HandshakeOutcome.Accepted accepted = Wire.feed(options, Wire.request("/chat?room=1", "X-Token: abc\r\n")).accepted();
        assertEquals("/chat?room=1", seenPath.get());
        assertEquals("abc", seenHeaders.get().get("X-Token"));
        assertEquals(seenHeaders.get(), accepted.requestHeaders());
        assertThrows(UnsupportedOperationException.class, () -> seenHeaders.get().add("X", "y"), "the hook cannot change the request");
    }

    @Test
    void aHealthCheckIsAnsweredEvenWithoutUpgradeHeaders() {
        String probe = """
                GET /health HTTP/1.1\r
                Host: 10.0.0.1:8080\r
                User-Agent: kube-probe/1.29\r
                Accept: */*\r
                Connection: close\r
                \r
                """;
        HandshakeOutcome.Rejected rejected = Wire.feed(with(HEALTH), probe).rejected();
        assertEquals("""
                HTTP/1.1 200 OK\r
                Content-Type: text/plain; charset=utf-8\r
                Date: Sat, 01 Jun 2024 12:34:56 GMT\r
                Server: test/1\r
                Content-Length: 3\r
                Connection: close\r
                \r
                OK
                """, new String(rejected.responseBytes(), StandardCharsets.UTF_8));
        assertEquals(200, rejected.status());
        AbortHandshake cause = assertInstanceOf(AbortHandshake.class, rejected.cause());
        assertEquals(200, cause.status());

        Wire.feed(with(HEALTH), Wire.request("/chat", "")).accepted();
    }

    @Test
    void anAnswerKeepsItsHeadersAndGetsItsFramingFixed() {
        RequestProcessor login = (path, headers) -> headers.contains("Authorization") ? null
                : new HttpResponse(401, Headers.of("WWW-Authenticate", "Basic realm=\"chat\"", "Content-Length", "999",
                        "Connection", "keep-alive", "Content-Type", "text/html", "Server", "mine", "Date", "yesterday"),
                        "<p>Who are you?</p>".getBytes(StandardCharsets.UTF_8));
        Response response = Wire.parse(Wire.feed(with(login), Wire.request("")).rejected().responseBytes());
        assertEquals(401, response.status());
        assertEquals("Unauthorized", response.reason());
        assertEquals(Headers.of("WWW-Authenticate", "Basic realm=\"chat\"", "Content-Length", "19", "Connection", "close",
                "Content-Type", "text/html", "Server", "mine", "Date", "yesterday"), response.headers());
        assertEquals("<p>Who are you?</p>", Wire.text(response));

        Wire.feed(with(login), Wire.request("Authorization: Basic dXNlcjpwYXNz\r\n")).accepted();
    }

    @Test
    void anEmptyAnswerHasNoContentType() {
        Response response = Wire.parse(Wire.feed(with((path, headers) -> HttpResponse.of(404)), Wire.request("")).rejected().responseBytes());
        assertEquals(Headers.of("Date", Wire.DATE, "Server", "test/1", "Content-Length", "0", "Connection", "close"), response.headers());
        assertEquals("Not Found", response.reason());
    }

    @Test
    void noContentHasNoContentLength() {
        Response response = Wire.parse(Wire.feed(with((path, headers) -> HttpResponse.of(204)), Wire.request("")).rejected().responseBytes());
        assertEquals(Headers.of("Date", Wire.DATE, "Server", "test/1", "Connection", "close"), response.headers());
    }

    @Test
    void anUnknownStatusHasAnEmptyReason() {
        Response response = Wire.parse(Wire.feed(with((path, headers) -> HttpResponse.of(299)), Wire.request("")).rejected().responseBytes());
        assertEquals(299, response.status());
        assertEquals("", response.reason());
    }

    @Test
    void aHookThatThrowsGets500AndTheCauseIsKept() {
        IllegalStateException bug = new IllegalStateException("database down");
        HandshakeOutcome.Rejected rejected = Wire.feed(with((path, headers) -> {
            throw bug;
        }), Wire.request("")).rejected();
        assertEquals(500, rejected.status());
        assertSame(bug, rejected.cause());
        Response response = Wire.parse(rejected.responseBytes());
        assertEquals("Internal Server Error", response.reason());
        assertEquals("Failed to open a WebSocket connection.\nSee server log for more information.\n", Wire.text(response));
        assertFalse(Wire.text(response).contains("database"), "a server error is not described to the client");
        assertEquals("close", response.headers().get("Connection"));
    }

    @Test
    void aHookThatBuildsAnInvalidResponseGets500() {
        HandshakeOutcome.Rejected rejected = Wire.feed(with((path, headers) -> HttpResponse.of(101)), Wire.request("")).rejected();
        assertEquals(500, rejected.status());
        assertInstanceOf(IllegalArgumentException.class, rejected.cause());
    }

    @Test
    void aHookMayAbortWithAnAbortHandshake() {
        HandshakeOutcome.Rejected rejected = Wire.feed(with((path, headers) -> {
            throw new AbortHandshake(302, Headers.of("Location", "/elsewhere"), new byte[0]);
        }), Wire.request("")).rejected();
        Response response = Wire.parse(rejected.responseBytes());
        assertEquals(302, response.status());
        assertEquals("/elsewhere", response.headers().get("Location"));
    }

    @Test
    void anAbortThatCannotBeSentGets500() {
        HandshakeOutcome.Rejected rejected = Wire.feed(with((path, headers) -> {
            throw new AbortHandshake(100, new Headers(), new byte[0]);
        }), Wire.request("")).rejected();
        assertEquals(500, rejected.status());
        IllegalArgumentException cause = assertInstanceOf(IllegalArgumentException.class, rejected.cause());
        assertInstanceOf(AbortHandshake.class, cause.getSuppressed()[0]);
    }

    @Test
    void aHookThatThrowsAHandshakeErrorGetsTheAnswerOfItsType() {
        HandshakeOutcome.Rejected rejected = Wire.feed(with((path, headers) -> {
            throw new InvalidOrigin("https://evil.example");
        }), Wire.request("")).rejected();
        assertEquals(403, rejected.status());
        assertTrue(Wire.text(Wire.parse(rejected.responseBytes())).contains("https://evil.example"));
    }

    @Test
    void anErrorIsNotCaught() {
        ServerOptions options = with((path, headers) -> {
            throw new AssertionError("boom");
        });
        assertThrows(AssertionError.class, () -> Wire.feed(options, Wire.request("")));
    }

    @Test
    void theHookRunsBeforeTheRequestIsChecked() {
        String wrongVersion = Wire.request("/health", "").replace("Version: 13", "Version: 8");
        assertEquals(200, Wire.feed(with(HEALTH), wrongVersion).rejected().status());
        assertEquals(426, Wire.feed(with(HEALTH), wrongVersion.replace("/health", "/")).rejected().status());
    }
}
