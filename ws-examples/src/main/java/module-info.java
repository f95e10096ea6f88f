/**
 * Runnable examples and test programs. Exports nothing: its classes are only
 * launched, e.g. {@code java -p modules -m org.websockets4j.examples/...}.
 */
module org.websockets4j.examples {
    requires org.websockets4j.server;
    requires org.websockets4j.client;
    requires org.websockets4j.auth;

    // PemKeys (the --cert/--key files of the example servers) is reused by the cluster server.
    exports org.websockets4j.examples to org.websockets4j.cluster;
}
