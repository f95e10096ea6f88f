package org.websockets4j.client;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.websockets4j.extensions.Extension;
import org.websockets4j.extensions.Negotiation;
import org.websockets4j.http.ExtensionHeader;
import org.websockets4j.http.Handshake;
import org.websockets4j.http.HeaderGrammar;
import org.websockets4j.http.Headers;
import org.websockets4j.http.IncompleteMessage;
import org.websockets4j.http.InvalidHandshake;
import org.websockets4j.http.InvalidHeader;
import org.websockets4j.http.InvalidHeaderFormat;
import org.websockets4j.http.InvalidHeaderValue;
import org.websockets4j.http.InvalidMessage;
import org.websockets4j.http.InvalidStatusCode;
import org.websockets4j.http.InvalidUpgrade;
import org.websockets4j.http.NegotiationError;
import org.websockets4j.http.RedirectHandshake;
import org.websockets4j.http.Request;
import org.websockets4j.http.Response;
import org.websockets4j.http.ResponseReader;
import org.websockets4j.http.SecurityError;
import org.websockets4j.http.WebSocketUri;

/**
 * The client side of the opening handshake, Sans-I/O (Python websockets'
 * {@code WebSocketClientProtocol.handshake}, without the socket): it produces the request bytes,
 * then reads the server's response from whatever bytes arrive and decides.
 *
 * <pre>{@code
 * ClientHandshake handshake = new ClientHandshake(uri, options);
 * send(handshake.request());
 * ClientHandshake.Accepted accepted = null;
 * while (accepted == null) {
 *     if (receive(buffer) < 0) {
 *         handshake.receiveEof();                   // always throws
 *     }
 *     accepted = handshake.receiveData(buffer);     // null until the response is complete
 * }
 * // buffer still holds any bytes after the response: the server's first frames.
 * }</pre>
 *
 * <p><b>The request</b>: {@code GET <resource name> HTTP/1.1}, then these headers in this order:
 * {@code Host} ({@link WebSocketUri#hostHeader()}), {@code Authorization: Basic ...} when the URI
 * has user information, {@code Origin} when {@link ClientOptions#origin()} is set,
 * {@code Upgrade}, {@code Connection}, {@code Sec-WebSocket-Key} (fresh for each instance) and
 * {@code Sec-WebSocket-Version} ({@link Handshake#buildRequest(Headers)}),
 * {@code Sec-WebSocket-Extensions} when extensions are offered (each of
 * {@link ClientOptions#extensions()}, in order, with its request parameters),
 * {@code Sec-WebSocket-Protocol} when subprotocols are offered, {@code User-Agent} unless
 * {@link ClientOptions#userAgent()} is null, and last the {@linkplain ClientOptions#extraHeaders()
 * extra headers}, which cannot replace any of the others (see {@link ClientOptions}).
 *
 * <p><b>The decision</b>, once the response is complete:
 * <ul>
 *   <li>{@code 101}: the headers are checked ({@link Handshake#checkResponse(Headers, String)}
 *       with this instance's key), then the extensions ({@link Negotiation#client}: every
 *       extension of the response must be accepted by an offered factory of that name, and none
 *       may be accepted when none was offered), then the subprotocol (at most one, among those offered); the result is an
 *       {@link Accepted}.
 *   <li>{@code 301}, {@code 302}, {@code 303}, {@code 307} or {@code 308}: {@link RedirectHandshake}
 *       carrying the {@code Location} resolved against the request URI (RFC 3986 §5.2, without the
 *       URI's user information and without a fragment); following it, at most a few times, and
 *       refusing {@code wss} to {@code ws}, is {@code connect()}'s job.
 *   <li>any other status: {@link InvalidStatusCode} carrying the status and the body.
 * </ul>
 * The response body of a refusal is read in full before deciding (delimited by
 * {@code Content-Length}, chunked, or by the end of the connection, then reported by
 * {@link #receiveEof()}), within {@link ResponseReader}'s limits: at most 1 MiB
 * ({@link org.websockets4j.http.HttpLimits#MAX_BODY_SIZE}), beyond which the outcome is a
 * {@link SecurityError}. A {@code 101} response has no body.
 *
 * <p>Timeouts ({@link ClientOptions#openTimeout()}) and the TCP destination are the I/O driver's.
 *
 * <p>One instance per connection attempt (a redirect needs a new one, with a new key). Not
 * thread-safe: drive it from one thread at a time. Once it has returned an {@link Accepted} or
 * thrown, it is done and every later {@link #receiveData(ByteBuffer)} or {@link #receiveEof()}
 * throws {@link IllegalStateException}.
 */
