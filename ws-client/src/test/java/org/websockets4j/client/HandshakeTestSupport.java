package org.websockets4j.client;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.websockets4j.http.Handshake;
import org.websockets4j.http.Headers;
import org.websockets4j.http.Response;

/** Builds server responses and feeds them to a {@link ClientHandshake}. */
final class HandshakeTestSupport {
    private static final Pattern KEY = Pattern.compile("\r\nSec-WebSocket-Key: ([^\r]*)\r\n");

    private HandshakeTestSupport() {
    }

    static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
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
        ByteBuffer in = ByteBuffer.wrap(data);
        ClientHandshake.Accepted accepted = handshake.receiveData(in);
        return new Fed(accepted, remaining(in));
    }

    /**
     * Feeds {@code data} one byte at a time through a buffer whose limit grows by one, so that
     * consuming a byte too many shows up in the leftover; stops at the first outcome.
     */
    static Fed feedByteByByte(ClientHandshake handshake, byte[] data) {
        ByteBuffer in = ByteBuffer.wrap(data).limit(0);
        while (in.limit() < data.length) {
            in.limit(in.limit() + 1);
            ClientHandshake.Accepted accepted = handshake.receiveData(in);
            if (accepted != null) {
                return new Fed(accepted, remaining(in));
            }
            if (in.hasRemaining()) {
                throw new AssertionError("bytes left unconsumed without an outcome");
            }
        }
        return new Fed(null, new byte[0]);
    }

    private static byte[] remaining(ByteBuffer in) {
        byte[] rest = new byte[in.remaining()];
        in.get(rest);
        return rest;
    }
}
