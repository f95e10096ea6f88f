package org.websockets4j.server;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.websockets4j.http.Headers;
import org.websockets4j.http.Response;

/**
 * Completes and serializes the responses of a server handshake: adds {@code Date} (IMF-fixdate,
 * RFC 9110 §5.6.7) and {@code Server} unless present, and for a response that ends the connection
 * its {@code Content-Type}, {@code Content-Length} and {@code Connection: close}. Immutable and
 * thread-safe (the clock is only read).
 */
final class ResponseBuilder {
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private final String serverHeader;
    private final Clock clock;

    /**
     * @param serverHeader the {@code Server} value, or null for none
     * @param clock        the source of {@code Date}
     */
    ResponseBuilder(String serverHeader, Clock clock) {
        this.serverHeader = serverHeader;
        this.clock = clock;
    }

    /** The {@code 101} response: {@code headers} (mutable, changed in place) completed with Date and Server. */
    Response switchingProtocols(Headers headers) {
        addDateAndServer(headers);
        return new Response(101, ReasonPhrases.of(101), headers);
    }

    /**
     * A response that ends the connection: {@code headers} (copied) completed with Date, Server,
     * Content-Type ({@code text/plain}, when there is a body and none was given), Content-Length
     * (computed, except for 204 and 304) and {@code Connection: close} ({@code Upgrade, close}
     * when the response offers an {@code Upgrade}, as RFC 9110 §7.8 requires).
     */
    Response closing(int status, Headers headers, byte[] body) {
        Headers out = headers.copy();
        addDateAndServer(out);
        if (body.length > 0 && !out.contains("Content-Type")) {
            out.add("Content-Type", "text/plain; charset=utf-8");
        }
        if (status == 204 || status == 304) {
            out.remove("Content-Length");
        } else {
            out.set("Content-Length", Integer.toString(body.length));
        }
        out.set("Connection", out.contains("Upgrade") ? "Upgrade, close" : "close");
        return new Response(status, ReasonPhrases.of(status), out, body);
    }

    private void addDateAndServer(Headers headers) {
        if (!headers.contains("Date")) {
            headers.add("Date", IMF_FIXDATE.format(clock.instant()));
        }
        if (serverHeader != null && !headers.contains("Server")) {
            headers.add("Server", serverHeader);
        }
    }
}
