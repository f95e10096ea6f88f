package org.websockets4j.server;

import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.websockets4j.extensions.Negotiation;
import org.websockets4j.http.AbortHandshake;
import org.websockets4j.http.Handshake;
import org.websockets4j.http.HeaderGrammar;
import org.websockets4j.http.Headers;
import org.websockets4j.http.IncompleteMessage;
import org.websockets4j.http.InvalidHandshake;
import org.websockets4j.http.InvalidHeader;
import org.websockets4j.http.InvalidOrigin;
import org.websockets4j.http.Request;
import org.websockets4j.http.RequestReader;
import org.websockets4j.http.Response;
import org.websockets4j.protocol.internal.ConnectionState;

/**
 * The server side of the opening handshake of one connection, Sans-I/O (Python websockets'
 * {@code WebSocketServerProtocol.handshake}): feed it the bytes received, split anywhere, and it
 * returns a {@link HandshakeOutcome} with the bytes to write once the request is complete. It
 * never touches a socket, a thread or a timer; the driver enforces
 * {@link ServerOptions#openTimeout()}.
 *
 * <p>The path the hooks, the outcome and the connection see is the request's
 * {@linkplain Request#resourceName() resource name}: the target's path and query, also when the
 * client sent an absolute-form target ({@code GET ws://example.com/chat HTTP/1.1} gives
 * {@code /chat}).
 *
 * <p><b>The steps</b>, in the reference's order, once the request head is complete:
 * <ol>
 *   <li>A server {@linkplain #shuttingDown() shutting down} answers {@code 503}, without
 *       running any hook.</li>
 *   <li>{@link ServerOptions#processRequest()}, when set, sees the {@linkplain #context() context}
 *       (path, headers, the connection's identity and attributes) and may answer with any response
 *       instead (checked for shutting down again when it returns).</li>
 *   <li>The request is checked as a WebSocket upgrade ({@link Handshake#checkRequest(Headers)}),
 *       then for exactly one {@code Host} (RFC 9112 §3.2).</li>
 *   <li>The {@code Origin} header, which must appear at most once, is checked against
 *       {@link ServerOptions#origins()}.</li>
 *   <li>Extensions are negotiated from every {@code Sec-WebSocket-Extensions} line of the request
 *       with {@link ServerOptions#extensions()} ({@link Negotiation#server}): for each offer in
 *       order, the first factory of that name that accepts wins; an offer that none accepts is
 *       skipped. A malformed header is answered 400; nothing is parsed when the server has no
 *       extension.</li>
 *   <li>A subprotocol is chosen with {@link ServerOptions#selectSubprotocol()} when the client
 *       offered some and the server has some.</li>
 *   <li>{@link ServerOptions#extraHeaders()} are computed.</li>
 *   <li>The answer is {@code 101 Switching Protocols} with {@code Upgrade}, {@code Connection},
 *       {@code Sec-WebSocket-Accept}, {@code Sec-WebSocket-Extensions} when an extension was
 *       accepted, {@code Sec-WebSocket-Protocol} when one was chosen, the extra
 *       headers, then {@code Date} and {@code Server} unless the extra headers hold them.</li>
 *   <li>{@link ServerOptions#processResponse()}, when set, sees that response, or the refusal
 *       decided by an earlier step, and may change or replace it (see {@link ResponseProcessor});
 *       a server that started shutting down meanwhile answers 503 instead.</li>
 * </ol>
 *
 * <p><b>Refusals</b> carry a short {@code text/plain} body that says why, {@code Content-Length},
 * {@code Connection: close}, {@code Date} and {@code Server}:
 * <ul>
 *   <li>400 for a malformed request or an invalid handshake (an {@code HTTP/1.0} request, a
 *       request-target that is neither a path nor an absolute URI, such as {@code *} or
 *       {@code host:80}, or an absolute URI whose authority does not match {@code Host}, a bad
 *       {@code Sec-WebSocket-Key}, a missing {@code Host}, two {@code Origin} headers, a malformed
 *       {@code Sec-WebSocket-Protocol}...);</li>
 *   <li>405 with {@code Allow: GET} for another method;</li>
 *   <li>426 with {@code Upgrade: websocket} and {@code Sec-WebSocket-Version: 13} for another
 *       protocol version, or a request that does not ask for a WebSocket upgrade (a browser
 *       opening the URL);</li>
 *   <li>403 for an origin not in {@link ServerOptions#origins()};</li>
 *   <li>431 when the request head exceeds a limit of {@link org.websockets4j.http.HttpLimits}
 *       (the whole head is bounded, so 431 also covers an over-long request line);</li>
 *   <li>500 when a hook or an extension factory throws something other than an
 *       {@link InvalidHandshake}, or breaks its contract, or chooses a
 *       subprotocol the client did not offer, or computes refused extra headers: the body says
 *       nothing of it, the exception is {@link HandshakeOutcome.Rejected#cause()};</li>
 *   <li>503 when the server is shutting down.</li>
 * </ul>
 * A hook that throws an {@link AbortHandshake} gets its response sent, and one that throws
 * another {@link InvalidHandshake} gets the answer above for that type.
 *
 * <p><b>Thread-safety.</b> One instance per connection, driven by one thread at a time (the
 * driver serializes {@link #receiveData(ByteBuffer)} and {@link #receiveEof()}). Only
 * {@link #shuttingDown()} may be called from any thread at any time.
 */
