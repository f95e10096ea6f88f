package org.websockets4j.protocol.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.websockets4j.protocol.AttributeKey;

/**
 * What one connection carries from its opening handshake's hooks to its handler: its identity
 * (a random UUID, Python websockets' {@code id}) and its typed attributes. The server makes one
 * per connection before its hooks run and hands it to the {@link org.websockets4j.protocol.WebSocket}
 * through {@link HandshakeInfo}, so what a hook stores the handler reads.
 *
 * <p>Idle connections are what a server has most of, so both are made on first use: until
 * {@link #id()} is asked for, no UUID exists (drawing one costs a {@code SecureRandom} call), and
 * until an attribute is stored, no map exists. An untouched state is one small object.
 *
 * <p>Thread-safe: hooks, the handler and any other thread may read and write at any time.
 */
public final class ConnectionState {
    private static final VarHandle ID;
    private static final VarHandle ATTRIBUTES;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            ID = lookup.findVarHandle(ConnectionState.class, "id", UUID.class);
            ATTRIBUTES = lookup.findVarHandle(ConnectionState.class, "attributes", ConcurrentHashMap.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile UUID id;
    private volatile ConcurrentHashMap<AttributeKey<?>, Object> attributes;

    /** A state with no identity drawn yet and no attribute. */
    public ConnectionState() {
    }

    /**
     * The connection's identity, drawn at random ({@link UUID#randomUUID()}) on first call.
     *
     * @return the same UUID on every call, never null
     */
    public UUID id() {
        UUID current = id;
        if (current == null) {
            UUID drawn = UUID.randomUUID();
            current = ID.compareAndSet(this, null, drawn) ? drawn : id;
        }
        return current;
    }

    /**
     * The value stored under {@code key}.
     *
     * @param key the key, not null
     * @param <T> the value's type
     * @return the value, or null when none is stored
     * @throws NullPointerException when {@code key} is null
     */
    public <T> T attribute(AttributeKey<T> key) {
        Objects.requireNonNull(key, "key");
        Map<AttributeKey<?>, Object> map = attributes;
        @SuppressWarnings("unchecked") // values are checked against their key when stored
        T value = map == null ? null : (T) map.get(key);
        return value;
    }

    /**
     * Stores {@code value} under {@code key}, or removes the value when {@code value} is null.
     *
     * @param key   the key, not null
     * @param value the value, or null to remove it
     * @param <T>   the value's type
     * @return the value stored before, or null
     * @throws NullPointerException when {@code key} is null
     * @throws ClassCastException   when the key has a {@linkplain AttributeKey#type() type} and the
     *                              value is not an instance of it
     */
    @SuppressWarnings("unchecked") // values are checked against their key when stored
    public <T> T setAttribute(AttributeKey<T> key, T value) {
        Objects.requireNonNull(key, "key");
        if (value == null) {
            Map<AttributeKey<?>, Object> map = attributes;
            return map == null ? null : (T) map.remove(key);
        }
        if (key.type() != null) {
            key.type().cast(value);
        }
        return (T) map().put(key, value);
    }

    /**
     * A snapshot of every attribute, for logs and diagnostics.
     *
     * @return an immutable copy; empty when none is stored
     */
    public Map<AttributeKey<?>, Object> attributes() {
        Map<AttributeKey<?>, Object> map = attributes;
        return map == null ? Map.of() : Map.copyOf(map);
    }

    private ConcurrentHashMap<AttributeKey<?>, Object> map() {
        ConcurrentHashMap<AttributeKey<?>, Object> map = attributes;
        if (map == null) {
            ConcurrentHashMap<AttributeKey<?>, Object> made = new ConcurrentHashMap<>(4);
            map = ATTRIBUTES.compareAndSet(this, null, made) ? made : attributes;
        }
        return map;
    }

    /** The identity if drawn, and the attributes' names; never their values, which may be secrets. */
    @Override
    public String toString() {
        return "ConnectionState[id=" + id + ", attributes=" + attributes().keySet() + "]";
    }
}
