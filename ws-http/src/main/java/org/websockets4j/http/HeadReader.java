package org.websockets4j.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The line and header-field layer shared by {@link RequestReader} and {@link ResponseReader}:
 * reads CRLF-terminated lines one byte at a time, so that it never consumes a byte past the end of
 * what it reads, and enforces {@link HttpLimits} as the bytes arrive.
 *
 * <p>Line endings are strict: only CRLF ends a line. A bare LF is refused even though RFC 9112 §2.2
 * lets a recipient accept it, because every WebSocket client sends CRLF and two parsers that
 * disagree on where a line ends are how request smuggling starts; a bare CR is refused as
 * RFC 9112 §2.2 requires.
 *
 * <p>Not thread-safe; owned by one reader.
 */
final class HeadReader {
    private static final int QUOTE_LIMIT = 100;
    /** Token and field-value characters by byte value, for checks on raw line bytes. */
    private static final boolean[] TCHAR = new boolean[256];
    private static final boolean[] VCHAR = new boolean[256];

    static {
        for (int c = 0; c < 256; c++) {
            TCHAR[c] = Tokens.isTokenChar((char) c);
            VCHAR[c] = Tokens.isFieldValueChar((char) c);
        }
    }

    private final String what;
    private final boolean keepFields;
    private final int maxSize;

    private byte[] line = new byte[128];
    private int lineLength;
    private boolean afterCr;
    private int size;
    private int fieldCount;
    private final Headers headers = new Headers();

    /**
     * @param what       names the part being read in error messages ("HTTP request head")
     * @param keepFields false to check fields and drop them (trailers)
     * @param maxSize    the most bytes this reader may consume in all
     */
    private HeadReader(String what, boolean keepFields, int maxSize) {
        this.what = what;
        this.keepFields = keepFields;
        this.maxSize = maxSize;
    }

    /** A reader for a request or response head: a start line, then fields kept until the blank line. */
    static HeadReader forHead(String what) {
        return new HeadReader(what, true, HttpLimits.MAX_HEAD_SIZE);
    }

    /** A reader for the trailer section of a chunked body: fields checked and dropped. */
    static HeadReader forTrailers() {
        return new HeadReader("trailer section of the chunked response body", false, HttpLimits.MAX_HEAD_SIZE);
    }

    /**
     * A reader of the lines framing a chunked body (chunk-size lines, the CRLF after each chunk),
     * bounded in all like a head: otherwise tiny chunks with long extensions could make a peer
     * send gigabytes for a body within its limit.
     */
    static HeadReader forChunkFraming() {
        return new HeadReader("chunk framing of the HTTP response body", false, HttpLimits.MAX_HEAD_SIZE);
    }

    /**
     * The next line without its CRLF, one ISO-8859-1 character per byte, or null when {@code in}
     * ran out first (its bytes are then consumed and kept).
     *
     * @throws InvalidMessage on a bare CR or a bare LF
     * @throws SecurityError  when the line or the whole part exceeds its limit
     */
    String readLine(ByteBuffer in) {
        if (!scanLine(in)) {
            return null;
        }
        String text = new String(line, 0, lineLength, StandardCharsets.ISO_8859_1);
        lineLength = 0;
        return text;
    }