public final class ServerHandshake {
    private final ServerOptions options;
    private final ResponseBuilder responses;
    private final RequestReader reader = new RequestReader();
    private final SocketAddress remoteAddress;
    private final ConnectionState state = new ConnectionState();
    private HandshakeContext context;
    private volatile boolean shuttingDown;
    /** Set before {@link #shuttingDown}, so whoever sees that sees this. */
    private volatile Duration retryAfter;
    private HandshakeOutcome outcome;

    /**
     * A handshake that dates its responses with the system clock.
     *
     * @param options the server's options
     * @throws NullPointerException when {@code options} is null
     */
    public ServerHandshake(ServerOptions options) {
        this(options, Clock.systemUTC());
    }

    /**
     * A handshake that dates its responses with {@code clock} (only its instant is read).
     *
     * @param options the server's options
     * @param clock   the source of the {@code Date} header
     * @throws NullPointerException when an argument is null
     */
    public ServerHandshake(ServerOptions options, Clock clock) {
        this(options, clock, null);
    }

    /**
     * A handshake with a client at {@code remoteAddress}, which its hooks see as
     * {@link HandshakeContext#remoteAddress()}; responses are dated with the system clock.
     *
     * @param options       the server's options
     * @param remoteAddress the client's address, or null when unknown
     * @throws NullPointerException when {@code options} is null
     */
    public ServerHandshake(ServerOptions options, SocketAddress remoteAddress) {
        this(options, Clock.systemUTC(), remoteAddress);
    }

    private ServerHandshake(ServerOptions options, Clock clock, SocketAddress remoteAddress) {
        this.options = Objects.requireNonNull(options, "options");
        this.responses = new ResponseBuilder(options.serverHeader(), Objects.requireNonNull(clock, "clock"));
        this.remoteAddress = remoteAddress;
    }

    /**
     * What the hooks saw: the request, and the connection's identity and attributes, which the
     * {@link org.websockets4j.protocol.WebSocket} opened after an {@link HandshakeOutcome.Accepted}
     * must carry on.
     *
     * @return the context, or null while no whole request was read (or when it could not be parsed)
     */
    public HandshakeContext context() {
        return context;
    }

    /** The identity and attributes of this connection (for {@link WebSocketServer}). */
    ConnectionState state() {
        return state;
    }

