package org.websockets4j.extensions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.websockets4j.framing.Frame;
import org.websockets4j.http.ExtensionHeader;
import org.websockets4j.http.ExtensionParameter;
import org.websockets4j.http.HeaderGrammar;
import org.websockets4j.http.NegotiationError;

class NegotiationTest {
    /** An extension that does nothing to frames; {@code tag} says which factory built it. */
    record Stub(String name, int reservedBits, String tag) implements Extension {
        @Override
        public Frame encode(Frame frame) {
            return frame;
        }

        @Override
        public Frame decode(Frame frame, long maxSize) {
            return frame;
        }
    }

    /**
     * A server factory that accepts offers whose parameters include {@code required} (any offer when
     * null), answers with the offer's parameters, and records what it saw.
     */
    static class Server implements ServerExtensionFactory {
        final String name;
        final int bits;
        final String tag;
        final String required;
        final List<List<Extension>> seen = new ArrayList<>();

        Server(String name, int bits, String tag, String required) {
            this.name = name;
            this.bits = bits;
            this.tag = tag;
            this.required = required;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Accepted accept(List<ExtensionParameter> offerParameters, List<Extension> alreadyAccepted) {
            seen.add(List.copyOf(alreadyAccepted));
            if (required != null && offerParameters.stream().noneMatch(p -> p.name().equals(required))) {
                throw new NegotiationError(name + " needs " + required);
            }
            return new Accepted(offerParameters, new Stub(name, bits, tag));
        }
    }

    static class Client implements ClientExtensionFactory {
        final String name;
        final int bits;
        final String tag;
        final boolean refuses;

        Client(String name, int bits, String tag, boolean refuses) {
            this.name = name;
            this.bits = bits;
            this.tag = tag;
            this.refuses = refuses;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public List<ExtensionParameter> requestParameters() {
            return List.of(new ExtensionParameter("from", tag));
        }

        @Override
        public Extension accept(List<ExtensionParameter> responseParameters, List<Extension> alreadyAccepted) {
            if (refuses) {
                throw new NegotiationError(tag + " refuses");
            }
            return new Stub(name, bits, tag);
        }
    }

    private static List<ExtensionHeader> header(String value) {
        return HeaderGrammar.parseExtension(value);
    }

    private static List<String> tags(List<Extension> extensions) {
        return extensions.stream().map(e -> ((Stub) e).tag()).toList();
    }

    // ------------------------------------------------------------------ server

    @Test
    void serverAcceptsNothingWithoutOffersOrFactories() {
        assertEquals(new Negotiation.Result(List.of(), List.of()), Negotiation.server(List.of(), List.of(new Server("x-a", 0, "a", null))));
        assertEquals(new Negotiation.Result(List.of(), List.of()), Negotiation.server(header("x-a"), List.of()));
    }

    @Test
    void serverKeepsTheOrderOfTheOffers() {
        Server a = new Server("x-a", Frame.RSV1, "a", null);
        Server b = new Server("x-b", Frame.RSV2, "b", null);
        Negotiation.Result result = Negotiation.server(header("x-b; p=1, x-unknown, x-a"), List.of(a, b));
        assertEquals(header("x-b; p=1, x-a"), result.responseHeader());
        assertEquals(List.of("b", "a"), tags(result.extensions()));
        assertEquals(List.of(List.of()), b.seen);
        assertEquals(1, a.seen.size());
        assertEquals(List.of("b"), tags(a.seen.get(0)), "factories see what was accepted before");
    }

    @Test
    void serverTriesFactoriesOfTheNameInOrderAndTheFirstAcceptingWins() {
        Server picky = new Server("x-a", Frame.RSV1, "picky", "fast");
        Server easy = new Server("x-a", Frame.RSV1, "easy", null);
        Server second = new Server("x-a", Frame.RSV1, "second", null);
        Negotiation.Result result = Negotiation.server(header("x-a; slow"), List.of(picky, easy, second));
        assertEquals(List.of("easy"), tags(result.extensions()));
        assertEquals(header("x-a; slow"), result.responseHeader());
        assertTrue(second.seen.isEmpty());
    }

