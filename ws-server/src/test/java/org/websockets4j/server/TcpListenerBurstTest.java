package org.websockets4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.websockets4j.protocol.internal.Transport;

/** A backlog full of connections is accepted whole, without the accept loop recursing per connection. */
class TcpListenerBurstTest {
    private static final int WAITING = 1200;

    @Test
    void everyConnectionWaitingInTheBacklogIsAcceptedEvenFromASmallStack() throws Exception {
        TcpListener listener = TcpListener.bind("127.0.0.1", 0, ServerOptions.builder().backlog(2 * WAITING).build());
        List<SocketChannel> clients = new ArrayList<>();
        AtomicInteger accepted = new AtomicInteger();
        CountDownLatch all = new CountDownLatch(WAITING);
        List<String> trouble = new CopyOnWriteArrayList<>();
        try {
            InetSocketAddress address = (InetSocketAddress) listener.address();
            for (int i = 0; i < WAITING; i++) { // connected through the backlog: nothing accepts yet
                clients.add(SocketChannel.open(address));
            }
            Listener.Sink sink = new Listener.Sink() {
                @Override
                public void accepted(Transport transport) {
                    accepted.incrementAndGet();
                    try {
                        transport.close();
                    } catch (IOException e) {
                        // closed anyway
                    }
                    all.countDown();
                }

                @Override
                public void stopped() {
                }

                @Override
                public boolean closing() {
                    return false;
                }

                @Override
                public void trouble(String what, Throwable failure) {
                    trouble.add(what + ": " + failure);
                }
            };
            // Every accept completes at once here, in the calling thread: recursing once per
            // connection overflowed a stack this small long before the backlog was empty.
            Thread starter = new Thread(null, () -> listener.start(sink), "small-stack", 128 * 1024);
            starter.start();
            starter.join(TimeUnit.SECONDS.toMillis(20));
            assertTrue(all.await(20, TimeUnit.SECONDS), "accepted only " + accepted.get() + " of " + WAITING + "; " + trouble);
            assertEquals(List.of(), trouble);
        } finally {
            listener.close();
            for (SocketChannel client : clients) {
                client.close();
            }
        }
    }
}
