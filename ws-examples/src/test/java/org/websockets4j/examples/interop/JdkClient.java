package org.websockets4j.examples.interop;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The JDK's own java.net.http WebSocket client, a peer nobody here wrote, driven step by step. */
public final class JdkClient implements WebSocket.Listener {
    private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
    private final StringBuilder text = new StringBuilder();
    private ByteBuffer binary = ByteBuffer.allocate(0);
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private WebSocket webSocket;

    /** Connects to {@code uri} with the JDK's client. */
    public static JdkClient connect(String uri) throws Exception {
        return connect(uri, HttpClient.newHttpClient());
    }

    /** Connects to a wss:// {@code uri} with the JDK's client, trusting what {@code ssl} trusts. */
    public static JdkClient connect(String uri, javax.net.ssl.SSLContext ssl) throws Exception {
        return connect(uri, HttpClient.newBuilder().sslContext(ssl).build());
    }

    private static JdkClient connect(String uri, HttpClient http) throws Exception {
        JdkClient client = new JdkClient();
        client.webSocket = http.newWebSocketBuilder()
                .buildAsync(URI.create(uri), client).get(10, TimeUnit.SECONDS);
        return client;
    }

    public String sendTextAndAwait(String message) throws Exception {
        webSocket.sendText(message, true).get(10, TimeUnit.SECONDS);
        return (String) received.poll(10, TimeUnit.SECONDS);
    }

    /** Sends a text message in several frames (fragmented) and waits for the echo. */
    public String sendFragmentsAndAwait(String... parts) throws Exception {
        for (int i = 0; i < parts.length; i++) {
            webSocket.sendText(parts[i], i == parts.length - 1).get(10, TimeUnit.SECONDS);
        }
        return (String) received.poll(10, TimeUnit.SECONDS);
    }

    /** Sends a binary message in several frames (fragmented) and waits for the echo. */
    public byte[] sendBinaryFragmentsAndAwait(byte[]... parts) throws Exception {
        for (int i = 0; i < parts.length; i++) {
            webSocket.sendBinary(ByteBuffer.wrap(parts[i]), i == parts.length - 1).get(10, TimeUnit.SECONDS);
        }
        return (byte[]) received.poll(10, TimeUnit.SECONDS);
    }

    public byte[] sendBinaryAndAwait(byte[] message) throws Exception {
        webSocket.sendBinary(ByteBuffer.wrap(message), true).get(10, TimeUnit.SECONDS);
        return (byte[]) received.poll(10, TimeUnit.SECONDS);
    }

    public String pingAndAwaitPong(String payload) throws Exception {
        webSocket.sendPing(ByteBuffer.wrap(payload.getBytes(StandardCharsets.UTF_8))).get(10, TimeUnit.SECONDS);
        return (String) received.poll(10, TimeUnit.SECONDS);
    }

    public int closeAndAwait(int code, String reason) throws Exception {
        webSocket.sendClose(code, reason).get(10, TimeUnit.SECONDS);
        return closed.get(10, TimeUnit.SECONDS);
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            received.add(text.toString());
            text.setLength(0);
        }
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
        ByteBuffer joined = ByteBuffer.allocate(binary.remaining() + data.remaining());
        binary = joined.put(binary).put(data).flip();
        if (last) {
            byte[] bytes = new byte[binary.remaining()];
            binary.get(bytes);
            received.add(bytes);
            binary = ByteBuffer.allocate(0);
        }
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
        received.add(StandardCharsets.UTF_8.decode(message).toString());
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        closed.completeExceptionally(error);
    }
}
