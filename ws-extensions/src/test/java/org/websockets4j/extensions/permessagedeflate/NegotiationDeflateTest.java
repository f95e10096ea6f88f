package org.websockets4j.extensions.permessagedeflate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.websockets4j.extensions.Extension;
import org.websockets4j.extensions.Negotiation;
import org.websockets4j.extensions.ServerExtensionFactory;
import org.websockets4j.http.DuplicateParameter;
import org.websockets4j.http.ExtensionHeader;
import org.websockets4j.http.ExtensionParameter;
import org.websockets4j.http.HeaderGrammar;
import org.websockets4j.http.InvalidParameterName;
import org.websockets4j.http.InvalidParameterValue;
import org.websockets4j.http.NegotiationError;

/** RFC 7692 §7.1 negotiation, both sides, every parameter, and full handshakes between our factories. */
class NegotiationDeflateTest {
    private static List<ExtensionParameter> params(String header) {
        if (header.isEmpty()) {
            return List.of();
        }
        return HeaderGrammar.parseExtension("permessage-deflate; " + header).get(0).parameters();
    }

    private static String text(List<ExtensionParameter> parameters) {
        return String.join("; ", parameters.stream().map(ExtensionParameter::toString).toList());
    }

    private static ServerExtensionFactory.Accepted serverAccepts(ServerPerMessageDeflateFactory factory, String offer) {
        return factory.accept(params(offer), List.of());
    }

    private static PerMessageDeflate clientAccepts(ClientPerMessageDeflateFactory factory, String answer) {
        return (PerMessageDeflate) factory.accept(params(answer), List.of());
    }

    // ------------------------------------------------------------------ server

    @Test
    void serverAcceptsAnEmptyOfferWithAnEmptyAnswer() {
        var accepted = serverAccepts(ServerPerMessageDeflateFactory.defaults(), "");
        assertEquals("", text(accepted.responseParameters()));
        var extension = (PerMessageDeflate) accepted.extension();
        assertEquals(15, extension.localMaxWindowBits());
        assertEquals(15, extension.remoteMaxWindowBits());
    }

    @Test
    void serverHonoursEveryRequestOfTheClient() {
        for (int bits = 8; bits <= 15; bits++) {
            var accepted = serverAccepts(ServerPerMessageDeflateFactory.defaults(),
                    "server_no_context_takeover; client_no_context_takeover; server_max_window_bits=" + bits
                            + "; client_max_window_bits=" + bits);
            assertEquals("server_no_context_takeover; client_no_context_takeover; server_max_window_bits=" + bits
                    + "; client_max_window_bits=" + bits, text(accepted.responseParameters()));
            var extension = (PerMessageDeflate) accepted.extension();
            assertTrue(extension.localNoContextTakeover());
            assertTrue(extension.remoteNoContextTakeover());
            assertEquals(bits, extension.localMaxWindowBits());
            assertEquals(bits, extension.remoteMaxWindowBits());
        }
    }

    @Test
    void clientMaxWindowBitsWithoutValueNeedsNoAnswer() {
        var accepted = serverAccepts(ServerPerMessageDeflateFactory.defaults(), "client_max_window_bits");
        assertEquals("", text(accepted.responseParameters()));
        assertEquals(15, ((PerMessageDeflate) accepted.extension()).remoteMaxWindowBits());
    }

    @Test
    void serverConfigurationAddsItsOwnRequirements() {
        var factory = ServerPerMessageDeflateFactory.builder().serverNoContextTakeover(true)
                .clientNoContextTakeover(true).serverMaxWindowBits(10).clientMaxWindowBits(12).build();
        assertEquals("server_no_context_takeover; client_no_context_takeover; server_max_window_bits=10;"
                + " client_max_window_bits=12", text(serverAccepts(factory, "client_max_window_bits").responseParameters()));
        // The smaller of the two windows wins, for each direction.
        assertEquals("server_no_context_takeover; client_no_context_takeover; server_max_window_bits=9;"
                        + " client_max_window_bits=11",
                text(serverAccepts(factory, "server_max_window_bits=9; client_max_window_bits=11").responseParameters()));
        assertEquals("server_no_context_takeover; client_no_context_takeover; server_max_window_bits=10;"
                        + " client_max_window_bits=12",
                text(serverAccepts(factory, "server_max_window_bits=15; client_max_window_bits=15").responseParameters()));
    }

