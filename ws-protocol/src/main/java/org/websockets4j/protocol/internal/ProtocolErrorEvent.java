package org.websockets4j.protocol.internal;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** JFR: the peer broke the protocol. See {@link JfrEvents}. */
@Name("org.websockets4j.ProtocolError")
@Label("WebSocket Protocol Error")
@Category("WebSocket")
@Description("The peer broke the protocol (bad frame, invalid UTF-8, message too big): the connection failed with this code")
@StackTrace(false)
final class ProtocolErrorEvent extends jdk.jfr.Event {
    @Label("Remote Address")
    String remoteAddress;

    @Label("Connection Id")
    String connectionId;

    @Label("Role")
    String role;

    @Label("Code")
    @Description("The close code sent: 1002, 1007 or 1009")
    int code;

    @Label("Message")
    String message;
}
