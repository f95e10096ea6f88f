/**
 * The interactive command-line client, {@code java -m org.websockets4j.client <uri>}: the
 * counterpart of Python's {@code python -m websockets <uri>}. Not exported: it is only launched.
 * {@link org.websockets4j.client.cli.Main} is the module's main class and a thin wrapper around
 * {@link org.websockets4j.client.cli.InteractiveClient}, which takes its streams and arguments
 * and returns an exit code, so that tests drive it without a process.
 */
package org.websockets4j.client.cli;
