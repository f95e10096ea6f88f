package org.websockets4j.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.websockets4j.http.SecurityError;
import org.websockets4j.protocol.ConnectionClosed;
import org.websockets4j.protocol.WebSocket;
import org.websockets4j.server.ServerOptions;
import org.websockets4j.server.WebSocketServer;
import org.websockets4j.testkit.TestCertificates;

/** wss:// end to end over loopback: our client against our server, and both against broken peers. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TlsTest {
    private static TestCertificates certs;

    @BeforeAll
    static void certificates() {
        assumeTrue(TestCertificates.available() || "true".equals(System.getenv("CI")), "openssl is not installed: TLS tests skipped");
        certs = TestCertificates.get();
    }

    private static WebSocketServer echo(ServerOptions.Builder options) throws IOException {
        return WebSocketServer.serve(ws -> {
            for (var message : ws) {
                ws.send(message);
            }
        }, "127.0.0.1", 0, options.build());
    }

    private static ClientOptions.Builder trusting() {
        return ClientOptions.builder().ssl(certs.clientContext());
    }

    @Test
    void echoesSmallAndLargeMessagesAndClosesCleanly() throws Exception {
        try (WebSocketServer server = echo(ServerOptions.builder().ssl(certs.serverContext()));
             WebSocket ws = WebSocketClient.connect("wss://localhost:" + server.port() + "/", trusting().build())) {
            ws.send("hello");
            assertEquals("hello", ws.recvText());
            byte[] big = new byte[300_000]; // many records each way
            new Random(1).nextBytes(big);
            ws.send(big);
            assertArrayEquals(big, ws.recvBinary());
            for (int i = 0; i < 200; i++) {
                ws.send("m" + i);
            }
            for (int i = 0; i < 200; i++) {
                assertEquals("m" + i, ws.recvText());
            }
            ws.close();
            assertEquals(1000, ws.closeCode());
        }
    }

    @Test
    void connectsByIpAddressWithTheIpInTheCertificate() throws Exception {
        try (WebSocketServer server = echo(ServerOptions.builder().ssl(certs.serverContext()));
             WebSocket ws = WebSocketClient.connect("wss://127.0.0.1:" + server.port() + "/", trusting().build())) {
            ws.send("ip");
            assertEquals("ip", ws.recvText());
        }
    }

    @Test
    void tls12AndTls13BothWork() throws Exception {
        for (String protocol : new String[] {"TLSv1.2", "TLSv1.3"}) {
            SSLParameters only = new SSLParameters();
            only.setProtocols(new String[] {protocol});
            try (WebSocketServer server = echo(ServerOptions.builder().ssl(certs.serverContext()).sslParameters(only));
                 WebSocket ws = WebSocketClient.connect("wss://localhost:" + server.port() + "/", trusting().build())) {
                ws.send(protocol);
                assertEquals(protocol, ws.recvText());
            }
        }
    }

    @Test
    void anUntrustedCertificateFailsTheHandshake() throws Exception {
        try (WebSocketServer server = echo(ServerOptions.builder().ssl(certs.serverContext()))) {
            // The JDK's default trust store does not know the test CA.
            SSLHandshakeException e = assertThrows(SSLHandshakeException.class,
                    () -> WebSocketClient.connect("wss://localhost:" + server.port() + "/"));
            assertTrue(e.getMessage().startsWith("TLS handshake with localhost:" + server.port() + " failed: "), e.getMessage());
            assertTrue(e.getCause() instanceof SSLHandshakeException, String.valueOf(e.getCause()));
        }
    }

    @Test
    void aCertificateForAnotherHostFailsUnlessVerificationIsOff() throws Exception {
        try (WebSocketServer server = echo(ServerOptions.builder().ssl(certs.wrongNameServerContext()))) {
            String uri = "wss://localhost:" + server.port() + "/";
            SSLHandshakeException e = assertThrows(SSLHandshakeException.class, () -> WebSocketClient.connect(uri, trusting().build()));
            assertTrue(e.getMessage().contains("localhost"), e.getMessage());
            try (WebSocket ws = WebSocketClient.connect(uri, trusting().verifyHostname(false).build())) {
                ws.send("unverified");
                assertEquals("unverified", ws.recvText());
            }
        }
    }

    @Test
    void theServerNameComesFromTheUriNotTheSocketAddress() throws Exception {
        try (WebSocketServer server = echo(ServerOptions.builder().ssl(certs.serverContext()))) {
            // Connected to 127.0.0.1, but the certificate must name wrong.example: it does not.
            ClientOptions options = trusting().connectTo("127.0.0.1", server.port()).build();
            assertThrows(SSLHandshakeException.class, () -> WebSocketClient.connect("wss://wrong.example:" + server.port() + "/", options));
        }
    }

    @Test
    void wssToAPlainServerFailsClearly() throws Exception {
        try (WebSocketServer server = echo(ServerOptions.builder())) {
            assertThrows(SSLHandshakeException.class,
                    () -> WebSocketClient.connect("wss://localhost:" + server.port() + "/", trusting().build()));
        }
    }

    @Test
    void aServerThatNeverAnswersTimesOutInTheTlsHandshake() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ClientOptions options = trusting().openTimeout(Duration.ofMillis(500)).build();
            SocketTimeoutException e = assertThrows(SocketTimeoutException.class,
                    () -> WebSocketClient.connect("wss://localhost:" + silent.getLocalPort() + "/", options));
            assertTrue(e.getMessage().contains("TLS"), e.getMessage());
        }
    }

    @Test
    void plainBytesToATlsServerAreRefusedAndTheServerGoesOn() throws Exception {
        try (WebSocketServer server = echo(ServerOptions.builder().ssl(certs.serverContext()));
             Socket raw = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            raw.setSoTimeout(10_000);
            raw.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = raw.getInputStream();
            while (in.read() >= 0) {
                // an alert perhaps, then the end: never a hang
            }
            try (WebSocket ws = WebSocketClient.connect("wss://localhost:" + server.port() + "/", trusting().build())) {
                ws.send("still serving");
                assertEquals("still serving", ws.recvText());
            }
        }
    }

    @Test
    void aClientThatNeverStartsTlsIsDroppedAfterTheOpenTimeout() throws Exception {
        try (WebSocketServer server = echo(ServerOptions.builder().ssl(certs.serverContext()).openTimeout(Duration.ofMillis(300)));
             Socket raw = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            raw.setSoTimeout(10_000);
            assertEquals(-1, raw.getInputStream().read());
        }
    }

    @Test
    void wssToWsRedirectIsRefused() throws Exception {
        try (WebSocketServer plain = echo(ServerOptions.builder());
             WebSocketServer redirecting = echo(ServerOptions.builder().ssl(certs.serverContext()).processRequest((path, headers) ->
                     new org.websockets4j.server.HttpResponse(302, org.websockets4j.http.Headers.of("Location",
                             "ws://127.0.0.1:" + plain.port() + "/"), new byte[0])))) {
            SecurityError e = assertThrows(SecurityError.class,
                    () -> WebSocketClient.connect("wss://localhost:" + redirecting.port() + "/", trusting().build()));
            assertTrue(e.getMessage().contains("wss://"), e.getMessage());
        }
    }

    @Test
    void wssToWssRedirectIsFollowed() throws Exception {
        try (WebSocketServer target = echo(ServerOptions.builder().ssl(certs.serverContext()));
             WebSocketServer redirecting = echo(ServerOptions.builder().ssl(certs.serverContext()).processRequest((path, headers) ->
                     path.equals("/old") ? new org.websockets4j.server.HttpResponse(302, org.websockets4j.http.Headers.of("Location",
                             "wss://localhost:" + target.port() + "/new"), new byte[0]) : null));
             WebSocket ws = WebSocketClient.connect("wss://localhost:" + redirecting.port() + "/old", trusting().build())) {
            assertEquals("/new", ws.path());
            ws.send("followed");
            assertEquals("followed", ws.recvText());
        }
    }

    @Test
    void anSslContextForAWsUriIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> WebSocketClient.connect("ws://localhost:1/", trusting().build()));
    }

    @Test
    void aPeerThatStopsMidRecordFailsTheConnection() throws Exception {
        // A relay that passes the handshakes through, then cuts the server's stream in the middle of a record.
        try (WebSocketServer server = WebSocketServer.serve(ws -> {
                ws.recv();
                byte[] incompressible = new byte[50_000];
                new Random(2).nextBytes(incompressible);
                ws.send(incompressible);
                ws.awaitClosed();
            }, "127.0.0.1", 0, ServerOptions.builder().ssl(certs.serverContext()).build());
             Relay relay = new Relay(server.port());
             WebSocket ws = WebSocketClient.connect("wss://localhost:" + relay.port() + "/", trusting().build())) {
            relay.cutAfter(1000);
            ws.send("go");
            ConnectionClosed e = assertThrows(ConnectionClosed.class, ws::recv);
            assertEquals(1006, e.code());
            assertTrue(e.getCause() instanceof javax.net.ssl.SSLException, "the TLS error is the cause: " + e.getCause());
        }
    }

    @Test
    void renegotiationIsRefused() throws Exception {
        // A TLS 1.2 server (the JDK's blocking SSLSocket) that accepts the WebSocket, then renegotiates.
        SSLParameters tls12 = new SSLParameters();
        tls12.setProtocols(new String[] {"TLSv1.2"});
        try (var listener = certs.serverContext().getServerSocketFactory().createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread peer = Thread.ofVirtual().start(() -> {
                try (SSLSocket socket = (SSLSocket) listener.accept()) {
                    socket.setSSLParameters(tls12);
                    socket.setSoTimeout(10_000);
                    String key = null;
                    var reader = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
                    for (String line; !(line = reader.readLine()).isEmpty(); ) {
                        if (line.toLowerCase().startsWith("sec-websocket-key:")) {
                            key = line.substring(18).trim();
                        }
                    }
                    String accept = java.util.Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("SHA-1")
                            .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII)));
                    OutputStream out = socket.getOutputStream();
                    out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: "
                            + accept + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    socket.startHandshake(); // a new handshake on the open connection
                    out.write(new byte[] {(byte) 0x81, 2, 'h', 'i'});
                    out.flush();
                    socket.getInputStream().read();
                } catch (Exception e) {
                    // the client is expected to hang up
                }
            });
            try (WebSocket ws = WebSocketClient.connect("wss://localhost:" + listener.getLocalPort() + "/",
                    trusting().sslParameters(tls12).build())) {
                ConnectionClosed e = assertThrows(ConnectionClosed.class, ws::recv);
                assertEquals(1006, e.code());
            }
            peer.join(10_000);
        }
    }

    @Test
    void theServerSendsCloseNotifyAfterTheWebSocketClose() throws Exception {
        // A bare SSLEngine over a plain socket, so that close_notify and a bare end of stream can be told apart.
        try (WebSocketServer server = echo(ServerOptions.builder().ssl(certs.serverContext()));
             Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(10_000);
            BareTlsClient tls = new BareTlsClient(certs.clientContext().createSSLEngine("localhost", server.port()), socket);
            tls.write(("GET / HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
                    + "\u0088\u0082\0\0\0\0\u0003\u00e8").getBytes(StandardCharsets.ISO_8859_1)); // then close 1000, masked with zeros
            String received = tls.readUntilClosed();
            assertTrue(received.startsWith("HTTP/1.1 101 "), received);
            assertTrue(received.endsWith("\u0088\u0002\u0003\u00e8"), "the server's close frame, then close_notify");
        }
    }

    /** The client side of TLS driven by hand over a blocking socket. */
    private static final class BareTlsClient {
        private final javax.net.ssl.SSLEngine engine;
        private final InputStream in;
        private final OutputStream out;
        private final java.nio.ByteBuffer netIn = java.nio.ByteBuffer.allocate(1 << 17);
        private final java.nio.ByteBuffer app = java.nio.ByteBuffer.allocate(1 << 17);

        BareTlsClient(javax.net.ssl.SSLEngine engine, Socket socket) throws IOException {
            this.engine = engine;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
            engine.setUseClientMode(true);
            engine.beginHandshake();
            pump();
        }

        /** Runs the handshake (or what the engine asks for) until it needs application data. */
        private void pump() throws IOException {
            while (true) {
                switch (engine.getHandshakeStatus()) {
                    case NEED_WRAP -> write(new byte[0]);
                    case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                        if (unwrap() == javax.net.ssl.SSLEngineResult.Status.CLOSED) {
                            return;
                        }
                    }
                    case NEED_TASK -> engine.getDelegatedTask().run();
                    default -> {
                        return;
                    }
                }
            }
        }

        void write(byte[] data) throws IOException {
            java.nio.ByteBuffer src = java.nio.ByteBuffer.wrap(data);
            do {
                java.nio.ByteBuffer net = java.nio.ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
                engine.wrap(src, net);
                out.write(net.array(), 0, net.position());
            } while (src.hasRemaining());
            out.flush();
        }

        private javax.net.ssl.SSLEngineResult.Status unwrap() throws IOException {
            while (true) {
                netIn.flip();
                javax.net.ssl.SSLEngineResult result = engine.unwrap(netIn, app);
                netIn.compact();
                if (result.getStatus() != javax.net.ssl.SSLEngineResult.Status.BUFFER_UNDERFLOW) {
                    return result.getStatus();
                }
                int n = in.read(netIn.array(), netIn.position(), netIn.remaining());
                if (n < 0) {
                    throw new java.io.EOFException("the end of the stream came without close_notify");
                }
                netIn.position(netIn.position() + n);
            }
        }

        /** The application bytes received until the peer's close_notify; throws at an end of stream without it. */
        String readUntilClosed() throws IOException {
            while (unwrap() != javax.net.ssl.SSLEngineResult.Status.CLOSED) {
                if (engine.getHandshakeStatus() == javax.net.ssl.SSLEngineResult.HandshakeStatus.NEED_TASK) {
                    engine.getDelegatedTask().run();
                }
            }
            assertTrue(engine.isInboundDone());
            return new String(app.array(), 0, app.position(), StandardCharsets.ISO_8859_1);
        }
    }

    /** A TCP relay to {@code port} on loopback that can cut the server-to-client stream. */
    private static final class Relay implements AutoCloseable {
        private final ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        private volatile long cutAfter = Long.MAX_VALUE;
        private volatile Socket client;
        private volatile Socket server;

        Relay(int port) throws IOException {
            Thread.ofVirtual().start(() -> {
                try {
                    client = listener.accept();
                    server = new Socket(InetAddress.getLoopbackAddress(), port);
                    Thread.ofVirtual().start(() -> pump(client, server, false));
                    pump(server, client, true);
                } catch (IOException e) {
                    // closed
                }
            });
        }

        int port() {
            return listener.getLocalPort();
        }

        void cutAfter(long bytes) {
            cutAfter = bytes;
        }

        private void pump(Socket from, Socket to, boolean cuttable) {
            byte[] buffer = new byte[4096];
            long passed = 0;
            try {
                for (int n; (n = from.getInputStream().read(buffer)) > 0; ) {
                    long limit = cuttable ? cutAfter : Long.MAX_VALUE;
                    if (limit != Long.MAX_VALUE && passed + n > limit) {
                        to.getOutputStream().write(buffer, 0, (int) (limit - passed));
                        to.getOutputStream().flush();
                        break;
                    }
                    to.getOutputStream().write(buffer, 0, n);
                    if (limit != Long.MAX_VALUE) {
                        passed += n;
                    }
                }
            } catch (IOException e) {
                // closed
            }
            closeQuietly(from);
            closeQuietly(to);
        }

        private static void closeQuietly(Socket socket) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing
            }
        }

        @Override
        public void close() throws IOException {
            listener.close();
            if (client != null) {
                client.close();
            }
            if (server != null) {
                server.close();
            }
        }
    }
}
