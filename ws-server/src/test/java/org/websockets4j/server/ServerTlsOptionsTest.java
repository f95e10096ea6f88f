package org.websockets4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.Test;

class ServerTlsOptionsTest {
    @Test
    void plainByDefault() {
        assertNull(ServerOptions.defaults().ssl());
        assertNull(ServerOptions.defaults().sslParameters());
    }

    @Test
    void sslAndParametersSurviveToBuilder() throws Exception {
        SSLParameters parameters = new SSLParameters();
        parameters.setNeedClientAuth(true);
        SSLContext context = SSLContext.getDefault();
        ServerOptions options = ServerOptions.builder().ssl(context).sslParameters(parameters).build();
        parameters.setNeedClientAuth(false);
        assertSame(context, options.toBuilder().build().ssl());
        assertTrue(options.toBuilder().build().sslParameters().getNeedClientAuth());
        assertTrue(options.toString().contains("ssl=Default"), options.toString());
    }

    @Test
    void parametersWithoutAContextAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ServerOptions.builder().sslParameters(new SSLParameters()).build());
        assertEquals("sslParameters needs ssl: set ssl(SSLContext) to serve wss://, or drop sslParameters", e.getMessage());
    }
}
