package org.websockets4j.protocol.internal;

import java.util.List;
import java.util.Objects;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * Creates the {@link SSLEngine} of each side with the library's defaults filled in where the
 * user's {@link SSLParameters} leave them unset: ALPN {@code http/1.1}; on a client, SNI from the
 * URI's host and hostname verification ({@code HTTPS} endpoint identification). Protocols and
 * cipher suites are the context's (TLS 1.3 and 1.2 on current JDKs). Thread-safe (no state).
 */
public final class TlsEngines {
    /** The ALPN protocol of a WebSocket over TLS (RFC 6455 runs over HTTP/1.1). */
    public static final String ALPN = "http/1.1";

    private TlsEngines() {
    }

    /**
     * A client engine for {@code host}.
     *
     * @param context        the context (keys, trust), not null
     * @param parameters     parameters to start from (copied), or null for the context's defaults
     * @param host           the server's host from the URI: the name checked in its certificate
     *                       and sent as SNI (unless an IP address)
     * @param port           the server's port (a hint for session reuse)
     * @param verifyHostname whether the certificate must name {@code host}; when false, any
     *                       trusted certificate is accepted, and when true an endpoint
     *                       identification algorithm set in {@code parameters} is kept
     * @return the engine, in client mode
     */
    public static SSLEngine client(SSLContext context, SSLParameters parameters, String host, int port, boolean verifyHostname) {
        Objects.requireNonNull(context, "context");
        SSLEngine engine = context.createSSLEngine(host, port);
        engine.setUseClientMode(true);
        SSLParameters p = parameters == null ? engine.getSSLParameters() : copy(parameters);
        if (!verifyHostname) {
            p.setEndpointIdentificationAlgorithm(null);
        } else if (p.getEndpointIdentificationAlgorithm() == null) {
            p.setEndpointIdentificationAlgorithm("HTTPS");
        }
        if ((p.getServerNames() == null || p.getServerNames().isEmpty()) && !isIpLiteral(host)) {
            try {
                p.setServerNames(List.of(new SNIHostName(host)));
            } catch (IllegalArgumentException e) {
                // not a name SNI can carry: send none
            }
        }
        if (p.getApplicationProtocols().length == 0) {
            p.setApplicationProtocols(new String[] {ALPN});
        }
        engine.setSSLParameters(p);
        return engine;
    }

    /**
     * A server engine.
     *
     * @param context    the context (the server's key and certificate), not null
     * @param parameters parameters to start from (copied), or null for the context's defaults
     * @return the engine, in server mode; it selects ALPN {@code http/1.1} when the client offers
     *         it (and no ALPN protocol otherwise) unless {@code parameters} name protocols
     */
    public static SSLEngine server(SSLContext context, SSLParameters parameters) {
        Objects.requireNonNull(context, "context");
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        if (parameters != null) {
            engine.setSSLParameters(copy(parameters));
        }
        if (engine.getSSLParameters().getApplicationProtocols().length == 0) {
            engine.setHandshakeApplicationProtocolSelector((e, offered) -> offered.contains(ALPN) ? ALPN : "");
        }
        return engine;
    }

    /**
     * A copy of {@code parameters} (an {@code SSLParameters} is mutable; options keep their own).
     *
     * @param parameters the parameters, not null
     * @return a new object with the same settings
     */
    public static SSLParameters copy(SSLParameters parameters) {
        SSLParameters p = new SSLParameters(parameters.getCipherSuites(), parameters.getProtocols());
        if (parameters.getNeedClientAuth()) {
            p.setNeedClientAuth(true);
        } else {
            p.setWantClientAuth(parameters.getWantClientAuth());
        }
        p.setAlgorithmConstraints(parameters.getAlgorithmConstraints());
        p.setEndpointIdentificationAlgorithm(parameters.getEndpointIdentificationAlgorithm());
        if (parameters.getServerNames() != null) {
            p.setServerNames(parameters.getServerNames());
        }
        if (parameters.getSNIMatchers() != null) {
            p.setSNIMatchers(parameters.getSNIMatchers());
        }
        p.setUseCipherSuitesOrder(parameters.getUseCipherSuitesOrder());
        p.setEnableRetransmissions(parameters.getEnableRetransmissions());
        p.setMaximumPacketSize(parameters.getMaximumPacketSize());
        p.setApplicationProtocols(parameters.getApplicationProtocols());
        p.setSignatureSchemes(parameters.getSignatureSchemes());
        p.setNamedGroups(parameters.getNamedGroups());
        return p;
    }

    private static boolean isIpLiteral(String host) {
        return host.indexOf(':') >= 0 || host.matches("[0-9.]+");
    }
}
