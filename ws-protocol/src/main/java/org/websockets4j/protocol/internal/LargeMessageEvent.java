package org.websockets4j.protocol.internal;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** JFR: a message over the size threshold. See {@link JfrEvents#LARGE_MESSAGE_BYTES}. */
@Name("org.websockets4j.LargeMessage")
@Label("WebSocket Large Message")
@Category("WebSocket")
@Description("A message at least org.websockets4j.jfr.largeMessageBytes long (1 MiB by default) was received or sent")
@StackTrace(false)
final class LargeMessageEvent extends jdk.jfr.Event {
    @Label("Remote Address")
    String remoteAddress;

    @Label("Connection Id")
    String connectionId;

    @Label("Direction")
    @Description("received or sent")
    String direction;

    @Label("Size")
    @Description("The payload size (decompressed)")
    @DataAmount
    long size;
}
