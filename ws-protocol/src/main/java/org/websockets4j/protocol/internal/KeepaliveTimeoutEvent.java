package org.websockets4j.protocol.internal;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** JFR: a keepalive ping went unanswered. See {@link JfrEvents}. */
@Name("org.websockets4j.KeepaliveTimeout")
@Label("WebSocket Keepalive Timeout")
@Category("WebSocket")
@Description("A keepalive ping was not answered within pingTimeout: the connection failed with 1011")
@StackTrace(false)
final class KeepaliveTimeoutEvent extends jdk.jfr.Event {
    @Label("Remote Address")
    String remoteAddress;

    @Label("Connection Id")
    String connectionId;

    @Label("Role")
    String role;
}
