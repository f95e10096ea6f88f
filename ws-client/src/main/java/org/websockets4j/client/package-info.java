/**
 * WebSocket clients: the counterpart of Python websockets' {@code connect()}.
 *
 * <p>Start with {@link org.websockets4j.client.WebSocketClient#connect(String)}, which opens a
 * TCP connection, runs the opening handshake (following redirects) and returns an open
 * {@link org.websockets4j.protocol.WebSocket}; {@link org.websockets4j.client.ClientOptions} holds
 * the options, with Python's defaults. {@link org.websockets4j.client.ClientHandshake} is the
 * client side of the handshake on its own, Sans-I/O, for those who drive their own sockets.
 *
 * <p>The module is also a command-line client, its main class:
 * {@code java -p <modules> -m org.websockets4j.client ws://host:port/} connects, sends each line
 * typed as a text message and prints each message received (the counterpart of
 * {@code python -m websockets}). It speaks {@code wss://} ({@code --cacert}, {@code --insecure}), goes through proxies
 * ({@code --proxy}) and reaches Unix domain sockets ({@code --unix}).
 */
package org.websockets4j.client;
