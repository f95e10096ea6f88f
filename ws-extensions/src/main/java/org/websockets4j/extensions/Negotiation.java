package org.websockets4j.extensions;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.websockets4j.framing.Frame;
import org.websockets4j.http.ExtensionHeader;
import org.websockets4j.http.ExtensionParameter;
import org.websockets4j.http.NegotiationError;

/**
 * The two extension negotiation algorithms of the opening handshake, Sans-I/O: headers and
 * factories in, extensions out (Python websockets' {@code process_extensions} of the server and of
 * the client protocols). Stateless; thread-safe as long as the factories are.
 *
 * <p>Both refuse two accepted extensions claiming the same reserved bit, which could not tell
 * their frames apart: the server declines the later one, the client fails.
 */
public final class Negotiation {
    private static final int ALL_RSV = Frame.RSV1 | Frame.RSV2 | Frame.RSV3;

    private Negotiation() {
    }

    /**
     * What the server agreed to.
     *
     * @param responseHeader the extensions for the response's {@code Sec-WebSocket-Extensions},
     *                       in the order of the client's offers (immutable; empty: send no header)
     * @param extensions     the extensions, in the same order (immutable)
     */
    public record Result(List<ExtensionHeader> responseHeader, List<Extension> extensions) {
        /**
         * Takes immutable copies of both lists.
         *
         * @throws NullPointerException when a list or an element is null
         */
        public Result {
            responseHeader = List.copyOf(responseHeader);
            extensions = List.copyOf(extensions);
        }
    }

    /**
     * The client's offer: one entry per factory, in order, with its request parameters.
     *
     * @param factories the client's factories, in order of preference
     * @return the request's {@code Sec-WebSocket-Extensions} entries (immutable; empty: send no header)
     * @throws NullPointerException     when a factory, its name or its parameters are null
     * @throws IllegalArgumentException when a factory's name is not a token
     */
    public static List<ExtensionHeader> offer(List<? extends ClientExtensionFactory> factories) {
        List<ExtensionHeader> offers = new ArrayList<>(factories.size());
        for (ClientExtensionFactory factory : factories) {
            offers.add(new ExtensionHeader(factory.name(), factory.requestParameters()));
        }
        return List.copyOf(offers);
    }

    /**
     * The server's negotiation: for each offer of the client, in order, the server's factories
     * with the same name are tried in order, and the first that accepts wins. An offer that no
     * factory accepts is skipped, and so is an offer whose name was already accepted (a client may
     * offer one extension several times, as fallbacks in decreasing order of preference). An
     * extension claiming a reserved bit already claimed by an accepted one is declined as if its
     * factory had thrown {@link NegotiationError}.
     *
     * @param offers    the client's offers, in order (every {@code Sec-WebSocket-Extensions} line)
     * @param factories the server's factories, in order of preference
     * @return the response header and the extensions, in the order of the offers
     * @throws NullPointerException  when an argument or an element is null
     * @throws IllegalStateException when a factory breaks its contract (returns null, or an
     *                               extension with another name or invalid reserved bits)
     * @throws RuntimeException      whatever a factory throws other than {@link NegotiationError}
     */
    public static Result server(List<ExtensionHeader> offers, List<? extends ServerExtensionFactory> factories) {
        Objects.requireNonNull(factories, "factories");
        List<ExtensionHeader> response = new ArrayList<>();
        List<Extension> accepted = new ArrayList<>();
        List<Extension> view = Collections.unmodifiableList(accepted);
        Set<String> names = new HashSet<>();
        int claimed = 0;
        for (ExtensionHeader offer : offers) {
            if (names.contains(offer.name())) {
                continue;
            }
            for (ServerExtensionFactory factory : factories) {
                if (!offer.name().equals(factory.name())) {
                    continue;
                }
                ServerExtensionFactory.Accepted result;
                try {
                    result = factory.accept(offer.parameters(), view);
                } catch (NegotiationError declined) {
                    continue;
                }
                if (result == null) {
                    throw new IllegalStateException("extension factory " + factory.name() + " returned null;"
                            + " throw NegotiationError to decline an offer");
                }
                int bits = checkExtension(result.extension(), offer.name());
                if ((bits & claimed) != 0) {
                    continue; // a reserved bit is already taken: decline
                }
                claimed |= bits;
                names.add(offer.name());
                response.add(new ExtensionHeader(offer.name(), result.responseParameters()));
                accepted.add(result.extension());
                break;
            }
        }
        return new Result(response, accepted);
    }

