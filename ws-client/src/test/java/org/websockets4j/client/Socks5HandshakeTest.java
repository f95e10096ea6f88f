package org.websockets4j.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.websockets4j.http.InvalidProxyMessage;
import org.websockets4j.http.ProxyError;
import org.websockets4j.http.SocksProxyError;

/** The SOCKS5 handshake (RFC 1928, RFC 1929), fed bytes. */
class Socks5HandshakeTest {
    private static final String PROXY = "socks5h://bob:hunter2@127.0.0.1:1080";
    /** CONNECT example.com:8765 by name (ATYP 3). */
    private static final byte[] CONNECT_BY_NAME = {5, 1, 0, 3, 11, 'e', 'x', 'a', 'm', 'p', 'l', 'e', '.', 'c', 'o', 'm', 0x22, 0x3d};
    private static final byte[] SUCCESS_IPV4 = {5, 0, 0, 1, 127, 0, 0, 1, 0x12, 0x34};

    private static ByteBuffer bytes(int... values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length);
        for (int v : values) {
            buffer.put((byte) v);
        }
        return buffer.flip();
    }

    @Test
    void withoutCredentialsItOffersNoAuthenticationAndSendsTheNameForTheProxyToResolve() {
        Socks5Handshake handshake = new Socks5Handshake(PROXY, "example.com", 8765, null, null);
        assertArrayEquals(new byte[] {5, 1, 0}, handshake.greeting());
        assertArrayEquals(CONNECT_BY_NAME, handshake.receiveData(bytes(5, 0)));
        assertFalse(handshake.isOpen());
        ByteBuffer reply = ByteBuffer.wrap(SUCCESS_IPV4);
        assertArrayEquals(new byte[0], handshake.receiveData(reply));
        assertTrue(handshake.isOpen());
        assertFalse(reply.hasRemaining());
    }

    @Test
    void withCredentialsItAuthenticatesWithUsernameAndPassword() {
        Socks5Handshake handshake = new Socks5Handshake(PROXY, "example.com", 8765, "bob", "hunter2");
        assertArrayEquals(new byte[] {5, 2, 0, 2}, handshake.greeting());
        assertArrayEquals(new byte[] {1, 3, 'b', 'o', 'b', 7, 'h', 'u', 'n', 't', 'e', 'r', '2'},
                handshake.receiveData(bytes(5, 2)));
        assertArrayEquals(CONNECT_BY_NAME, handshake.receiveData(bytes(1, 0)));
        assertArrayEquals(new byte[0], handshake.receiveData(ByteBuffer.wrap(SUCCESS_IPV4)));
    }

    @Test
    void ipLiteralsAreSentAsAddresses() {
        Socks5Handshake v4 = new Socks5Handshake(PROXY, "127.0.0.1", 80, null, null);
        assertArrayEquals(new byte[] {5, 1, 0, 1, 127, 0, 0, 1, 0, 80}, v4.receiveData(bytes(5, 0)));
        Socks5Handshake v6 = new Socks5Handshake(PROXY, "::1", 80, null, null);
        byte[] connect = v6.receiveData(bytes(5, 0));
        assertEquals(4 + 16 + 2, connect.length);
        assertEquals(4, connect[3]);
        assertEquals(1, connect[19]);
    }

    @Test
    void repliesSplitAnywhereAndEveryAddressTypeAreRead() {
        byte[][] replies = {
            SUCCESS_IPV4,
            {5, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 80},
            {5, 0, 0, 3, 3, 'a', '.', 'b', 0, 80},
        };
        for (byte[] reply : replies) {
            for (int split = 0; split < reply.length; split++) {
                Socks5Handshake handshake = new Socks5Handshake(PROXY, "example.com", 8765, null, null);
                handshake.receiveData(bytes(5, 0));
                ByteBuffer in = ByteBuffer.allocate(64);
                in.put(reply, 0, split).flip();
                assertNull(handshake.receiveData(in), "split at " + split);
                in.compact().put(reply, split, reply.length - split).put((byte) 42).flip();
                assertArrayEquals(new byte[0], handshake.receiveData(in));
                assertEquals(1, in.remaining(), "a byte after the reply stays in the buffer");
            }
        }
    }

    @Test
    void everyFailureReplyIsASocksProxyErrorWithItsCode() {
        for (int code = 1; code <= 9; code++) {
            Socks5Handshake handshake = new Socks5Handshake(PROXY, "example.com", 8765, null, null);
            handshake.receiveData(bytes(5, 0));
            int expected = code;
            SocksProxyError e = assertThrows(SocksProxyError.class,
                    () -> handshake.receiveData(bytes(5, expected, 0, 1, 0, 0, 0, 0, 0, 0)));
            assertEquals(code, e.replyCode());
            assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
            assertThrows(IllegalStateException.class, () -> handshake.receiveData(bytes(0)));
        }
    }

    @Test
    void refusedCredentialsAndMissingCredentialsAreProxyErrors() {
        Socks5Handshake wrong = new Socks5Handshake(PROXY, "example.com", 8765, "bob", "nope");
        wrong.receiveData(bytes(5, 2));
        ProxyError refused = assertThrows(ProxyError.class, () -> wrong.receiveData(bytes(1, 1)));
        assertTrue(refused.getMessage().contains("refused the user name and password"), refused.getMessage());
        assertFalse(refused.getMessage().contains("hunter2"));

        Socks5Handshake none = new Socks5Handshake(PROXY, "example.com", 8765, null, null);
        ProxyError required = assertThrows(ProxyError.class, () -> none.receiveData(bytes(5, 0xFF)));
        assertTrue(required.getMessage().contains("requires authentication"), required.getMessage());

        Socks5Handshake offered = new Socks5Handshake(PROXY, "example.com", 8765, "bob", "x");
        assertThrows(ProxyError.class, () -> offered.receiveData(bytes(5, 0xFF)));
    }

    @Test
    void somethingElseThanSocks5IsAnInvalidProxyMessage() {
        assertThrows(InvalidProxyMessage.class, () -> new Socks5Handshake(PROXY, "h", 1, null, null).receiveData(bytes('H', 'T')));
        assertThrows(InvalidProxyMessage.class, () -> new Socks5Handshake(PROXY, "h", 1, null, null).receiveData(bytes(5, 1)));
        Socks5Handshake badAuthVersion = new Socks5Handshake(PROXY, "h", 1, "u", "p");
        badAuthVersion.receiveData(bytes(5, 2));
        assertThrows(InvalidProxyMessage.class, () -> badAuthVersion.receiveData(bytes(5, 0)));
        Socks5Handshake badType = new Socks5Handshake(PROXY, "h", 1, null, null);
        badType.receiveData(bytes(5, 0));
        assertThrows(InvalidProxyMessage.class, () -> badType.receiveData(bytes(5, 0, 0, 7, 0)));
        Socks5Handshake eof = new Socks5Handshake(PROXY, "h", 1, null, null);
        assertThrows(InvalidProxyMessage.class, eof::receiveEof);
    }

    @Test
    void fieldsOfMoreThan255BytesOrEmptyAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Socks5Handshake(PROXY, "a".repeat(256), 1, null, null));
        assertThrows(IllegalArgumentException.class, () -> new Socks5Handshake(PROXY, "h", 1, "", "p"));
        assertThrows(IllegalArgumentException.class, () -> new Socks5Handshake(PROXY, "h", 1, "u", "p".repeat(256)));
        assertThrows(IllegalArgumentException.class, () -> new Socks5Handshake(PROXY, "h", 0, null, null));
    }
}
