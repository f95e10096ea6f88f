package org.websockets4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.websockets4j.http.Headers;
import org.websockets4j.http.Response;
import org.websockets4j.testkit.CapturedHandshakes;

/** Extra headers of the 101 response: fixed, computed, and the fields they may not set. */
class ExtraHeadersTest {
    @Test
    void fixedHeadersAreAppendedInOrder() {
        Headers fixed = Headers.of("X-Region", "eu", "Set-Cookie", "a=1", "Set-Cookie", "b=2");
        ServerOptions options = ServerOptions.builder().serverHeader("test/1").extraHeaders(fixed).build();
        fixed.add("X-Late", "ignored"); // the options took a copy
        Response response = Wire.parse(Wire.feed(options, Wire.request("")).accepted().responseBytes());
        assertEquals(Headers.of("Upgrade", "websocket", "Connection", "Upgrade", "Sec-WebSocket-Accept", CapturedHandshakes.SAMPLE_ACCEPT,
                "X-Region", "eu", "Set-Cookie", "a=1", "Set-Cookie", "b=2", "Date", Wire.DATE, "Server", "test/1"),
                response.headers());
    }

    @Test
    void computedHeadersSeeThePathAndTheRequest() {
        ServerOptions options = ServerOptions.builder().subprotocols("chat").extraHeaders((path, headers) ->
                Headers.of("X-Path", path, "X-Agent", headers.get("User-Agent"))).build();
        HandshakeOutcome.Accepted accepted = Wire.feed(options, Wire.request("/room/7", "User-Agent: probe\r\nSec-WebSocket-Protocol: chat\r\n")).accepted();
        assertEquals("/room/7", accepted.responseHeaders().get("X-Path"));
        assertEquals("probe", accepted.responseHeaders().get("X-Agent"));
        List<String> names = accepted.responseHeaders().names();
        assertEquals(List.of("upgrade", "connection", "sec-websocket-accept", "sec-websocket-protocol", "x-path", "x-agent",
                "date", "server"), names);
    }

    @Test
    void computingNullAddsNothing() {
        ServerOptions options = ServerOptions.builder().serverHeader(null).extraHeaders((path, headers) -> null).build();
        assertEquals(4, Wire.feed(options, Wire.request("")).accepted().responseHeaders().size());
    }

    @Test
    void serverAndDateFromExtraHeadersReplaceTheDefaults() {
        ServerOptions options = ServerOptions.builder().extraHeaders(Headers.of("Server", "nginx", "Date", "Mon, 01 Jan 2024 00:00:00 GMT")).build();
        Headers headers = Wire.feed(options, Wire.request("")).accepted().responseHeaders();
        assertEquals(List.of("nginx"), headers.getAll("Server"));
        assertEquals(List.of("Mon, 01 Jan 2024 00:00:00 GMT"), headers.getAll("Date"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Upgrade", "connection", "Sec-WebSocket-Accept", "Sec-WebSocket-Protocol",
            "Sec-WebSocket-Extensions", "Content-Length", "Transfer-Encoding"})
    void fixedHeadersMayNotSetHandshakeFields(String name) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ServerOptions.builder().extraHeaders(Headers.of(name, "x")).build());
        assertEquals("extraHeaders must not set " + name + ": " + (name.equals("Sec-WebSocket-Protocol")
                ? "choose the subprotocol with selectSubprotocol"
                : "the handshake sets it, or a 101 response cannot have it"), e.getMessage());
    }

    @Test
    void computedHeadersSettingAHandshakeFieldAreAServerBug500() {
        ServerOptions options = ServerOptions.builder().extraHeaders((path, headers) -> Headers.of("Connection", "close")).build();
        HandshakeOutcome.Rejected rejected = Wire.feed(options, Wire.request("")).rejected();
        assertEquals(500, rejected.status());
        assertEquals("extraHeaders must not set Connection: the handshake sets it, or a 101 response cannot have it",
                assertInstanceOf(IllegalArgumentException.class, rejected.cause()).getMessage());
    }

    @Test
    void computedHeadersThatThrowAre500() {
        ServerOptions options = ServerOptions.builder().extraHeaders((path, headers) -> Headers.of("X-Bad", "a\r\nb")).build();
        HandshakeOutcome.Rejected rejected = Wire.feed(options, Wire.request("")).rejected();
        assertEquals(500, rejected.status());
        assertInstanceOf(IllegalArgumentException.class, rejected.cause());
    }
}
