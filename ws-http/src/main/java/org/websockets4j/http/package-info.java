/**
 * HTTP/1.1 support for the WebSocket opening handshake.
 *
 * <p>This package will hold {@code Headers}, incremental reading of HTTP/1.1
 * requests and responses with size limits, the grammars of the handshake
 * headers ({@code Connection}, {@code Upgrade}, {@code Sec-WebSocket-Extensions},
 * {@code Sec-WebSocket-Protocol}, ...), computing and checking
 * {@code Sec-WebSocket-Key} / {@code Sec-WebSocket-Accept}, and parsing of
 * {@code ws://} and {@code wss://} URIs &mdash; the counterpart of the
 * {@code http}, {@code headers}, {@code handshake} and {@code uri} modules of
 * Python's websockets.
 */
package org.websockets4j.http;
