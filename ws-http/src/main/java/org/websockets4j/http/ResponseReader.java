package org.websockets4j.http;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Locale;

/**
 * Incremental, Sans-I/O reader of the response to a WebSocket handshake: feed it the bytes a
 * client receives, split anywhere, and it returns the {@link Response} once its head, and body if
 * any, is complete.
 *
 * <p>Call {@link #read(ByteBuffer)} with whatever bytes have arrived. It consumes exactly the
 * response, up to the end of its head and body, and no further: bytes after it (a server's first
 * frames may share a TCP segment with its {@code 101} response) stay in the buffer for the
 * WebSocket connection. When the server closes the connection, call {@link #eof()}.
 *
 * <p><b>What it accepts.</b> A status line {@code HTTP/1.1 SP 3DIGIT SP reason}, the status in
 * 100-599, the reason possibly empty (its preceding space may then be missing too). Header lines as
 * {@link RequestReader} describes them: token names directly followed by the colon, values of
 * field-vchars, spaces, tabs and obs-text kept as ISO-8859-1 characters, CRLF line endings only,
 * no obsolete line folding. Any other HTTP version is refused with an {@link InvalidMessage} that
 * names it.
 *
 * <p><b>The body</b> (RFC 9112 §6.3). A 1xx (including {@code 101}), {@code 204} or {@code 304}
 * response has none, whatever its headers say. Otherwise {@code Transfer-Encoding: chunked} is
 * decoded (chunk extensions ignored, trailer fields checked and dropped); any other transfer coding,
 * or a {@code Transfer-Encoding} together with a {@code Content-Length}, is refused. A
 * {@code Content-Length} (one decimal value, possibly repeated identically) gives the body's exact
 * length. Without either, the body runs until the end of the input and the response is only
 * complete when {@link #eof()} is called. A 1xx interim response other than {@code 101} is returned
 * like any other: a handshake client treats every status but {@code 101} as a refusal.
 *
 * <p><b>Limits</b> ({@link HttpLimits}), enforced as each byte arrives: lines of at most
 * {@value HttpLimits#MAX_LINE_LENGTH} bytes excluding CRLF (chunk-size and trailer lines too); at
 * most {@value HttpLimits#MAX_HEADERS} header fields, and as many trailer fields; at most
 * {@value HttpLimits#MAX_HEAD_SIZE} bytes of head, as many of trailers and as many of chunk framing;
 * a body of at most {@value HttpLimits#MAX_BODY_SIZE} bytes after decoding, checked against a
 * {@code Content-Length} or chunk size before its bytes arrive. Exceeding one raises
 * {@link SecurityError}. So the whole response is bounded, and the reader holds at most the head,
 * the body and one line of chunked framing.
 *
 * <p>Not thread-safe: one reader per connection, driven by one thread at a time. One reader reads
 * one response. After it throws, it is failed and every later call throws
 * {@link IllegalStateException}.
 */
public final class ResponseReader {
    private static final String WHAT = "HTTP response head";
    private static final String BODY = "HTTP response body";
    private static final byte[] EMPTY = new byte[0];
    /** The body buffer starts this small and grows with the bytes received, not with what the headers announce. */
    private static final int INITIAL_BODY_CAPACITY = 4096;

    private enum State { STATUS_LINE, FIELDS, FIXED_BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILERS, BODY_TO_EOF, COMPLETE }

    private final HeadReader head = HeadReader.forHead(WHAT);
    private State state = State.STATUS_LINE;
    private int status;
    private String reason;

    private byte[] body = EMPTY;
    private int bodyLength;
    /** Bytes still expected: of the whole body for a Content-Length, of the current chunk when chunked. */
    private long remaining;
    /** Reads chunk-size lines and the CRLF after chunk data, or the trailer section. */
    private HeadReader lines;

    private long consumed;
    private Response response;
    private boolean ended;
    private boolean failed;

    /** A reader waiting for the first byte of a response. */
    public ResponseReader() {
    }

