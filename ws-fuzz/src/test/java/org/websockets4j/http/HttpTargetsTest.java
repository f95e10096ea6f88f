package org.websockets4j.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.websockets4j.framing.WebSocketException;
import org.websockets4j.fuzz.Pieces;

/**
 * Coverage-guided targets for ws-http: the request and response readers (and so the head reader
 * they share), every header grammar, and the WebSocket URI parser.
 */
class HttpTargetsTest {
    private static final long REQUEST_HELD = HttpLimits.MAX_HEAD_SIZE;
    private static final long RESPONSE_HELD =
            (long) HttpLimits.MAX_HEAD_SIZE + HttpLimits.MAX_BODY_SIZE + HttpLimits.MAX_LINE_LENGTH;

    /** What a reader made of a stream: the message, or the exception class that rejected it. */
    record Outcome<M>(M message, Class<?> failure) {
    }

    /**
     * Bytes through {@link RequestReader}, whole and in pieces: only {@link WebSocketException}s
     * come out, a failed reader stays failed, it never holds more than
     * {@link HttpLimits#MAX_HEAD_SIZE}, split and whole agree, and an accepted request is
     * serialized and read back unchanged.
     */
    @FuzzTest
    void requestReader(FuzzedDataProvider data) {
        int kind = data.consumeInt(0, 3);
        List<byte[]> pieces = Pieces.split(data, 200);
        byte[] whole = Pieces.join(pieces);
        Outcome<Request> split = run(pieces, kind, RequestReader::new, RequestReader::read, RequestReader::eof,
                RequestReader::bufferedBytes, REQUEST_HELD);
        Outcome<Request> once = run(List.of(whole), 0, RequestReader::new, RequestReader::read, RequestReader::eof,
                RequestReader::bufferedBytes, REQUEST_HELD);
        assertEquals(once, split, () -> "split and whole differ for " + Pieces.hex(whole));
        if (split.message != null) {
            Request request = split.message;
            assertEquals("GET", request.method());
            assertEquals(request, new RequestReader().read(ByteBuffer.wrap(request.serialize())));
        }
    }

    /**
     * Bytes through {@link ResponseReader}: the same contract, with the body's limit; an accepted
     * response without chunked framing is serialized and read back unchanged.
     */
    @FuzzTest
    void responseReader(FuzzedDataProvider data) {
        int kind = data.consumeInt(0, 3);
        List<byte[]> pieces = Pieces.split(data, 200);
        byte[] whole = Pieces.join(pieces);
        Outcome<Response> split = run(pieces, kind, ResponseReader::new, ResponseReader::read, ResponseReader::eof,
                ResponseReader::bufferedBytes, RESPONSE_HELD);
        Outcome<Response> once = run(List.of(whole), 0, ResponseReader::new, ResponseReader::read, ResponseReader::eof,
                ResponseReader::bufferedBytes, RESPONSE_HELD);
        assertEquals(once, split, () -> "split and whole differ for " + Pieces.hex(whole));
        if (split.message != null) {
            Response response = split.message;
            assertTrue(response.status() >= 100 && response.status() <= 999, "status " + response.status());
            assertTrue(response.body().length <= HttpLimits.MAX_BODY_SIZE);
            if (!response.headers().contains("Transfer-Encoding")) {
                Outcome<Response> again = run(List.of(response.serialize()), 0, ResponseReader::new,
                        ResponseReader::read, ResponseReader::eof, ResponseReader::bufferedBytes, RESPONSE_HELD);
                assertEquals(new Outcome<>(response, null), again, "serialize → read changed the response");
            }
        }
    }

    private static <R, M> Outcome<M> run(List<byte[]> pieces, int kind, Supplier<R> factory,
                                         BiFunction<R, ByteBuffer, M> read, Function<R, M> eof,
                                         ToLongFunction<R> held, long maxHeld) {
        R reader = factory.get();
        try {
            M message = null;
            int i = 0;
            for (byte[] piece : pieces) {
                ByteBuffer in = Pieces.buffer(piece, kind + i++);
                message = read.apply(reader, in);
                long holds = held.applyAsLong(reader);
                assertTrue(holds >= 0 && holds <= maxHeld, "holds " + holds + " bytes, more than " + maxHeld);
                if (message != null) {
                    break;
                }
                assertFalse(in.hasRemaining(), "bytes left unconsumed while the message is incomplete");
            }
            if (message == null) {
                message = eof.apply(reader);
            }
            assertTrue(message != null, "eof returned null");
            return new Outcome<>(message, null);
        } catch (WebSocketException e) {
            assertTrue(e instanceof InvalidHandshake, () -> "not an InvalidHandshake: " + e);
            assertThrows(IllegalStateException.class, () -> read.apply(reader, ByteBuffer.allocate(1)));
            assertThrows(IllegalStateException.class, () -> eof.apply(reader));
            return new Outcome<>(null, e.getClass());
        }
    }

    private static String string(FuzzedDataProvider data, int max) {
        return data.consumeBoolean() ? data.consumeAsciiString(max) : data.consumeString(max);
    }