    @Test
    void serverSkipsDeclinedOffersAndAcceptsOneOfferPerName() {
        Server picky = new Server("x-a", Frame.RSV1, "picky", "fast");
        Negotiation.Result result = Negotiation.server(header("x-a; slow, x-a; fast, x-a; fast; again"), List.of(picky));
        assertEquals(header("x-a; fast"), result.responseHeader(), "the first acceptable offer wins; later fallbacks are skipped");
        assertEquals(List.of("picky"), tags(result.extensions()));
        assertEquals(2, picky.seen.size(), "the third offer is not even tried");
    }

    @Test
    void serverDeclinesAnExtensionClaimingAReservedBitAlreadyClaimed() {
        Server a = new Server("x-a", Frame.RSV1, "a", null);
        Server b = new Server("x-b", Frame.RSV1 | Frame.RSV3, "b", null);
        Server bOther = new Server("x-b", Frame.RSV2, "b2", null);
        Server c = new Server("x-c", Frame.RSV3, "c", null);
        Negotiation.Result result = Negotiation.server(header("x-a, x-b, x-c"), List.of(a, b, bOther, c));
        assertEquals(header("x-a, x-b, x-c"), result.responseHeader());
        assertEquals(List.of("a", "b2", "c"), tags(result.extensions()), "b is declined, the next x-b factory accepts");

        Negotiation.Result only = Negotiation.server(header("x-a, x-b"), List.of(a, b));
        assertEquals(header("x-a"), only.responseHeader());
        assertEquals(List.of("a"), tags(only.extensions()));
    }

    @Test
    void serverExtensionsWithoutReservedBitsNeverConflict() {
        Server a = new Server("x-a", 0, "a", null);
        Server b = new Server("x-b", 0, "b", null);
        assertEquals(List.of("a", "b"), tags(Negotiation.server(header("x-a, x-b"), List.of(a, b)).extensions()));
    }

    @Test
    void serverRejectsBrokenFactories() {
        ServerExtensionFactory nullResult = new ServerExtensionFactory() {
            public String name() { return "x-a"; }
            public Accepted accept(List<ExtensionParameter> p, List<Extension> a) { return null; }
        };
        assertThrows(IllegalStateException.class, () -> Negotiation.server(header("x-a"), List.of(nullResult)));
        Server misnamed = new Server("x-a", 0, "a", null) {
            @Override
            public Accepted accept(List<ExtensionParameter> p, List<Extension> a) {
                return new Accepted(p, new Stub("x-other", 0, "a"));
            }
        };
        assertThrows(IllegalStateException.class, () -> Negotiation.server(header("x-a"), List.of(misnamed)));
        Server badBits = new Server("x-a", 0x80, "a", null);
        assertThrows(IllegalStateException.class, () -> Negotiation.server(header("x-a"), List.of(badBits)));
        ServerExtensionFactory failing = new ServerExtensionFactory() {
            public String name() { return "x-a"; }
            public Accepted accept(List<ExtensionParameter> p, List<Extension> a) { throw new ArithmeticException("bug"); }
        };
        assertThrows(ArithmeticException.class, () -> Negotiation.server(header("x-a"), List.of(failing)));
    }

    @Test
    void serverResultIsImmutable() {
        Negotiation.Result result = Negotiation.server(header("x-a"), List.of(new Server("x-a", 0, "a", null)));
        assertThrows(UnsupportedOperationException.class, () -> result.extensions().clear());
        assertThrows(UnsupportedOperationException.class, () -> result.responseHeader().clear());
    }

    // ------------------------------------------------------------------ client