    /**
     * The client's negotiation: every extension of the server's response, in order, must be
     * accepted by one of the client's factories with that name (all of them were offered), tried in
     * order; a factory that throws {@link NegotiationError} lets the next one try.
     *
     * @param response  the extensions of the response's {@code Sec-WebSocket-Extensions} (every line), in order
     * @param factories the client's factories, as offered
     * @return the extensions, in the order of the response (immutable)
     * @throws NegotiationError      when the server accepted an extension that was not offered,
     *                               or that no factory accepts, or the same extension twice, or two
     *                               extensions claiming the same reserved bit
     * @throws NullPointerException  when an argument or an element is null
     * @throws IllegalStateException when a factory breaks its contract (returns null, or an
     *                               extension with another name or invalid reserved bits)
     */
    public static List<Extension> client(List<ExtensionHeader> response, List<? extends ClientExtensionFactory> factories) {
        Objects.requireNonNull(factories, "factories");
        List<Extension> accepted = new ArrayList<>();
        List<Extension> view = Collections.unmodifiableList(accepted);
        Set<String> names = new HashSet<>();
        int claimed = 0;
        for (ExtensionHeader header : response) {
            if (!names.add(header.name())) {
                throw new NegotiationError("server accepted extension " + header.name() + " twice");
            }
            Extension extension = null;
            NegotiationError refusal = null;
            boolean offered = false;
            for (ClientExtensionFactory factory : factories) {
                if (!header.name().equals(factory.name())) {
                    continue;
                }
                offered = true;
                try {
                    extension = factory.accept(header.parameters(), view);
                } catch (NegotiationError e) {
                    if (refusal == null) {
                        refusal = e;
                    } else {
                        refusal.addSuppressed(e);
                    }
                    continue;
                }
                if (extension == null) {
                    throw new IllegalStateException("extension factory " + factory.name() + " returned null;"
                            + " throw NegotiationError to refuse a response");
                }
                break;
            }
            if (!offered) {
                throw new NegotiationError("server accepted an extension the client did not offer: " + header);
            }
            if (extension == null) {
                NegotiationError error = new NegotiationError("unsupported extension: " + header);
                error.initCause(refusal);
                throw error;
            }
            int bits = checkExtension(extension, header.name());
            if ((bits & claimed) != 0) {
                throw new NegotiationError("extension " + header.name() + " claims a reserved bit already claimed by "
                        + claimant(accepted, bits & claimed));
            }
            claimed |= bits;
            accepted.add(extension);
        }
        return List.copyOf(accepted);
    }

    private static int checkExtension(Extension extension, String name) {
        if (!name.equals(extension.name())) {
            throw new IllegalStateException("the factory of extension " + name + " built an extension named "
                    + extension.name());
        }
        int bits = extension.reservedBits();
        if ((bits & ~ALL_RSV) != 0) {
            throw new IllegalStateException("extension " + name + " claims invalid reserved bits 0x"
                    + Integer.toHexString(bits) + "; use a combination of Frame.RSV1, Frame.RSV2 and Frame.RSV3");
        }
        return bits;
    }

    private static String claimant(List<Extension> accepted, int bits) {
        for (Extension extension : accepted) {
            if ((extension.reservedBits() & bits) != 0) {
                return extension.name();
            }
        }
        return "another extension";
    }
}