public final class ClientHandshake {
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    /**
     * A successful handshake: the server switched to the WebSocket protocol.
     *
     * @param requestHeaders  the headers sent (immutable)
     * @param responseHeaders the headers of the {@code 101} response (immutable)
     * @param subprotocol     the subprotocol the server chose among those offered, or null when it
     *                        chose none
     * @param extensions      the extensions negotiated, in the order of the response's
     *                        {@code Sec-WebSocket-Extensions} (immutable; empty for none): new
     *                        instances that belong to this connection
     */
    public record Accepted(Headers requestHeaders, Headers responseHeaders, String subprotocol, List<Extension> extensions) {
        /**
         * Freezes the headers and the list.
         *
         * @throws NullPointerException when a header set or the list is null
         */
        public Accepted {
            requestHeaders = requestHeaders.immutableCopy();
            responseHeaders = responseHeaders.immutableCopy();
            extensions = List.copyOf(extensions);
        }

        /**
         * A handshake without extensions.
         *
         * @param requestHeaders  the headers sent (an immutable copy is kept)
         * @param responseHeaders the headers of the {@code 101} response (an immutable copy is kept)
         * @param subprotocol     the subprotocol the server chose, or null when it chose none
         * @throws NullPointerException when a header set is null
         */
        public Accepted(Headers requestHeaders, Headers responseHeaders, String subprotocol) {
            this(requestHeaders, responseHeaders, subprotocol, List.of());
        }
    }

    private enum State { READING, DONE, FAILED }

    private final WebSocketUri uri;
    private final ClientOptions options;
    private final Headers requestHeaders;
    private final String key;
    private final byte[] request;
    private final ResponseReader reader = new ResponseReader();
    private State state = State.READING;

    /**
     * Prepares the handshake for {@code uri}: builds the request, with a fresh key.
     *
     * @param uri     where to connect; its resource name, {@code Host} and user information go in
     *                the request
     * @param options the client options; only the handshake's (origin, subprotocols, user agent,
     *                extra headers) are used here
     * @throws IllegalArgumentException when the URI has user information and the extra headers
     *                                  also set {@code Authorization}, or an extension factory's
     *                                  name is not a token
     * @throws NullPointerException     when an argument is null
     */
    public ClientHandshake(WebSocketUri uri, ClientOptions options) {
        this.uri = Objects.requireNonNull(uri, "uri");
        this.options = Objects.requireNonNull(options, "options");
        Headers headers = new Headers();
        headers.add("Host", uri.hostHeader());
        uri.userInfo().ifPresent(userInfo -> {
            if (options.extraHeaders().contains("Authorization")) {
                throw new IllegalArgumentException("the URI's user information and extraHeaders both set Authorization;"
                        + " remove the user information from the URI or the Authorization extra header");
            }
            headers.add("Authorization", HeaderGrammar.buildAuthorizationBasic(userInfo.username(), userInfo.password()));
        });
        if (options.origin() != null) {
            headers.add("Origin", options.origin());
        }
        this.key = Handshake.buildRequest(headers);
        List<ExtensionHeader> offer = Negotiation.offer(options.extensions());
        if (!offer.isEmpty()) {
            headers.add("Sec-WebSocket-Extensions", HeaderGrammar.buildExtension(offer));
        }
        if (!options.subprotocols().isEmpty()) {
            headers.add("Sec-WebSocket-Protocol", HeaderGrammar.buildSubprotocol(options.subprotocols()));
        }
        if (options.userAgent() != null) {
            headers.add("User-Agent", options.userAgent());
        }
        for (Headers.Field field : options.extraHeaders()) {
            headers.add(field.name(), field.value());
        }
        this.requestHeaders = headers.immutableCopy();
        this.request = Request.get(uri.resourceName(), requestHeaders).serialize();
    }

    /**
     * The URI this handshake connects to.
     *
     * @return the URI given to the constructor
     */
    public WebSocketUri uri() {
        return uri;
    }

    /**
     * The options this handshake was built with.
     *
     * @return the options given to the constructor
     */
    public ClientOptions options() {
        return options;
    }

    /**
     * The headers of the request, in the order sent; {@code Sec-WebSocket-Key} holds this
     * instance's key.
     *
     * @return immutable headers
     */
    public Headers requestHeaders() {
        return requestHeaders;
    }

    /**
     * The request to send, as bytes: the same request, with the same key, on every call.
     *
     * @return a new copy of the request bytes (ISO-8859-1, CRLF line endings, ending with an
     *         empty line)
     */
    public byte[] request() {
        return request.clone();
    }

