package org.websockets4j.examples;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The chat's login tokens: {@code GET /token?name=N} issues one, the WebSocket URL carries it
 * ({@code /chat?token=T}), the handshake redeems it. A browser cannot put credentials in a
 * WebSocket request's headers, but it can put a token in the URL; a token that is random, used
 * once and short-lived leaks little through logs and history.
 *
 * <p>Tokens are 128 random bits, so looking one up in a hash map leaks nothing useful through
 * timing. Thread-safe.
 */
final class ChatTokens {
    /** How long a token may wait for its WebSocket. */
    static final long LIFETIME_NANOS = 60_000_000_000L;
    /** The most tokens waiting at once: a client asking for tokens in a loop cannot grow the map. */
    static final int MAX_PENDING = 10_000;

    private record Pending(String name, long expires) {
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;

    ChatTokens() {
        this(System::nanoTime);
    }

    ChatTokens(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** A new token for {@code name}; null when too many wait. */
    String issue(String name) {
        long now = nanoTime.getAsLong();
        if (pending.size() >= MAX_PENDING) {
            for (Iterator<Pending> it = pending.values().iterator(); it.hasNext(); ) {
                if (it.next().expires - now < 0) {
                    it.remove();
                }
            }
            if (pending.size() >= MAX_PENDING) {
                return null;
            }
        }
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        pending.put(token, new Pending(name, now + LIFETIME_NANOS));
        return token;
    }

    /** The name the token was issued for, once; null for an unknown, used or expired token. */
    String redeem(String token) {
        Pending found = token == null ? null : pending.remove(token);
        if (found == null || found.expires - nanoTime.getAsLong() < 0) {
            return null;
        }
        return found.name;
    }
}
