package org.websockets4j.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The HTTP CONNECT handshake, fed bytes. */
class HttpProxyHandshakeTest {
    private static final String PROXY = "http://alice:s3cret@proxy.example:3128";

    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void theRequestNamesTheAuthorityAndCarriesBasicCredentialsAndTheUserAgent() {
        HttpProxyHandshake handshake = new HttpProxyHandshake(PROXY, "example.com", 443,
                new BasicCredentials("alice", "s3cret"), "websockets4j/test");
        assertEquals("CONNECT example.com:443 HTTP/1.1\r\n"
                + "Host: example.com:443\r\n"
                + "Proxy-Authorization: Basic YWxpY2U6czNjcmV0\r\n"
                + "User-Agent: websockets4j/test\r\n\r\n",
                new String(handshake.request(), StandardCharsets.ISO_8859_1));
    }

    @Test
    void anIpv6DestinationIsBracketedAndNothingOptionalIsSent() {
        HttpProxyHandshake handshake = new HttpProxyHandshake(PROXY, "::1", 8765, null, null);
        assertEquals("CONNECT [::1]:8765 HTTP/1.1\r\nHost: [::1]:8765\r\n\r\n",
                new String(handshake.request(), StandardCharsets.ISO_8859_1));
    }

    @Test
    void a200OpensTheTunnelWhateverTheSplitAndLeavesTheBytesAfterTheHead() {
        String answer = "HTTP/1.0 200 Connection established\r\nProxy-agent: tinyproxy/1.11.1\r\n\r\n";
        for (int split = 0; split <= answer.length(); split++) {
            HttpProxyHandshake handshake = new HttpProxyHandshake(PROXY, "example.com", 80, null, null);
            ByteBuffer first = bytes(answer.substring(0, split));
            boolean open = handshake.receiveData(first);
            assertEquals(split == answer.length(), open, "split at " + split);
            assertFalse(first.hasRemaining());
            if (!open) {
                ByteBuffer rest = bytes(answer.substring(split) + "after");
                assertTrue(handshake.receiveData(rest));
                assertEquals(5, rest.remaining(), "the bytes after the head stay in the buffer");
            }
            assertTrue(handshake.isOpen());
        }
    }

    @Test
    void anyTwoHundredStatusOpensTheTunnelInHttp11Too() {
        HttpProxyHandshake handshake = new HttpProxyHandshake(PROXY, "example.com", 80, null, null);
        assertTrue(handshake.receiveData(bytes("HTTP/1.1 204\r\n\r\n")));
    }

    @Test
    void a407IsAnInvalidProxyStatusWithTheStatusAndNoPassword() {
        HttpProxyHandshake handshake = new HttpProxyHandshake(PROXY, "example.com", 80, null, null);
        InvalidProxyStatus e = assertThrows(InvalidProxyStatus.class, () -> handshake.receiveData(
                bytes("HTTP/1.0 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"x\"\r\n\r\n")));
        assertEquals(407, e.statusCode());
        assertEquals("http://alice:***@proxy.example:3128", e.proxy());
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
        assertTrue(e.getMessage().contains("407 Proxy Authentication Required"), e.getMessage());
        assertTrue(e instanceof ProxyError && e instanceof InvalidHandshake);
        assertThrows(IllegalStateException.class, () -> handshake.receiveData(bytes("x")));
    }

    @Test
    void a403AndA502AreRefusals() {
        for (int status : new int[] {403, 502, 101, 300}) {
            HttpProxyHandshake handshake = new HttpProxyHandshake(PROXY, "example.com", 80, null, null);
            InvalidProxyStatus e = assertThrows(InvalidProxyStatus.class,
                    () -> handshake.receiveData(bytes("HTTP/1.1 " + status + " No\r\n")));
            assertEquals(status, e.statusCode());
        }
    }

    @Test
    void somethingElseThanHttpIsAnInvalidProxyMessage() {
        for (String answer : new String[] {"SSH-2.0-OpenSSH\r\n", "HTTP/2 200\r\n", "HTTP/1.1 2x0 OK\r\n",
                                           "HTTP/1.1 200 OK\nHost: x\n\n", "HTTP/1.1 200 OK\r\nno colon\r\n\r\n"}) {
            HttpProxyHandshake handshake = new HttpProxyHandshake(PROXY, "example.com", 80, null, null);
            assertThrows(InvalidProxyMessage.class, () -> handshake.receiveData(bytes(answer)), answer);
        }
    }

    @Test
    void anEndlessHeadIsRefusedAtTheHeadLimit() {
        HttpProxyHandshake handshake = new HttpProxyHandshake(PROXY, "example.com", 80, null, null);
        handshake.receiveData(bytes("HTTP/1.1 200 OK\r\n"));
        InvalidProxyMessage e = assertThrows(InvalidProxyMessage.class, () -> {
            for (int i = 0; i < 10_000; i++) {
                handshake.receiveData(bytes("X-Filler-" + i + ": " + "a".repeat(100) + "\r\n"));
            }
        });
        assertTrue(e.getCause() instanceof SecurityError, String.valueOf(e.getCause()));
    }

    @Test
    void theEndOfTheStreamBeforeTheTunnelOpensIsAnInvalidProxyMessage() {
        HttpProxyHandshake handshake = new HttpProxyHandshake(PROXY, "example.com", 80, null, null);
        handshake.receiveData(bytes("HTTP/1.1 200 OK\r\n"));
        InvalidProxyMessage e = assertThrows(InvalidProxyMessage.class, handshake::receiveEof);
        assertFalse(e.getMessage().contains("s3cret"));
        HttpProxyHandshake open = new HttpProxyHandshake(PROXY, "example.com", 80, null, null);
        open.receiveData(bytes("HTTP/1.1 200 OK\r\n\r\n"));
        open.receiveEof(); // nothing to say once open
    }

    @Test
    void aDestinationThatCouldSplitTheRequestLineIsRefused() {
        for (String host : new String[] {"", "a b", "a\r\nX: y", "a/b", "[::1]"}) {
            assertThrows(IllegalArgumentException.class, () -> new HttpProxyHandshake(PROXY, host, 80, null, null), host);
        }
        assertThrows(IllegalArgumentException.class, () -> new HttpProxyHandshake(PROXY, "a", 0, null, null));
        assertThrows(IllegalArgumentException.class, () -> new HttpProxyHandshake(PROXY, "a", 65536, null, null));
    }

    @Test
    void socksReplyCodesAreDescribed() {
        SocksProxyError e = new SocksProxyError("socks5://u:p@h", 5);
        assertEquals(5, e.replyCode());
        assertEquals("proxy socks5://u:***@h: refused the tunnel: SOCKS5 reply 5 (connection refused)", e.getMessage());
        assertEquals("unassigned", SocksProxyError.describe(9));
    }
}
