/**
 * Test fixtures shared by the tests of several websockets4j modules: bytes as they travel on the
 * wire and handshakes captured from real clients and servers. Not published and not API; a
 * module's tests use it through a test-scoped Maven dependency (see {@code ws-testkit/README.md}).
 */
module org.websockets4j.testkit {
    exports org.websockets4j.testkit;
}