    /**
     * Reads response bytes from {@code in}. Consumes exactly the bytes of the response and no
     * more: after an {@link Accepted}, bytes that followed the response (the server's first
     * frames, which may share a TCP segment with it) stay in {@code in}, from its position.
     *
     * @param in bytes received, from its position to its limit; consumed as they are read
     * @return null while the response is incomplete (all of {@code in} was consumed), or the
     *         accepted handshake
     * @throws InvalidStatusCode     on a status other than 101 or a redirect, with the body
     * @throws RedirectHandshake     on a redirect status with a {@code Location}
     * @throws InvalidHeader         on a redirect without a single {@code Location}, or a missing
     *                               or repeated {@code Sec-WebSocket-Accept}
     * @throws InvalidUpgrade       when {@code Upgrade} or {@code Connection} is missing or wrong
     * @throws InvalidHeaderValue   when {@code Sec-WebSocket-Accept} does not match the key
     * @throws InvalidHeaderFormat  when {@code Connection}, {@code Upgrade},
     *                               {@code Sec-WebSocket-Extensions} or
     *                               {@code Sec-WebSocket-Protocol} is malformed
     * @throws NegotiationError      when the server accepts an extension that was not offered or
     *                               that no factory of that name accepts, the same one twice, or
     *                               two claiming the same reserved bit; or chooses a subprotocol that was not offered, or several
     * @throws InvalidMessage        when the response is malformed or not HTTP/1.1
     * @throws SecurityError         when the response exceeds a limit of the reader
     * @throws IllegalStateException when the handshake is already accepted or failed
     */
    public Accepted receiveData(ByteBuffer in) {
        checkReading();
        try {
            Response response = reader.read(in);
            return response == null ? null : decide(response);
        } catch (RuntimeException e) {
            state = State.FAILED;
            throw e;
        }
    }

    /**
     * Tells the handshake that the server closed the connection. The handshake cannot succeed
     * then, so this method never returns normally.
     *
     * @throws IncompleteMessage     when the connection closed before a complete response
     * @throws InvalidStatusCode     when the response was a refusal whose body ran until the end of
     *                               the connection (then it is complete)
     * @throws RedirectHandshake     likewise, for a redirect
     * @throws InvalidHandshake      any other error of {@link #receiveData(ByteBuffer)}, for such a
     *                               response
     * @throws IllegalStateException when the handshake is already accepted or failed: the end of
     *                               the input then belongs to the connection
     */
    public void receiveEof() {
        checkReading();
        try {
            Accepted accepted = decide(reader.eof());
            // A 101 has no body, so it is complete before the end of the input: unreachable.
            throw new IllegalStateException("a response completed by the end of the input was accepted: " + accepted);
        } catch (RuntimeException e) {
            state = State.FAILED;
            throw e;
        }
    }

    private Accepted decide(Response response) {
        int status = response.status();
        Headers headers = response.headers();
        if (status == 101) {
            Handshake.checkResponse(headers, key);
            List<Extension> extensions = negotiateExtensions(headers);
            String subprotocol = checkSubprotocol(headers);
            state = State.DONE;
            return new Accepted(requestHeaders, headers, subprotocol, extensions);
        }
        if (REDIRECTS.contains(status)) {
            List<String> locations = headers.getAll("Location");
            if (locations.isEmpty()) {
                throw new InvalidHeader("Location", null);
            }
            if (locations.size() > 1) {
                throw new InvalidHeader("Location", "more than one Location header found");
            }
            throw new RedirectHandshake(RedirectLocation.resolve(uri, locations.get(0)));
        }
        throw new InvalidStatusCode(status, headers, response.body());
    }

    /** Only extensions offered may be accepted (RFC 6455 §4.1, step 5 of the response checks). */
    private List<Extension> negotiateExtensions(Headers headers) {
        List<String> values = headers.getAll("Sec-WebSocket-Extensions");
        if (values.isEmpty()) {
            return List.of();
        }
        List<ExtensionHeader> accepted = HeaderGrammar.parseExtension(values);
        if (options.extensions().isEmpty()) {
            throw new NegotiationError("server accepted an extension the client did not offer: "
                    + HeaderGrammar.buildExtension(accepted) + " (no extension is offered)");
        }
        return Negotiation.client(accepted, options.extensions());
    }

    /** At most one subprotocol, among those offered (RFC 6455 §4.1, step 6 of the response checks). */
    private String checkSubprotocol(Headers headers) {
        List<String> values = headers.getAll("Sec-WebSocket-Protocol");
        if (values.isEmpty()) {
            return null;
        }
        List<String> chosen = HeaderGrammar.parseSubprotocol(values);
        List<String> offered = options.subprotocols();
        if (offered.isEmpty()) {
            throw new NegotiationError("server chose subprotocol " + String.join(", ", chosen)
                    + " but the client offered none");
        }
        if (chosen.size() > 1) {
            throw new NegotiationError("server chose several subprotocols: " + String.join(", ", chosen)
                    + " (offered: " + String.join(", ", offered) + ")");
        }
        String subprotocol = chosen.get(0);
        if (!offered.contains(subprotocol)) {
            throw new NegotiationError("server chose subprotocol " + subprotocol + ", which the client did not offer"
                    + " (offered: " + String.join(", ", offered) + ")");
        }
        return subprotocol;
    }

    private void checkReading() {
        if (state == State.DONE) {
            throw new IllegalStateException("the opening handshake is already complete");
        }
        if (state == State.FAILED) {
            throw new IllegalStateException("the opening handshake already failed; open a new connection");
        }
    }
}