    /**
     * Reads up to the end of the next line into {@code line[0, lineLength)}; true once its CRLF is
     * consumed (the caller resets {@code lineLength}). Runs of ordinary bytes in a heap buffer are
     * copied at once, with the limits checked per run so that the errors are those of the
     * byte-at-a-time path; state lives in locals and is written back whatever happens.
     */
    private boolean scanLine(ByteBuffer in) {
        int pos = in.position();
        int limit = in.limit();
        byte[] buf = line;
        int len = lineLength;
        int consumed = size;
        boolean cr = afterCr;
        try {
            while (pos < limit) {
                if (!cr && in.hasArray()) {
                    byte[] src = in.array();
                    int off = in.arrayOffset();
                    int stop = pos;
                    while (stop < limit) {
                        byte c = src[off + stop];
                        if (c == '\r' || c == '\n') {
                            break;
                        }
                        stop++;
                    }
                    int run = stop - pos;
                    if (run > 0) {
                        int bySize = maxSize - consumed;
                        int byLine = HttpLimits.MAX_LINE_LENGTH - len;
                        if (run > Math.min(bySize, byLine)) {
                            // The error the byte-at-a-time path would raise first: it checks the size before the line.
                            if (bySize <= byLine) {
                                throw new SecurityError(what + " is larger than " + maxSize + " bytes (HttpLimits.MAX_HEAD_SIZE)");
                            }
                            throw new SecurityError("line of " + what + " is longer than " + HttpLimits.MAX_LINE_LENGTH
                                    + " bytes (HttpLimits.MAX_LINE_LENGTH)");
                        } else {
                            if (len + run > buf.length) {
                                buf = line = Arrays.copyOf(buf, Math.min(Math.max(buf.length * 2, len + run), HttpLimits.MAX_LINE_LENGTH));
                            }
                            System.arraycopy(src, off + pos, buf, len, run);
                            len += run;
                            consumed += run;
                            pos = stop;
                            continue;
                        }
                    }
                }
                byte b = in.get(pos++);
                if (++consumed > maxSize) {
                    throw new SecurityError(what + " is larger than " + maxSize + " bytes (HttpLimits.MAX_HEAD_SIZE)");
                }
                if (cr) {
                    if (b != '\n') {
                        throw new InvalidMessage("bare CR in " + what + ": lines must end with CRLF");
                    }
                    cr = false;
                    return true;
                }
                if (b == '\r') {
                    cr = true;
                } else if (b == '\n') {
                    throw new InvalidMessage("bare LF in " + what + ": lines must end with CRLF");
                } else {
                    if (len == buf.length) {
                        if (len == HttpLimits.MAX_LINE_LENGTH) {
                            throw new SecurityError("line of " + what + " is longer than " + HttpLimits.MAX_LINE_LENGTH
                                    + " bytes (HttpLimits.MAX_LINE_LENGTH)");
                        }
                        buf = line = Arrays.copyOf(buf, Math.min(len * 2, HttpLimits.MAX_LINE_LENGTH));
                    }
                    buf[len++] = b;
                }
            }
            return false;
        } finally {
            in.position(pos);
            lineLength = len;
            size = consumed;
            afterCr = cr;
        }
    }

    /**
     * Reads header fields up to and including the blank line that ends them.
     *
     * @return true once the blank line is consumed, false when {@code in} ran out first
     * @throws InvalidMessage on a malformed line or field
     * @throws SecurityError  when a limit is exceeded
     */
    boolean readFields(ByteBuffer in) {
        while (scanLine(in)) {
            int length = lineLength;
            lineLength = 0;
            if (length == 0) {
                return true;
            }
            if (++fieldCount > HttpLimits.MAX_HEADERS) {
                throw new SecurityError(what + " has more than " + HttpLimits.MAX_HEADERS + " header fields (HttpLimits.MAX_HEADERS)");
            }
            addField(line, length);
        }
        return false;
    }

    /**
     * Splits a field line and checks it on its bytes; the line is only turned into a String for an
     * error message. For kept fields {@link Headers.Field} checks the name and value itself, and
     * the checks here only run to phrase the error when it refuses them.
     */
    private void addField(byte[] b, int length) {
        byte first = b[0];
        if (first == ' ' || first == '\t') {
            throw new InvalidMessage("obsolete line folding is not supported (RFC 9112 §5.2) in " + what + ": " + quote(text(b, length)));
        }
        int colon = 0;
        while (colon < length && b[colon] != ':') {
            colon++;
        }
        if (colon == length) {
            throw new InvalidMessage("header line without a colon in " + what + ": " + quote(text(b, length)));
        }
        if (colon > 0 && (b[colon - 1] == ' ' || b[colon - 1] == '\t')) {
            throw new InvalidMessage("whitespace between header name and colon (RFC 9112 §5.1) in " + what + ": " + quote(text(b, length)));
        }
        int start = colon + 1;
        int end = length;
        while (start < end && (b[start] == ' ' || b[start] == '\t')) {
            start++;
        }
        while (end > start && (b[end - 1] == ' ' || b[end - 1] == '\t')) {
            end--;
        }
        String name = new String(b, 0, colon, StandardCharsets.ISO_8859_1);
        String value = new String(b, start, end - start, StandardCharsets.ISO_8859_1);
        if (keepFields) {
            try {
                headers.add(name, value); // Headers.Field checks the name and the value
                return;
            } catch (IllegalArgumentException e) {
                // fall through: the same checks, for the message
            }
        }
        boolean token = colon > 0;
        for (int i = 0; i < colon; i++) {
            token &= TCHAR[b[i] & 0xFF];
        }
        if (!token) {
            throw new InvalidMessage("header name is not a token (RFC 9110 §5.1) in " + what + ": " + quote(text(b, length)));
        }
        boolean valid = true;
        for (int i = start; i < end; i++) {
            valid &= VCHAR[b[i] & 0xFF];
        }
        if (!valid) {
            throw new InvalidMessage("header value holds a control character (RFC 9110 §5.5) in " + what + ": " + quote(text(b, length)));
        }
    }

