/**
 * End-to-end load harness: one load client of our own, over plain {@code java.net} sockets, against
 * echo servers on loopback (ours, Netty 4.2, Jetty 12), with permessage-deflate on and off. A
 * plain main program ({@link org.websockets4j.bench.e2e.Main}), not JMH; never run by the build.
 */
package org.websockets4j.bench.e2e;
