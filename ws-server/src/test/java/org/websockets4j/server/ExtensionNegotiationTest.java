package org.websockets4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.websockets4j.extensions.Compression;
import org.websockets4j.extensions.Extension;
import org.websockets4j.extensions.ServerExtensionFactory;
import org.websockets4j.http.ExtensionParameter;
import org.websockets4j.http.InvalidHeaderFormat;
import org.websockets4j.http.Response;
import org.websockets4j.extensions.permessagedeflate.PerMessageDeflate;
import org.websockets4j.extensions.permessagedeflate.ServerPerMessageDeflateFactory;
import org.websockets4j.testkit.CapturedHandshakes;
import org.websockets4j.testkit.extensions.ReverseExtension;

/** Extension negotiation in the server handshake, with the third-party {@link ReverseExtension}. */
class ExtensionNegotiationTest {
    private static final ServerOptions REVERSE = ServerOptions.builder().compression(Compression.NONE)
            .extensions(List.of(new ReverseExtension.ServerFactory())).build();
    private static final ServerOptions NO_COMPRESSION = ServerOptions.builder().compression(Compression.NONE).build();

    @Test
    void theDefaultIsPermessageDeflate() {
        assertEquals(Compression.DEFLATE, ServerOptions.defaults().compression());
        assertEquals(List.of(ServerPerMessageDeflateFactory.defaults()), ServerOptions.defaults().extensions());
        HandshakeOutcome.Accepted accepted = Wire.feed(ServerOptions.defaults(), CapturedHandshakes.CHROMIUM_REQUEST).accepted();
        assertInstanceOf(PerMessageDeflate.class, accepted.extensions().get(0));
        assertEquals(List.of("permessage-deflate"),
                Wire.parse(accepted.responseBytes()).headers().getAll("Sec-WebSocket-Extensions"));
    }

    @Test
    void compressionNoneNegotiatesNoExtension() {
        assertEquals(List.of(), NO_COMPRESSION.extensions());
        HandshakeOutcome.Accepted accepted = Wire.feed(NO_COMPRESSION, CapturedHandshakes.CHROMIUM_REQUEST).accepted();
        assertEquals(List.of(), accepted.extensions());
        assertEquals(List.of(), Wire.parse(accepted.responseBytes()).headers().getAll("Sec-WebSocket-Extensions"));
        assertEquals(Compression.NONE, NO_COMPRESSION.toBuilder().build().compression());
    }

    @Test
    void compressionIsAddedAfterTheConfiguredExtensionsUnlessOneIsDeflate() {
        ServerOptions both = ServerOptions.builder().extensions(List.of(new ReverseExtension.ServerFactory())).build();
        assertEquals(List.of("x-test-reverse", "permessage-deflate"),
                both.extensions().stream().map(ServerExtensionFactory::name).toList());
        assertEquals(both.extensions(), both.toBuilder().build().extensions(), "toBuilder does not add it twice");
        ServerPerMessageDeflateFactory custom = ServerPerMessageDeflateFactory.builder().serverMaxWindowBits(10).build();
        ServerOptions own = ServerOptions.builder().extensions(List.of(custom)).build();
        assertEquals(List.of(custom), own.extensions());
    }

    @Test
    void anAcceptedExtensionIsInTheResponseAndTheOutcome() {
        HandshakeOutcome.Accepted accepted = Wire.feed(REVERSE,
                Wire.request("Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits, x-test-reverse; v=1\r\n"))
                .accepted();
        assertEquals(1, accepted.extensions().size());
        assertInstanceOf(ReverseExtension.class, accepted.extensions().get(0));
        Response response = Wire.parse(accepted.responseBytes());
        assertEquals(List.of("x-test-reverse; v=1"), response.headers().getAll("Sec-WebSocket-Extensions"));
        assertTrue(accepted.toString().contains("extensions=[x-test-reverse]"), accepted.toString());
    }

    @Test
    void offersOnSeveralLinesAreOneListAndDeclinedOffersAreSkipped() {
        HandshakeOutcome.Accepted accepted = Wire.feed(REVERSE,
                Wire.request("Sec-WebSocket-Extensions: x-test-reverse; v=2\r\nSec-WebSocket-Extensions: x-test-reverse; v=1\r\n"))
                .accepted();
        assertEquals(1, accepted.extensions().size());
        assertEquals(List.of("x-test-reverse; v=1"), Wire.parse(accepted.responseBytes()).headers().getAll("Sec-WebSocket-Extensions"));
    }

    @Test
    void noHeaderWhenNothingIsAccepted() {
        HandshakeOutcome.Accepted accepted = Wire.feed(REVERSE, Wire.request("Sec-WebSocket-Extensions: x-test-reverse; v=2\r\n"))
                .accepted();
        assertEquals(List.of(), accepted.extensions());
        assertEquals(List.of(), Wire.parse(accepted.responseBytes()).headers().getAll("Sec-WebSocket-Extensions"));
    }

    @Test
    void aMalformedHeaderIsA400() {
        HandshakeOutcome.Rejected rejected = Wire.feed(REVERSE, Wire.request("Sec-WebSocket-Extensions: x-test-reverse;;\r\n"))
                .rejected();
        assertEquals(400, rejected.status());
        assertInstanceOf(InvalidHeaderFormat.class, rejected.cause());
    }

    @Test
    void aMalformedHeaderIsIgnoredWithoutExtensions() {
        Wire.feed(NO_COMPRESSION, Wire.request("Sec-WebSocket-Extensions: x-test-reverse;;\r\n")).accepted();
    }

    @Test
    void aFailingFactoryIsA500() {
        ServerExtensionFactory failing = new ServerExtensionFactory() {
            @Override
            public String name() {
                return "x-test-reverse";
            }

            @Override
            public Accepted accept(List<ExtensionParameter> offerParameters, List<Extension> alreadyAccepted) {
                throw new IllegalStateException("bug");
            }
        };
        ServerOptions options = ServerOptions.builder().compression(Compression.NONE).extensions(List.of(failing)).build();
        HandshakeOutcome.Rejected rejected = Wire.feed(options, Wire.request("Sec-WebSocket-Extensions: x-test-reverse; v=1\r\n"))
                .rejected();
        assertEquals(500, rejected.status());
    }

    @Test
    void optionsCheckAndCopyTheFactories() {
        List<ServerExtensionFactory> withNull = new java.util.ArrayList<>();
        withNull.add(null);
        assertThrows(IllegalArgumentException.class, () -> ServerOptions.builder().extensions(withNull).build());
        assertThrows(NullPointerException.class, () -> ServerOptions.builder().extensions(null));
        assertEquals(REVERSE.extensions(), REVERSE.toBuilder().build().extensions());
        assertTrue(REVERSE.toString().contains("extensions=[x-test-reverse]"), REVERSE.toString());
    }
}
