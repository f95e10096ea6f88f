package org.websockets4j.protocol.internal;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/** JFR: a connection ended. See {@link JfrEvents}. */
@Name("org.websockets4j.ConnectionClosed")
@Label("WebSocket Connection Closed")
@Category("WebSocket")
@Description("A WebSocket connection ended: its close code, who started closing, how long it was open")
@StackTrace(false)
final class ConnectionClosedEvent extends jdk.jfr.Event {
    @Label("Remote Address")
    String remoteAddress;

    @Label("Connection Id")
    String connectionId;

    @Label("Role")
    @Description("SERVER or CLIENT: the side that recorded this")
    String role;

    @Label("Code")
    @Description("The close code received, 1006 when no close frame arrived")
    int code;

    @Label("Reason")
    @Description("The reason of the close frame received")
    String reason;

    @Label("Code Sent")
    @Description("The code of the close frame sent, -1 when none was")
    int sentCode;

    @Label("Initiator")
    @Description("LOCAL, REMOTE or NONE: who sent the first close frame (NONE: the transport just ended)")
    String initiator;

    @Label("Open Time")
    @Timespan(Timespan.NANOSECONDS)
    long openTime;
}
