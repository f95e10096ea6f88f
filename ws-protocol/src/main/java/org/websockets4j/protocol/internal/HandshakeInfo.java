package org.websockets4j.protocol.internal;

import java.util.Objects;
import org.websockets4j.http.Headers;

/**
 * What an opening handshake settled, as a {@link org.websockets4j.protocol.WebSocket} reports it:
 * the request path, the request and response headers, and the subprotocol.
 *
 * <p>An idle connection is what a server has most of, so the headers are not kept as objects:
 * the path and both sides' headers are packed into one string (the path, then one line per
 * field, {@code name:value}; a field cannot hold a line break) and rebuilt, frozen, each time they
 * are asked for. That is about a sixth of the memory of the parsed form (measured: 11 request
 * fields took ~1.5 KiB as {@link Headers}, ~0.25 KiB packed), and one string rather than three
 * saves another ~80 bytes.
 *
 * <p>Immutable and thread-safe.
 */
public final class HandshakeInfo {
    /** The path, the request's fields from {@link #requestStart}, the response's from {@link #responseStart}. */
    private final String packed;
    private final int requestStart;
    private final int responseStart;
    private final String subprotocol;
    private final ConnectionState state;
    private final ConnectionObserver observer;

    /**
     * Records a handshake's outcome.
     *
     * @param path            the request path (with its query), not null
     * @param requestHeaders  the request's headers, or null for none; copied
     * @param responseHeaders the response's headers, or null for none; copied
     * @param subprotocol     the subprotocol agreed, or null for none
     * @throws NullPointerException when {@code path} is null
     */
    public HandshakeInfo(String path, Headers requestHeaders, Headers responseHeaders, String subprotocol) {
        StringBuilder packing = packing(Objects.requireNonNull(path, "path"), requestHeaders, responseHeaders);
        this.requestStart = pack(requestHeaders, packing);
        this.responseStart = pack(responseHeaders, packing);
        this.packed = packing.toString();
        this.subprotocol = subprotocol;
        this.state = null; // the WebSocket makes its own: this info may be shared by several
        this.observer = ConnectionObserver.NONE;
    }

    /**
     * Records a handshake's outcome and the state its hooks filled in (identity, attributes), which
     * the connection keeps.
     *
     * @param path            the request path (with its query), not null
     * @param requestHeaders  the request's headers, or null for none; copied
     * @param responseHeaders the response's headers, or null for none; copied
     * @param subprotocol     the subprotocol agreed, or null for none
     * @param state           the connection's identity and attributes, not null; shared, not copied
     * @throws NullPointerException when {@code path} or {@code state} is null
     */
    public HandshakeInfo(String path, Headers requestHeaders, Headers responseHeaders, String subprotocol,
                         ConnectionState state) {
        this(path, requestHeaders, responseHeaders, subprotocol, state, ConnectionObserver.NONE);
    }

    /**
     * Records a handshake's outcome, the state its hooks filled in, and who observes the
     * connection (a server's counters).
     *
     * @param path            the request path (with its query), not null
     * @param requestHeaders  the request's headers, or null for none; copied
     * @param responseHeaders the response's headers, or null for none; copied
     * @param subprotocol     the subprotocol agreed, or null for none
     * @param state           the connection's identity and attributes, not null; shared, not copied
     * @param observer        told about the connection's messages and end, not null
     * @throws NullPointerException when {@code path}, {@code state} or {@code observer} is null
     */
    public HandshakeInfo(String path, Headers requestHeaders, Headers responseHeaders, String subprotocol,
                         ConnectionState state, ConnectionObserver observer) {
        StringBuilder packing = packing(Objects.requireNonNull(path, "path"), requestHeaders, responseHeaders);
        this.requestStart = pack(requestHeaders, packing);
        this.responseStart = pack(responseHeaders, packing);
        this.packed = packing.toString();
        this.subprotocol = subprotocol;
        this.state = Objects.requireNonNull(state, "state");
        this.observer = Objects.requireNonNull(observer, "observer");
    }

    /**
     * Who observes the connection.
     *
     * @return the observer given at creation, {@link ConnectionObserver#NONE} when none was
     */
    public ConnectionObserver observer() {
        return observer;
    }

    /**
     * The connection's identity and attributes (mutable and thread-safe, unlike the rest).
     *
     * @return the state given at creation, or null when none was (the WebSocket then makes one)
     */
    public ConnectionState state() {
        return state;
    }

    /**
     * The request path.
     *
     * @return the path and query of the request, never null
     */
    public String path() {
        return packed.substring(0, requestStart);
    }

    /**
     * The request's headers.
     *
     * @return a new immutable copy, in their order; empty when there were none
     */
    public Headers requestHeaders() {
        return unpack(packed, requestStart, responseStart);
    }

    /**
     * The response's headers.
     *
     * @return a new immutable copy, in their order; empty when there were none
     */
    public Headers responseHeaders() {
        return unpack(packed, responseStart, packed.length());
    }

    /**
     * The subprotocol agreed.
     *
     * @return the subprotocol, or null when none was
     */
    public String subprotocol() {
        return subprotocol;
    }

    /** A builder holding {@code path}, sized for both header sets: it grows and copies no more (every handshake makes one). */
    private static StringBuilder packing(String path, Headers request, Headers response) {
        int length = path.length() + packedLength(request) + packedLength(response);
        return new StringBuilder(length).append(path);
    }

    private static int packedLength(Headers headers) {
        int length = 0;
        if (headers != null) {
            for (Headers.Field field : headers) {
                length += field.name().length() + field.value().length() + 2;
            }
        }
        return length;
    }

    /** Appends {@code headers}, one {@code name:value} line per field, to {@code packing}; returns where they start. */
    private static int pack(Headers headers, StringBuilder packing) {
        int start = packing.length();
        if (headers != null) {
            for (Headers.Field field : headers) {
                packing.append(field.name()).append(':').append(field.value()).append('\n');
            }
        }
        return start;
    }

    private static Headers unpack(String packed, int from, int to) {
        Headers headers = new Headers();
        int start = from;
        while (start < to) {
            int end = packed.indexOf('\n', start);
            int colon = packed.indexOf(':', start); // names hold no colon; values may
            headers.add(packed.substring(start, colon), packed.substring(colon + 1, end));
            start = end + 1;
        }
        return headers.immutableCopy();
    }

    @Override
    public String toString() {
        return "HandshakeInfo[path=" + path() + ", subprotocol=" + subprotocol + "]";
    }
}
