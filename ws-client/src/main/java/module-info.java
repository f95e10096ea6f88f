/**
 * WebSocket clients.
 */
module org.websockets4j.client {
    requires transitive org.websockets4j.protocol;

    // Uncomment together with the first class of org.websockets4j.client: javac
    // refuses to export a package that holds only package-info.java
    // ("package is empty or does not exist").
    // exports org.websockets4j.client;
}
