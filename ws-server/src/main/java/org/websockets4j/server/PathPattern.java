package org.websockets4j.server;

import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One route's path pattern, compiled: literal text, {@code {name}} for one path segment (no
 * {@code /}, at least one character) and {@code {name:path}} for the rest of the path
 * ({@code /} included), matched against the whole path without its query. Immutable.
 */
final class PathPattern {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final String source;
    private final Pattern regex;
    private final List<String> names;

    private PathPattern(String source, Pattern regex, List<String> names) {
        this.source = source;
        this.regex = regex;
        this.names = names;
    }

    /** Compiles {@code pattern}; throws IllegalArgumentException saying what is wrong with it. */
    static PathPattern compile(String pattern) {
        if (pattern.isEmpty() || pattern.charAt(0) != '/') {
            throw new IllegalArgumentException("a route pattern starts with /, got \"" + pattern + "\"");
        }
        if (pattern.indexOf('?') >= 0) {
            throw new IllegalArgumentException("a route pattern matches the path only, not the query: \"" + pattern + "\"");
        }
        StringBuilder regex = new StringBuilder();
        List<String> names = new ArrayList<>();
        int i = 0;
        while (i < pattern.length()) {
            int open = pattern.indexOf('{', i);
            int close = pattern.indexOf('}', i);
            if (close >= 0 && (open < 0 || close < open)) {
                throw new IllegalArgumentException("unbalanced } in route pattern \"" + pattern + "\"");
            }
            if (open < 0) {
                regex.append(Pattern.quote(pattern.substring(i)));
                break;
            }
            if (open > i) {
                regex.append(Pattern.quote(pattern.substring(i, open)));
            }
            if (close < 0) {
                throw new IllegalArgumentException("unclosed { in route pattern \"" + pattern + "\"");
            }
            String spec = pattern.substring(open + 1, close);
            boolean rest = spec.endsWith(":path");
            String name = rest ? spec.substring(0, spec.length() - ":path".length()) : spec;
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("route parameter {" + spec + "} in \"" + pattern
                        + "\": write {name} for one path segment or {name:path} for the rest of the path,"
                        + " the name made of letters, digits and _");
            }
            if (names.contains(name)) {
                throw new IllegalArgumentException("route parameter {" + name + "} appears twice in \"" + pattern + "\"");
            }
            names.add(name);
            regex.append(rest ? "(.+)" : "([^/]+)");
            i = close + 1;
        }
        return new PathPattern(pattern, Pattern.compile(regex.toString()), List.copyOf(names));
    }

    String source() {
        return source;
    }

    /**
     * Matches {@code path} (the request's path and query, as sent).
     *
     * @return the parameters, or null when the path does not match (or a value is not valid
     *         percent-encoded UTF-8)
     */
    PathParameters match(String path) {
        int query = path.indexOf('?');
        Matcher matcher = regex.matcher(query < 0 ? path : path.substring(0, query));
        if (!matcher.matches()) {
            return null;
        }
        if (names.isEmpty()) {
            return PathParameters.NONE;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int g = 0; g < names.size(); g++) {
            String value = decode(matcher.group(g + 1));
            if (value == null) {
                return null;
            }
            values.put(names.get(g), value);
        }
        return new PathParameters(values);
    }

    /** Percent-decodes UTF-8 (a {@code +} stays a {@code +}: this is a path, not a form); null when malformed. */
    static String decode(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    return null;
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(utf8, 0, utf8.length);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return source;
    }
}