    /**
     * Consumes request bytes from {@code in} and decides once the request head is complete.
     * Consumes exactly the head: bytes after it (the client's first frames) stay in {@code in}
     * for the connection. When the request is refused as soon as its request line is read (405),
     * the rest stays unread too.
     *
     * <p>Once decided, every later call returns the same outcome and consumes nothing.
     *
     * @param in the bytes received, from its position to its limit; its position moves past
     *           what was consumed
     * @return null while the head is incomplete (the bytes of {@code in} are then all consumed
     *         and kept), else the outcome
     * @throws NullPointerException when {@code in} is null
     * @throws Error                when a hook throws one; nothing else is thrown: a failing hook
     *                              becomes a {@code 500} outcome
     */
    public HandshakeOutcome receiveData(ByteBuffer in) {
        Objects.requireNonNull(in, "in");
        if (outcome != null) {
            return outcome;
        }
        Request request;
        try {
            request = reader.read(in);
        } catch (InvalidHandshake e) {
            return outcome = reject(e);
        }
        if (request == null) {
            return null;
        }
        return outcome = decide(request);
    }

    /**
     * Tells the handshake that the client closed its side of the connection.
     *
     * @return the outcome already decided, if any; else {@link HandshakeOutcome.Abandoned}, since
     *         the request never completed (a client half-closing after a whole request would
     *         already have an outcome)
     * @throws Error when a hook throws one
     */
    public HandshakeOutcome receiveEof() {
        if (outcome != null) {
            return outcome;
        }
        Request request;
        try {
            request = reader.eof();
        } catch (IncompleteMessage e) {
            return outcome = new HandshakeOutcome.Abandoned(e);
        }
        return outcome = decide(request); // not reached: a complete request was decided when read
    }

    /**
     * Marks the server as shutting down (Python's {@code WebSocketServer.close()}): a request that
     * completes from now on is answered {@code 503 Service Unavailable}, and hooks no longer run.
     * A handshake already decided keeps its outcome. Idempotent; callable from any thread.
     */
    public void shuttingDown() {
        shuttingDown = true;
    }

    /**
     * {@link #shuttingDown()}, and the {@code 503} carries {@code Retry-After} (RFC 9110 §10.2.3):
     * how long a client should wait before it tries again, in whole seconds, rounded up. Used by
     * {@link WebSocketServer#drain(Duration, Duration)}.
     *
     * @param retryAfter how long clients should wait, positive
     * @throws NullPointerException     when {@code retryAfter} is null
     * @throws IllegalArgumentException when {@code retryAfter} is zero or negative
     */
    public void shuttingDown(Duration retryAfter) {
        if (retryAfter.isNegative() || retryAfter.isZero()) {
            throw new IllegalArgumentException("retryAfter must be positive, got " + retryAfter);
        }
        this.retryAfter = retryAfter;
        shuttingDown = true;
    }

    /**
     * The outcome decided so far.
     *
     * @return the outcome, or null while the request is incomplete
     */
    public HandshakeOutcome outcome() {
        return outcome;
    }

    private HandshakeOutcome decide(Request request) {
        // The reader accepts only origin-form and absolute-form targets: both have a resource name.
        String path = request.resourceName();
        Headers headers = request.headers();
        context = new HandshakeContext(path, headers, remoteAddress, state);
        if (shuttingDown) {
            return reject(Refusals.shuttingDown(retryAfter));
        }
        HandshakeDraft draft;
        try {
            draft = accept(headers);
        } catch (RuntimeException e) {
            draft = refusal(e);
        }
        ResponseProcessor processResponse = options.processResponse();
        if (processResponse != null) {
            try {
                draft = ResponseHooks.apply(processResponse, context, draft, responses);
            } catch (RuntimeException e) {
                draft = refusal(e);
            }
            if (shuttingDown) {
                return reject(Refusals.shuttingDown(retryAfter));
            }
        }
        if (draft.cause() == null) {
            Response response = draft.response();
            return new HandshakeOutcome.Accepted(response.serialize(), path, headers, response.headers(),
                    draft.subprotocol(), draft.extensions());
        }
        return new HandshakeOutcome.Rejected(draft.response().serialize(), draft.response().status(), draft.cause());
    }

