package org.websockets4j.extensions.permessagedeflate;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import org.websockets4j.extensions.Extension;
import org.websockets4j.extensions.ServerExtensionFactory;
import org.websockets4j.http.ExtensionParameter;
import org.websockets4j.http.NegotiationError;

/**
 * The server side of permessage-deflate's negotiation (Python websockets'
 * {@code ServerPerMessageDeflateFactory}): accepts a client's offer, adding what this server
 * requires, or declines it (RFC 7692 §7.1). Immutable and thread-safe.
 *
 * <table>
 *   <caption>Parameters (all optional; Python's defaults)</caption>
 *   <tr><th>parameter</th><th>default</th><th>effect</th></tr>
 *   <tr><td>{@link #serverNoContextTakeover()}</td><td>false</td><td>answer
 *       {@code server_no_context_takeover} even when not offered: this server resets its
 *       context per message</td></tr>
 *   <tr><td>{@link #clientNoContextTakeover()}</td><td>false</td><td>answer
 *       {@code client_no_context_takeover} even when not offered: the client must reset its
 *       context per message</td></tr>
 *   <tr><td>{@link #serverMaxWindowBits()}</td><td>none</td><td>compress with at most
 *       2<sup>N</sup> bytes of window: the smaller of N and the client's
 *       {@code server_max_window_bits} is answered</td></tr>
 *   <tr><td>{@link #clientMaxWindowBits()}</td><td>none</td><td>require the client to compress
 *       with at most 2<sup>N</sup>: an offer without {@code client_max_window_bits} is declined,
 *       otherwise the smaller of N and the offered value is answered</td></tr>
 *   <tr><td>{@link #compressionSettings()}</td><td>{@link CompressionSettings#defaults()}</td>
 *       <td>how this server compresses</td></tr>
 * </table>
 *
 * <p>The client's requests are always honoured: every window from 8 to 15 bits is supported
 * when compressing, so {@code server_max_window_bits=8} needs no declining (zlib-based servers
 * must decline it). {@link #defaults()} is the factory the server's {@code compression} option
 * adds, as Python's {@code compression="deflate"}.
 */
public final class ServerPerMessageDeflateFactory implements ServerExtensionFactory {
    private static final ServerPerMessageDeflateFactory DEFAULTS = builder().build();

    private final Parameters config;
    private final CompressionSettings settings;

    private ServerPerMessageDeflateFactory(Builder builder) {
        this.config = new Parameters(builder.serverNoContextTakeover, builder.clientNoContextTakeover,
                builder.serverMaxWindowBits, builder.clientMaxWindowBits);
        this.settings = builder.settings;
    }

    /**
     * The factory a server adds by default: every parameter at its default.
     *
     * @return the shared default factory, never null
     */
    public static ServerPerMessageDeflateFactory defaults() {
        return DEFAULTS;
    }

    /**
     * A builder with every parameter at its default.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Whether this server answers {@code server_no_context_takeover} even when not offered.
     *
     * @return true when this server always resets its context per message; false (the default)
     *         when it does only if the client asks
     */
    public boolean serverNoContextTakeover() {
        return config.serverNoContextTakeover();
    }

    /**
     * Whether this server answers {@code client_no_context_takeover} even when not offered.
     *
     * @return true when this server requires the client to reset its context per message; false
     *         (the default) when the client decides
     */
    public boolean clientNoContextTakeover() {
        return config.clientNoContextTakeover();
    }

    /**
     * The largest window this server compresses with, if limited; a smaller
     * {@code server_max_window_bits} offered by the client wins.
     *
     * @return the base-2 logarithm of the window, 8 to 15; empty (the default) for no limit of
     *         this server's own
     */
    public OptionalInt serverMaxWindowBits() {
        return config.serverMaxWindowBits() == Parameters.ABSENT ? OptionalInt.empty()
                : OptionalInt.of(config.serverMaxWindowBits());
    }

    /**
     * The largest window this server lets the client compress with, if limited; a client that
     * does not offer {@code client_max_window_bits} is then declined.
     *
     * @return the base-2 logarithm of the window, 8 to 15; empty (the default) for no limit
     */
    public OptionalInt clientMaxWindowBits() {
        return config.clientMaxWindowBits() == Parameters.ABSENT ? OptionalInt.empty()
                : OptionalInt.of(config.clientMaxWindowBits());
    }