    /**
     * Consumes bytes of the response from {@code in} and returns the response once it is complete,
     * leaving any later bytes in {@code in}; returns null when {@code in} ran out first (its bytes
     * are then consumed and kept) or when the body runs until the end of the input (then call
     * {@link #eof()}). Once the response is complete, further calls return it again and consume
     * nothing.
     *
     * @param in the bytes received; its position advances past what was consumed
     * @return the response, or null when more bytes are needed
     * @throws InvalidMessage        when the response is malformed or not HTTP/1.1
     * @throws SecurityError         when the response exceeds a limit of {@link HttpLimits}
     * @throws IllegalStateException when an earlier call threw, or after {@link #eof()}
     */
    public Response read(ByteBuffer in) {
        checkUsable();
        if (ended) {
            throw new IllegalStateException("the input already ended");
        }
        int start = in.position();
        try {
            return advance(in);
        } catch (RuntimeException e) {
            failed = true;
            throw e;
        } finally {
            consumed += in.position() - start;
        }
    }

    /**
     * Tells the reader the input ended (the server closed the connection): completes a body that
     * runs until the end of the input.
     *
     * @return the response, when it is complete
     * @throws IncompleteMessage     when the input ended within the head, or before the announced
     *                               length or the last chunk of the body
     * @throws IllegalStateException when an earlier call threw
     */
    public Response eof() {
        checkUsable();
        ended = true;
        if (state == State.BODY_TO_EOF) {
            complete();
        }
        if (state != State.COMPLETE) {
            failed = true;
            boolean inHead = state == State.STATUS_LINE || state == State.FIELDS;
            throw new IncompleteMessage(inHead
                    ? "connection closed while reading the " + WHAT + " (" + consumed + " bytes received)"
                    : "connection closed while reading the " + BODY + " (" + bodyLength + " bytes of body received)",
                    consumed);
        }
        return response;
    }

    /**
     * Bytes the reader holds: the head, the body buffer's capacity and any line of chunked framing
     * in progress; never more than {@link HttpLimits#MAX_HEAD_SIZE} + {@link HttpLimits#MAX_BODY_SIZE}
     * + {@link HttpLimits#MAX_LINE_LENGTH}.
     */
    long bufferedBytes() {
        return head.heldBytes() + body.length + (lines == null ? 0 : lines.heldBytes());
    }

    private Response advance(ByteBuffer in) {
        while (true) {
            switch (state) {
                case STATUS_LINE -> {
                    String line = head.readLine(in);
                    if (line == null) {
                        return null;
                    }
                    parseStatusLine(line);
                    state = State.FIELDS;
                }
                case FIELDS -> {
                    if (!head.readFields(in)) {
                        return null;
                    }
                    startBody();
                }
                case FIXED_BODY -> {
                    take(in);
                    if (remaining > 0) {
                        return null;
                    }
                    complete();
                }
                case CHUNK_SIZE -> {
                    String line = lines.readLine(in);
                    if (line == null) {
                        return null;
                    }
                    startChunk(line);
                }
                case CHUNK_DATA -> {
                    take(in);
                    if (remaining > 0) {
                        return null;
                    }
                    state = State.CHUNK_END;
                }
                case CHUNK_END -> {
                    String line = lines.readLine(in);
                    if (line == null) {
                        return null;
                    }
                    if (!line.isEmpty()) {
                        throw new InvalidMessage("chunk data of the " + BODY + " is not followed by CRLF");
                    }
                    state = State.CHUNK_SIZE;
                }
                case TRAILERS -> {
                    if (!lines.readFields(in)) {
                        return null;
                    }
                    lines = null;
                    complete();
                }
                case BODY_TO_EOF -> {
                    if (bodyLength + (long) in.remaining() > HttpLimits.MAX_BODY_SIZE) {
                        throw bodyTooLarge();
                    }
                    remaining = in.remaining();
                    take(in);
                    return null;
                }
                case COMPLETE -> {
                    return response;
                }
            }
        }
    }

    private void parseStatusLine(String line) {
        int space = line.indexOf(' ');
        HeadReader.checkVersion(space < 0 ? line : line.substring(0, space), "HTTP status line", line);
        int end = space + 4;
        if (line.length() < end || !isDigits(line, space + 1, end)
                || (line.length() > end && line.charAt(end) != ' ')) {
            throw new InvalidMessage("invalid HTTP status line: " + HeadReader.quote(line));
        }
        status = Integer.parseInt(line, space + 1, end, 10);
        if (status < 100 || status > 599) {
            throw new InvalidMessage("invalid HTTP status code " + status + " (RFC 9110 §15: 100-599)");
        }
        reason = line.length() > end ? line.substring(end + 1) : "";
        if (!reason.chars().allMatch(c -> Tokens.isFieldValueChar((char) c))) {
            throw new InvalidMessage("HTTP reason phrase holds a control character: " + HeadReader.quote(line));
        }
    }