    private HandshakeDraft accept(Headers headers) {
        RequestProcessor processRequest = options.processRequest();
        if (processRequest != null) {
            HttpResponse early = processRequest.process(context);
            if (shuttingDown) {
                throw Refusals.shuttingDown(retryAfter);
            }
            if (early != null) {
                throw new AbortHandshake(early.status(), early.headers(), early.body());
            }
        }
        String key = Handshake.checkRequest(headers);
        checkHost(headers);
        checkOrigin(headers);
        Negotiation.Result extensions = negotiateExtensions(headers);
        String subprotocol = chooseSubprotocol(headers);
        Headers extra = extraHeaders(context.path(), headers);

        Headers responseHeaders = new Headers();
        Handshake.buildResponse(responseHeaders, key);
        if (!extensions.responseHeader().isEmpty()) {
            responseHeaders.add("Sec-WebSocket-Extensions", HeaderGrammar.buildExtension(extensions.responseHeader()));
        }
        if (subprotocol != null) {
            responseHeaders.add("Sec-WebSocket-Protocol", subprotocol);
        }
        if (extra != null) {
            for (Headers.Field field : extra) {
                responseHeaders.add(field.name(), field.value());
            }
        }
        return new HandshakeDraft(responses.switchingProtocols(responseHeaders), null, subprotocol, extensions.extensions());
    }

    /** RFC 9112 §3.2: a server must answer 400 to an HTTP/1.1 request without exactly one Host. */
    private static void checkHost(Headers headers) {
        int count = headers.getAll("Host").size();
        if (count == 0) {
            throw new InvalidHeader("Host", null);
        }
        if (count > 1) {
            throw new InvalidHeader("Host", "more than one Host header found");
        }
    }

    private void checkOrigin(Headers headers) {
        List<String> values = headers.getAll("Origin");
        if (values.size() > 1) {
            throw new InvalidHeader("Origin", "more than one Origin header found");
        }
        String origin = values.isEmpty() ? null : values.get(0);
        if (!options.acceptsOrigin(origin)) {
            throw new InvalidOrigin(origin);
        }
    }

    private Negotiation.Result negotiateExtensions(Headers headers) {
        List<String> values = headers.getAll("Sec-WebSocket-Extensions");
        if (values.isEmpty() || options.extensions().isEmpty()) {
            return new Negotiation.Result(List.of(), List.of());
        }
        return Negotiation.server(HeaderGrammar.parseExtension(values), options.extensions());
    }

    private String chooseSubprotocol(Headers headers) {
        List<String> values = headers.getAll("Sec-WebSocket-Protocol");
        List<String> available = options.subprotocols();
        if (values.isEmpty() || available.isEmpty()) {
            return null;
        }
        List<String> offered = List.copyOf(HeaderGrammar.parseSubprotocol(values));
        String chosen = options.selectSubprotocol().select(offered, available);
        if (chosen != null && !offered.contains(chosen)) {
            throw new IllegalStateException("selectSubprotocol returned \"" + chosen + "\", which the client did not offer "
                    + offered + "; return one of the client's subprotocols, or null for none");
        }
        return chosen;
    }

    private Headers extraHeaders(String path, Headers requestHeaders) {
        ExtraHeaders source = options.extraHeaders();
        if (source == null) {
            return null;
        }
        Headers extra = source.headers(path, requestHeaders);
        if (extra != null && !(source instanceof FixedHeaders)) {
            ExtraHeaderCheck.check(extra, "extraHeaders");
        }
        return extra;
    }

    private HandshakeOutcome.Rejected reject(Throwable cause) {
        HandshakeDraft draft = refusal(cause);
        return new HandshakeOutcome.Rejected(draft.response().serialize(), draft.response().status(), draft.cause());
    }

    private HandshakeDraft refusal(Throwable cause) {
        if (cause instanceof AbortHandshake abort) {
            try {
                // The checks of HttpResponse: a 1xx, a Transfer-Encoding or a body on 204/304 cannot be sent.
                new HttpResponse(abort.status(), abort.headers(), abort.body());
            } catch (IllegalArgumentException e) {
                e.addSuppressed(abort);
                cause = e;
            }
        }
        Refusals.Answer answer = Refusals.answer(cause);
        return new HandshakeDraft(responses.closing(answer.status(), answer.headers(), answer.body()), cause, null, List.of());
    }
}
