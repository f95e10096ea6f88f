package org.websockets4j.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * HTTP header fields: names compared case-insensitively, several values per name, the order in
 * which fields were added kept (Python websockets' {@code Headers}).
 *
 * <p>Names must be tokens (RFC 9110 §5.1) and values may hold visible ASCII, obs-text (bytes
 * 0x80–0xFF, held as ISO-8859-1 characters), spaces and tabs, but never CR, LF or NUL: a field
 * that could split the message (header injection) is refused with {@link IllegalArgumentException}.
 * Values are stored without leading or trailing whitespace.
 *
 * <p>A {@code Headers} is mutable and not thread-safe; {@link #immutableCopy()} gives a frozen copy
 * that is safe to share and whose mutators throw {@link UnsupportedOperationException}.
 */
public final class Headers implements Iterable<Headers.Field>, java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * One header field, as received or added.
     *
     * @param name  the name, in the case it was given
     * @param value the value, without surrounding whitespace
     */
    public record Field(String name, String value) implements java.io.Serializable {
        /**
         * Checks the name and the value, and strips the value's surrounding whitespace.
         *
         * @throws IllegalArgumentException when the name is not a token or the value holds a forbidden character
         */
        public Field {
            checkName(name);
            value = checkValue(name, value);
        }

        /**
         * {@code Name: value}, except that the credentials of an {@code Authorization} or
         * {@code Proxy-Authorization} field are replaced by {@code ***} after the scheme
         * ({@code Authorization: Basic ***}): a client puts the password of its URI there, and a
         * header list is the kind of thing that ends up in a log. {@link #value()} is unchanged.
         */
        @Override
        public String toString() {
            if (name.equalsIgnoreCase("Authorization") || name.equalsIgnoreCase("Proxy-Authorization")) {
                int space = value.indexOf(' ');
                return name + ": " + (space < 0 ? "***" : value.substring(0, space) + " ***");
            }
            return name + ": " + value;
        }
    }

    /** The fields, in order. */
    @SuppressWarnings("serial") // always an ArrayList or an immutable List.copyOf, both serializable
    private final List<Field> fields;
    /** False for an immutable copy. */
    private final boolean mutable;

    /** Empty, mutable headers. */
    public Headers() {
        this(new ArrayList<>(), true);
    }

    private Headers(List<Field> fields, boolean mutable) {
        this.fields = fields;
        this.mutable = mutable;
    }

    /**
     * Mutable headers from alternating names and values: {@code of("Host", "a", "Upgrade", "websocket")}.
     *
     * @param namesAndValues a name, its value, the next name, its value, ...
     * @return new mutable headers
     * @throws IllegalArgumentException on an odd count or an invalid name or value
     */
    public static Headers of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("expected names and values in pairs, got " + namesAndValues.length + " strings");
        }
        Headers headers = new Headers();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return headers;
    }

    /**
     * {@return mutable headers with one field per map entry, in the map's iteration order}
     *
     * @param map names to values
     * @throws IllegalArgumentException on an invalid name or value
     */
    public static Headers of(Map<String, String> map) {
        Headers headers = new Headers();
        map.forEach(headers::add);
        return headers;
    }

    /**
     * {@return mutable headers holding {@code fields} in order}
     *
     * @param fields the fields, already checked
     */
    public static Headers of(Iterable<Field> fields) {
        Headers headers = new Headers();
        for (Field field : fields) {
            headers.fields.add(field);
        }
        return headers;
    }

    /**
     * The only value of a header.
     *
     * @param name the header name, in any case
     * @return its value, or null when there is none
     * @throws MultipleValuesError when {@code name} has several values
     */
    public String get(String name) {
        String found = null;
        for (Field field : fields) {
            if (field.name.equalsIgnoreCase(name)) {
                if (found != null) {
                    throw new MultipleValuesError(name);
                }
                found = field.value;
            }
        }
        return found;
    }

    /**
     * {@return every value of {@code name}, in order; empty when there is none}
     *
     * @param name the header name, in any case
     */
    public List<String> getAll(String name) {
        List<String> values = new ArrayList<>(2);
        for (Field field : fields) {
            if (field.name.equalsIgnoreCase(name)) {
                values.add(field.value);
            }
        }
        return values;
    }

    /**
     * {@return true when at least one field is called {@code name}}
     *
     * @param name the header name, in any case
     */
    public boolean contains(String name) {
        for (Field field : fields) {
            if (field.name.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /** {@return every field, in order, with names in the case they were given (unmodifiable view)} */
    public List<Field> rawItems() {
        return Collections.unmodifiableList(fields);
    }

    /** {@return the distinct names, lower-cased, in order of first appearance} */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        for (Field field : fields) {
            String lower = field.name.toLowerCase(Locale.ROOT);
            if (!names.contains(lower)) {
                names.add(lower);
            }
        }
        return names;
    }

    /** {@return the number of fields (a name with two values counts twice)} */
    public int size() {
        return fields.size();
    }

    /** {@return true when there is no field} */
    public boolean isEmpty() {
        return fields.isEmpty();
    }

    /**
     * Appends a field, keeping any existing values of {@code name}.
     *
     * @param name  the header name, a token
     * @param value the value; surrounding whitespace is stripped
     * @return this, for chaining
     * @throws IllegalArgumentException      when the name is not a token or the value holds CR, LF, NUL or another control character
     * @throws UnsupportedOperationException on an immutable copy
     */
    public Headers add(String name, String value) {
        checkMutable();
        fields.add(new Field(name, value));
        return this;
    }

    /**
     * Replaces every value of {@code name} with {@code value}, at the place of its first
     * occurrence (at the end when there was none).
     *
     * @param name  the header name, a token
     * @param value the value; surrounding whitespace is stripped
     * @return this, for chaining
     * @throws IllegalArgumentException      on an invalid name or value
     * @throws UnsupportedOperationException on an immutable copy
     */
    public Headers set(String name, String value) {
        checkMutable();
        Field replacement = new Field(name, value);
        int first = -1;
        for (int i = fields.size() - 1; i >= 0; i--) {
            if (fields.get(i).name.equalsIgnoreCase(name)) {
                fields.remove(i);
                first = i;
            }
        }
        fields.add(first < 0 ? fields.size() : first, replacement);
        return this;
    }

    /**
     * Removes every field called {@code name}.
     *
     * @param name the header name, in any case
     * @return this, for chaining
     * @throws UnsupportedOperationException on an immutable copy
     */
    public Headers remove(String name) {
        checkMutable();
        fields.removeIf(field -> field.name.equalsIgnoreCase(name));
        return this;
    }

    /** Removes every field. @throws UnsupportedOperationException on an immutable copy */
    public void clear() {
        checkMutable();
        fields.clear();
    }

    /** {@return a mutable copy} */
    public Headers copy() {
        return new Headers(new ArrayList<>(fields), true);
    }

    /** {@return a frozen copy, safe to share between threads; returns this when already frozen} */
    public Headers immutableCopy() {
        return mutable ? new Headers(List.copyOf(fields), false) : this;
    }

    /** Iterates over the fields in order. */
    @Override
    public Iterator<Field> iterator() {
        return rawItems().iterator();
    }

    /** Equal when both hold the same fields in the same order, names compared case-insensitively. */
    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof Headers that) || that.fields.size() != fields.size()) {
            return false;
        }
        for (int i = 0; i < fields.size(); i++) {
            Field a = fields.get(i);
            Field b = that.fields.get(i);
            if (!a.name.equalsIgnoreCase(b.name) || !a.value.equals(b.value)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int hash = 1;
        for (Field field : fields) {
            hash = 31 * hash + Objects.hash(field.name.toLowerCase(Locale.ROOT), field.value);
        }
        return hash;
    }

    /**
     * For example {@code {Host: example.com, Upgrade: websocket}}; credentials are hidden as in
     * {@link Field#toString()} ({@code Authorization: Basic ***}).
     */
    @Override
    public String toString() {
        return fields.toString().replace('[', '{').replace(']', '}');
    }

    private void checkMutable() {
        if (!mutable) {
            throw new UnsupportedOperationException("these headers are an immutable copy; call copy() to change them");
        }
    }

    static void checkName(String name) {
        Objects.requireNonNull(name, "header name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("header name must not be empty");
        }
        for (int i = 0; i < name.length(); i++) {
            if (!Tokens.isTokenChar(name.charAt(i))) {
                throw new IllegalArgumentException("header name must be a token (RFC 9110 §5.1): "
                        + Tokens.quoteForMessage(name) + " has an invalid character at index " + i);
            }
        }
    }

    static String checkValue(String name, String value) {
        Objects.requireNonNull(value, "header value");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!Tokens.isFieldValueChar(c)) {
                throw new IllegalArgumentException("value of header " + name + " holds a forbidden character U+"
                        + String.format("%04X", (int) c) + " at index " + i
                        + " (CR, LF, NUL and other controls could split the message)");
            }
        }
        return value.strip();
    }
}
