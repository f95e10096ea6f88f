package org.websockets4j.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Sans-I/O client side of an HTTP {@code CONNECT} tunnel (RFC 9110 §9.3.6) through a proxy:
 * {@link #request()} gives the bytes to send, {@link #receiveData(ByteBuffer)} takes the proxy's
 * answer, split anywhere, and says when the tunnel is open.
 *
 * <p>The request is {@code CONNECT host:port HTTP/1.1} with a {@code Host} header, a
 * {@code Proxy-Authorization: Basic} header when credentials are given, and a {@code User-Agent}
 * when one is. Any 2xx answer opens the tunnel, and the answer ends with its head: a 2xx response
 * to {@code CONNECT} has no body. HTTP/1.0 answers are accepted, since common proxies (tinyproxy,
 * Squid) send them. Any other status raises {@link InvalidProxyStatus} once its status line has
 * arrived.
 *
 * <p>The head is bounded by {@link HttpLimits} like any response head. The handshake consumes
 * exactly the head; bytes after it stay in the buffer (before the client sends anything through
 * the tunnel, a proxy has nothing to relay, so the caller may treat them as an error).
 *
 * <p>Not thread-safe: one handshake per connection attempt. After it throws, it is failed and
 * every later call throws {@link IllegalStateException}.
 */
public final class HttpProxyHandshake {
    private static final String WHAT = "HTTP proxy response head";

    private final String proxy;
    private final byte[] request;
    private final HeadReader head = HeadReader.forHead(WHAT);
    private boolean statusRead;
    private boolean open;
    private boolean failed;

    /**
     * Prepares the handshake.
     *
     * @param proxy       the proxy's URI, for error messages (redacted there)
     * @param host        the destination's host name or IP address; an IPv6 address without brackets
     * @param port        the destination's port, 1-65535
     * @param credentials the {@code Proxy-Authorization: Basic} credentials, or null to send none
     * @param userAgent   the {@code User-Agent} header value, or null to send none
     * @throws NullPointerException     when {@code proxy} or {@code host} is null
     * @throws IllegalArgumentException when the host is empty or holds a character that cannot
     *                                  appear in a request target, the port is out of range, or
     *                                  the credentials or user agent are not valid header content
     */
    public HttpProxyHandshake(String proxy, String host, int port, BasicCredentials credentials, String userAgent) {
        this.proxy = Objects.requireNonNull(proxy, "proxy");
        Objects.requireNonNull(host, "host");
        if (host.isEmpty() || !host.chars().allMatch(c -> c > ' ' && c < 0x7f && c != '/' && c != '@' && c != '[' && c != ']')) {
            throw new IllegalArgumentException("not a host for CONNECT: " + Tokens.quoteForMessage(host));
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1-65535, got " + port);
        }
        String authority = (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        Headers headers = new Headers();
        headers.add("Host", authority);
        if (credentials != null) {
            headers.add("Proxy-Authorization", HeaderGrammar.buildAuthorizationBasic(credentials));
        }
        if (userAgent != null) {
            headers.add("User-Agent", userAgent);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        HeadReader.writeLatin1(out, "CONNECT " + authority + " HTTP/1.1\r\n");
        HeadReader.writeHeaders(out, headers);
        this.request = out.toByteArray();
    }

    /**
     * The {@code CONNECT} request to send.
     *
     * @return a copy of the request bytes
     */
    public byte[] request() {
        return request.clone();
    }

    /**
     * Consumes the proxy's answer from {@code in}, up to the end of its head and no further.
     *
     * @param in the bytes received; its position advances past what was consumed
     * @return true once the tunnel is open (a 2xx head has arrived in full), false while more
     *         bytes are needed
     * @throws InvalidProxyStatus    when the proxy answers with a status other than 2xx
     * @throws InvalidProxyMessage   when the answer is not an HTTP/1.x response or exceeds a limit
     *                               of {@link HttpLimits}
     * @throws IllegalStateException when an earlier call threw
     */
    public boolean receiveData(ByteBuffer in) {
        check();
        if (open) {
            return true;
        }
        try {
            if (!statusRead) {
                String line = head.readLine(in);
                if (line == null) {
                    return false;
                }
                statusLine(line);
                statusRead = true;
            }
            open = head.readFields(in);
            return open;
        } catch (InvalidMessage | SecurityError e) {
            failed = true;
            throw new InvalidProxyMessage(proxy, e.getMessage(), e);
        } catch (RuntimeException e) {
            failed = true;
            throw e;
        }
    }

    /**
     * Tells the handshake that the proxy closed the connection before the tunnel opened.
     *
     * @throws InvalidProxyMessage   always, unless the tunnel is already open
     * @throws IllegalStateException when an earlier call threw
     */
    public void receiveEof() {
        check();
        if (!open) {
            failed = true;
            throw new InvalidProxyMessage(proxy, "closed the connection before answering CONNECT in full ("
                    + head.size() + " bytes received)");
        }
    }

    /**
     * Whether the tunnel is open.
     *
     * @return true once {@link #receiveData(ByteBuffer)} returned true
     */
    public boolean isOpen() {
        return open;
    }

    private void statusLine(String line) {
        // HTTP-version SP 3DIGIT [SP reason]: HTTP/1.0 and HTTP/1.1 both occur in the wild.
        if (line.length() < 12 || !(line.startsWith("HTTP/1.0 ") || line.startsWith("HTTP/1.1 "))
                || !Character.isDigit(line.charAt(9)) || !Character.isDigit(line.charAt(10))
                || !Character.isDigit(line.charAt(11)) || (line.length() > 12 && line.charAt(12) != ' ')) {
            throw new InvalidMessage("not an HTTP/1.x status line: " + HeadReader.quote(line));
        }
        int status = Integer.parseInt(line, 9, 12, 10);
        if (status < 200 || status > 299) {
            String reason = line.length() > 13 ? line.substring(13).strip() : "";
            // The reason goes into a message: keep it only when it is short, printable ASCII.
            boolean printable = reason.length() <= 100 && reason.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
            failed = true;
            throw new InvalidProxyStatus(proxy, status, printable ? reason : "");
        }
    }

    private void check() {
        if (failed) {
            throw new IllegalStateException("the proxy handshake already failed");
        }
    }
}
