package org.websockets4j.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.websockets4j.testkit.CapturedHandshakes;
import org.websockets4j.testkit.WireBytes;

/**
 * The opening handshake end to end through the public API only: requests as real clients send
 * them read off the wire and checked, and a full client/server exchange with the first frame
 * arriving in the same segment as the head.
 */
class HandshakeFlowTest {

    @ParameterizedTest
    @ValueSource(strings = {"chromium", "jdk25", "jdk17", "curl", "python"})
    void requestsFromRealClientsAreReadAndAccepted(String client) {
        byte[] wire = WireBytes.concat(WireBytes.latin1(CapturedHandshakes.request(client)), WireBytes.MASKED_HELLO);
        ByteBuffer in = ByteBuffer.wrap(wire).limit(0);
        RequestReader reader = new RequestReader();
        Request request = null;
        while (request == null) {
            in.limit(in.limit() + 1); // one byte at a time
            request = reader.read(in);
        }
        String key = Handshake.checkRequest(request.headers());
        assertEquals(key, request.headers().get("Sec-WebSocket-Key"));
        byte[] rest = new byte[in.limit(wire.length).remaining()];
        in.get(rest);
        assertArrayEquals(WireBytes.MASKED_HELLO, rest, "the first frame stays for the connection");
    }

    @Test
    void clientAndServerCompleteTheHandshake() {
        Headers requestHeaders = Headers.of("Host", "example.com");
        String key = Handshake.buildRequest(requestHeaders);
        byte[] requestBytes = new Request("GET", "/chat?room=1", requestHeaders).serialize();

        Request received = new RequestReader().read(ByteBuffer.wrap(requestBytes));
        assertEquals("/chat?room=1", received.path());
        String serverKey = Handshake.checkRequest(received.headers());
        Headers responseHeaders = new Headers();
        Handshake.buildResponse(responseHeaders, serverKey);
        byte[] responseBytes = new Response(101, "Switching Protocols", responseHeaders).serialize();

        ByteBuffer in = ByteBuffer.wrap(WireBytes.concat(responseBytes, WireBytes.UNMASKED_HELLO));
        Response response = new ResponseReader().read(in);
        assertEquals(101, response.status());
        Handshake.checkResponse(response.headers(), key);
        assertEquals(WireBytes.UNMASKED_HELLO.length, in.remaining());
    }

    @Test
    void aResponseForAnotherKeyIsRejected() {
        Headers requestHeaders = new Headers();
        Handshake.buildRequest(requestHeaders);
        Headers responseHeaders = new Headers();
        Handshake.buildResponse(responseHeaders, "dGhlIHNhbXBsZSBub25jZQ==");
        assertThrows(InvalidHeaderValue.class,
                () -> Handshake.checkResponse(responseHeaders, requestHeaders.get("Sec-WebSocket-Key")));
    }

    @Test
    void anOldClientGetsWhatA426Needs() {
        String old = CapturedHandshakes.CURL_REQUEST.replace("Sec-WebSocket-Version: 13", "Sec-WebSocket-Version: 8");
        Request request = new RequestReader().read(ByteBuffer.wrap(WireBytes.latin1(old)));
        UnsupportedVersion e = assertThrows(UnsupportedVersion.class, () -> Handshake.checkRequest(request.headers()));
        assertEquals(426, e.status());
        assertEquals("13", e.responseHeaders().get("Sec-WebSocket-Version"));
    }

    @Test
    void aPostGetsWhatA405Needs() {
        String post = CapturedHandshakes.CURL_REQUEST.replace("GET /ws", "POST /ws");
        UnsupportedMethod e = assertThrows(UnsupportedMethod.class,
                () -> new RequestReader().read(ByteBuffer.wrap(WireBytes.latin1(post))));
        assertEquals(405, e.status());
        assertEquals("GET", e.responseHeaders().get("Allow"));
    }
}
