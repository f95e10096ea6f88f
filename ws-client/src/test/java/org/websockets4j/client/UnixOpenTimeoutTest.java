package org.websockets4j.client;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code unixConnect} is bounded by {@link ClientOptions#openTimeout()} like the TCP path: against
 * a server that accepts and never answers, and against one whose backlog is full (where the
 * connect itself would block), it throws {@link SocketTimeoutException} in time and keeps no file
 * descriptor open.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class UnixOpenTimeoutTest {
    private static final Duration OPEN_TIMEOUT = Duration.ofMillis(500);
    private static final long SLACK_MILLIS = 1500;

    private Path dir;
    private Path socket;

    @BeforeEach
    void tempDir() throws IOException {
        dir = Files.createTempDirectory(Path.of("/tmp"), "ws4j");
        socket = dir.resolve("s.sock");
    }

    @AfterEach
    void removeTempDir() throws IOException {
        Files.deleteIfExists(socket);
        Files.deleteIfExists(dir);
    }

    @Test
    void aServerThatAcceptsAndNeverAnswersTimesOut() throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            List<SocketChannel> accepted = new ArrayList<>();
            Thread acceptor = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        SocketChannel c = server.accept();
                        synchronized (accepted) {
                            accepted.add(c);
                        }
                    }
                } catch (IOException e) {
                    // the server closed
                }
            });
            try {
                assertTimesOutInTime(() -> closeAll(accepted));
            } finally {
                server.close();
                acceptor.join(5000);
                closeAll(accepted);
            }
        }
    }

    @Test
    void aServerWhoseBacklogIsFullTimesOut() throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket), 1);
            List<SocketChannel> queued = new ArrayList<>();
            try {
                fillBacklog(queued);
                assertTimesOutInTime(() -> { });
            } finally {
                closeAll(queued);
            }
        }
    }

    /** Connects without blocking until the kernel refuses one more; those connections wait unaccepted. */
    private void fillBacklog(List<SocketChannel> queued) throws IOException {
        for (int i = 0; i < 64; i++) {
            SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX);
            c.configureBlocking(false);
            try {
                boolean connected = c.connect(UnixDomainSocketAddress.of(socket));
                queued.add(c);
                if (!connected) {
                    return; // the next blocking connect would wait
                }
            } catch (IOException full) { // EAGAIN: the backlog is full
                c.close();
                return;
            }
        }
        throw new AssertionError("the backlog never filled");
    }

    /**
     * Times out twice: the first attempt also starts what the JVM keeps for good (the selector
     * thread's descriptors), the second must leave the descriptor count as it found it once the
     * server side ({@code releaseServerSide}) has let go of its end.
     */
    private void assertTimesOutInTime(ThrowingRunnable releaseServerSide) throws Exception {
        timesOutInTime();
        releaseServerSide.run();
        long fdsBefore = openFds();
        timesOutInTime();
        releaseServerSide.run();
        // Other tests of this JVM may still be closing their own sockets: wait for the count to settle.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        long now = openFds();
        while (now > fdsBefore && System.nanoTime() < deadline) {
            Thread.sleep(20);
            now = openFds();
        }
        assertTrue(now <= fdsBefore, "file descriptors left open: " + fdsBefore + " before, " + now + " after");
    }

    private void timesOutInTime() {
        ClientOptions options = ClientOptions.builder().openTimeout(OPEN_TIMEOUT).build();
        long start = System.nanoTime();
        SocketTimeoutException e = assertThrows(SocketTimeoutException.class,
                () -> WebSocketClient.unixConnect(socket, "ws://localhost/", options));
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(e.getMessage().contains("timed out"), e.getMessage());
        assertTrue(elapsed >= OPEN_TIMEOUT.toMillis() - 50, "gave up early, after " + elapsed + " ms");
        assertTrue(elapsed < OPEN_TIMEOUT.toMillis() + SLACK_MILLIS, "took " + elapsed + " ms");
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    private static void closeAll(List<SocketChannel> channels) throws IOException {
        synchronized (channels) {
            for (SocketChannel c : channels) {
                c.close();
            }
            channels.clear();
        }
    }

    private static long openFds() throws IOException {
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count() - 1; // the listing's own descriptor
        }
    }
}
