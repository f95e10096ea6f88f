package org.websockets4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.websockets4j.http.InvalidHeaderFormat;
import org.websockets4j.http.NegotiationError;
import org.websockets4j.http.Response;

/** Subprotocol selection: the reference's rule, custom selectors, and their misuse. */
class SubprotocolTest {
    private static List<String> list(String csv) {
        return csv.isEmpty() ? List.of() : List.of(csv.split(" "));
    }

    /** client offer | server list | expected (- for none); lists space-separated. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            chat              | chat              | chat
            chat superchat    | superchat chat    | superchat
            a b c             | c b a             | c
            a b c             | b c               | b
            a b               | c d               | -
            x y z a           | a q r s           | a
            x a               | b a               | a
            a b c             | c x a             | c
            b a               | a b               | a
            a a b             | b a               | a
            """)
    void theDefaultRuleGivesEqualWeightToBothSidesAndTheServerBreaksTies(String client, String server, String expected) {
        String chosen = SubprotocolSelector.DEFAULT.select(list(client), list(server));
        assertEquals(expected.equals("-") ? null : expected, chosen);
        assertEquals(chosen, SubprotocolSelector.preferEqually(list(client), list(server)));
    }

    @Test
    void theChosenSubprotocolIsInTheResponse() {
        ServerOptions options = ServerOptions.builder().subprotocols("superchat", "chat").build();
        HandshakeOutcome.Accepted accepted = Wire.feed(options, Wire.request("Sec-WebSocket-Protocol: chat, superchat\r\n")).accepted();
        assertEquals("superchat", accepted.subprotocol());
        Response response = Wire.parse(accepted.responseBytes());
        assertEquals(List.of("superchat"), response.headers().getAll("Sec-WebSocket-Protocol"));
    }

    @Test
    void offersOnSeveralLinesAreOneList() {
        ServerOptions options = ServerOptions.builder().subprotocols("v2", "v1").build();
        String request = Wire.request("Sec-WebSocket-Protocol: v1\r\nSec-WebSocket-Protocol: v2, v3\r\n");
        assertEquals("v2", Wire.feed(options, request).accepted().subprotocol()); // v1: 0+1, v2: 1+0: tie, server's first
    }

    @Test
    void nothingInCommonGoesOnWithoutASubprotocol() {
        ServerOptions options = ServerOptions.builder().subprotocols("chat").build();
        HandshakeOutcome.Accepted accepted = Wire.feed(options, Wire.request("Sec-WebSocket-Protocol: mqtt\r\n")).accepted();
        assertNull(accepted.subprotocol());
        assertFalse(Wire.parse(accepted.responseBytes()).headers().contains("Sec-WebSocket-Protocol"));
    }

    @Test
    void aServerWithoutSubprotocolsIgnoresTheOfferEvenMalformed() {
        HandshakeOutcome.Accepted accepted = Wire.feed(ServerOptions.defaults(), Wire.request("Sec-WebSocket-Protocol: chat, ,\"x\"\r\n")).accepted();
        assertNull(accepted.subprotocol());
    }

    @Test
    void aMalformedOfferIs400WhenTheServerHasSubprotocols() {
        ServerOptions options = ServerOptions.builder().subprotocols("chat").build();
        HandshakeOutcome.Rejected rejected = Wire.feed(options, Wire.request("Sec-WebSocket-Protocol: chat; v=1\r\n")).rejected();
        assertEquals(400, rejected.status());
        assertInstanceOf(InvalidHeaderFormat.class, rejected.cause());
        assertTrue(Wire.text(Wire.parse(rejected.responseBytes())).startsWith(
                "Failed to open a WebSocket connection: invalid Sec-WebSocket-Protocol header: "));
    }

    @Test
    void aCustomSelectorSeesBothListsAndDecides() {
        List<List<String>> seen = new ArrayList<>();
        SubprotocolSelector clientFirst = (client, server) -> {
            seen.add(client);
            seen.add(server);
            return client.stream().filter(server::contains).findFirst().orElse(null);
        };
        ServerOptions options = ServerOptions.builder().subprotocols("superchat", "chat").selectSubprotocol(clientFirst).build();
        assertEquals("chat", Wire.feed(options, Wire.request("Sec-WebSocket-Protocol: chat, superchat\r\n")).accepted().subprotocol());
        assertEquals(List.of(List.of("chat", "superchat"), List.of("superchat", "chat")), seen);
        assertThrows(UnsupportedOperationException.class, () -> seen.get(0).add("x"));
    }

    @Test
    void aCustomSelectorIsNotCalledWithoutAnOfferOrWithoutServerSubprotocols() {
        AtomicReference<String> called = new AtomicReference<>();
        SubprotocolSelector spy = (client, server) -> {
            called.set("called");
            return null;
        };
        Wire.feed(ServerOptions.builder().subprotocols("chat").selectSubprotocol(spy).build(), Wire.request("")).accepted();
        Wire.feed(ServerOptions.builder().selectSubprotocol(spy).build(), Wire.request("Sec-WebSocket-Protocol: chat\r\n")).accepted();
        assertNull(called.get());
    }

    @Test
    void aSelectorMayPickAnOfferTheServerDoesNotList() {
        ServerOptions options = ServerOptions.builder().subprotocols("chat")
                .selectSubprotocol((client, server) -> client.get(client.size() - 1)).build();
        assertEquals("mqtt", Wire.feed(options, Wire.request("Sec-WebSocket-Protocol: chat, mqtt\r\n")).accepted().subprotocol());
    }

    @Test
    void aSelectorPickingWhatTheClientDidNotOfferIsAServerBug500() {
        ServerOptions options = ServerOptions.builder().subprotocols("chat")
                .selectSubprotocol((client, server) -> "superchat").build();
        HandshakeOutcome.Rejected rejected = Wire.feed(options, Wire.request("Sec-WebSocket-Protocol: chat\r\n")).rejected();
        assertEquals(500, rejected.status());
        IllegalStateException cause = assertInstanceOf(IllegalStateException.class, rejected.cause());
        assertEquals("selectSubprotocol returned \"superchat\", which the client did not offer [chat];"
                + " return one of the client's subprotocols, or null for none", cause.getMessage());
    }

    @Test
    void aSelectorRequiringASubprotocolMayRefuseWith400() {
        ServerOptions options = ServerOptions.builder().subprotocols("chat").selectSubprotocol((client, server) -> {
            if (!client.contains("chat")) {
                throw new NegotiationError("this server requires the chat subprotocol");
            }
            return "chat";
        }).build();
        HandshakeOutcome.Rejected rejected = Wire.feed(options, Wire.request("Sec-WebSocket-Protocol: mqtt\r\n")).rejected();
        assertEquals(400, rejected.status());
        assertEquals("Failed to open a WebSocket connection: this server requires the chat subprotocol.\n",
                Wire.text(Wire.parse(rejected.responseBytes())));
    }
}
