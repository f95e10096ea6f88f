package org.websockets4j.extensions.permessagedeflate;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import org.websockets4j.extensions.ClientExtensionFactory;
import org.websockets4j.extensions.Extension;
import org.websockets4j.http.ExtensionParameter;
import org.websockets4j.http.NegotiationError;

/**
 * The client side of permessage-deflate's negotiation (Python websockets'
 * {@code ClientPerMessageDeflateFactory}): offers the parameters configured and accepts a
 * server's answer only when the offer allowed it (RFC 7692 §7.1). Immutable and thread-safe.
 *
 * <table>
 *   <caption>Parameters (all optional; Python's defaults)</caption>
 *   <tr><th>parameter</th><th>default</th><th>offered as</th></tr>
 *   <tr><td>{@link #serverNoContextTakeover()}</td><td>false</td><td>{@code server_no_context_takeover}:
 *       the server must reset its context per message</td></tr>
 *   <tr><td>{@link #clientNoContextTakeover()}</td><td>false</td><td>{@code client_no_context_takeover}:
 *       this client resets its context per message, whatever the answer</td></tr>
 *   <tr><td>{@link #serverMaxWindowBits()}</td><td>none</td><td>{@code server_max_window_bits=N}:
 *       the server must compress with at most 2<sup>N</sup> bytes of window</td></tr>
 *   <tr><td>{@link #clientMaxWindowBits()}</td><td>none</td><td>{@code client_max_window_bits=N}
 *       (this client uses at most 2<sup>N</sup>), or without a value when
 *       {@link #offersClientMaxWindowBits()} (the server may choose)</td></tr>
 *   <tr><td>{@link #compressionSettings()}</td><td>{@link CompressionSettings#defaults()}</td>
 *       <td>not offered: how this client compresses</td></tr>
 * </table>
 *
 * <p>{@link #defaults()} is the factory the client's {@code compression} option adds, as Python's
 * {@code compression="deflate"}: {@code client_max_window_bits} without a value, nothing else.
 */
public final class ClientPerMessageDeflateFactory implements ClientExtensionFactory {
    private static final ClientPerMessageDeflateFactory DEFAULTS = builder().clientMaxWindowBitsWithoutValue().build();

    private final Parameters offer;
    private final CompressionSettings settings;
    private final List<ExtensionParameter> requestParameters;

    private ClientPerMessageDeflateFactory(Builder builder) {
        this.offer = new Parameters(builder.serverNoContextTakeover, builder.clientNoContextTakeover,
                builder.serverMaxWindowBits, builder.clientMaxWindowBits);
        this.settings = builder.settings;
        this.requestParameters = offer.toList();
    }

    /**
     * The factory a client adds by default: offers {@code client_max_window_bits} without a value.
     *
     * @return the shared default factory, never null
     */
    public static ClientPerMessageDeflateFactory defaults() {
        return DEFAULTS;
    }

    /**
     * A builder with nothing offered (Python's {@code ClientPerMessageDeflateFactory()}); unlike
     * {@link #defaults()}, it does not offer {@code client_max_window_bits}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Whether {@code server_no_context_takeover} is offered; a server's answer without it is then
     * refused.
     *
     * @return true when offered; false by default
     */
    public boolean serverNoContextTakeover() {
        return offer.serverNoContextTakeover();
    }

    /**
     * Whether {@code client_no_context_takeover} is offered; this client then resets its context
     * per message whatever the answer.
     *
     * @return true when offered; false by default
     */
    public boolean clientNoContextTakeover() {
        return offer.clientNoContextTakeover();
    }

    /**
     * The {@code server_max_window_bits} offered, if any; a server's answer without it, or with a
     * larger value, is then refused.
     *
     * @return the base-2 logarithm of the window, 8 to 15; empty (the default) when not offered
     */
    public OptionalInt serverMaxWindowBits() {
        return offer.serverMaxWindowBits() == Parameters.ABSENT ? OptionalInt.empty()
                : OptionalInt.of(offer.serverMaxWindowBits());
    }

    /**
     * The value of {@code client_max_window_bits} offered, if it is offered with one.
     *
     * @return the base-2 logarithm of the window, 8 to 15; empty when not offered or offered
     *         without a value (see {@link #offersClientMaxWindowBits()})
     */
    public OptionalInt clientMaxWindowBits() {
        return offer.clientMaxWindowBits() > 0 ? OptionalInt.of(offer.clientMaxWindowBits()) : OptionalInt.empty();
    }

    /**
     * Whether {@code client_max_window_bits} is offered, with or without a value; when it is not,
     * a server's answer with it is refused.
     *
     * @return true when offered (as by {@link #defaults()}); false for a builder's default
     */
    public boolean offersClientMaxWindowBits() {
        return offer.clientMaxWindowBits() != Parameters.ABSENT;
    }

    /**
     * How this client compresses; not offered to the server.
     *
     * @return the settings, never null; {@link CompressionSettings#defaults()} unless set
     */
    public CompressionSettings compressionSettings() {
        return settings;
    }

    @Override
    public String name() {
        return PerMessageDeflate.NAME;
    }

    @Override
    public List<ExtensionParameter> requestParameters() {
        return requestParameters;
    }

