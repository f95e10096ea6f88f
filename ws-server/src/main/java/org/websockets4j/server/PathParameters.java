package org.websockets4j.server;

import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The values a route's pattern took from a request path: for the pattern
 * {@code /rooms/{name}} and the path {@code /rooms/kitchen?x=1}, {@code name} is
 * {@code kitchen}. Values are percent-decoded (UTF-8); the query is not part of the match.
 * What websockets' {@code route} passes to the handler as keyword arguments.
 *
 * @param values the values by parameter name, in the pattern's order; unmodifiable
 */
public record PathParameters(Map<String, String> values) {
    /** No parameter: what a route without one gets. */
    public static final PathParameters NONE = new PathParameters(Map.of());

    /**
     * Copies {@code values}.
     *
     * @throws NullPointerException when the map, a name or a value is null
     */
    public PathParameters {
        values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
        for (Map.Entry<String, String> entry : values.entrySet()) {
            java.util.Objects.requireNonNull(entry.getKey(), "name");
            java.util.Objects.requireNonNull(entry.getValue(), "value");
        }
    }

    /**
     * The value of one parameter.
     *
     * @param name the parameter's name, as written in the pattern between braces
     * @return the decoded value, never null (a parameter matches at least one character)
     * @throws NoSuchElementException when the route's pattern has no such parameter
     */
    public String get(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new NoSuchElementException("no path parameter \"" + name + "\"; the route has " + values.keySet());
        }
        return value;
    }
}
