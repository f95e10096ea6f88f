package org.websockets4j.protocol;

import java.util.Objects;

/**
 * A typed key for the per-connection attributes that hooks and handlers share
 * ({@link WebSocket#attribute(AttributeKey)}, {@link WebSocket#setAttribute(AttributeKey, Object)}):
 * instead of subclassing the connection (Python websockets' {@code create_protocol}), a hook that
 * authenticates a client stores who it is, and the handler reads it back.
 *
 * <pre>{@code
 * static final AttributeKey<String> ROOM = AttributeKey.of("room", String.class);
 * ...
 * ws.setAttribute(ROOM, "lobby");
 * String room = ws.attribute(ROOM);     // "lobby"
 * }</pre>
 *
 * <p>Keys compare by identity: two keys made with the same name are different keys, so a library
 * and an application cannot overwrite each other's attributes by accident. Keep each key in a
 * {@code static final} field. The name is only for {@link #toString()} and messages.
 *
 * <p>Immutable and thread-safe.
 *
 * @param <T> the type of the values stored under this key
 */
public final class AttributeKey<T> {
    private final String name;
    private final Class<T> type;

    private AttributeKey(String name, Class<T> type) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = type;
    }

    /**
     * A key whose values are checked against {@code type} when they are stored.
     *
     * @param name a name for messages, not null
     * @param type the class every value must be an instance of, not null
     * @param <T>  the type of the values
     * @return a new key, distinct from every other
     * @throws NullPointerException when an argument is null
     */
    public static <T> AttributeKey<T> of(String name, Class<T> type) {
        return new AttributeKey<>(name, Objects.requireNonNull(type, "type"));
    }

    /**
     * A key for values of a generic type, which no class can check at run time, such as
     * {@code AttributeKey<Map<String, String>> PARAMS = AttributeKey.of("params")}.
     *
     * @param name a name for messages, not null
     * @param <T>  the type of the values, inferred
     * @return a new key, distinct from every other
     * @throws NullPointerException when {@code name} is null
     */
    public static <T> AttributeKey<T> of(String name) {
        return new AttributeKey<>(name, null);
    }

    /**
     * The name given at creation.
     *
     * @return the name, never null
     */
    public String name() {
        return name;
    }

    /**
     * The class values are checked against when stored.
     *
     * @return the class given to {@link #of(String, Class)}, or null for a key made with
     *         {@link #of(String)}
     */
    public Class<T> type() {
        return type;
    }

    /** For example {@code AttributeKey[room: String]}. */
    @Override
    public String toString() {
        return "AttributeKey[" + name + (type == null ? "" : ": " + type.getSimpleName()) + "]";
    }
}
