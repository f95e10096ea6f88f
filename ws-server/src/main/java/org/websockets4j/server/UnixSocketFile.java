package org.websockets4j.server;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * The file of a Unix domain socket the server binds: binding over a stale file, and removing the
 * file on close.
 *
 * <p>A server that dies leaves its socket file behind, and binding the same path then fails with
 * "address in use". Python's {@code unix_serve} (through asyncio) removes any socket file it finds;
 * that would silently steal the path from a live server. We remove the file only when it is a
 * socket and connecting to it is refused, that is when nobody listens; a live server makes the
 * bind fail as before. On close the server removes the file if it is still the one it created
 * (same file key), so a later server's file is never removed.
 */
final class UnixSocketFile {
    private final Path path;
    private final Object fileKey;

    private UnixSocketFile(Path path, Object fileKey) {
        this.path = path;
        this.fileKey = fileKey;
    }

    /**
     * Binds a new Unix server socket at {@code path}, replacing a stale socket file.
     *
     * @param path    the socket file's path
     * @param backlog the listen backlog
     * @return the listener, accepting nothing yet
     * @throws IOException when the path cannot be bound (a live server listens there, the file is
     *                     not a socket, the directory is missing or not writable)
     */
    static ChannelListener bind(Path path, int backlog) throws IOException {
        Objects.requireNonNull(path, "path");
        UnixDomainSocketAddress address = UnixDomainSocketAddress.of(path);
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            try {
                channel.bind(address, backlog);
            } catch (BindException e) {
                if (!removeIfStale(path)) {
                    throw e;
                }
                channel.bind(address, backlog);
            }
            UnixSocketFile file = new UnixSocketFile(path, fileKey(path));
            return new ChannelListener(channel, file);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Removes {@code path} when it is a socket file nobody listens on; true when removed. */
    private static boolean removeIfStale(Path path) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return false;
        }
        if (!attributes.isOther()) { // a regular file, directory or link is not ours to remove
            return false;
        }
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(path));
            throw new BindException("a server is listening on " + path + " already");
        } catch (ConnectException refused) {
            return Files.deleteIfExists(path);
        }
    }

    private static Object fileKey(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    /** Removes the socket file if it is still the one this server created. */
    void delete() {
        Object now = fileKey(path);
        if (now != null && now.equals(fileKey)) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                // leaving a stale file is harmless: the next server replaces it
            }
        }
    }
}
