package org.websockets4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.websockets4j.http.Response;
import org.websockets4j.http.ResponseReader;
import org.websockets4j.testkit.CapturedHandshakes;
import org.websockets4j.testkit.WireBytes;

/**
 * The server tests' handshake helpers: a fixed clock, feeding a {@link ServerHandshake}, reading its
 * response back, and minimal requests; bytes and captured requests come from
 * {@link WireBytes} and {@link CapturedHandshakes} (ws-testkit).
 */
final class Wire {
    private Wire() {
    }

    /** 2024-06-01T12:34:56Z: every response's Date. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-06-01T12:34:56Z"), ZoneOffset.UTC);
    static final String DATE = "Sat, 01 Jun 2024 12:34:56 GMT";

    /** What the handshake decided, and the bytes it left in the buffer. */
    record Fed(HandshakeOutcome outcome, byte[] leftover) {
        HandshakeOutcome.Accepted accepted() {
            return assertInstanceOf(HandshakeOutcome.Accepted.class, outcome);
        }

        HandshakeOutcome.Rejected rejected() {
            return assertInstanceOf(HandshakeOutcome.Rejected.class, outcome);
        }
    }

    static ServerHandshake handshake(ServerOptions options) {
        return new ServerHandshake(options, CLOCK);
    }

    /** Feeds {@code data} in one buffer to a new handshake. */
    static Fed feed(ServerOptions options, String request) {
        return feed(handshake(options), WireBytes.latin1(request));
    }

    static Fed feed(ServerHandshake handshake, byte[] data) {
        WireBytes.Outcome<HandshakeOutcome> fed = WireBytes.feedWhole(handshake::receiveData, data);
        return new Fed(fed.message(), fed.leftover());
    }

    /**
     * Feeds {@code data} one byte at a time through a buffer whose limit grows by one, so that a
     * handshake that consumed a byte too many shows up in the leftover; stops at the outcome.
     */
    static Fed feedByteByByte(ServerHandshake handshake, byte[] data) {
        WireBytes.Outcome<HandshakeOutcome> fed = WireBytes.feedByteByByte(in -> {
            HandshakeOutcome outcome = handshake.receiveData(in);
            if (outcome == null) {
                assertEquals(0, in.remaining(), "an incomplete head is consumed whole");
            }
            return outcome;
        }, data);
        return new Fed(fed.message(), fed.leftover());
    }

    /** The response as a client reads it: exactly the bytes, nothing after them. */
    static Response parse(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        ResponseReader reader = new ResponseReader();
        Response response = reader.read(in);
        assertNotNull(response, "the response is complete");
        assertEquals(0, in.remaining(), "nothing after the response");
        return response;
    }

    static String text(Response response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    /** The smallest valid handshake request; {@code extra} is inserted before the blank line. */
    static String request(String path, String extra) {
        return "GET " + path + " HTTP/1.1\r\n"
                + "Host: example.com\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + CapturedHandshakes.SAMPLE_KEY + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + extra
                + "\r\n";
    }

    static String request(String extra) {
        return request("/", extra);
    }
}
