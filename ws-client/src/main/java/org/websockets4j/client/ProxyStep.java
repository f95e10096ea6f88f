package org.websockets4j.client;

import java.nio.ByteBuffer;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.websockets4j.http.HttpProxyHandshake;
import org.websockets4j.http.InvalidProxyMessage;
import org.websockets4j.http.ProxyError;
import org.websockets4j.http.WebSocketUri;
import org.websockets4j.protocol.internal.HandshakeIo;
import org.websockets4j.protocol.internal.Transport;

/**
 * The proxy step of {@code connect()}: over the raw transport to the proxy, opens a tunnel to the
 * WebSocket server with {@link HttpProxyHandshake} or {@link Socks5Handshake}, within the
 * caller's deadline. Afterwards the transport carries the tunnel, so TLS (for {@code wss://}) and
 * the WebSocket handshake run end to end through it.
 */
final class ProxyStep {
    private static final int BUFFER = 1024;

    private ProxyStep() {
    }

    /**
     * Opens the tunnel.
     *
     * @param transport the connection to the proxy
     * @param proxy     the proxy
     * @param target    the WebSocket URI, whose host and port the tunnel leads to
     * @param userAgent the {@code User-Agent} of an HTTP {@code CONNECT}, or null
     * @param deadline  {@link System#nanoTime()} by which the tunnel must be open
     * @throws ProxyError           when the proxy refuses, or answers something else than its protocol
     * @throws TimeoutException     when the deadline passes first (the transport is closed then)
     * @throws ExecutionException   when the transport fails
     * @throws InterruptedException when interrupted (the transport is closed then)
     */
    static void open(Transport transport, ProxyUri proxy, WebSocketUri target, String userAgent, long deadline)
            throws TimeoutException, ExecutionException, InterruptedException {
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
        if (proxy.kind() == ProxyUri.Kind.HTTP) {
            HttpProxyHandshake handshake = new HttpProxyHandshake(proxy.text(), target.host(), target.port(),
                    proxy.credentials(), userAgent);
            HandshakeIo.writeFully(transport, ByteBuffer.wrap(handshake.request()), deadline);
            HandshakeIo.readUntil(transport, buffer, deadline, new HandshakeIo.Step<Boolean>() {
                @Override
                public Boolean data(ByteBuffer in) {
                    return handshake.receiveData(in) ? Boolean.TRUE : null;
                }

                @Override
                public Boolean eof() {
                    handshake.receiveEof(); // throws: the tunnel is not open
                    return Boolean.TRUE;
                }
            });
            requireDrained(buffer, proxy);
        } else {
            Socks5Handshake handshake = new Socks5Handshake(proxy.text(), target.host(), target.port(),
                    proxy.username(), proxy.password());
            byte[] next = handshake.greeting();
            while (next.length > 0) {
                HandshakeIo.writeFully(transport, ByteBuffer.wrap(next), deadline);
                next = HandshakeIo.readUntil(transport, buffer, deadline, new HandshakeIo.Step<byte[]>() {
                    @Override
                    public byte[] data(ByteBuffer in) {
                        return handshake.receiveData(in);
                    }

                    @Override
                    public byte[] eof() {
                        handshake.receiveEof(); // throws: the tunnel is not open
                        return new byte[0];
                    }
                });
                requireDrained(buffer, proxy);
                buffer.clear();
            }
        }
    }

    /**
     * Nothing can come through the tunnel before the client speaks (a WebSocket server and a TLS
     * server both wait for the client), and a SOCKS proxy answers one message at a time: bytes
     * after an answer mean the proxy speaks something else.
     */
    private static void requireDrained(ByteBuffer buffer, ProxyUri proxy) {
        if (buffer.hasRemaining()) {
            throw new InvalidProxyMessage(proxy.text(), buffer.remaining() + " unexpected bytes after the proxy's answer");
        }
    }
}
