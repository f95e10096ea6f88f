package org.websockets4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.websockets4j.http.AbortHandshake;
import org.websockets4j.http.Headers;
import org.websockets4j.http.InvalidUpgrade;
import org.websockets4j.http.Response;
import org.websockets4j.protocol.AttributeKey;

/** processResponse: it sees every response of a request that was read, and may change or replace it. */
class ProcessResponseTest {
    private static ServerOptions with(ResponseProcessor hook) {
        return ServerOptions.builder().serverHeader("test/1").processResponse(hook).build();
    }

    private static Response withHeader(Response response, String name, String value) {
        return new Response(response.status(), response.reason(), response.headers().copy().add(name, value), response.body());
    }

    @Test
    void itMayAddHeadersToThe101AndTheOutcomeReportsThem() {
        List<Response> seen = new ArrayList<>();
        ServerOptions options = with((context, response) -> {
            seen.add(response);
            return withHeader(response, "X-Connection-Id", context.id().toString());
        });
        ServerHandshake handshake = Wire.handshake(options);
        HandshakeOutcome.Accepted accepted = Wire.feed(handshake, Wire.request("").getBytes(StandardCharsets.ISO_8859_1)).accepted();
        assertEquals(101, seen.get(0).status());
        assertEquals(Wire.DATE, seen.get(0).headers().get("Date"), "the hook sees the complete response");
        assertEquals("test/1", seen.get(0).headers().get("Server"));
        String id = handshake.context().id().toString();
        assertEquals(id, accepted.responseHeaders().get("X-Connection-Id"));
        Response sent = Wire.parse(accepted.responseBytes());
        assertEquals(101, sent.status());
        assertEquals(id, sent.headers().get("X-Connection-Id"));
    }

    @Test
    void returningNullOrTheSameResponseSendsItUnchanged() {
        byte[] plain = Wire.feed(ServerOptions.builder().serverHeader("test/1").build(), Wire.request("")).accepted().responseBytes();
        assertEquals(new String(plain, StandardCharsets.ISO_8859_1), new String(
                Wire.feed(with((context, response) -> null), Wire.request("")).accepted().responseBytes(), StandardCharsets.ISO_8859_1));
        assertEquals(new String(plain, StandardCharsets.ISO_8859_1), new String(
                Wire.feed(with((context, response) -> response), Wire.request("")).accepted().responseBytes(), StandardCharsets.ISO_8859_1));
    }

    @Test
    void itSeesARefusalAndMayReplaceItWithItsFramingFixed() {
        List<Integer> seen = new ArrayList<>();
        ServerOptions options = with((context, response) -> {
            seen.add(response.status());
            return new Response(418, "Teapot", Headers.of("Content-Length", "1", "Connection", "keep-alive"),
                    "short and stout".getBytes(StandardCharsets.UTF_8));
        });
        HandshakeOutcome.Rejected rejected = Wire.feed(options, Wire.request("").replace("Upgrade: websocket\r\n", "")).rejected();
        assertEquals(List.of(426), seen);
        assertEquals(418, rejected.status());
        assertInstanceOf(InvalidUpgrade.class, rejected.cause(), "the refusal's cause is kept");
        Response sent = Wire.parse(rejected.responseBytes());
        assertEquals("Teapot", sent.reason());
        assertEquals("15", sent.headers().get("Content-Length"));
        assertEquals("close", sent.headers().get("Connection"));
        assertEquals("short and stout", Wire.text(sent));
    }

    @Test
    void itSeesTheAnswerOfProcessRequestAndTheAttributesStoredThere() {
        AttributeKey<String> note = AttributeKey.of("note", String.class);
        List<String> seen = new ArrayList<>();
        ServerOptions options = ServerOptions.builder()
                .processRequest(context -> {
                    context.setAttribute(note, "from the request hook");
                    return HttpResponse.text(200, "OK\n");
                })
                .processResponse((context, response) -> {
                    seen.add(response.status() + " " + context.attribute(note));
                    return null;
                })
                .build();
        assertEquals(200, Wire.feed(options, Wire.request("")).rejected().status());
        assertEquals(List.of("200 from the request hook"), seen);
    }

