package org.websockets4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.websockets4j.http.Headers;
import org.websockets4j.protocol.ConnectionOptions;

class ServerOptionsTest {
    @Test
    void defaultsAreThoseOfTheReference() {
        ServerOptions options = ServerOptions.defaults();
        assertEquals(ConnectionOptions.defaults(), options.connection());
        assertNull(options.origins());
        assertTrue(options.acceptsOrigin(null));
        assertTrue(options.acceptsOrigin("https://anything.example"));
        assertEquals(List.of(), options.subprotocols());
        assertSame(SubprotocolSelector.DEFAULT, options.selectSubprotocol());
        assertNull(options.extraHeaders());
        assertNull(options.processRequest());
        assertEquals(Duration.ofSeconds(10), options.openTimeout());
        assertEquals(ServerOptions.DEFAULT_SERVER_HEADER, options.serverHeader());
        assertNull(options.handlerExecutor());
        assertSame(options, ServerOptions.defaults());
    }

    @Test
    void theDefaultServerHeaderCarriesTheModuleVersionWhenKnown() {
        String expected = ServerOptions.class.getModule().getDescriptor() == null ? "websockets4j"
                : ServerOptions.class.getModule().getDescriptor().rawVersion().map(v -> "websockets4j/" + v).orElse("websockets4j");
        assertEquals(expected, ServerOptions.DEFAULT_SERVER_HEADER);
    }

    @Test
    void connectionOptionsCanBeSetOneByOneOrAllAtOnce() {
        ServerOptions options = ServerOptions.builder()
                .pingInterval(null).pingTimeout(Duration.ofSeconds(5)).closeTimeout(Duration.ofSeconds(1))
                .maxSize(1 << 22).maxQueue(ConnectionOptions.NO_LIMIT).readLimit(1024).writeLimit(2048).build();
        ConnectionOptions expected = ConnectionOptions.builder()
                .pingInterval(null).pingTimeout(Duration.ofSeconds(5)).closeTimeout(Duration.ofSeconds(1))
                .maxSize(1 << 22).maxQueue(ConnectionOptions.NO_LIMIT).readLimit(1024).writeLimit(2048).build();
        assertEquals(expected, options.connection());

        ServerOptions replaced = options.toBuilder().maxSize(5).connection(ConnectionOptions.defaults()).maxQueue(7).build();
        assertEquals(ConnectionOptions.defaults().toBuilder().maxQueue(7).build(), replaced.connection(),
                "connection(...) replaces what was set before it, and later setters apply on top");
    }