    private static boolean isDigits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** Chooses how the body is delimited (RFC 9112 §6.3). */
    private void startBody() {
        Headers headers = head.headers();
        if (status < 200 || status == 204 || status == 304) {
            // These never have content (RFC 9110 §6.4.1): a Content-Length here describes nothing.
            complete();
            return;
        }
        long length = HeadReader.contentLength(headers, WHAT);
        if (headers.contains("Transfer-Encoding")) {
            if (length >= 0) {
                throw new InvalidMessage("HTTP response has both Transfer-Encoding and Content-Length (RFC 9112 §6.3)");
            }
            String codings = String.join(",", headers.getAll("Transfer-Encoding")).strip();
            if (!codings.toLowerCase(Locale.ROOT).equals("chunked")) {
                throw new InvalidMessage("unsupported Transfer-Encoding in HTTP response: " + HeadReader.quote(codings)
                        + " (only chunked is supported)");
            }
            lines = HeadReader.forChunkFraming();
            state = State.CHUNK_SIZE;
        } else if (length >= 0) {
            if (length > HttpLimits.MAX_BODY_SIZE) {
                throw new SecurityError("Content-Length " + (length == Long.MAX_VALUE ? "of 2^63 - 1 or more" : length)
                        + " is larger than " + HttpLimits.MAX_BODY_SIZE + " bytes (HttpLimits.MAX_BODY_SIZE)");
            }
            remaining = length;
            state = State.FIXED_BODY;
        } else {
            state = State.BODY_TO_EOF;
        }
    }

    /** Parses {@code chunk-size [ chunk-ext ]} (RFC 9112 §7.1); extensions are ignored. */
    private void startChunk(String line) {
        int i = 0;
        long size = 0;
        while (i < line.length() && Character.digit(line.charAt(i), 16) >= 0 && line.charAt(i) < 0x80) {
            // Stop before the size can overflow: the body limit refuses anything this large anyway.
            size = Math.min(size * 16 + Character.digit(line.charAt(i), 16), HttpLimits.MAX_BODY_SIZE + 1L);
            i++;
        }
        int afterDigits = i;
        while (i < line.length() && HeadReader.isOws(line.charAt(i))) {
            i++;
        }
        boolean extensionsValid = i == line.length()
                || (line.charAt(i) == ';' && line.chars().allMatch(c -> Tokens.isFieldValueChar((char) c)));
        if (afterDigits == 0 || !extensionsValid) {
            throw new InvalidMessage("invalid chunk-size line in the " + BODY + ": " + HeadReader.quote(line));
        }
        if (bodyLength + size > HttpLimits.MAX_BODY_SIZE) {
            throw bodyTooLarge();
        }
        if (size == 0) {
            lines = HeadReader.forTrailers();
            state = State.TRAILERS;
        } else {
            remaining = size;
            state = State.CHUNK_DATA;
        }
    }

    /** Moves up to {@code remaining} bytes from {@code in} to the body. */
    private void take(ByteBuffer in) {
        int n = (int) Math.min(remaining, in.remaining());
        int needed = bodyLength + n;
        if (needed > body.length) {
            int capacity = Math.max(INITIAL_BODY_CAPACITY, Math.max(needed, body.length * 2));
            body = Arrays.copyOf(body, Math.min(capacity, HttpLimits.MAX_BODY_SIZE));
        }
        in.get(body, bodyLength, n);
        bodyLength = needed;
        remaining -= n;
    }

    private SecurityError bodyTooLarge() {
        return new SecurityError(BODY + " is larger than " + HttpLimits.MAX_BODY_SIZE + " bytes (HttpLimits.MAX_BODY_SIZE)");
    }

    private void complete() {
        byte[] content = bodyLength == body.length ? body : Arrays.copyOf(body, bodyLength);
        response = new Response(status, reason, head.headers(), content);
        body = EMPTY;
        bodyLength = 0;
        state = State.COMPLETE;
    }

    private void checkUsable() {
        if (failed) {
            throw new IllegalStateException("this response reader already failed; the stream cannot be resumed");
        }
    }
}