    @Test
    void turningThe101IntoARefusalRefusesOnPurpose() {
        HandshakeOutcome.Rejected rejected = Wire.feed(with((context, response) ->
                new Response(403, "Forbidden", new Headers())), Wire.request("")).rejected();
        assertEquals(403, rejected.status());
        AbortHandshake cause = assertInstanceOf(AbortHandshake.class, rejected.cause());
        assertEquals(403, cause.status());
        assertEquals("0", Wire.parse(rejected.responseBytes()).headers().get("Content-Length"));
    }

    @Test
    void changingANegotiatedHeaderIsAServerBug() {
        HandshakeOutcome.Rejected rejected = Wire.feed(with((context, response) -> new Response(101, "Switching Protocols",
                response.headers().copy().set("Sec-WebSocket-Accept", "forged"))), Wire.request("")).rejected();
        assertEquals(500, rejected.status());
        assertTrue(rejected.cause().getMessage().contains("Sec-WebSocket-Accept"), rejected.cause().getMessage());
    }

    @Test
    void aSwitchInPlaceOfARefusalIsAServerBug() {
        HandshakeOutcome.Rejected rejected = Wire.feed(with((context, response) -> new Response(101, "Switching Protocols",
                new Headers())), Wire.request("").replace("Upgrade: websocket\r\n", "")).rejected();
        assertEquals(500, rejected.status());
        assertInstanceOf(IllegalStateException.class, rejected.cause());
    }

    @Test
    void anotherInterimStatusOrATransferEncodingIsAServerBug() {
        assertEquals(500, Wire.feed(with((context, response) -> new Response(103, "Early Hints", new Headers())),
                Wire.request("")).rejected().status());
        assertEquals(500, Wire.feed(with((context, response) -> new Response(200, "OK", Headers.of("Transfer-Encoding", "chunked"))),
                Wire.request("")).rejected().status());
    }

    @Test
    void aHookThatThrowsGets500AndRunsOnlyOnce() {
        AtomicInteger calls = new AtomicInteger();
        IllegalStateException bug = new IllegalStateException("bug");
        HandshakeOutcome.Rejected rejected = Wire.feed(with((context, response) -> {
            calls.incrementAndGet();
            throw bug;
        }), Wire.request("")).rejected();
        assertEquals(500, rejected.status());
        assertSame(bug, rejected.cause());
        assertEquals(1, calls.get());
    }

    @Test
    void anAbortHandshakeSendsItsResponse() {
        HandshakeOutcome.Rejected rejected = Wire.feed(with((context, response) -> {
            throw new AbortHandshake(401, Headers.of("WWW-Authenticate", "Bearer"), new byte[0]);
        }), Wire.request("")).rejected();
        assertEquals(401, rejected.status());
        assertEquals("Bearer", Wire.parse(rejected.responseBytes()).headers().get("WWW-Authenticate"));
    }

    @Test
    void itDoesNotRunOnAnUnreadableRequestNorWhileShuttingDown() {
        AtomicInteger calls = new AtomicInteger();
        ServerOptions options = with((context, response) -> {
            calls.incrementAndGet();
            return null;
        });
        assertEquals(400, Wire.feed(options, "GET / HTTP/1.0\r\n\r\n").rejected().status());
        ServerHandshake closing = Wire.handshake(options);
        closing.shuttingDown();
        assertEquals(503, Wire.feed(closing, Wire.request("").getBytes(StandardCharsets.ISO_8859_1)).rejected().status());
        assertNull(null);
        assertEquals(0, calls.get());
    }

    @Test
    void aServerThatStartsShuttingDownDuringTheHookAnswers503() {
        ServerHandshake[] holder = new ServerHandshake[1];
        holder[0] = Wire.handshake(with((context, response) -> {
            holder[0].shuttingDown();
            return null;
        }));
        assertEquals(503, Wire.feed(holder[0], Wire.request("").getBytes(StandardCharsets.ISO_8859_1)).rejected().status());
    }

    @Test
    void theOptionIsKeptByToBuilderAndShownByToString() {
        ResponseProcessor hook = (context, response) -> null;
        ServerOptions options = with(hook);
        assertSame(hook, options.processResponse());
        assertSame(hook, options.toBuilder().build().processResponse());
        assertNull(ServerOptions.defaults().processResponse());
        assertTrue(options.toString().contains("processResponse=set"));
        assertThrows(NullPointerException.class, () -> RequestProcessor.chain((RequestProcessor[]) null));
    }
}