    @Test
    void connectionSettersChainIntoTheServerSetters() {
        ServerOptions options = ServerOptions.builder().pingInterval(null).origins("https://example.com")
                .connection(ConnectionOptions.defaults()).serverHeader(null).maxQueue(7).build();
        assertEquals(ConnectionOptions.builder().maxQueue(7).build(), options.connection());
        assertEquals(List.of("https://example.com"), options.origins());
        assertNull(options.serverHeader());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ServerOptions.builder().maxSize(-1).origins("https://example.com").build());
        assertEquals("maxSize must be >= 0 bytes, got -1; use ConnectionOptions.NO_LIMIT for no limit", e.getMessage());
    }

    @Test
    void everyOptionIsKeptAndToBuilderCopiesThemAll() {
        RequestProcessor processor = (path, headers) -> null;
        SubprotocolSelector selector = (client, server) -> null;
        ExtraHeaders extra = (path, headers) -> null;
        Executor executor = Runnable::run;
        ServerOptions options = ServerOptions.builder()
                .origins(Arrays.asList("https://a.example", null))
                .subprotocols("v2", "v1")
                .selectSubprotocol(selector)
                .extraHeaders(extra)
                .processRequest(processor)
                .openTimeout(null)
                .serverHeader("edge")
                .handlerExecutor(executor)
                .build();
        for (ServerOptions o : new ServerOptions[] {options, options.toBuilder().build()}) {
            assertEquals(Arrays.asList("https://a.example", null), o.origins());
            assertEquals(List.of("v2", "v1"), o.subprotocols());
            assertSame(selector, o.selectSubprotocol());
            assertSame(extra, o.extraHeaders());
            assertSame(processor, o.processRequest());
            assertNull(o.openTimeout());
            assertEquals("edge", o.serverHeader());
            assertSame(executor, o.handlerExecutor());
        }
        assertThrows(UnsupportedOperationException.class, () -> options.origins().add("x"));
        assertThrows(UnsupportedOperationException.class, () -> options.subprotocols().add("x"));
    }

    @Test
    void listsAreCopiedWhenSet() {
        List<String> origins = new ArrayList<>(List.of("https://a.example"));
        List<String> subprotocols = new ArrayList<>(List.of("chat"));
        ServerOptions.Builder builder = ServerOptions.builder().origins(origins).subprotocols(subprotocols);
        origins.add("https://b.example");
        subprotocols.add("superchat");
        ServerOptions options = builder.build();
        assertEquals(List.of("https://a.example"), options.origins());
        assertEquals(List.of("chat"), options.subprotocols());
    }

    @Test
    void originsDecideWhatIsAccepted() {
        ServerOptions strict = ServerOptions.builder().origins("https://a.example").build();
        assertTrue(strict.acceptsOrigin("https://a.example"));
        assertFalse(strict.acceptsOrigin("https://b.example"));
        assertFalse(strict.acceptsOrigin(null));
        ServerOptions lenient = ServerOptions.builder().origins("https://a.example", null).build();
        assertTrue(lenient.acceptsOrigin(null));
        ServerOptions none = ServerOptions.builder().origins(List.of()).build();
        assertFalse(none.acceptsOrigin(null));
        assertFalse(none.acceptsOrigin("https://a.example"));
        assertNull(strict.toBuilder().origins((List<String>) null).build().origins(), "a null list accepts any origin again");
    }

    @Test
    void aNullSelectorRestoresTheDefault() {
        assertSame(SubprotocolSelector.DEFAULT, ServerOptions.builder().selectSubprotocol((c, s) -> null).selectSubprotocol(null)
                .build().selectSubprotocol());
    }

    @Test
    void fixedExtraHeadersAreCopiedAndShown() {
        ServerOptions options = ServerOptions.builder().extraHeaders(Headers.of("X-A", "1")).build();
        assertEquals(Headers.of("X-A", "1"), options.extraHeaders().headers("/", new Headers()));
        assertTrue(options.toString().contains("extraHeaders={X-A: 1}"), options.toString());
        assertNull(ServerOptions.builder().extraHeaders((Headers) null).build().extraHeaders());
    }

    @Test
    void toStringShowsEveryOption() {
        assertEquals("ServerOptions[connection=" + ConnectionOptions.defaults() + ", origins=null, subprotocols=[], compression=DEFLATE,"
                + " extensions=[permessage-deflate], selectSubprotocol=DEFAULT, extraHeaders=none, processRequest=none, processResponse=none, openTimeout=PT10S, serverHeader="
                + ServerOptions.DEFAULT_SERVER_HEADER + ", handlerExecutor=virtual thread per connection, ssl=none, sslParameters=none, backlog=1024, reusePort=false]",
                ServerOptions.defaults().toString());
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of((UnaryOperator<ServerOptions.Builder>) b -> b.maxSize(-1),
                        "maxSize must be >= 0 bytes, got -1; use ConnectionOptions.NO_LIMIT for no limit"),
                Arguments.of((UnaryOperator<ServerOptions.Builder>) b -> b.pingInterval(Duration.ZERO),
                        "pingInterval must be positive, got PT0S; use a positive Duration, or null to send no keepalive pings"),
                Arguments.of((UnaryOperator<ServerOptions.Builder>) b -> b.origins("https://a.example", ""),
                        "origins[1] must not be empty; put null in the list to accept requests without an Origin header"),
                Arguments.of((UnaryOperator<ServerOptions.Builder>) b -> b.origins("https://a.example\r\nX: y"),
                        "origins[0] is not a valid Origin header value: value of header Origin holds a forbidden character"
                                + " U+000D at index 17 (CR, LF, NUL and other controls could split the message)"),
                Arguments.of((UnaryOperator<ServerOptions.Builder>) b -> b.origins(" https://a.example"),
                        "origins[0] must not start or end with whitespace: \" https://a.example\""),
                Arguments.of((UnaryOperator<ServerOptions.Builder>) b -> b.subprotocols("chat", null),
                        "subprotocols[1] is null; list only subprotocol names"),
                Arguments.of((UnaryOperator<ServerOptions.Builder>) b -> b.subprotocols("chat", "super chat"),
                        "subprotocols[1] must be a token (RFC 6455 §4.1, RFC 9110 §5.6.2): subprotocol must be a token: \"super chat\""),
                Arguments.of((UnaryOperator<ServerOptions.Builder>) b -> b.subprotocols("chat", "v1", "chat"),
                        "subprotocols lists \"chat\" twice; list each once, in decreasing order of preference"),
                Arguments.of((UnaryOperator<ServerOptions.Builder>) b -> b.openTimeout(Duration.ofSeconds(-1)),
                        "openTimeout must be positive, got PT-1S; use a positive Duration, or null for no limit"),
                Arguments.of((UnaryOperator<ServerOptions.Builder>) b -> b.openTimeout(Duration.ZERO),
                        "openTimeout must be positive, got PT0S; use a positive Duration, or null for no limit"),
                Arguments.of((UnaryOperator<ServerOptions.Builder>) b -> b.serverHeader(""),
                        "serverHeader must not be empty; use null to send no Server header"),
                Arguments.of((UnaryOperator<ServerOptions.Builder>) b -> b.serverHeader("x\ny"),
                        "serverHeader is not a valid Server header value: value of header Server holds a forbidden character"
                                + " U+000A at index 1 (CR, LF, NUL and other controls could split the message)"),
                Arguments.of((UnaryOperator<ServerOptions.Builder>) b -> b.extraHeaders(Headers.of("Upgrade", "h2c")),
                        "extraHeaders must not set Upgrade: the handshake sets it, or a 101 response cannot have it"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void buildRefusesInvalidOptionsNamingThem(UnaryOperator<ServerOptions.Builder> change, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> change.apply(ServerOptions.builder()).build());
        assertEquals(message, e.getMessage());
    }

    @Test
    void nullListsAndArraysAreRefusedAtOnce() {
        assertThrows(NullPointerException.class, () -> ServerOptions.builder().subprotocols((List<String>) null));
        assertThrows(NullPointerException.class, () -> ServerOptions.builder().connection(null));
    }
}
