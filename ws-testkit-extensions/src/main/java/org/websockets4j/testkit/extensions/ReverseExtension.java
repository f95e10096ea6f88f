package org.websockets4j.testkit.extensions;

import java.nio.ByteBuffer;
import java.util.List;
import org.websockets4j.extensions.ClientExtensionFactory;
import org.websockets4j.extensions.Extension;
import org.websockets4j.extensions.ServerExtensionFactory;
import org.websockets4j.framing.Frame;
import org.websockets4j.framing.ProtocolError;
import org.websockets4j.http.ExtensionParameter;
import org.websockets4j.http.NegotiationError;

/**
 * A third-party test extension, {@code x-test-reverse; v=1}: claims RSV1 and reverses the payload
 * of every data frame, setting RSV1 on the frames it reversed. Both factories require
 * {@code v=1}.
 */
public final class ReverseExtension implements Extension {
    /** The extension's name. */
    public static final String NAME = "x-test-reverse";
    /** The one parameter both factories accept, {@code v=1}. */
    public static final ExtensionParameter V1 = new ExtensionParameter("v", "1");

    /** A new instance, for one connection. */
    public ReverseExtension() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int reservedBits() {
        return Frame.RSV1;
    }

    private static ByteBuffer reversed(Frame frame) {
        byte[] in = frame.payloadBytes();
        byte[] out = new byte[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = in[in.length - 1 - i];
        }
        return ByteBuffer.wrap(out);
    }

    @Override
    public Frame encode(Frame frame) {
        if (frame.opcode().isControl()) {
            return frame;
        }
        return frame.withPayload(reversed(frame)).withRsvBits(frame.rsvBits() | Frame.RSV1);
    }

    @Override
    public Frame decode(Frame frame, long maxSize) {
        if (frame.opcode().isControl()) {
            return frame;
        }
        if (!frame.rsv1()) {
            throw new ProtocolError(NAME + ": data frame without RSV1");
        }
        return frame.withPayload(reversed(frame)).withRsvBits(frame.rsvBits() & ~Frame.RSV1);
    }

    @Override
    public String toString() {
        return NAME;
    }

    /** Accepts an offer of exactly {@code v=1}, answering {@code v=1}. */
    public static final class ServerFactory implements ServerExtensionFactory {
        /** The factory; it holds no state. */
        public ServerFactory() {
        }

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public Accepted accept(List<ExtensionParameter> offerParameters, List<Extension> alreadyAccepted) {
            if (!offerParameters.equals(List.of(V1))) {
                throw new NegotiationError(NAME + ": unsupported parameters " + offerParameters);
            }
            return new Accepted(List.of(V1), new ReverseExtension());
        }
    }

    /** Offers {@code v=<version>}; accepts a response of exactly {@code v=1}. */
    public static final class ClientFactory implements ClientExtensionFactory {
        private final String version;

        /** Offers {@code v=1}. */
        public ClientFactory() {
            this("1");
        }

        /**
         * Offers {@code v=<version>}, which a server of this extension declines unless it is 1.
         *
         * @param version the value offered
         */
        public ClientFactory(String version) {
            this.version = version;
        }

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public List<ExtensionParameter> requestParameters() {
            return List.of(new ExtensionParameter("v", version));
        }

        @Override
        public Extension accept(List<ExtensionParameter> responseParameters, List<Extension> alreadyAccepted) {
            if (!responseParameters.equals(List.of(V1))) {
                throw new NegotiationError(NAME + ": unsupported response parameters " + responseParameters);
            }
            return new ReverseExtension();
        }
    }
}
