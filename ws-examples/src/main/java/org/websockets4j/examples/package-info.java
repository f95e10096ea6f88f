/**
 * Runnable examples and test programs.
 *
 * <p>Small programs built on the library: {@link org.websockets4j.examples.Main}
 * (the module's main class) runs an echo server or a broadcast server from the
 * command line; {@link org.websockets4j.examples.EchoDemo} and
 * {@link org.websockets4j.examples.FrameDemo} show the API at work.
 */
package org.websockets4j.examples;
