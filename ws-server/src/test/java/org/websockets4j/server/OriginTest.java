package org.websockets4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.websockets4j.http.InvalidHeader;
import org.websockets4j.http.InvalidOrigin;
import org.websockets4j.http.Response;

/** The origins option: any by default, a list, and null for "no Origin header". */
class OriginTest {
    private static final String ORIGIN = "Origin: https://example.com\r\n";
    private static final ServerOptions ONLY_EXAMPLE = ServerOptions.builder().serverHeader(null)
            .origins("https://example.com", "https://www.example.com").build();
    private static final ServerOptions EXAMPLE_OR_NONE = ServerOptions.builder().serverHeader(null)
            .origins(Arrays.asList("https://example.com", null)).build();

    @Test
    void byDefaultAnyOriginAndNoneAreAccepted() {
        Wire.feed(ServerOptions.defaults(), Wire.request("Origin: https://evil.example\r\n")).accepted();
        Wire.feed(ServerOptions.defaults(), Wire.request("")).accepted();
    }

    @Test
    void anAllowedOriginIsAccepted() {
        Wire.feed(ONLY_EXAMPLE, Wire.request(ORIGIN)).accepted();
        Wire.feed(ONLY_EXAMPLE, Wire.request("Origin: https://www.example.com\r\n")).accepted();
        Wire.feed(EXAMPLE_OR_NONE, Wire.request(ORIGIN)).accepted();
    }

    @Test
    void anotherOriginIs403() {
        HandshakeOutcome.Rejected rejected = Wire.feed(ONLY_EXAMPLE, Wire.request("Origin: https://evil.example\r\n")).rejected();
        assertEquals(403, rejected.status());
        assertEquals("https://evil.example", assertInstanceOf(InvalidOrigin.class, rejected.cause()).origin());
        Response response = Wire.parse(rejected.responseBytes());
        assertEquals("Forbidden", response.reason());
        assertEquals("Failed to open a WebSocket connection: invalid Origin header: https://evil.example.\n", Wire.text(response));
        assertEquals("close", response.headers().get("Connection"));
    }

    @Test
    void originsAreComparedExactly() {
        assertEquals(403, Wire.feed(ONLY_EXAMPLE, Wire.request("Origin: https://EXAMPLE.com\r\n")).rejected().status());
        assertEquals(403, Wire.feed(ONLY_EXAMPLE, Wire.request("Origin: https://example.com:443\r\n")).rejected().status());
        assertEquals(403, Wire.feed(ONLY_EXAMPLE, Wire.request("Origin: null\r\n")).rejected().status());
    }

    @Test
    void aMissingOriginIs403UnlessNullIsListed() {
        HandshakeOutcome.Rejected rejected = Wire.feed(ONLY_EXAMPLE, Wire.request("")).rejected();
        assertEquals(403, rejected.status());
        assertNull(assertInstanceOf(InvalidOrigin.class, rejected.cause()).origin());
        assertEquals("Failed to open a WebSocket connection: missing Origin header.\n", Wire.text(Wire.parse(rejected.responseBytes())));

        Wire.feed(EXAMPLE_OR_NONE, Wire.request("")).accepted();
        assertEquals(403, Wire.feed(EXAMPLE_OR_NONE, Wire.request("Origin: https://evil.example\r\n")).rejected().status());
    }

    @Test
    void onlyNoOriginCanBeRequired() {
        ServerOptions noBrowsers = ServerOptions.builder().origins((String) null).build();
        Wire.feed(noBrowsers, Wire.request("")).accepted();
        assertEquals(403, Wire.feed(noBrowsers, Wire.request(ORIGIN)).rejected().status());
    }

    @Test
    void twoOriginHeadersAre400EvenWhenAnyOriginIsAccepted() {
        String twice = Wire.request(ORIGIN + "Origin: https://evil.example\r\n");
        for (ServerOptions options : new ServerOptions[] {ServerOptions.defaults(), ONLY_EXAMPLE}) {
            HandshakeOutcome.Rejected rejected = Wire.feed(options, twice).rejected();
            assertEquals(400, rejected.status());
            assertEquals("Origin", assertInstanceOf(InvalidHeader.class, rejected.cause()).name());
        }
    }

    @Test
    void theOriginIsCheckedAfterTheRequest() {
        String badVersion = Wire.request("Origin: https://evil.example\r\n").replace("Version: 13", "Version: 7");
        assertEquals(426, Wire.feed(ONLY_EXAMPLE, badVersion).rejected().status());
    }
}
