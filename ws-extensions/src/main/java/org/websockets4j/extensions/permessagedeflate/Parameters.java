package org.websockets4j.extensions.permessagedeflate;

import java.util.ArrayList;
import java.util.List;
import org.websockets4j.http.DuplicateParameter;
import org.websockets4j.http.ExtensionParameter;
import org.websockets4j.http.InvalidParameterName;
import org.websockets4j.http.InvalidParameterValue;
import org.websockets4j.http.NegotiationError;

/**
 * The four permessage-deflate parameters of one offer or response (RFC 7692 §7.1), checked:
 * each at most once, the two {@code *_no_context_takeover} without a value, the window sizes
 * decimal 8 to 15 without leading zeros; {@code client_max_window_bits} may lack its value in an
 * offer only.
 *
 * @param serverNoContextTakeover {@code server_no_context_takeover} is present
 * @param clientNoContextTakeover {@code client_no_context_takeover} is present
 * @param serverMaxWindowBits     the value of {@code server_max_window_bits}, {@link #ABSENT} when absent
 * @param clientMaxWindowBits     the value of {@code client_max_window_bits}, {@link #ABSENT} when absent,
 *                                {@link #NO_VALUE} when present without a value
 */
record Parameters(boolean serverNoContextTakeover, boolean clientNoContextTakeover,
                  int serverMaxWindowBits, int clientMaxWindowBits) {
    static final int ABSENT = 0;
    static final int NO_VALUE = -1;

    static final String SERVER_NO_CONTEXT_TAKEOVER = "server_no_context_takeover";
    static final String CLIENT_NO_CONTEXT_TAKEOVER = "client_no_context_takeover";
    static final String SERVER_MAX_WINDOW_BITS = "server_max_window_bits";
    static final String CLIENT_MAX_WINDOW_BITS = "client_max_window_bits";

    /**
     * Parses the parameters of an offer ({@code offer} true: {@code client_max_window_bits} may
     * come without a value) or of a response.
     *
     * @throws DuplicateParameter    when a parameter appears twice
     * @throws InvalidParameterName  when a parameter is unknown
     * @throws InvalidParameterValue when a value is missing, present where none is allowed, or not 8 to 15
     */
    static Parameters parse(List<ExtensionParameter> parameters, boolean offer) {
        boolean serverNoContextTakeover = false;
        boolean clientNoContextTakeover = false;
        int serverBits = ABSENT;
        int clientBits = ABSENT;
        List<String> seen = new ArrayList<>(4);
        for (ExtensionParameter parameter : parameters) {
            String name = parameter.name();
            String value = parameter.value();
            if (seen.contains(name)) {
                throw new DuplicateParameter(name);
            }
            switch (name) {
                case SERVER_NO_CONTEXT_TAKEOVER -> {
                    noValue(name, value);
                    serverNoContextTakeover = true;
                }
                case CLIENT_NO_CONTEXT_TAKEOVER -> {
                    noValue(name, value);
                    clientNoContextTakeover = true;
                }
                case SERVER_MAX_WINDOW_BITS -> serverBits = bits(name, value);
                case CLIENT_MAX_WINDOW_BITS -> clientBits = offer && value == null ? NO_VALUE : bits(name, value);
                default -> throw new InvalidParameterName(name);
            }
            seen.add(name);
        }
        return new Parameters(serverNoContextTakeover, clientNoContextTakeover, serverBits, clientBits);
    }

    /** The parameters as a header lists them, in the RFC's order; absent ones left out. */
    List<ExtensionParameter> toList() {
        List<ExtensionParameter> list = new ArrayList<>(4);
        if (serverNoContextTakeover) {
            list.add(new ExtensionParameter(SERVER_NO_CONTEXT_TAKEOVER));
        }
        if (clientNoContextTakeover) {
            list.add(new ExtensionParameter(CLIENT_NO_CONTEXT_TAKEOVER));
        }
        if (serverMaxWindowBits != ABSENT) {
            list.add(new ExtensionParameter(SERVER_MAX_WINDOW_BITS, Integer.toString(serverMaxWindowBits)));
        }
        if (clientMaxWindowBits == NO_VALUE) {
            list.add(new ExtensionParameter(CLIENT_MAX_WINDOW_BITS));
        } else if (clientMaxWindowBits != ABSENT) {
            list.add(new ExtensionParameter(CLIENT_MAX_WINDOW_BITS, Integer.toString(clientMaxWindowBits)));
        }
        return List.copyOf(list);
    }

    private static void noValue(String name, String value) {
        if (value != null) {
            throw new InvalidParameterValue(name, value);
        }
    }

    /** "8" to "15" exactly: RFC 7692 §7.1.2 forbids leading zeros. */
    private static int bits(String name, String value) {
        if (value == null) {
            throw new InvalidParameterValue(name, null);
        }
        if (value.length() == 1 && value.charAt(0) >= '8' && value.charAt(0) <= '9') {
            return value.charAt(0) - '0';
        }
        if (value.length() == 2 && value.charAt(0) == '1' && value.charAt(1) >= '0' && value.charAt(1) <= '5') {
            return 10 + value.charAt(1) - '0';
        }
        throw new InvalidParameterValue(name, value);
    }

    /** Refuses a second permessage-deflate in one handshake. */
    static void checkNotAccepted(List<? extends org.websockets4j.extensions.Extension> alreadyAccepted) {
        for (var extension : alreadyAccepted) {
            if (PerMessageDeflate.NAME.equals(extension.name())) {
                throw new NegotiationError("permessage-deflate was already accepted once in this handshake");
            }
        }
    }
}
