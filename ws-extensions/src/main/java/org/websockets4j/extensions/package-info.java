/**
 * WebSocket extensions.
 *
 * <p>This package will hold the extension SPI (extension factories that
 * negotiate parameters during the handshake, and extensions that transform
 * frames) and its one built-in implementation, permessage-deflate
 * (RFC 7692).
 */
package org.websockets4j.extensions;
