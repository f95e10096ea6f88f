package org.websockets4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.websockets4j.http.Headers;
import org.websockets4j.protocol.AttributeKey;

/** The per-connection context the request hooks see: identity, attributes, and chaining hooks. */
class HandshakeContextTest {
    private static final AttributeKey<String> USER = AttributeKey.of("user", String.class);

    @Test
    void aHookStoresAttributesThatTheConnectionKeeps() {
        AtomicReference<UUID> seenId = new AtomicReference<>();
        ServerOptions options = ServerOptions.builder().processRequest(context -> {
            seenId.set(context.id());
            context.setAttribute(USER, context.requestHeaders().get("X-User"));
            return null;
        }).build();
        ServerHandshake handshake = Wire.handshake(options);
        HandshakeOutcome.Accepted accepted = Wire.feed(handshake, Wire.request("/room", "X-User: alice\r\n").getBytes(
                java.nio.charset.StandardCharsets.ISO_8859_1)).accepted();
        assertEquals("/room", accepted.path());
        HandshakeContext context = handshake.context();
        assertEquals("alice", context.attribute(USER));
        assertEquals(seenId.get(), context.id(), "one identity per connection");
        assertSame(context.state(), handshake.state(), "the state the WebSocket will carry");
        assertEquals("alice", handshake.state().attribute(USER));
    }

    @Test
    void theContextHoldsTheRequestAndTheClientsAddress() {
        InetSocketAddress client = new InetSocketAddress("127.0.0.1", 50312);
        AtomicReference<HandshakeContext> seen = new AtomicReference<>();
        ServerOptions options = ServerOptions.builder().processRequest(context -> {
            seen.set(context);
            return null;
        }).build();
        ServerHandshake handshake = new ServerHandshake(options, client);
        assertNull(handshake.context(), "no context before a whole request");
        Wire.feed(handshake, Wire.request("/a?b=c", "").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)).accepted();
        assertSame(handshake.context(), seen.get());
        assertEquals("/a?b=c", seen.get().path());
        assertEquals(client, seen.get().remoteAddress());
        assertEquals("example.com", seen.get().requestHeaders().get("Host"));
        assertThrows(UnsupportedOperationException.class, () -> seen.get().requestHeaders().add("X", "y"));
    }

    @Test
    void aPlainRequestProcessorStillSeesPathAndHeaders() {
        AtomicReference<String> path = new AtomicReference<>();
        RequestProcessor plain = (p, headers) -> {
            path.set(p);
            return null;
        };
        assertNull(plain.process(HandshakeContext.of("/x", Headers.of("Host", "h"))));
        assertEquals("/x", path.get());
    }

    @Test
    void aHookCalledThroughThePathAndHeadersMethodGetsAContextOfItsOwn() {
        RequestHook hook = context -> {
            context.setAttribute(USER, "bob");
            return context.attribute(USER).equals("bob") ? HttpResponse.of(204) : null;
        };
        assertEquals(204, hook.process("/", new Headers()).status());
    }

    @Test
    void chainRunsInOrderUntilOneAnswersAndSharesAttributes() {
        List<String> ran = new ArrayList<>();
        RequestHook first = context -> {
            ran.add("first");
            context.setAttribute(USER, "carol");
            return null;
        };
        RequestHook second = context -> {
            ran.add("second:" + context.attribute(USER));
            return context.path().equals("/health") ? HttpResponse.text(200, "OK\n") : null;
        };
        RequestProcessor third = (path, headers) -> {
            ran.add("third");
            return null;
        };
        RequestHook chain = RequestProcessor.chain(first, second, third);
        assertEquals(200, chain.process(HandshakeContext.of("/health", new Headers())).status());
        assertEquals(List.of("first", "second:carol"), ran);
        ran.clear();
        assertNull(chain.process(HandshakeContext.of("/", new Headers())));
        assertEquals(List.of("first", "second:carol", "third"), ran);
        assertThrows(NullPointerException.class, () -> RequestProcessor.chain(first, null));
    }

    @Test
    void theIdentityIsStableAndDistinct() {
        HandshakeContext a = HandshakeContext.of("/", new Headers());
        HandshakeContext b = HandshakeContext.of("/", new Headers());
        assertNotNull(a.id());
        assertEquals(a.id(), a.id());
        assertEquals(4, a.id().version(), "a random UUID, as websockets' uuid4");
        assertThrows(AssertionError.class, () -> assertEquals(a.id(), b.id()));
    }
}