    @Test
    void clientOffersEveryFactoryInOrder() {
        assertEquals(List.of(), Negotiation.offer(List.of()));
        List<ExtensionHeader> offer = Negotiation.offer(List.of(new Client("x-a", 0, "1", false), new Client("x-a", 0, "2", false),
                new Client("x-b", 0, "3", false)));
        assertEquals("x-a; from=1, x-a; from=2, x-b; from=3", HeaderGrammar.buildExtension(offer));
    }

    @Test
    void clientAcceptsInTheOrderOfTheResponse() {
        Client a = new Client("x-a", Frame.RSV1, "a", false);
        Client b = new Client("x-b", Frame.RSV2, "b", false);
        assertEquals(List.of("b", "a"), tags(Negotiation.client(header("x-b, x-a; p=2"), List.of(a, b))));
        assertEquals(List.of(), Negotiation.client(List.of(), List.of(a, b)));
    }

    @Test
    void clientTriesItsFactoriesOfTheNameInOrder() {
        Client refusing = new Client("x-a", Frame.RSV1, "refusing", false) {
            @Override
            public Extension accept(List<ExtensionParameter> p, List<Extension> a) {
                throw new NegotiationError("no");
            }
        };
        Client willing = new Client("x-a", Frame.RSV1, "willing", false);
        assertEquals(List.of("willing"), tags(Negotiation.client(header("x-a"), List.of(refusing, willing))));
    }

    @Test
    void clientRefusesAnExtensionNotOffered() {
        NegotiationError e = assertThrows(NegotiationError.class,
                () -> Negotiation.client(header("x-b"), List.of(new Client("x-a", 0, "a", false))));
        assertTrue(e.getMessage().contains("did not offer"), e.getMessage());
        assertThrows(NegotiationError.class, () -> Negotiation.client(header("x-b"), List.of()));
    }

    @Test
    void clientFailsWhenItsFactoriesRefuse() {
        Client refusing = new Client("x-a", 0, "a", true);
        Client alsoRefusing = new Client("x-a", 0, "b", true);
        NegotiationError e = assertThrows(NegotiationError.class,
                () -> Negotiation.client(header("x-a; weird"), List.of(refusing, alsoRefusing)));
        assertTrue(e.getMessage().contains("x-a; weird"), e.getMessage());
        assertEquals("a refuses", e.getCause().getMessage());
        assertEquals(1, e.getCause().getSuppressed().length);
    }

    @Test
    void clientRefusesDuplicateReservedBitsAndNames() {
        Client a = new Client("x-a", Frame.RSV1, "a", false);
        Client b = new Client("x-b", Frame.RSV1, "b", false);
        NegotiationError e = assertThrows(NegotiationError.class, () -> Negotiation.client(header("x-a, x-b"), List.of(a, b)));
        assertTrue(e.getMessage().contains("x-a"), e.getMessage());
        assertThrows(NegotiationError.class, () -> Negotiation.client(header("x-a, x-a"), List.of(a)));
    }

    @Test
    void clientPassesWhatWasAcceptedBefore() {
        List<List<Extension>> seen = new ArrayList<>();
        Client b = new Client("x-b", 0, "b", false) {
            @Override
            public Extension accept(List<ExtensionParameter> p, List<Extension> already) {
                seen.add(List.copyOf(already));
                assertThrows(UnsupportedOperationException.class, already::clear);
                assertEquals(List.of(new ExtensionParameter("q", "1")), p);
                return super.accept(p, already);
            }
        };
        Client a = new Client("x-a", 0, "a", false);
        List<Extension> result = Negotiation.client(header("x-a, x-b; q=1"), List.of(b, a));
        assertEquals(List.of("a"), tags(seen.get(0)));
        assertSame(result.get(0), seen.get(0).get(0));
    }

    @Test
    void clientRejectsBrokenFactories() {
        Client nullResult = new Client("x-a", 0, "a", false) {
            @Override
            public Extension accept(List<ExtensionParameter> p, List<Extension> a) {
                return null;
            }
        };
        assertThrows(IllegalStateException.class, () -> Negotiation.client(header("x-a"), List.of(nullResult)));
    }
}
