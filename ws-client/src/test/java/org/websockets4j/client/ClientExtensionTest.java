package org.websockets4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.websockets4j.extensions.ClientExtensionFactory;
import org.websockets4j.extensions.Compression;
import org.websockets4j.extensions.permessagedeflate.ClientPerMessageDeflateFactory;
import org.websockets4j.extensions.permessagedeflate.PerMessageDeflate;
import org.websockets4j.framing.Frame;
import org.websockets4j.http.NegotiationError;
import org.websockets4j.http.WebSocketUri;
import org.websockets4j.testkit.extensions.ReverseExtension;

/** Extension offers and negotiation in the client handshake, with the third-party {@link ReverseExtension}. */
class ClientExtensionTest {
    private static final WebSocketUri URI = WebSocketUri.parse("ws://example.com/chat");

    private static ClientHandshake handshake(ClientExtensionFactory... factories) {
        return new ClientHandshake(URI, ClientOptions.builder().compression(Compression.NONE)
                .extensions(List.of(factories)).build());
    }

    @Test
    void permessageDeflateIsOfferedByDefault() {
        assertEquals(List.of(ClientPerMessageDeflateFactory.defaults()), ClientOptions.defaults().extensions());
        ClientHandshake handshake = new ClientHandshake(URI, ClientOptions.defaults());
        assertEquals("permessage-deflate; client_max_window_bits", handshake.requestHeaders().get("Sec-WebSocket-Extensions"));
        ClientHandshake.Accepted accepted = HandshakeTestSupport.feedWhole(handshake, HandshakeTestSupport.switching(handshake,
                "Sec-WebSocket-Extensions", "permessage-deflate; server_max_window_bits=12; client_max_window_bits=10")).accepted();
        PerMessageDeflate deflate = assertInstanceOf(PerMessageDeflate.class, accepted.extensions().get(0));
        assertEquals(12, deflate.remoteMaxWindowBits());
        assertEquals(10, deflate.localMaxWindowBits());
        // A server that does not answer it is fine.
        ClientHandshake plain = new ClientHandshake(URI, ClientOptions.defaults());
        assertEquals(List.of(), HandshakeTestSupport.feedWhole(plain, HandshakeTestSupport.switching(plain)).accepted().extensions());
    }

    @Test
    void compressionNoneOffersNothing() {
        ClientOptions none = ClientOptions.builder().compression(Compression.NONE).build();
        assertEquals(List.of(), none.extensions());
        ClientHandshake handshake = new ClientHandshake(URI, none);
        assertNull(handshake.requestHeaders().get("Sec-WebSocket-Extensions"));
        assertEquals(none, none.toBuilder().build());
        // A configured permessage-deflate factory replaces the default one.
        ClientPerMessageDeflateFactory custom = ClientPerMessageDeflateFactory.builder().clientMaxWindowBits(9).build();
        assertEquals(List.of(custom), ClientOptions.builder().extensions(List.of(custom)).build().extensions());
    }

    @Test
    void aBadDeflateAnswerFailsTheHandshake() {
        ClientHandshake handshake = new ClientHandshake(URI, ClientOptions.defaults());
        assertThrows(NegotiationError.class, () -> HandshakeTestSupport.feedWhole(handshake,
                HandshakeTestSupport.switching(handshake, "Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits")));
    }

    @Test
    void theFactoriesAreOfferedInOrder() {
        ClientHandshake handshake = handshake(new ReverseExtension.ClientFactory("2"), new ReverseExtension.ClientFactory());
        assertEquals(List.of("x-test-reverse; v=2, x-test-reverse; v=1"), handshake.requestHeaders().getAll("Sec-WebSocket-Extensions"));
        String request = HandshakeTestSupport.text(handshake.request());
        assertTrue(request.indexOf("Sec-WebSocket-Version") < request.indexOf("Sec-WebSocket-Extensions"), request);
    }

    @Test
    void anAcceptedExtensionIsNegotiated() {
        ClientHandshake handshake = handshake(new ReverseExtension.ClientFactory());
        ClientHandshake.Accepted accepted = HandshakeTestSupport.feedWhole(handshake,
                HandshakeTestSupport.switching(handshake, "Sec-WebSocket-Extensions", "x-test-reverse; v=1")).accepted();
        assertEquals(1, accepted.extensions().size());
        assertInstanceOf(ReverseExtension.class, accepted.extensions().get(0));
        assertEquals(Frame.RSV1, accepted.extensions().get(0).reservedBits());
    }

    @Test
    void noExtensionAcceptedIsFine() {
        ClientHandshake handshake = handshake(new ReverseExtension.ClientFactory());
        assertEquals(List.of(), HandshakeTestSupport.feedWhole(handshake, HandshakeTestSupport.switching(handshake)).accepted().extensions());
    }

    @Test
    void anExtensionNotOfferedFails() {
        ClientHandshake none = handshake();
        NegotiationError e = assertThrows(NegotiationError.class, () -> HandshakeTestSupport.feedWhole(none,
                HandshakeTestSupport.switching(none, "Sec-WebSocket-Extensions", "x-test-reverse; v=1")));
        assertTrue(e.getMessage().contains("did not offer"), e.getMessage());
        ClientHandshake other = handshake(new ReverseExtension.ClientFactory());
        assertThrows(NegotiationError.class, () -> HandshakeTestSupport.feedWhole(other,
                HandshakeTestSupport.switching(other, "Sec-WebSocket-Extensions", "permessage-deflate")));
    }

    @Test
    void aResponseTheFactoryRefusesFails() {
        ClientHandshake handshake = handshake(new ReverseExtension.ClientFactory());
        assertThrows(NegotiationError.class, () -> HandshakeTestSupport.feedWhole(handshake,
                HandshakeTestSupport.switching(handshake, "Sec-WebSocket-Extensions", "x-test-reverse; v=3")));
    }

    @Test
    void theSameExtensionTwiceFails() {
        ClientHandshake handshake = handshake(new ReverseExtension.ClientFactory());
        assertThrows(NegotiationError.class, () -> HandshakeTestSupport.feedWhole(handshake, HandshakeTestSupport.switching(handshake,
                "Sec-WebSocket-Extensions", "x-test-reverse; v=1", "Sec-WebSocket-Extensions", "x-test-reverse; v=1")));
    }

    @Test
    void optionsCompareAndShowTheFactories() {
        ReverseExtension.ClientFactory factory = new ReverseExtension.ClientFactory();
        ClientOptions options = ClientOptions.builder().compression(Compression.NONE).extensions(List.of(factory)).build();
        assertEquals(options, options.toBuilder().build());
        assertEquals(options, ClientOptions.builder().compression(Compression.NONE).extensions(List.of(factory)).build());
        assertTrue(!options.equals(ClientOptions.defaults()));
        assertTrue(options.toString().contains("extensions=[x-test-reverse]"), options.toString());
        assertThrows(NullPointerException.class, () -> ClientOptions.builder().extensions(null));
    }
}
