/**
 * Test fixtures needing only {@code java.base}: {@link org.websockets4j.testkit.WireBytes} (bytes,
 * and feeding a reader whole or byte by byte) and {@link org.websockets4j.testkit.CapturedHandshakes}
 * (handshake messages as real peers send them).
 */
package org.websockets4j.testkit;
