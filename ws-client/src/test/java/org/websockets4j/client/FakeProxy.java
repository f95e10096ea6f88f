package org.websockets4j.client;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;

/**
 * A proxy for tests on a loopback ephemeral port: each connection is given to a {@link Behaviour}
 * on its own thread. {@link #close()} closes the listener and every connection and joins the
 * threads, so nothing leaks.
 */
final class FakeProxy implements AutoCloseable {
    /** What the proxy does with one client connection. */
    interface Behaviour {
        void serve(Socket client) throws IOException;
    }

    private final ServerSocket listener;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    /** The request heads received by {@link #httpConnect(String)}. */
    final BlockingQueue<String> heads = new LinkedBlockingQueue<>();
    private final Thread acceptor;

    /** Starts the proxy; {@code behaviour} is given the proxy, for behaviours that use its state. */
    FakeProxy(Function<FakeProxy, Behaviour> behaviourOf) throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Behaviour behaviour = behaviourOf.apply(this);
        acceptor = Thread.ofPlatform().daemon().name("fake-proxy-accept").start(() -> {
            while (!listener.isClosed()) {
                try {
                    Socket client = listener.accept();
                    sockets.add(client);
                    threads.add(Thread.ofPlatform().daemon().name("fake-proxy").start(() -> {
                        try (client) {
                            behaviour.serve(client);
                        } catch (IOException e) {
                            // the test closed us, or the client left
                        }
                    }));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    int port() {
        return listener.getLocalPort();
    }

    String uri(String scheme, String userInfo) {
        return scheme + "://" + (userInfo == null ? "" : userInfo + "@") + "127.0.0.1:" + port();
    }

    /** Accepts and says nothing until closed: a proxy that never answers. */
    static Behaviour silent() {
        return client -> client.getInputStream().transferTo(OutputStream.nullOutputStream());
    }

    /** Reads nothing, answers {@code bytes}, then waits for the client to leave. */
    static Behaviour answer(byte[] bytes) {
        return client -> {
            client.getOutputStream().write(bytes);
            client.getOutputStream().flush();
            client.getInputStream().transferTo(OutputStream.nullOutputStream());
        };
    }

    /**
     * For each answer, reads what the client sent (one read: the client sends each message whole
     * and waits), then writes the answer; then waits for the client to leave. A SOCKS proxy's
     * exchange, step by step.
     */
    static Behaviour script(byte[]... answers) {
        return client -> {
            byte[] request = new byte[1024];
            for (byte[] answer : answers) {
                if (client.getInputStream().read(request) < 0) {
                    return;
                }
                client.getOutputStream().write(answer);
                client.getOutputStream().flush();
            }
            client.getInputStream().transferTo(OutputStream.nullOutputStream());
        };
    }

    /**
     * An HTTP CONNECT proxy: reads the request head, records it in {@link #heads}, and unless
     * {@code requiredAuthorization} is set and missing (407), opens the tunnel to 127.0.0.1 at the
     * port named by the request and relays both ways.
     */
    Behaviour httpConnect(String requiredAuthorization) {
        return client -> {
            String head = readHead(client.getInputStream());
            heads.add(head);
            OutputStream out = client.getOutputStream();
            if (requiredAuthorization != null && !head.contains("\r\nProxy-Authorization: " + requiredAuthorization + "\r\n")) {
                out.write("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test\"\r\nContent-Length: 0\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                client.getInputStream().transferTo(OutputStream.nullOutputStream());
                return;
            }
            String target = head.substring("CONNECT ".length(), head.indexOf(' ', "CONNECT ".length()));
            int port = Integer.parseInt(target.substring(target.lastIndexOf(':') + 1));
            relay(client, port, "HTTP/1.0 200 Connection established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        };
    }

    /**
     * A SOCKS5 proxy requiring {@code username} and {@code password} (RFC 1929): records the
     * requested {@code name:port} in {@link #heads} and relays to 127.0.0.1 at that port.
     */
    Behaviour socksConnect(String username, String password) {
        return client -> {
            DataInputStream in = new DataInputStream(client.getInputStream());
            OutputStream out = client.getOutputStream();
            in.readUnsignedByte();
            in.readNBytes(in.readUnsignedByte()); // the methods offered
            out.write(new byte[] {5, 2});
            in.readUnsignedByte();
            String user = new String(in.readNBytes(in.readUnsignedByte()), StandardCharsets.UTF_8);
            String pass = new String(in.readNBytes(in.readUnsignedByte()), StandardCharsets.UTF_8);
            boolean accepted = user.equals(username) && pass.equals(password);
            out.write(new byte[] {1, (byte) (accepted ? 0 : 1)});
            if (!accepted) {
                return;
            }
            in.readNBytes(3);
            if (in.readUnsignedByte() != 3) {
                throw new IOException("expected a name");
            }
            String name = new String(in.readNBytes(in.readUnsignedByte()), StandardCharsets.UTF_8);
            int port = in.readUnsignedShort();
            heads.add(name + ":" + port);
            relay(client, port, new byte[] {5, 0, 0, 1, 127, 0, 0, 1, 0, 0});
        };
    }

    /** Connects to 127.0.0.1:{@code port}, sends {@code success} to the client and relays both ways until either side closes. */
    private void relay(Socket client, int port, byte[] success) throws IOException {
        OutputStream out = client.getOutputStream();
        try (Socket server = new Socket(InetAddress.getLoopbackAddress(), port)) {
            sockets.add(server);
            out.write(success);
            out.flush();
            Thread back = Thread.ofPlatform().daemon().name("fake-proxy-relay").start(() -> {
                try {
                    server.getInputStream().transferTo(out);
                } catch (IOException e) {
                    // one side closed
                } finally {
                    closeQuietly(client);
                }
            });
            threads.add(back);
            try {
                client.getInputStream().transferTo(server.getOutputStream());
            } catch (IOException e) {
                // one side closed
            } finally {
                closeQuietly(server);
            }
            try {
                back.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the client left");
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        listener.close();
        sockets.forEach(FakeProxy::closeQuietly);
        acceptor.join(5_000);
        for (Thread thread : threads) {
            thread.join(5_000);
        }
    }
}
