package org.websockets4j.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/**
 * The header checks of the opening handshake, RFC 6455 §4 (Python websockets'
 * {@code websockets.handshake}).
 *
 * <p>A server reads the request, checks that it is an HTTP/1.1 (or later) {@code GET}, checks
 * {@code Host} and {@code Origin} as it sees fit, then calls {@link #checkRequest(Headers)}. On
 * success it answers 101 Switching Protocols with the headers of {@link #buildResponse(Headers,
 * String)}; on {@link UnsupportedVersion} it answers 426 Upgrade Required with that exception's
 * headers; on any other {@link InvalidHandshake} it answers 400 Bad Request.
 *
 * <p>A client sends a {@code GET} with the headers of {@link #buildRequest(Headers)}, checks that
 * the response status is 101, then calls {@link #checkResponse(Headers, String)} with the key.
 *
 * <p>The methods check only the headers; the method, version, status, {@code Host} and
 * {@code Origin} are the caller's. Stateless and thread-safe.
 */
public final class Handshake {
    /** The GUID that RFC 6455 §1.3 appends to the key before hashing it into the accept value. */
    public static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /** The protocol version of RFC 6455, sent in {@code Sec-WebSocket-Version}. */
    public static final String VERSION = UnsupportedVersion.SUPPORTED_VERSION;

    private static final String KEY = "Sec-WebSocket-Key";
    private static final String ACCEPT = "Sec-WebSocket-Accept";
    private static final String VERSION_HEADER = "Sec-WebSocket-Version";

