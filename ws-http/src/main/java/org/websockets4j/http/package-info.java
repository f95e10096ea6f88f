/**
 * HTTP/1.1 for the WebSocket opening handshake (RFC 6455 §4), Sans-I/O.
 *
 * <p>The layer above {@code org.websockets4j.framing} (which it requires, for the exception root)
 * and below the connection: it turns bytes into {@link org.websockets4j.http.Request}s and
 * {@link org.websockets4j.http.Response}s ({@link org.websockets4j.http.RequestReader},
 * {@link org.websockets4j.http.ResponseReader}, bounded by {@link org.websockets4j.http.HttpLimits}),
 * holds header fields ({@link org.websockets4j.http.Headers}), parses and builds the handshake
 * headers ({@link org.websockets4j.http.HeaderGrammar}: {@code Connection}, {@code Upgrade},
 * {@code Sec-WebSocket-Protocol}, {@code Sec-WebSocket-Extensions}, Basic authentication),
 * computes and checks the key and accept values ({@link org.websockets4j.http.Handshake}), and
 * parses {@code ws://} and {@code wss://} URIs ({@link org.websockets4j.http.WebSocketUri}). It is
 * the counterpart of the {@code http}, {@code headers}, {@code handshake} and {@code uri} modules
 * of Python websockets, and so is the handshake half of its exception hierarchy
 * ({@link org.websockets4j.http.InvalidHandshake} and its subclasses).
 *
 * <p>Nothing here opens a socket: {@code ws-server} and {@code ws-client} run these pieces over
 * real connections. Used alone ({@code requires org.websockets4j.http;}), it needs only
 * {@code java.base} and {@code ws-framing}.
 *
 * <h2>Getting started</h2>
 * A client builds the request; a server reads it back, checks it and answers:
 * {@snippet :
 * WebSocketUri uri = WebSocketUri.parse("ws://localhost:8765/chat");
 * Headers headers = Headers.of("Host", uri.hostHeader());
 * String key = Handshake.buildRequest(headers);                  // adds Upgrade, Connection, key, version
 * byte[] bytes = Request.get(uri.resourceName(), headers).serialize();
 *
 * Request request = new RequestReader().read(ByteBuffer.wrap(bytes)); // null until the head is complete
 * Headers answer = new Headers();
 * Handshake.buildResponse(answer, Handshake.checkRequest(request.headers()));
 * }
 * Each check throws a subclass of {@link org.websockets4j.http.InvalidHandshake} that says which
 * header was wrong and, where the RFC says so, which status to answer with.
 */
package org.websockets4j.http;
