/**
 * Test fixtures that need the extension SPI, shared by the tests of ws-server, ws-client and
 * ws-examples: {@link org.websockets4j.testkit.extensions.ReverseExtension}, a third-party
 * extension. Not published and not API (see {@code ws-testkit/README.md}).
 */
module org.websockets4j.testkit.extensions {
    requires transitive org.websockets4j.extensions;

    exports org.websockets4j.testkit.extensions;
}
