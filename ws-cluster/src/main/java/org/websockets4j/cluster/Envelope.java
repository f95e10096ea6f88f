package org.websockets4j.cluster;

import java.util.Base64;

/**
 * What a client receives for each message of its room: one text frame holding a small JSON
 * object, {@code {"id":"<stream id>","data":"<text>"}} for a text message and
 * {@code {"id":"<stream id>","binary":"<base64>"}} for a binary one. The id is the Redis Stream
 * entry's, which the client sends back as {@code ?last=<id>} when it reconnects.
 */
final class Envelope {
    private Envelope() {
    }

    /**
     * The envelope of a text message.
     *
     * @param id   the stream entry id
     * @param text the message
     * @return the JSON text
     */
    static String text(String id, String text) {
        StringBuilder json = new StringBuilder(text.length() + id.length() + 24).append("{\"id\":\"").append(id).append("\",\"data\":");
        quote(text, json);
        return json.append('}').toString();
    }

    /**
     * The envelope of a binary message, already base64.
     *
     * @param id     the stream entry id
     * @param base64 the message, base64 (RFC 4648 §4)
     * @return the JSON text
     */
    static String binary(String id, String base64) {
        return "{\"id\":\"" + id + "\",\"binary\":\"" + base64 + "\"}";
    }

    /**
     * Base64 of a binary message, as stored in the stream.
     *
     * @param data the message
     * @return its base64
     */
    static String base64(byte[] data) {
        return Base64.getEncoder().encodeToString(data);
    }

    /** JSON string syntax (RFC 8259 §7): quotes, backslashes and control characters escaped. */
    static void quote(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
