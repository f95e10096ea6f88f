package org.websockets4j.bench;

import io.netty.channel.Channel;
import io.netty.util.Version;
import io.netty.util.internal.PlatformDependent;

/** Prints, once per forked JVM, how Netty is set up: its results depend on it. */
final class NettyInfo {
    private static boolean printed;

    private NettyInfo() {
    }

    static synchronized void print(Channel channel) {
        if (printed) {
            return;
        }
        printed = true;
        Version codec = Version.identify().get("netty-codec-http");
        System.out.println("[netty] " + (codec == null ? "?" : codec.artifactVersion())
                + " allocator=" + channel.alloc().getClass().getSimpleName()
                + " hasUnsafe=" + PlatformDependent.hasUnsafe()
                + " directBufferPreferred=" + PlatformDependent.directBufferPreferred()
                + " java=" + Runtime.version());
    }
}