    @Test
    void serverDeclinesAClientItCannotLimit() {
        var factory = ServerPerMessageDeflateFactory.builder().clientMaxWindowBits(12).build();
        assertThrows(NegotiationError.class, () -> serverAccepts(factory, ""));
    }

    @Test
    void serverRejectsInvalidOffers() {
        var factory = ServerPerMessageDeflateFactory.defaults();
        assertInstanceOf(DuplicateParameter.class, assertThrows(NegotiationError.class,
                () -> serverAccepts(factory, "server_no_context_takeover; server_no_context_takeover")));
        assertInstanceOf(DuplicateParameter.class, assertThrows(NegotiationError.class,
                () -> serverAccepts(factory, "client_max_window_bits; client_max_window_bits=10")));
        assertInstanceOf(InvalidParameterName.class, assertThrows(NegotiationError.class,
                () -> serverAccepts(factory, "x_unknown")));
        for (String bad : List.of("server_no_context_takeover=1", "client_no_context_takeover=x",
                "server_max_window_bits", "server_max_window_bits=7", "server_max_window_bits=16",
                "server_max_window_bits=08", "client_max_window_bits=0", "client_max_window_bits=150")) {
            assertInstanceOf(InvalidParameterValue.class,
                    assertThrows(NegotiationError.class, () -> serverAccepts(factory, bad)), bad);
        }
    }

    @Test
    void serverPicksTheFirstAcceptableOffer() {
        var server = ServerPerMessageDeflateFactory.builder().clientMaxWindowBits(10).build();
        List<ExtensionHeader> offers = HeaderGrammar.parseExtension(
                "permessage-deflate; server_max_window_bits=1, permessage-deflate, "
                        + "permessage-deflate; client_max_window_bits=12, permessage-deflate; client_max_window_bits");
        Negotiation.Result result = Negotiation.server(offers, List.of(server));
        assertEquals(1, result.extensions().size());
        assertEquals("permessage-deflate; client_max_window_bits=10",
                HeaderGrammar.buildExtension(result.responseHeader()));
    }

    @Test
    void aSecondPermessageDeflateIsRefused() {
        Extension first = ServerPerMessageDeflateFactory.defaults().accept(List.of(), List.of()).extension();
        assertThrows(NegotiationError.class,
                () -> ServerPerMessageDeflateFactory.defaults().accept(List.of(), List.of(first)));
        assertThrows(NegotiationError.class,
                () -> ClientPerMessageDeflateFactory.defaults().accept(List.of(), List.of(first)));
    }

    // ------------------------------------------------------------------ client

    @Test
    void clientOffersWhatItIsConfiguredWith() {
        assertEquals("client_max_window_bits", text(ClientPerMessageDeflateFactory.defaults().requestParameters()));
        assertEquals("", text(ClientPerMessageDeflateFactory.builder().build().requestParameters()));
        assertEquals("server_no_context_takeover; client_no_context_takeover; server_max_window_bits=9;"
                        + " client_max_window_bits=8",
                text(ClientPerMessageDeflateFactory.builder().serverNoContextTakeover(true)
                        .clientNoContextTakeover(true).serverMaxWindowBits(9).clientMaxWindowBits(8).build()
                        .requestParameters()));
    }

    @Test
    void clientAcceptsWhatItsOfferAllows() {
        var extension = clientAccepts(ClientPerMessageDeflateFactory.defaults(), "client_max_window_bits=9");
        assertEquals(9, extension.localMaxWindowBits());
        assertEquals(15, extension.remoteMaxWindowBits());
        extension = clientAccepts(ClientPerMessageDeflateFactory.defaults(),
                "server_no_context_takeover; client_no_context_takeover; server_max_window_bits=8");
        assertTrue(extension.remoteNoContextTakeover());
        assertTrue(extension.localNoContextTakeover());
        assertEquals(8, extension.remoteMaxWindowBits());
        // It limits itself to what it offered even when the server does not say so.
        var limited = ClientPerMessageDeflateFactory.builder().clientMaxWindowBits(10).clientNoContextTakeover(true).build();
        extension = clientAccepts(limited, "");
        assertEquals(10, extension.localMaxWindowBits());
        assertTrue(extension.localNoContextTakeover());
    }

