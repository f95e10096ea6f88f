package org.websockets4j.framing;

/**
 * Close status codes (RFC 6455 §7.4 and the IANA registry) and the rules for which may appear in
 * a close frame.
 *
 * <p>On the wire a close frame may carry 1000–1003, 1007–1014 and 3000–4999. 1004 is reserved,
 * and 1005, 1006 and 1015 are only ever reported locally (no status, abnormal closure, TLS
 * failure); every other code is rejected.
 */
public final class CloseCodes {
    /** 1000: the purpose of the connection was fulfilled. */
    public static final int NORMAL_CLOSURE = 1000;
    /** 1001: the endpoint is going away (server shutting down, page navigated away). */
    public static final int GOING_AWAY = 1001;
    /** 1002: the endpoint is terminating the connection because of a protocol error. */
    public static final int PROTOCOL_ERROR = 1002;
    /** 1003: the endpoint received a type of data it cannot accept. */
    public static final int UNSUPPORTED_DATA = 1003;
    /** 1004: reserved; never sent. */
    public static final int RESERVED = 1004;
    /** 1005: reported locally when a close frame carried no status code; never sent. */
    public static final int NO_STATUS_RECEIVED = 1005;
    /** 1006: reported locally when the connection ended without a close frame; never sent. */
    public static final int ABNORMAL_CLOSURE = 1006;
    /** 1007: a message's data was inconsistent with its type (for example invalid UTF-8 text). */
    public static final int INVALID_PAYLOAD_DATA = 1007;
    /** 1008: a message violated the endpoint's policy. */
    public static final int POLICY_VIOLATION = 1008;
    /** 1009: a message was too big to process. */
    public static final int MESSAGE_TOO_BIG = 1009;
    /** 1010: the client expected the server to negotiate an extension it did not. */
    public static final int MANDATORY_EXTENSION = 1010;
    /** 1011: the server met an unexpected condition. */
    public static final int INTERNAL_ERROR = 1011;
    /** 1012: the server is restarting. */
    public static final int SERVICE_RESTART = 1012;
    /** 1013: try again later. */
    public static final int TRY_AGAIN_LATER = 1013;
    /** 1014: a gateway or proxy received an invalid response from the upstream server. */
    public static final int BAD_GATEWAY = 1014;
    /** 1015: reported locally when the TLS handshake failed; never sent. */
    public static final int TLS_HANDSHAKE = 1015;

    private CloseCodes() {
    }

    /**
     * Whether {@code code} may be sent and received in a close frame.
     *
     * @param code a close code
     * @return true for 1000-1003, 1007-1014 and 3000-4999
     */
    public static boolean isValidOnWire(int code) {
        return (code >= 1000 && code <= 1003)
                || (code >= 1007 && code <= 1014)
                || (code >= 3000 && code <= 4999);
    }

    /**
     * A short English description of the code, for messages and logs.
     *
     * @param code any close code
     * @return the description, never null
     */
    public static String describe(int code) {
        return switch (code) {
            case NORMAL_CLOSURE -> "OK";
            case GOING_AWAY -> "going away";
            case PROTOCOL_ERROR -> "protocol error";
            case UNSUPPORTED_DATA -> "unsupported type";
            case RESERVED -> "reserved";
            case NO_STATUS_RECEIVED -> "no status code [internal]";
            case ABNORMAL_CLOSURE -> "connection closed abnormally [internal]";
            case INVALID_PAYLOAD_DATA -> "invalid data";
            case POLICY_VIOLATION -> "policy violation";
            case MESSAGE_TOO_BIG -> "message too big";
            case MANDATORY_EXTENSION -> "extension required";
            case INTERNAL_ERROR -> "unexpected error";
            case SERVICE_RESTART -> "service restart";
            case TRY_AGAIN_LATER -> "try again later";
            case BAD_GATEWAY -> "bad gateway";
            case TLS_HANDSHAKE -> "TLS failure [internal]";
            default -> code >= 3000 && code < 4000 ? "registered"
                    : code >= 4000 && code < 5000 ? "private use"
                    : "unknown";
        };
    }
}