    /**
     * How this server compresses.
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

    /**
     * Accepts one offer (Python's {@code process_request_params}).
     *
     * @throws NegotiationError to decline the offer: permessage-deflate already accepted in this
     *                          handshake, a parameter duplicated, unknown or invalid, or
     *                          {@link #clientMaxWindowBits()} configured and the offer lacking
     *                          {@code client_max_window_bits}
     */
    @Override
    public Accepted accept(List<ExtensionParameter> offerParameters, List<Extension> alreadyAccepted) {
        Parameters.checkNotAccepted(alreadyAccepted);
        Parameters offer = Parameters.parse(offerParameters, true);
        boolean serverNoContextTakeover = offer.serverNoContextTakeover() || config.serverNoContextTakeover();
        boolean clientNoContextTakeover = offer.clientNoContextTakeover() || config.clientNoContextTakeover();
        int serverBits = offer.serverMaxWindowBits();
        if (config.serverMaxWindowBits() != Parameters.ABSENT
                && (serverBits == Parameters.ABSENT || serverBits > config.serverMaxWindowBits())) {
            serverBits = config.serverMaxWindowBits();
        }
        int clientBits = offer.clientMaxWindowBits();
        if (config.clientMaxWindowBits() == Parameters.ABSENT) {
            if (clientBits == Parameters.NO_VALUE) {
                clientBits = Parameters.ABSENT; // the client may use any window: nothing to answer
            }
        } else if (clientBits == Parameters.ABSENT) {
            // RFC 7692 §7.1.2.2: the server may not limit a client that did not offer the parameter.
            throw new NegotiationError("client_max_window_bits is required: this server limits the client's window to "
                    + config.clientMaxWindowBits() + " bits");
        } else if (clientBits == Parameters.NO_VALUE || clientBits > config.clientMaxWindowBits()) {
            clientBits = config.clientMaxWindowBits();
        }
        Parameters answer = new Parameters(serverNoContextTakeover, clientNoContextTakeover, serverBits, clientBits);
        Extension extension = new PerMessageDeflate(
                clientNoContextTakeover,
                serverNoContextTakeover,
                clientBits == Parameters.ABSENT ? WindowBits.MAX : clientBits,
                serverBits == Parameters.ABSENT ? WindowBits.MAX : serverBits,
                settings);
        return new Accepted(answer.toList(), extension);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ServerPerMessageDeflateFactory that && config.equals(that.config)
                && settings.equals(that.settings);
    }

    @Override
    public int hashCode() {
        return Objects.hash(config, settings);
    }

    @Override
    public String toString() {
        return "ServerPerMessageDeflateFactory" + config.toList() + " " + settings;
    }

    /** Builds a {@link ServerPerMessageDeflateFactory}; not thread-safe. */
    public static final class Builder {
        private boolean serverNoContextTakeover;
        private boolean clientNoContextTakeover;
        private int serverMaxWindowBits = Parameters.ABSENT;
        private int clientMaxWindowBits = Parameters.ABSENT;
        private CompressionSettings settings = CompressionSettings.defaults();

        private Builder() {
        }

        /**
         * Sets {@link ServerPerMessageDeflateFactory#serverNoContextTakeover()}.
         *
         * @param require true to always answer {@code server_no_context_takeover}
         * @return this builder
         */
        public Builder serverNoContextTakeover(boolean require) {
            this.serverNoContextTakeover = require;
            return this;
        }

        /**
         * Sets {@link ServerPerMessageDeflateFactory#clientNoContextTakeover()}.
         *
         * @param require true to always answer {@code client_no_context_takeover}
         * @return this builder
         */
        public Builder clientNoContextTakeover(boolean require) {
            this.clientNoContextTakeover = require;
            return this;
        }

        /**
         * Limits this server's window to 2<sup>bits</sup> bytes.
         *
         * @param bits the base-2 logarithm of the largest window, 8 to 15
         * @return this builder
         * @throws IllegalArgumentException at once when not between 8 and 15
         */
        public Builder serverMaxWindowBits(int bits) {
            this.serverMaxWindowBits = WindowBits.check("serverMaxWindowBits", bits);
            return this;
        }

        /**
         * Limits the client's window to 2<sup>bits</sup> bytes (declining clients that cannot be limited).
         *
         * @param bits the base-2 logarithm of the largest window, 8 to 15
         * @return this builder
         * @throws IllegalArgumentException at once when not between 8 and 15
         */
        public Builder clientMaxWindowBits(int bits) {
            this.clientMaxWindowBits = WindowBits.check("clientMaxWindowBits", bits);
            return this;
        }

        /**
         * Sets how this server compresses.
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
        public ServerPerMessageDeflateFactory build() {
            return new ServerPerMessageDeflateFactory(this);
        }
    }
}