    /**
     * Every header parser on the same value (and on several field lines): a parser accepts or
     * rejects with {@link InvalidHeaderFormat} (its position within the value) or
     * {@link InvalidHeaderValue}, nothing else; what it accepts is never empty, is made of
     * tokens, and survives build → parse; the list form equals the single-value parses joined.
     */
    @FuzzTest
    void headerGrammar(FuzzedDataProvider data) {
        List<String> lines = new ArrayList<>();
        int count = data.consumeInt(1, 3);
        for (int i = 0; i < count; i++) {
            lines.add(string(data, 200));
        }
        for (String header : lines) {
            List<String> connection = parse(header, HeaderGrammar::parseConnection);
            tokens(header, connection, false);
            List<String> upgrade = parse(header, HeaderGrammar::parseUpgrade);
            tokens(header, upgrade, true);
            List<String> subprotocols = parse(header, HeaderGrammar::parseSubprotocol);
            tokens(header, subprotocols, false);
            if (subprotocols != null) {
                assertEquals(subprotocols, HeaderGrammar.parseSubprotocol(HeaderGrammar.buildSubprotocol(subprotocols)));
            }
            List<ExtensionHeader> extensions = parse(header, HeaderGrammar::parseExtension);
            if (extensions != null) {
                assertFalse(extensions.isEmpty());
                assertEquals(extensions, HeaderGrammar.parseExtension(HeaderGrammar.buildExtension(extensions)), header);
            }
            BasicCredentials credentials = parse(header, HeaderGrammar::parseAuthorizationBasic);
            if (credentials != null) {
                assertEquals(credentials,
                        HeaderGrammar.parseAuthorizationBasic(HeaderGrammar.buildAuthorizationBasic(credentials)), header);
            }
        }
        assertLines(lines, HeaderGrammar::parseConnection, HeaderGrammar::parseConnection);
        assertLines(lines, HeaderGrammar::parseUpgrade, HeaderGrammar::parseUpgrade);
        assertLines(lines, HeaderGrammar::parseSubprotocol, HeaderGrammar::parseSubprotocol);
        assertLines(lines, HeaderGrammar::parseExtension, HeaderGrammar::parseExtension);
    }

    /** The parse, or null when the parser rejected the value as it may. */
    private static <T> T parse(String header, Function<String, T> parser) {
        try {
            T result = Objects.requireNonNull(parser.apply(header));
            return result;
        } catch (InvalidHeaderFormat e) {
            assertTrue(e.position() >= 0 && e.position() <= header.length(), "position " + e.position());
            return null;
        } catch (InvalidHeaderValue e) {
            return null;
        } catch (RuntimeException e) {
            fail("unexpected " + e + " for " + Tokens.quoteForMessage(header), e);
            return null;
        }
    }

    private static void tokens(String header, List<String> items, boolean slash) {
        if (items == null) {
            return;
        }
        assertFalse(items.isEmpty(), header);
        for (String item : items) {
            assertFalse(item.isEmpty(), header);
            assertTrue(item.chars().allMatch(c -> Tokens.isTokenChar((char) c) || slash && c == '/'), header);
        }
    }

    private static <T> void assertLines(List<String> lines, Function<String, List<T>> single,
                                        Function<List<String>, List<T>> many) {
        List<T> joined = new ArrayList<>();
        for (String line : lines) {
            List<T> one = parse(line, single);
            if (one == null) {
                joined = null;
                break;
            }
            joined.addAll(one);
        }
        List<T> all;
        try {
            all = many.apply(lines);
        } catch (InvalidHeader e) {
            all = null;
        }
        assertEquals(joined, all, "the list form disagrees with the single-value parses");
    }

    /**
     * {@link WebSocketUri#parse}: a URI is accepted or rejected with {@link InvalidURI} (whose
     * message carries no raw control character); an accepted one satisfies the record's
     * invariants, and re-parses from {@code toString()} and {@code toUri()} to the same value.
     */
    @FuzzTest
    void webSocketUri(FuzzedDataProvider data) {
        String prefix = switch (data.consumeInt(0, 3)) {
            case 0 -> "ws://";
            case 1 -> "wss://";
            default -> "";
        };
        String input = prefix + string(data, 300);
        WebSocketUri uri;
        try {
            uri = WebSocketUri.parse(input);
        } catch (InvalidURI e) {
            assertTrue(e.getMessage().contains(" isn't a valid WebSocket URI: "), e.getMessage());
            assertTrue(e.getMessage().chars().noneMatch(c -> c < 0x20 || c == 0x7F), "raw control character in the message");
            return;
        }
        assertTrue(uri.port() >= 1 && uri.port() <= 65535);
        assertTrue(uri.resourceName().startsWith("/"));
        assertFalse(uri.host().isEmpty());
        for (String s : new String[] {uri.host(), uri.resourceName(), uri.hostHeader(), uri.toString()}) {
            assertTrue(s.chars().allMatch(c -> c > 0x20 && c < 0x7F), () -> "not visible ASCII: " + s);
        }
        String address = uri.isIpv6() && uri.host().indexOf('%') >= 0
                ? uri.host().substring(0, uri.host().indexOf('%')) : uri.host();
        assertEquals(address.toLowerCase(Locale.ROOT), address, "host lower-case except an IPv6 zone");
        assertEquals(uri, new WebSocketUri(uri.secure(), uri.host(), uri.port(), uri.resourceName(),
                uri.username(), uri.password()));
        WebSocketUri again = WebSocketUri.parse(uri.toString());
        assertEquals(uri.secure(), again.secure());
        assertEquals(uri.host(), again.host());
        assertEquals(uri.port(), again.port());
        assertEquals(uri.resourceName(), again.resourceName());
        assertEquals(uri.username(), again.username());
        assertEquals(uri.password() == null ? null : "***", again.password());
        assertEquals(uri.toString(), again.toString());
        URI javaUri = uri.toUri();
        WebSocketUri fromJava = WebSocketUri.parse(javaUri.toString());
        String hostWithoutZone = uri.isIpv6() ? address : uri.host();
        assertEquals(new WebSocketUri(uri.secure(), hostWithoutZone, uri.port(), uri.resourceName(), null, null), fromJava);
        assertEquals(uri.hostHeader(), fromJava.hostHeader());
    }
}
