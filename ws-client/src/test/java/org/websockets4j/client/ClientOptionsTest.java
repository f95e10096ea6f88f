package org.websockets4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.websockets4j.http.Headers;
import org.websockets4j.protocol.ConnectionOptions;

class ClientOptionsTest {
    @Test
    void defaults() {
        ClientOptions options = ClientOptions.defaults();
        assertEquals(ConnectionOptions.defaults(), options.connection());
        assertNull(options.origin());
        assertEquals(List.of(), options.subprotocols());
        assertTrue(options.extraHeaders().isEmpty());
        assertEquals(ClientOptions.DEFAULT_USER_AGENT, options.userAgent());
        assertEquals(Duration.ofSeconds(10), options.openTimeout());
        assertNull(options.socketAddress());
        assertSame(options, ClientOptions.defaults());
        assertEquals(options, ClientOptions.builder().build());
        assertEquals(options.hashCode(), ClientOptions.builder().build().hashCode());
    }

    @Test
    void defaultUserAgentNamesTheLibraryAndItsVersion() {
        // The tests run on the module path, where the module's version is recorded.
        assertTrue(ClientOptions.DEFAULT_USER_AGENT.matches("websockets4j/\\d+\\.\\d+\\.\\d+\\S*"),
                ClientOptions.DEFAULT_USER_AGENT);
    }

    @Test
    void connectionOptionsCanBeSetOneByOneOrAsAWhole() {
        ClientOptions options = ClientOptions.builder()
                .pingInterval(null).pingTimeout(Duration.ofSeconds(5)).closeTimeout(Duration.ofSeconds(1))
                .maxSize(ConnectionOptions.NO_LIMIT).maxQueue(4).readLimit(1024).writeLimit(2048)
                .build();
        assertEquals(ConnectionOptions.builder()
                .pingInterval(null).pingTimeout(Duration.ofSeconds(5)).closeTimeout(Duration.ofSeconds(1))
                .maxSize(ConnectionOptions.NO_LIMIT).maxQueue(4).readLimit(1024).writeLimit(2048)
                .build(), options.connection());

        ConnectionOptions base = ConnectionOptions.builder().maxSize(10).build();
        ClientOptions derived = ClientOptions.builder().connection(base).maxQueue(3).build();
        assertEquals(10, derived.connection().maxSize());
        assertEquals(3, derived.connection().maxQueue());
        assertEquals(base, ClientOptions.builder().maxQueue(3).connection(base).build().connection());
    }

