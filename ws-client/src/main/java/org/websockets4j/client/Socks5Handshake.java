package org.websockets4j.client;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.websockets4j.http.InvalidProxyMessage;
import org.websockets4j.http.ProxyError;
import org.websockets4j.http.SocksProxyError;

/**
 * Sans-I/O client side of a SOCKS5 {@code CONNECT} (RFC 1928), with username/password
 * authentication (RFC 1929) when credentials are given. {@link #greeting()} gives the first bytes
 * to send; each {@link #receiveData(ByteBuffer)} takes the proxy's bytes, split anywhere, and
 * returns the next bytes to send, an empty array once the tunnel is open, or null while more bytes
 * are needed.
 *
 * <p>A host name is sent as a name (ATYP 3) for the proxy to resolve, whether the URI said
 * {@code socks5://} or {@code socks5h://}; an IPv4 or IPv6 literal is sent as an address
 * (ATYP 1 or 4). The handshake consumes exactly the proxy's replies; bytes after the last one stay
 * in the buffer.
 *
 * <p>Not thread-safe. After it throws, every later call throws {@link IllegalStateException}.
 */
final class Socks5Handshake {
    private static final int VERSION = 5;
    private static final int NO_AUTHENTICATION = 0;
    private static final int USERNAME_PASSWORD = 2;
    private static final int NO_ACCEPTABLE_METHOD = 0xFF;

    private enum State { METHOD, AUTHENTICATION, REPLY, OPEN }

    private final String proxy;
    private final byte[] username;
    private final byte[] password;
    private final byte[] connect;
    private State state = State.METHOD;
    private boolean failed;

    /**
     * @param proxy    the proxy's URI, for error messages (redacted there)
     * @param host     the destination's host name or IP literal (IPv6 without brackets)
     * @param port     the destination's port, 1-65535
     * @param username the RFC 1929 user name, or null to offer no authentication
     * @param password the RFC 1929 password (with a user name), or null
     * @throws IllegalArgumentException when the host name, user name or password is empty or longer
     *                                  than 255 bytes of UTF-8, or the port is out of range
     */
    Socks5Handshake(String proxy, String host, int port, String username, String password) {
        this.proxy = Objects.requireNonNull(proxy, "proxy");
        this.username = username == null ? null : field("SOCKS5 user name", username);
        this.password = username == null ? null : field("SOCKS5 password", password == null ? "" : password);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1-65535, got " + port);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(32);
        out.write(VERSION);
        out.write(1); // CONNECT
        out.write(0); // reserved
        byte[] address = ipLiteral(Objects.requireNonNull(host, "host"));
        if (address != null) {
            out.write(address.length == 4 ? 1 : 4);
            out.writeBytes(address);
        } else {
            byte[] name = field("host name", host);
            out.write(3);
            out.write(name.length);
            out.writeBytes(name);
        }
        out.write(port >> 8);
        out.write(port & 0xFF);
        this.connect = out.toByteArray();
    }

