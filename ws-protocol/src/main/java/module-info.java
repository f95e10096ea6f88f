/**
 * The Sans-I/O WebSocket connection state machine and its I/O driver.
 */
module org.websockets4j.protocol {
    requires transitive org.websockets4j.framing;
    requires transitive org.websockets4j.http;
    requires transitive org.websockets4j.extensions;

    // Uncomment together with the first class of org.websockets4j.protocol: javac
    // refuses to export a package that holds only package-info.java
    // ("package is empty or does not exist").
    // exports org.websockets4j.protocol;
}
