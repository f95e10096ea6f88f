package org.websockets4j.server;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.AsynchronousServerSocketChannel;
import org.websockets4j.protocol.internal.IoGroup;

/** What the platform's server sockets support, probed once. Thread-safe. */
final class SocketSupport {
    private static volatile Boolean reusePort;

    private SocketSupport() {
    }

    /** Whether the server sockets the server binds can set {@code SO_REUSEPORT}. */
    static boolean reusePortAvailable() {
        Boolean known = reusePort;
        if (known == null) {
            try (AsynchronousServerSocketChannel probe = AsynchronousServerSocketChannel.open(IoGroup.shared())) {
                known = probe.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT);
            } catch (IOException e) {
                known = false;
            }
            reusePort = known;
        }
        return known;
    }
}
