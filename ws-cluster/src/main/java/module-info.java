/**
 * The cluster example: a chat / pub-sub server that runs as several processes behind a load
 * balancer and carries each room's messages between them through a Redis Stream. Exports
 * nothing: it is only launched, {@code java -p ws-cluster/target/modules -m org.websockets4j.cluster}.
 */
module org.websockets4j.cluster {
    requires org.websockets4j.server;
    requires org.websockets4j.client;
    // PemKeys: --cert FILE --key FILE, as the example servers read them.
    requires org.websockets4j.examples;
    requires redis.clients.jedis;
    // The metrics export (GET /metrics): an example of handing WebSocketServer.metrics() to
    // Micrometer; no library module depends on it.
    requires micrometer.core;
    // Automatic modules too, which micrometer.core uses but cannot make the module system resolve
    // (as for Jedis below); without them a launch from the test's module path fails at MeterRegistry.
    requires micrometer.commons;
    requires micrometer.observation;
    // Jedis is an automatic module: it reads these explicit modules but cannot make the module
    // system resolve them, so the module that launches it names them. SLF4J then finds its
    // provider (to System.Logger) through the service it uses.
    requires org.apache.commons.pool2;
    requires com.google.gson;
    requires org.json;
    requires org.slf4j;
}
