package org.websockets4j.protocol.internal;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/** JFR: a server's opening handshake ended. See {@link JfrEvents}. */
@Name("org.websockets4j.Handshake")
@Label("WebSocket Handshake")
@Category("WebSocket")
@Description("A server's opening handshake ended: accepted (101) or refused with an HTTP status (0: no answer, e.g. a timeout)")
@StackTrace(false)
final class HandshakeEvent extends jdk.jfr.Event {
    @Label("Remote Address")
    String remoteAddress;

    @Label("Path")
    @Description("The request path, without its query string")
    String path;

    @Label("Status")
    @Description("HTTP status answered; 101 when accepted, 0 when no answer was given")
    int status;

    @Label("Accepted")
    boolean accepted;

    @Label("Handshake Time")
    @Timespan(Timespan.NANOSECONDS)
    long handshakeTime;
}