    @Test
    void connectionSettersChainIntoTheClientSetters() {
        ClientOptions options = ClientOptions.builder().maxSize(10).origin("https://example.com")
                .connection(ConnectionOptions.defaults()).userAgent(null).pingInterval(null).build();
        assertEquals(ConnectionOptions.builder().pingInterval(null).build(), options.connection());
        assertEquals("https://example.com", options.origin());
        assertNull(options.userAgent());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClientOptions.builder().readLimit(0).origin("https://example.com").build());
        assertEquals("readLimit must be > 0 bytes, got 0; the default is 65536", e.getMessage());
    }

    @Test
    void everyOption() {
        ClientOptions options = ClientOptions.builder()
                .origin("https://example.com")
                .subprotocols(List.of("chat", "superchat"))
                .extraHeaders(Headers.of("Cookie", "a=1"))
                .addHeader("X-Trace", "1")
                .userAgent(null)
                .openTimeout(null)
                .connectTo("127.0.0.1", 9000)
                .build();
        assertEquals("https://example.com", options.origin());
        assertEquals(List.of("chat", "superchat"), options.subprotocols());
        assertEquals(Headers.of("Cookie", "a=1", "X-Trace", "1"), options.extraHeaders());
        assertThrows(UnsupportedOperationException.class, () -> options.extraHeaders().add("X", "y"));
        assertThrows(UnsupportedOperationException.class, () -> options.subprotocols().add("x"));
        assertNull(options.userAgent());
        assertNull(options.openTimeout());
        InetSocketAddress address = (InetSocketAddress) options.socketAddress();
        assertTrue(address.isUnresolved());
        assertEquals("127.0.0.1", address.getHostString());
        assertEquals(9000, address.getPort());
        assertEquals(options, options.toBuilder().build());
        assertNotEquals(options, ClientOptions.defaults());
    }

    @Test
    void builderInputsAreCopied() {
        List<String> protocols = new ArrayList<>(List.of("chat"));
        Headers headers = Headers.of("Cookie", "a=1");
        String[] array = {"v1"};
        ClientOptions.Builder builder = ClientOptions.builder().subprotocols(protocols).extraHeaders(headers);
        ClientOptions options = builder.build();
        protocols.add("other");
        headers.add("X", "y");
        assertEquals(List.of("chat"), options.subprotocols());
        assertEquals(1, options.extraHeaders().size());
        ClientOptions fromArray = ClientOptions.builder().subprotocols(array).build();
        array[0] = "v2";
        assertEquals(List.of("v1"), fromArray.subprotocols());
    }

    @Test
    void socketAddressAcceptsAnyAddressAndReplacesConnectTo() {
        UnixDomainSocketAddress unix = UnixDomainSocketAddress.of("/run/app.sock");
        assertEquals(unix, ClientOptions.builder().connectTo("h", 1).socketAddress(unix).build().socketAddress());
        assertEquals(InetSocketAddress.createUnresolved("h", 1),
                ClientOptions.builder().socketAddress(unix).connectTo("h", 1).build().socketAddress());
        assertNull(ClientOptions.builder().connectTo("h", 1).socketAddress(null).build().socketAddress());
        ClientOptions viaToBuilder = ClientOptions.builder().socketAddress(unix).build().toBuilder().build();
        assertEquals(unix, viaToBuilder.socketAddress());
    }

    @Test
    void toStringHidesExtraHeaderValues() {
        String text = ClientOptions.builder().addHeader("Authorization", "Bearer s3cret").subprotocols("chat").build().toString();
        assertTrue(text.contains("extraHeaders=[Authorization]"), text);
        assertTrue(text.contains("subprotocols=[chat]"), text);
        assertTrue(!text.contains("s3cret"), text);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of((UnaryOperator<ClientOptions.Builder>) b -> b.pingInterval(Duration.ZERO), "pingInterval must be positive"),
                Arguments.of((UnaryOperator<ClientOptions.Builder>) b -> b.maxQueue(0), "maxQueue must be >= 1"),
                Arguments.of((UnaryOperator<ClientOptions.Builder>) b -> b.openTimeout(Duration.ZERO), "openTimeout must be positive"),
                Arguments.of((UnaryOperator<ClientOptions.Builder>) b -> b.openTimeout(Duration.ofSeconds(-1)), "openTimeout must be positive"),
                Arguments.of((UnaryOperator<ClientOptions.Builder>) b -> b.origin(""), "origin must not be empty"),
                Arguments.of((UnaryOperator<ClientOptions.Builder>) b -> b.origin("https://a\r\nX-Evil: 1"), "origin is not a valid Origin header value"),
                Arguments.of((UnaryOperator<ClientOptions.Builder>) b -> b.userAgent(" "), "userAgent must not be empty"),
                Arguments.of((UnaryOperator<ClientOptions.Builder>) b -> b.userAgent("a\nb"), "userAgent is not a valid User-Agent header value"),
                Arguments.of((UnaryOperator<ClientOptions.Builder>) b -> b.subprotocols("chat", "two words"), "subprotocols[1]: subprotocol must be a token"),
                Arguments.of((UnaryOperator<ClientOptions.Builder>) b -> b.subprotocols("chat", ""), "subprotocols[1]"),
                Arguments.of((UnaryOperator<ClientOptions.Builder>) b -> b.subprotocols("chat", "chat"), "subprotocols[1]: chat is offered twice"),
                Arguments.of((UnaryOperator<ClientOptions.Builder>) b -> b.addHeader("Origin", "x"), "extraHeaders must not set Origin: use origin(...)"),
                Arguments.of((UnaryOperator<ClientOptions.Builder>) b -> b.addHeader("sec-websocket-protocol", "x"), "extraHeaders must not set sec-websocket-protocol: use subprotocols(...)"),
                Arguments.of((UnaryOperator<ClientOptions.Builder>) b -> b.addHeader("User-Agent", "x"), "extraHeaders must not set User-Agent: use userAgent(...)"),
                Arguments.of((UnaryOperator<ClientOptions.Builder>) b -> b.addHeader("Host", "x"), "extraHeaders must not set Host"),
                Arguments.of((UnaryOperator<ClientOptions.Builder>) b -> b.addHeader("Sec-WebSocket-Key", "x"), "extraHeaders must not set Sec-WebSocket-Key"),
                Arguments.of((UnaryOperator<ClientOptions.Builder>) b -> b.addHeader("Content-Length", "5"), "extraHeaders must not set Content-Length: a handshake request has no body"),
                Arguments.of((UnaryOperator<ClientOptions.Builder>) b -> b.connectTo("", 80), "connectTo host must not be empty"),
                Arguments.of((UnaryOperator<ClientOptions.Builder>) b -> b.connectTo("h", 0), "connectTo port must be 1-65535, got 0"),
                Arguments.of((UnaryOperator<ClientOptions.Builder>) b -> b.connectTo("h", 65536), "connectTo port must be 1-65535, got 65536"),
                Arguments.of((UnaryOperator<ClientOptions.Builder>) b -> b.socketAddress(new InetSocketAddress("127.0.0.1", 0)), "socketAddress must have a port"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void validationMessagesNameTheOption(UnaryOperator<ClientOptions.Builder> setting, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> setting.apply(ClientOptions.builder()).build());
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }

    @Test
    void nullsThatMeanNothing() {
        assertThrows(NullPointerException.class, () -> ClientOptions.builder().subprotocols((List<String>) null).build());
        assertThrows(NullPointerException.class, () -> ClientOptions.builder().subprotocols(Arrays.asList("a", null)).build());
        assertThrows(NullPointerException.class, () -> ClientOptions.builder().connectTo(null, 80));
        assertThrows(NullPointerException.class, () -> ClientOptions.builder().connection(null));
        assertTrue(ClientOptions.builder().extraHeaders(null).build().extraHeaders().isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Cookie", "Authorization", "X-Custom", "Sec-WebSocket-Foo", "Accept-Language"})
    void otherExtraHeadersAreAllowed(String name) {
        assertEquals(1, ClientOptions.builder().addHeader(name, "v").build().extraHeaders().size());
    }

    @Test
    void invalidExtraHeaderIsRefusedAtOnce() {
        assertThrows(IllegalArgumentException.class, () -> ClientOptions.builder().addHeader("Bad Name", "v"));
        assertThrows(IllegalArgumentException.class, () -> ClientOptions.builder().addHeader("X", "a\r\nb"));
    }
}