    private static String text(byte[] b, int length) {
        return new String(b, 0, length, StandardCharsets.ISO_8859_1);
    }

    /** The fields read so far (mutable; the readers copy it into an immutable record). */
    Headers headers() {
        return headers;
    }

    /** Bytes consumed so far. */
    int size() {
        return size;
    }

    /** Bytes held: the whole head when fields are kept, else only the line in progress. */
    long heldBytes() {
        return keepFields ? size : lineLength;
    }

    static boolean isOws(char c) {
        return c == ' ' || c == '\t';
    }

    /** {@code s} quoted for an exception message, cut short: a line may be 8 KiB of hostile bytes. */
    static String quote(String s) {
        return s.length() <= QUOTE_LIMIT
                ? Tokens.quoteForMessage(s)
                : Tokens.quoteForMessage(s.substring(0, QUOTE_LIMIT)) + "... (" + s.length() + " characters)";
    }

    /**
     * Checks the HTTP-version of a start line.
     *
     * @throws InvalidMessage naming the version when it is another HTTP version, or naming the line
     *                        when it is not an HTTP-version at all
     */
    static void checkVersion(String version, String what, String startLine) {
        if (version.equals("HTTP/1.1")) {
            return;
        }
        if (version.matches("HTTP/[0-9](\\.[0-9])?")) {
            throw new InvalidMessage("unsupported HTTP version " + version + " in " + what
                    + ": a WebSocket handshake needs HTTP/1.1");
        }
        throw new InvalidMessage("invalid " + what + ": " + quote(startLine));
    }

    /**
     * The value of the {@code Content-Length} fields, or -1 when there is none; a value too large
     * for a {@code long} reads as {@link Long#MAX_VALUE}, so callers compare it with their limit.
     * Several fields or a list are accepted when every value is the same (RFC 9110 §8.6).
     *
     * @throws InvalidMessage when a value is not a plain decimal or values differ
     */
    static long contentLength(Headers headers, String what) {
        long length = -1;
        for (String field : headers.getAll("Content-Length")) {
            for (String element : field.split(",", -1)) {
                long value = parseDecimal(element.strip(), what);
                if (length >= 0 && value != length) {
                    throw new InvalidMessage("conflicting Content-Length values in " + what + ": " + quote(field));
                }
                length = value;
            }
        }
        return length;
    }

    private static long parseDecimal(String digits, String what) {
        if (digits.isEmpty()) {
            throw new InvalidMessage("empty Content-Length in " + what);
        }
        long value = 0;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                throw new InvalidMessage("Content-Length is not a decimal number in " + what + ": " + quote(digits));
            }
            value = value > (Long.MAX_VALUE - 9) / 10 ? Long.MAX_VALUE : value * 10 + (c - '0');
        }
        return value;
    }

    static void writeLatin1(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Writes {@code Name: value CRLF} per field, then the CRLF that ends a head. */
    static void writeHeaders(ByteArrayOutputStream out, Headers headers) {
        for (Headers.Field field : headers) {
            writeLatin1(out, field.name() + ": " + field.value() + "\r\n");
        }
        writeLatin1(out, "\r\n");
    }
}
