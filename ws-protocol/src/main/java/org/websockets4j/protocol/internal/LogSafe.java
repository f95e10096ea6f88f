package org.websockets4j.protocol.internal;

/**
 * What may be printed of a request target: query strings carry tokens ({@code ?token=...}), so
 * log lines, {@code toString()}s and JFR events show paths and URIs without them.
 *
 * <p>Internal: exported to the server and client modules only. Stateless and thread-safe.
 */
public final class LogSafe {
    private LogSafe() {
    }

    /**
     * The text before its query string and fragment.
     *
     * @param target a path ({@code /chat?token=x}) or a URI as text, or null
     * @return the part before the first {@code ?} or {@code #}, or "" for null
     */
    public static String withoutQuery(String target) {
        if (target == null) {
            return "";
        }
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c == '?' || c == '#') {
                return target.substring(0, i);
            }
        }
        return target;
    }
}
