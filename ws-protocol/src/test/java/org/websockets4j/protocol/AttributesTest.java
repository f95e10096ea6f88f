package org.websockets4j.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.websockets4j.protocol.internal.ConnectionState;

/** WebSocket.id() and the typed attributes: per connection, checked, thread-safe, made lazily. */
@Timeout(30)
class AttributesTest {
    private static final AttributeKey<String> NAME = AttributeKey.of("name", String.class);
    private static final AttributeKey<Integer> COUNT = AttributeKey.of("count", Integer.class);

    @Test
    void eachConnectionHasItsOwnIdAndAttributes() throws Exception {
        try (Loopback.Pair pair = Loopback.pair()) {
            WebSocket server = pair.server();
            WebSocket client = pair.client();
            assertEquals(server.id(), server.id());
            assertNotEquals(server.id(), client.id(), "two connections opened with one shared HandshakeInfo");
            assertNull(server.setAttribute(NAME, "alice"));
            assertEquals("alice", server.attribute(NAME));
            assertNull(client.attribute(NAME));
            assertEquals("alice", server.setAttribute(NAME, "bob"), "the previous value");
            assertEquals("bob", server.setAttribute(NAME, null), "null removes");
            assertNull(server.attribute(NAME));
        }
    }

    @Test
    void aTypedKeyRefusesAValueOfAnotherClass() {
        ConnectionState state = new ConnectionState();
        @SuppressWarnings({"unchecked", "rawtypes"})
        AttributeKey<Object> raw = (AttributeKey) COUNT;
        assertThrows(ClassCastException.class, () -> state.setAttribute(raw, "not a number"));
        assertNull(state.attribute(COUNT));
        assertSame(Integer.class, COUNT.type());
        assertThrows(NullPointerException.class, () -> state.attribute(null));
    }

    @Test
    void keysCompareByIdentity() {
        AttributeKey<String> other = AttributeKey.of("name", String.class);
        ConnectionState state = new ConnectionState();
        state.setAttribute(NAME, "mine");
        assertNull(state.attribute(other), "a key of the same name is another key");
        assertEquals("AttributeKey[name: String]", NAME.toString());
        AttributeKey<Map<String, String>> params = AttributeKey.of("params");
        assertNull(params.type());
        state.setAttribute(params, Map.of("id", "7"));
        assertEquals("7", state.attribute(params).get("id"));
    }

    @Test
    void nothingIsMadeUntilFirstUse() {
        ConnectionState state = new ConnectionState();
        assertEquals("ConnectionState[id=null, attributes=[]]", state.toString());
        assertEquals(Map.of(), state.attributes());
        assertNull(state.setAttribute(NAME, null), "removing from nothing makes nothing");
        assertEquals("ConnectionState[id=null, attributes=[]]", state.toString());
        state.setAttribute(NAME, "secret");
        assertTrue(state.toString().contains("AttributeKey[name: String]"));
        assertTrue(!state.toString().contains("secret"), "values may be credentials: never shown");
    }

    @Test
    void concurrentWritersAndFirstUsesAgree() throws Exception {
        for (int round = 0; round < 50; round++) {
            ConnectionState state = new ConnectionState();
            int threads = 8;
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> started = new java.util.ArrayList<>();
            java.util.Set<java.util.UUID> ids = java.util.concurrent.ConcurrentHashMap.newKeySet();
            AtomicInteger failures = new AtomicInteger();
            for (int i = 0; i < threads; i++) {
                AttributeKey<Integer> key = AttributeKey.of("k" + i, Integer.class);
                int value = i;
                started.add(Thread.ofVirtual().start(() -> {
                    try {
                        start.await();
                        ids.add(state.id());
                        state.setAttribute(key, value);
                        if (state.attribute(key) != value) {
                            failures.incrementAndGet();
                        }
                    } catch (InterruptedException e) {
                        failures.incrementAndGet();
                    }
                }));
            }
            start.countDown();
            for (Thread thread : started) {
                assertTrue(thread.join(java.time.Duration.ofSeconds(10)));
            }
            assertEquals(0, failures.get());
            assertEquals(1, ids.size(), "one identity, however many threads asked first");
            assertEquals(threads, state.attributes().size(), "no attribute lost to a racing first put");
        }
    }
}