    /**
     * Accepts the server's answer when the offer allowed it (Python's
     * {@code process_response_params}).
     *
     * @throws NegotiationError when permessage-deflate was already accepted in this response, a
     *                          parameter is duplicated, unknown or invalid
     *                          ({@link org.websockets4j.http.DuplicateParameter},
     *                          {@link org.websockets4j.http.InvalidParameterName},
     *                          {@link org.websockets4j.http.InvalidParameterValue}), or the answer
     *                          is not allowed by the offer: {@code server_no_context_takeover} or
     *                          {@code server_max_window_bits} missing though requested, a window
     *                          larger than offered, {@code client_max_window_bits} not offered
     */
    @Override
    public Extension accept(List<ExtensionParameter> responseParameters, List<Extension> alreadyAccepted) {
        Parameters.checkNotAccepted(alreadyAccepted);
        Parameters answer = Parameters.parse(responseParameters, false);
        if (offer.serverNoContextTakeover() && !answer.serverNoContextTakeover()) {
            throw new NegotiationError("expected server_no_context_takeover in the answer: it was requested");
        }
        int serverBits = answer.serverMaxWindowBits();
        if (offer.serverMaxWindowBits() != Parameters.ABSENT) {
            if (serverBits == Parameters.ABSENT) {
                throw new NegotiationError("expected server_max_window_bits in the answer: it was requested");
            }
            if (serverBits > offer.serverMaxWindowBits()) {
                throw new NegotiationError("unsupported server_max_window_bits=" + serverBits + ": at most "
                        + offer.serverMaxWindowBits() + " was offered");
            }
        }
        int clientBits = answer.clientMaxWindowBits();
        if (offer.clientMaxWindowBits() == Parameters.ABSENT) {
            if (clientBits != Parameters.ABSENT) {
                throw new NegotiationError("unexpected client_max_window_bits in the answer: it was not offered");
            }
        } else if (offer.clientMaxWindowBits() != Parameters.NO_VALUE) {
            if (clientBits == Parameters.ABSENT) {
                clientBits = offer.clientMaxWindowBits(); // the client keeps to what it offered
            } else if (clientBits > offer.clientMaxWindowBits()) {
                throw new NegotiationError("unsupported client_max_window_bits=" + clientBits + ": at most "
                        + offer.clientMaxWindowBits() + " was offered");
            }
        }
        return new PerMessageDeflate(
                answer.serverNoContextTakeover(),
                answer.clientNoContextTakeover() || offer.clientNoContextTakeover(),
                serverBits == Parameters.ABSENT ? WindowBits.MAX : serverBits,
                clientBits == Parameters.ABSENT ? WindowBits.MAX : clientBits,
                settings);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ClientPerMessageDeflateFactory that && offer.equals(that.offer)
                && settings.equals(that.settings);
    }

    @Override
    public int hashCode() {
        return Objects.hash(offer, settings);
    }

    @Override
    public String toString() {
        return "ClientPerMessageDeflateFactory" + requestParameters + " " + settings;
    }

    /** Builds a {@link ClientPerMessageDeflateFactory}; not thread-safe. */
    public static final class Builder {
        private boolean serverNoContextTakeover;
        private boolean clientNoContextTakeover;
        private int serverMaxWindowBits = Parameters.ABSENT;
        private int clientMaxWindowBits = Parameters.ABSENT;
        private CompressionSettings settings = CompressionSettings.defaults();

        private Builder() {
        }

        /**
         * Sets {@link ClientPerMessageDeflateFactory#serverNoContextTakeover()}.
         *
         * @param offer true to offer {@code server_no_context_takeover}
         * @return this builder
         */
        public Builder serverNoContextTakeover(boolean offer) {
            this.serverNoContextTakeover = offer;
            return this;
        }

        /**
         * Sets {@link ClientPerMessageDeflateFactory#clientNoContextTakeover()}.
         *
         * @param offer true to offer {@code client_no_context_takeover}
         * @return this builder
         */
        public Builder clientNoContextTakeover(boolean offer) {
            this.clientNoContextTakeover = offer;
            return this;
        }

        /**
         * Offers {@code server_max_window_bits=bits}.
         *
         * @param bits the base-2 logarithm of the largest window the server may use, 8 to 15
         * @return this builder
         * @throws IllegalArgumentException at once when not between 8 and 15
         */
        public Builder serverMaxWindowBits(int bits) {
            this.serverMaxWindowBits = WindowBits.check("serverMaxWindowBits", bits);
            return this;
        }

        /**
         * Offers {@code client_max_window_bits=bits}, replacing
         * {@link #clientMaxWindowBitsWithoutValue()} if called before.
         *
         * @param bits the base-2 logarithm of the largest window this client uses, 8 to 15
         * @return this builder
         * @throws IllegalArgumentException at once when not between 8 and 15
         */
        public Builder clientMaxWindowBits(int bits) {
            this.clientMaxWindowBits = WindowBits.check("clientMaxWindowBits", bits);
            return this;
        }

        /**
         * Offers {@code client_max_window_bits} without a value: the server may pick the client's
         * window. Replaces {@link #clientMaxWindowBits(int)} if called before.
         *
         * @return this builder
         */
        public Builder clientMaxWindowBitsWithoutValue() {
            this.clientMaxWindowBits = Parameters.NO_VALUE;
            return this;
        }

        /**
         * Sets how this client compresses.
         *
         * @param settings the compression settings, not null
         * @return this builder
         * @throws NullPointerException at once when {@code settings} is null
         */
        public Builder compressionSettings(CompressionSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /**
         * The factory. Every value was checked when set, so this does not throw.
         *
         * @return a new immutable, thread-safe factory; the builder may be reused
         */
        public ClientPerMessageDeflateFactory build() {
            return new ClientPerMessageDeflateFactory(this);
        }
    }
}
