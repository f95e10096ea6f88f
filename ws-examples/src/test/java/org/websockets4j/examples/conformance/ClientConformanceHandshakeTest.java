package org.websockets4j.examples.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.websockets4j.client.ClientOptions;
import org.websockets4j.client.WebSocketClient;
import org.websockets4j.http.InvalidHeaderValue;
import org.websockets4j.http.InvalidStatusCode;
import org.websockets4j.http.InvalidUpgrade;
import org.websockets4j.http.NegotiationError;
import org.websockets4j.protocol.ConnectionClosedOK;
import org.websockets4j.protocol.WebSocket;

/** The client's checks of the server's opening handshake answers, against a raw loopback server. */
class ClientConformanceHandshakeTest {
    private static final Duration GUARD = Duration.ofSeconds(10);
    private static final ClientOptions OPTIONS = ClientOptions.builder()
            .openTimeout(Duration.ofSeconds(5))
            .closeTimeout(Duration.ofSeconds(2))
            .build();

    /** Connecting to a server that answers with {@code answer(accept)} throws {@code type}. */
    private static <T extends Throwable> T refused(Class<T> type, ClientOptions options, RawServer.Script script) {
        return assertTimeoutPreemptively(GUARD, () -> {
            try (RawServer raw = RawServer.start(script)) {
                T e = assertThrows(type, () -> WebSocketClient.connect(raw.uri(), options).close());
                raw.await();
                return e;
            }
        });
    }

    private static <T extends Throwable> T refused(Class<T> type, String answer) {
        return refused(type, OPTIONS, conn -> {
            String accept = conn.readUpgradeRequest();
            conn.sendRaw(answer.replace("{accept}", accept));
        });
    }

    @Test
    void aWrongAcceptIsInvalidHeaderValue() {
        InvalidHeaderValue e = refused(InvalidHeaderValue.class, "HTTP/1.1 101 Switching Protocols\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: " + RawClient.ACCEPT + "\r\n\r\n");
        assertFalse(InvalidUpgrade.class.isInstance(e), e::toString);
    }

    @Test
    void aMissingUpgradeIsInvalidUpgrade() {
        refused(InvalidUpgrade.class, "HTTP/1.1 101 Switching Protocols\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n\r\n");
    }

    @Test
    void a403IsInvalidStatusCodeWithTheBody() {
        InvalidStatusCode e = refused(InvalidStatusCode.class, "HTTP/1.1 403 Forbidden\r\n"
                + "Content-Type: text/plain\r\nContent-Length: 11\r\n\r\nnot for you");
        assertEquals(403, e.statusCode());
        assertArrayEquals("not for you".getBytes(StandardCharsets.US_ASCII), e.body());
    }

    @Test
    void anUnofferedSubprotocolIsNegotiationError() {
        refused(NegotiationError.class, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\nSec-WebSocket-Protocol: chat\r\n\r\n");
    }

    @Test
    void aServerClosingBeforeAnsweringIsAnIncompleteMessage() {
        Exception e = refused(Exception.class, OPTIONS, conn -> {
            conn.readUpgradeRequest();
            conn.close();
        });
        assertEquals("org.websockets4j.http.IncompleteMessage", e.getClass().getName(), e::toString);
    }

    @Test
    void aServerThatNeverAnswersTimesOut() {
        ClientOptions quick = OPTIONS.toBuilder().openTimeout(Duration.ofMillis(300)).build();
        long start = System.nanoTime();
        refused(SocketTimeoutException.class, quick, conn -> {
            conn.readUpgradeRequest();
            conn.expectEof(); // the client gives up by closing, without sending anything
        });
        long elapsed = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertTrue(elapsed >= 250 && elapsed < 3_000, "timed out after " + elapsed + " ms");
    }

    @Test
    void a302IsFollowedOnTheSameServer() {
        assertTimeoutPreemptively(GUARD, () -> {
            try (RawServer raw = RawServer.start(conn -> {
                conn.readUpgradeRequest();
                assertEquals("GET /old HTTP/1.1", conn.requestLine());
                conn.sendRaw("HTTP/1.1 302 Found\r\nLocation: /new?x=1\r\nContent-Length: 0\r\n\r\n");
            }, conn -> {
                conn.handshake();
                assertEquals("GET /new?x=1 HTTP/1.1", conn.requestLine());
                conn.sendText("moved");
                conn.closeNormally();
            })) {
                try (WebSocket ws = WebSocketClient.connect(raw.uri("/old"), OPTIONS)) {
                    assertEquals("moved", ws.recvText());
                    assertEquals(1000, assertThrows(ConnectionClosedOK.class, ws::recv).code());
                }
                raw.await();
            }
        });
    }
}