    @Test
    void clientRefusesAnswersItsOfferDidNotAllow() {
        var plain = ClientPerMessageDeflateFactory.builder().build();
        assertThrows(NegotiationError.class, () -> clientAccepts(plain, "client_max_window_bits=10"));
        var demanding = ClientPerMessageDeflateFactory.builder().serverNoContextTakeover(true)
                .serverMaxWindowBits(10).clientMaxWindowBits(10).build();
        assertThrows(NegotiationError.class, () -> clientAccepts(demanding, "server_max_window_bits=10"));
        assertThrows(NegotiationError.class, () -> clientAccepts(demanding, "server_no_context_takeover"));
        assertThrows(NegotiationError.class,
                () -> clientAccepts(demanding, "server_no_context_takeover; server_max_window_bits=11"));
        assertThrows(NegotiationError.class,
                () -> clientAccepts(demanding, "server_no_context_takeover; server_max_window_bits=10; client_max_window_bits=11"));
        // A value is mandatory in an answer, and parameters are checked as in an offer.
        assertInstanceOf(InvalidParameterValue.class,
                assertThrows(NegotiationError.class, () -> clientAccepts(ClientPerMessageDeflateFactory.defaults(), "client_max_window_bits")));
        assertInstanceOf(DuplicateParameter.class, assertThrows(NegotiationError.class,
                () -> clientAccepts(plain, "server_max_window_bits=9; server_max_window_bits=9")));
        assertInstanceOf(InvalidParameterName.class,
                assertThrows(NegotiationError.class, () -> clientAccepts(plain, "foo")));
    }

    @Test
    void clientNegotiationFailsTheHandshakeOnABadAnswer() {
        var client = ClientPerMessageDeflateFactory.builder().build();
        assertThrows(NegotiationError.class, () -> Negotiation.client(
                HeaderGrammar.parseExtension("permessage-deflate; client_max_window_bits=10"), List.of(client)));
    }

    /** Every combination of the four parameters, offered by our client, answered by our server. */
    @Test
    void everyCombinationBothWays() {
        List<String> failures = new ArrayList<>();
        int[] bitsChoices = {0, 8, 11, 15};
        int count = 0;
        for (int mask = 0; mask < 4; mask++) {
            for (int serverBits : bitsChoices) {
                for (int clientBits : new int[] {0, -1, 8, 12, 15}) {
                    for (int serverConfig = 0; serverConfig < 4; serverConfig++) {
                        var client = ClientPerMessageDeflateFactory.builder()
                                .serverNoContextTakeover((mask & 1) != 0).clientNoContextTakeover((mask & 2) != 0);
                        if (serverBits != 0) client.serverMaxWindowBits(serverBits);
                        if (clientBits == -1) client.clientMaxWindowBitsWithoutValue();
                        else if (clientBits != 0) client.clientMaxWindowBits(clientBits);
                        var server = ServerPerMessageDeflateFactory.builder()
                                .serverNoContextTakeover(serverConfig == 1).clientNoContextTakeover(serverConfig == 2);
                        if (serverConfig == 3) server.serverMaxWindowBits(9).clientMaxWindowBits(10);
                        var clientFactory = client.build();
                        Negotiation.Result result = Negotiation.server(Negotiation.offer(List.of(clientFactory)),
                                List.of(server.build()));
                        count++;
                        if (result.extensions().isEmpty()) {
                            // Only a server that limits the client may decline: an offer without client_max_window_bits.
                            if (!(serverConfig == 3 && clientBits == 0)) failures.add("declined: " + clientFactory);
                            continue;
                        }
                        List<Extension> accepted = Negotiation.client(
                                HeaderGrammar.parseExtension(HeaderGrammar.buildExtension(result.responseHeader())),
                                List.of(clientFactory));
                        var s = (PerMessageDeflate) result.extensions().get(0);
                        var c = (PerMessageDeflate) accepted.get(0);
                        if (s.localNoContextTakeover() != c.remoteNoContextTakeover()
                                || s.remoteNoContextTakeover() != c.localNoContextTakeover()
                                || s.localMaxWindowBits() != c.remoteMaxWindowBits()
                                || c.localMaxWindowBits() > s.remoteMaxWindowBits()) {
                            failures.add("mismatch " + s + " vs " + c);
                        }
                        if (serverBits != 0 && s.localMaxWindowBits() > serverBits) failures.add("server window " + s);
                        if (clientBits > 0 && c.localMaxWindowBits() > clientBits) failures.add("client window " + c);
                        if ((mask & 1) != 0 && !s.localNoContextTakeover()) failures.add("server context " + s);
                    }
                }
            }
        }
        assertEquals(List.of(), failures);
        assertEquals(320, count);
    }
}
