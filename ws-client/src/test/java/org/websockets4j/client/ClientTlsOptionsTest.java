package org.websockets4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.Test;

class ClientTlsOptionsTest {
    @Test
    void defaultsUseTheJdkContextAndVerifyHostnames() {
        ClientOptions options = ClientOptions.defaults();
        assertNull(options.ssl());
        assertNull(options.sslParameters());
        assertTrue(options.verifyHostname());
    }

    @Test
    void parametersAreCopiedInAndOut() throws Exception {
        SSLParameters parameters = new SSLParameters();
        parameters.setProtocols(new String[] {"TLSv1.3"});
        ClientOptions options = ClientOptions.builder().ssl(SSLContext.getDefault()).sslParameters(parameters).build();
        parameters.setProtocols(new String[] {"TLSv1.2"});
        assertEquals("TLSv1.3", options.sslParameters().getProtocols()[0]);
        assertNotSame(options.sslParameters(), options.sslParameters());
        assertEquals(options, options.toBuilder().build());
        assertTrue(options.toString().contains("verifyHostname=true"), options.toString());
    }

    @Test
    void turningVerificationOffWhileParametersAskForItIsRefused() {
        SSLParameters parameters = new SSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClientOptions.builder().sslParameters(parameters).verifyHostname(false).build());
        assertTrue(e.getMessage().contains("verifyHostname(false)"), e.getMessage());
        assertFalse(ClientOptions.builder().verifyHostname(false).build().verifyHostname());
    }
}
