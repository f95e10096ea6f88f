package org.websockets4j.client;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.websockets4j.http.Handshake;
import org.websockets4j.http.Headers;
import org.websockets4j.http.Response;
import org.websockets4j.testkit.WireBytes;

/** Builds server responses and feeds them to a {@link ClientHandshake}. */
final class HandshakeTestSupport {
    private static final Pattern KEY = Pattern.compile("\r\nSec-WebSocket-Key: ([^\r]*)\r\n");

    private HandshakeTestSupport() {
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** The Sec-WebSocket-Key of a request, read off its bytes. */
    static String keyOf(byte[] request) {
        Matcher m = KEY.matcher(text(request));
        if (!m.find()) {
            throw new AssertionError("no Sec-WebSocket-Key in " + text(request));
        }
        return m.group(1);
    }

    /** The 101 response a correct server sends to {@code handshake}, with {@code extra} headers after its own. */
    static byte[] switching(ClientHandshake handshake, String... extra) {
        Headers headers = new Headers();
        Handshake.buildResponse(headers, keyOf(handshake.request()));
        for (int i = 0; i < extra.length; i += 2) {
            headers.add(extra[i], extra[i + 1]);
        }
        return new Response(101, "Switching Protocols", headers).serialize();
    }

    /** What a feed returned, and the bytes it left unconsumed. */
    record Fed(ClientHandshake.Accepted accepted, byte[] leftover) {
    }

    /** Feeds {@code data} in one buffer. */
    static Fed feedWhole(ClientHandshake handshake, byte[] data) {
        WireBytes.Outcome<ClientHandshake.Accepted> fed = WireBytes.feedWhole(handshake::receiveData, data);
        return new Fed(fed.message(), fed.leftover());
    }

    /**
     * Feeds {@code data} one byte at a time through a buffer whose limit grows by one, so that
     * consuming a byte too many shows up in the leftover (every byte after those consumed); stops
     * at the first outcome. Until then each byte must be consumed.
     */
    static Fed feedByteByByte(ClientHandshake handshake, byte[] data) {
        WireBytes.Outcome<ClientHandshake.Accepted> fed = WireBytes.feedByteByByte(in -> {
            ClientHandshake.Accepted accepted = handshake.receiveData(in);
            if (accepted == null && in.hasRemaining()) {
                throw new AssertionError("bytes left unconsumed without an outcome");
            }
            return accepted;
        }, data);
        return new Fed(fed.message(), fed.leftover());
    }
}
