package org.websockets4j.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * maxQueueBytes over real sockets (issue 16, item 7): a peer that sends large messages to an
 * application that does not read fills the queue up to the byte bound plus one message, not
 * maxQueue × maxSize (it may pass the bound by what one read brings); then TCP pushes back, and
 * nothing is lost once the application reads.
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WebSocketQueueBytesTest {
    @Test
    void theQueueStopsAtTheByteBoundPlusOneMessage() throws Exception {
        int size = 16 * 1024;
        long bound = 64 * 1024;
        ConnectionOptions server = Loopback.quiet().maxQueue(ConnectionOptions.NO_LIMIT).maxQueueBytes(bound).build();
        try (Loopback.Pair pair = Loopback.pair(server, Loopback.quiet().build())) {
            int count = 400; // 6.4 MB: far past the bound and the kernel's buffers
            CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
                try {
                    for (int i = 0; i < count; i++) {
                        byte[] message = new byte[size];
                        message[0] = (byte) i;
                        pair.client().send(message);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, r -> Thread.ofVirtual().start(r));
            // Wait until the queue stops growing: the server stopped reading.
            int last = -1;
            while (pair.server().queuedMessages() != last) {
                last = pair.server().queuedMessages();
                Thread.sleep(300);
            }
            // The bound is checked before each read, and one read may complete several messages:
            // at most the bound, plus one read's worth (readLimit), plus the message in progress.
            long most = (bound + ConnectionOptions.DEFAULT_READ_LIMIT) / size + 1;
            assertTrue(last >= 1 && last <= most, last + " messages queued, expected at most " + most);
            assertTrue(last < count / 4, "far fewer than were sent");
            assertTrue(!sender.isDone(), "the sender was pushed back");
            for (int i = 0; i < count; i++) {
                byte[] message = pair.server().recvBinary();
                assertEquals(size, message.length);
                assertEquals((byte) i, message[0]);
            }
            sender.get(10, TimeUnit.SECONDS);
        }
    }
}
