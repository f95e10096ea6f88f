/**
 * JMH benchmarks for websockets4j (frame parsing and serialization, masking,
 * UTF-8 validation, ...), some compared with Netty's codec.
 *
 * <p>Build with {@code mvn -pl ws-bench -am package -DskipTests} and run with
 * {@code java -jar ws-bench/target/benchmarks.jar}.
 */
package org.websockets4j.bench;
