/**
 * Runnable examples and test programs.
 *
 * <p>This package will hold small programs built on the library: an echo
 * server, a broadcast server, and a client for the Autobahn test suite, among
 * others.
 */
package org.websockets4j.examples;