    // SecureRandom is thread-safe. The key is a nonce, not a secret (§10.3 only asks that it be
    // unpredictable), but a strong source costs nothing here.
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Never used itself: {@link #sha1()} hands out clones. */
    private static final MessageDigest SHA1_PROTOTYPE = newSha1();

    private Handshake() {
    }

    /**
     * Adds the headers of a handshake request: {@code Upgrade: websocket},
     * {@code Connection: Upgrade}, a fresh {@code Sec-WebSocket-Key} (16 random bytes, base64) and
     * {@code Sec-WebSocket-Version: 13}. Each replaces any value already there, so calling it
     * twice does not leave two keys.
     *
     * @param headers the request headers to complete
     * @return the key, to pass to {@link #checkResponse(Headers, String)}
     * @throws UnsupportedOperationException when the headers are immutable
     */
    public static String buildRequest(Headers headers) {
        byte[] raw = new byte[16];
        RANDOM.nextBytes(raw);
        String key = Base64.getEncoder().encodeToString(raw);
        headers.set("Upgrade", "websocket");
        headers.set("Connection", "Upgrade");
        headers.set(KEY, key);
        headers.set(VERSION_HEADER, VERSION);
        return key;
    }

    /**
     * Checks the headers of a handshake request received by a server (RFC 6455 §4.2.1):
     * <ul>
     *   <li>{@code Connection} (over all its lines) holds an {@code upgrade} option, case-insensitively,
     *       possibly among others such as {@code keep-alive};</li>
     *   <li>{@code Upgrade} (over all its lines) holds a {@code websocket} protocol,
     *       case-insensitively, possibly among others;</li>
     *   <li>{@code Sec-WebSocket-Version} appears once and is {@code 13};</li>
     *   <li>{@code Sec-WebSocket-Key} appears once and is the canonical base64 form of 16 bytes.</li>
     * </ul>
     * The version is checked before the key because the version decides what a valid request
     * looks like: a client speaking another version must get 426 and the list of versions, not 400.
     *
     * @param headers the request headers received
     * @return the key, to pass to {@link #buildResponse(Headers, String)}
     * @throws InvalidHeaderFormat when {@code Connection} or {@code Upgrade} is malformed
     * @throws InvalidUpgrade      when {@code Connection} or {@code Upgrade} is missing or does not
     *                             ask for a WebSocket upgrade
     * @throws UnsupportedVersion  when {@code Sec-WebSocket-Version} is not {@code 13}: answer 426
     * @throws InvalidHeader       when {@code Sec-WebSocket-Version} or {@code Sec-WebSocket-Key} is
     *                             missing or repeated
     * @throws InvalidHeaderValue  when {@code Sec-WebSocket-Key} is not 16 bytes in base64
     */
    public static String checkRequest(Headers headers) {
        checkConnection(headers);
        List<String> upgrade = HeaderGrammar.parseUpgrade(headers.getAll("Upgrade"));
        if (upgrade.stream().noneMatch(protocol -> protocol.equalsIgnoreCase("websocket"))) {
            throw new InvalidUpgrade("Upgrade", joined(headers, "Upgrade"));
        }

        String version = single(headers, VERSION_HEADER);
        if (!version.equals(VERSION)) {
            throw new UnsupportedVersion(version);
        }

        String key = single(headers, KEY);
        byte[] raw = HeaderGrammar.decodeBase64Strictly(key);
        if (raw == null || raw.length != 16) {
            throw new InvalidHeaderValue(KEY, key);
        }
        return key;
    }

    /**
     * Adds the headers of a 101 handshake response: {@code Upgrade: websocket},
     * {@code Connection: Upgrade} and {@code Sec-WebSocket-Accept} computed from {@code key}.
     * Each replaces any value already there.
     *
     * @param headers the response headers to complete
     * @param key     the key returned by {@link #checkRequest(Headers)}
     * @throws IllegalArgumentException      when the key holds a character above U+00FF
     * @throws UnsupportedOperationException when the headers are immutable
     */
    public static void buildResponse(Headers headers, String key) {
        String accept = acceptKey(key);
        headers.set("Upgrade", "websocket");
        headers.set("Connection", "Upgrade");
        headers.set(ACCEPT, accept);
    }

    /**
     * Checks the headers of a 101 handshake response received by a client (RFC 6455 §4.1):
     * {@code Connection} holds an {@code upgrade} option, {@code Upgrade} is exactly
     * {@code websocket} (case-insensitively; §4.1 fails the connection on any other value), and
     * {@code Sec-WebSocket-Accept} appears once and matches {@code key}.
     *
     * @param headers the response headers received
     * @param key     the key returned by {@link #buildRequest(Headers)}
     * @throws InvalidHeaderFormat when {@code Connection} or {@code Upgrade} is malformed
     * @throws InvalidUpgrade      when {@code Connection} or {@code Upgrade} is missing or wrong
     * @throws InvalidHeader       when {@code Sec-WebSocket-Accept} is missing or repeated
     * @throws InvalidHeaderValue  when {@code Sec-WebSocket-Accept} does not match the key
     */
    public static void checkResponse(Headers headers, String key) {
        checkConnection(headers);
        List<String> upgrade = HeaderGrammar.parseUpgrade(headers.getAll("Upgrade"));
        if (upgrade.size() != 1 || !upgrade.get(0).equalsIgnoreCase("websocket")) {
            throw new InvalidUpgrade("Upgrade", joined(headers, "Upgrade"));
        }
        String accept = single(headers, ACCEPT);
        if (!accept.equals(acceptKey(key))) {
            throw new InvalidHeaderValue(ACCEPT, accept);
        }
    }

    /**
     * The {@code Sec-WebSocket-Accept} value for {@code key}:
     * {@code base64(SHA-1(key + GUID))} (RFC 6455 §1.3, §4.2.2). The key is used as received,
     * each character one byte, as on the wire.
     *
     * @param key the {@code Sec-WebSocket-Key} value
     * @return the accept value, 28 characters of base64
     * @throws IllegalArgumentException when the key holds a character above U+00FF, which no
     *                                  header read from the wire can hold
     */
    public static String acceptKey(String key) {
        String input = key + GUID;
        for (int i = 0; i < key.length(); i++) {
            if (key.charAt(i) > 0xFF) {
                throw new IllegalArgumentException("a Sec-WebSocket-Key holds bytes, not U+"
                        + String.format("%04X", (int) key.charAt(i)));
            }
        }
        return Base64.getEncoder().encodeToString(sha1().digest(input.getBytes(StandardCharsets.ISO_8859_1)));
    }

    /**
     * A fresh SHA-1 digest. MessageDigest is not thread-safe, so each key gets its own: a clone of
     * one made at start-up, which skips the provider lookup (and the thread-local map it gives
     * each new thread, such as the virtual thread of every accepted connection).
     */
    private static MessageDigest sha1() {
        try {
            return (MessageDigest) SHA1_PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            return newSha1(); // a provider whose digest cannot be cloned
        }
    }

    private static MessageDigest newSha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must support SHA-1", e);
        }
    }

    /** The Connection rule shared by both sides: an {@code upgrade} option among any others. */
    private static void checkConnection(Headers headers) {
        List<String> connection = HeaderGrammar.parseConnection(headers.getAll("Connection"));
        if (connection.stream().noneMatch(option -> option.equalsIgnoreCase("upgrade"))) {
            throw new InvalidUpgrade("Connection", joined(headers, "Connection"));
        }
    }

    /** The value of a header that must appear exactly once. */
    private static String single(Headers headers, String name) {
        List<String> values = headers.getAll(name);
        if (values.isEmpty()) {
            throw new InvalidHeader(name, null);
        }
        if (values.size() > 1) {
            throw new InvalidHeader(name, "more than one " + name + " header found");
        }
        return values.get(0);
    }

    /** Every line of a header joined with ", " as received, or null when there is none (for messages). */
    private static String joined(Headers headers, String name) {
        List<String> values = headers.getAll(name);
        return values.isEmpty() ? null : String.join(", ", values);
    }
}