    /** The address of an IPv4 or IPv6 literal, or null for a host name; never looks a name up. */
    private static byte[] ipLiteral(String host) {
        if (!host.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}") && host.indexOf(':') < 0) {
            return null;
        }
        try {
            // Only a literal gets here, and InetAddress parses a literal without a lookup.
            return InetAddress.getByName(host).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + host, e);
        }
    }

    /** The length-prefixed fields of RFC 1928/1929 hold 1-255 bytes. */
    private static byte[] field(String what, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < 1 || bytes.length > 255) {
            throw new IllegalArgumentException(what + " must be 1-255 bytes of UTF-8 for SOCKS5, got " + bytes.length);
        }
        return bytes;
    }

    /**
     * The method selection message: no authentication, plus username/password when credentials
     * were given.
     *
     * @return the bytes to send first
     */
    byte[] greeting() {
        return username == null
                ? new byte[] {VERSION, 1, NO_AUTHENTICATION}
                : new byte[] {VERSION, 2, NO_AUTHENTICATION, USERNAME_PASSWORD};
    }

    /**
     * Consumes the proxy's next reply from {@code in}.
     *
     * @param in the bytes received; its position advances past the replies consumed
     * @return the bytes to send next; an empty array once the tunnel is open; null while more bytes
     *         are needed
     * @throws ProxyError            when the proxy accepts none of the methods offered, or refuses
     *                               the credentials
     * @throws SocksProxyError       when the proxy refuses the {@code CONNECT} (reply codes 1-255)
     * @throws InvalidProxyMessage   when a reply is malformed
     * @throws IllegalStateException when an earlier call threw
     */
    byte[] receiveData(ByteBuffer in) {
        if (failed) {
            throw new IllegalStateException("the SOCKS5 handshake already failed");
        }
        try {
            return switch (state) {
                case METHOD -> method(in);
                case AUTHENTICATION -> authentication(in);
                case REPLY -> reply(in);
                case OPEN -> new byte[0];
            };
        } catch (RuntimeException e) {
            failed = true;
            throw e;
        }
    }

    /**
     * The proxy closed the connection before the tunnel opened.
     *
     * @throws InvalidProxyMessage always, unless the tunnel is open
     */
    void receiveEof() {
        if (state != State.OPEN) {
            failed = true;
            throw new InvalidProxyMessage(proxy, "closed the connection during the SOCKS5 handshake (" + step() + ")");
        }
    }

    /** {@return whether the tunnel is open} */
    boolean isOpen() {
        return state == State.OPEN;
    }

    private String step() {
        return switch (state) {
            case METHOD -> "waiting for the method selection";
            case AUTHENTICATION -> "waiting for the authentication status";
            case REPLY -> "waiting for the CONNECT reply";
            case OPEN -> "open";
        };
    }

    private byte[] method(ByteBuffer in) {
        if (in.remaining() < 2) {
            return null;
        }
        int version = in.get() & 0xFF;
        int method = in.get() & 0xFF;
        if (version != VERSION) {
            throw new InvalidProxyMessage(proxy, "not a SOCKS5 proxy: method selection of version " + version);
        }
        if (method == NO_AUTHENTICATION) {
            state = State.REPLY;
            return connect.clone();
        }
        if (method == USERNAME_PASSWORD && username != null) {
            state = State.AUTHENTICATION;
            ByteArrayOutputStream out = new ByteArrayOutputStream(3 + username.length + password.length);
            out.write(1); // RFC 1929 sub-negotiation version
            out.write(username.length);
            out.writeBytes(username);
            out.write(password.length);
            out.writeBytes(password);
            return out.toByteArray();
        }
        if (method == NO_ACCEPTABLE_METHOD || method == USERNAME_PASSWORD) {
            throw new ProxyError(proxy, username == null
                    ? "the SOCKS5 proxy requires authentication: give user:password@ in the proxy URI"
                    : "the SOCKS5 proxy accepts none of the authentication methods offered (none, username/password)");
        }
        throw new InvalidProxyMessage(proxy, "the SOCKS5 proxy chose method " + method + ", which was not offered");
    }

    private byte[] authentication(ByteBuffer in) {
        if (in.remaining() < 2) {
            return null;
        }
        int version = in.get() & 0xFF;
        int status = in.get() & 0xFF;
        if (version != 1) {
            throw new InvalidProxyMessage(proxy, "SOCKS5 authentication status of version " + version + " (RFC 1929 says 1)");
        }
        if (status != 0) {
            throw new ProxyError(proxy, "the SOCKS5 proxy refused the user name and password (RFC 1929 status " + status + ")");
        }
        state = State.REPLY;
        return connect.clone();
    }

    private byte[] reply(ByteBuffer in) {
        // VER REP RSV ATYP BND.ADDR BND.PORT: the length depends on ATYP (and on a name's length).
        if (in.remaining() < 5) {
            return null;
        }
        int start = in.position();
        int version = in.get(start) & 0xFF;
        int code = in.get(start + 1) & 0xFF;
        int type = in.get(start + 3) & 0xFF;
        if (version != VERSION) {
            throw new InvalidProxyMessage(proxy, "SOCKS5 reply of version " + version);
        }
        if (code != 0) {
            // Some proxies send only part of a failure reply: the code is what matters.
            throw new SocksProxyError(proxy, code);
        }
        int length = switch (type) {
            case 1 -> 4 + 4 + 2;
            case 4 -> 4 + 16 + 2;
            case 3 -> 4 + 1 + (in.get(start + 4) & 0xFF) + 2;
            default -> throw new InvalidProxyMessage(proxy, "SOCKS5 reply with address type " + type);
        };
        if (in.remaining() < length) {
            return null;
        }
        in.position(start + length);
        state = State.OPEN;
        return new byte[0];
    }
}
