package org.websockets4j.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConnectionOptionsTest {
    @Test
    void defaultsAreThoseOfTheReference() {
        ConnectionOptions options = ConnectionOptions.defaults();
        assertEquals(Duration.ofSeconds(20), options.pingInterval());
        assertEquals(Duration.ofSeconds(20), options.pingTimeout());
        assertEquals(Duration.ofSeconds(10), options.closeTimeout());
        assertEquals(1024 * 1024, options.maxSize());
        assertEquals(32, options.maxQueue());
        assertEquals(64 * 1024, options.readLimit());
        assertEquals(64 * 1024, options.writeLimit());
        assertEquals(options, ConnectionOptions.builder().build());
        assertSame(options, ConnectionOptions.defaults());
    }

    @Test
    void nullAndNoLimitDisable() {
        ConnectionOptions options = ConnectionOptions.builder()
                .pingInterval(null).pingTimeout(null).closeTimeout(null)
                .maxSize(ConnectionOptions.NO_LIMIT).maxFragments(ConnectionOptions.NO_LIMIT).maxQueue(ConnectionOptions.NO_LIMIT)
                .build();
        assertNull(options.pingInterval());
        assertNull(options.pingTimeout());
        assertNull(options.closeTimeout());
        assertEquals(Long.MAX_VALUE, options.maxSize());
        assertEquals(Long.MAX_VALUE, options.maxQueue());
        assertEquals("ConnectionOptions[pingInterval=null, pingTimeout=null, closeTimeout=null, maxSize=NO_LIMIT,"
                + " maxFragments=NO_LIMIT, maxQueue=NO_LIMIT, maxQueueBytes=1048576, readLimit=65536, writeLimit=65536]", options.toString());
    }

    @Test
    void smallestValidValues() {
        ConnectionOptions options = ConnectionOptions.builder()
                .pingInterval(Duration.ofNanos(1)).pingTimeout(Duration.ofNanos(1)).closeTimeout(Duration.ofNanos(1))
                .maxSize(0).maxFragments(1).maxQueue(1).readLimit(1).writeLimit(1).build();
        assertEquals(0, options.maxSize());
        assertEquals(1, options.maxFragments());
        assertEquals(1, options.maxQueue());
        assertEquals(1, options.readLimit());
        assertEquals(1, options.writeLimit());
    }

    @Test
    void toStringShowsEveryOption() {
        assertEquals("ConnectionOptions[pingInterval=PT20S, pingTimeout=PT20S, closeTimeout=PT10S, maxSize=1048576,"
                + " maxFragments=65536, maxQueue=32, maxQueueBytes=1048576, readLimit=65536, writeLimit=65536]", ConnectionOptions.defaults().toString());
    }

    @Test
    void equalsHashCodeAndToBuilder() {
        ConnectionOptions a = ConnectionOptions.builder().maxSize(10).pingInterval(null).build();
        ConnectionOptions b = a.toBuilder().build();
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, a.toBuilder().maxQueue(7).build());
        assertNotEquals(a, a.toBuilder().pingInterval(Duration.ofSeconds(1)).build());
        assertNotEquals(a, a.toBuilder().pingTimeout(null).build());
        assertNotEquals(a, a.toBuilder().closeTimeout(Duration.ofSeconds(1)).build());
        assertNotEquals(a, a.toBuilder().maxSize(11).build());
        assertNotEquals(a, a.toBuilder().readLimit(7).build());
        assertNotEquals(a, a.toBuilder().writeLimit(7).build());
        assertNotEquals(a, "not options");
        assertEquals(ConnectionOptions.defaults(), ConnectionOptions.defaults().toBuilder().build());
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                invalid(b -> b.pingInterval(Duration.ZERO),
                        "pingInterval must be positive, got PT0S; use a positive Duration, or null to send no keepalive pings"),
                invalid(b -> b.pingInterval(Duration.ofSeconds(-1)),
                        "pingInterval must be positive, got PT-1S; use a positive Duration, or null to send no keepalive pings"),
                invalid(b -> b.pingTimeout(Duration.ZERO),
                        "pingTimeout must be positive, got PT0S; use a positive Duration, or null to never time out"),
                invalid(b -> b.pingTimeout(Duration.ofMillis(-5)),
                        "pingTimeout must be positive, got PT-0.005S; use a positive Duration, or null to never time out"),
                invalid(b -> b.closeTimeout(Duration.ZERO),
                        "closeTimeout must be positive, got PT0S; use a positive Duration, or null to wait forever"),
                invalid(b -> b.closeTimeout(Duration.ofSeconds(-10)),
                        "closeTimeout must be positive, got PT-10S; use a positive Duration, or null to wait forever"),
                invalid(b -> b.maxSize(-1),
                        "maxSize must be >= 0 bytes, got -1; use ConnectionOptions.NO_LIMIT for no limit"),
                invalid(b -> b.maxQueue(0),
                        "maxQueue must be >= 1 message, got 0; use ConnectionOptions.NO_LIMIT for no limit"),
                invalid(b -> b.maxQueue(-3),
                        "maxQueue must be >= 1 message, got -3; use ConnectionOptions.NO_LIMIT for no limit"),
                invalid(b -> b.readLimit(0),
                        "readLimit must be > 0 bytes, got 0; the default is 65536"),
                invalid(b -> b.readLimit(-1),
                        "readLimit must be > 0 bytes, got -1; the default is 65536"),
                invalid(b -> b.writeLimit(0),
                        "writeLimit must be > 0 bytes, got 0; the default is 65536"),
                invalid(b -> b.writeLimit(Integer.MIN_VALUE),
                        "writeLimit must be > 0 bytes, got -2147483648; the default is 65536"));
    }

    private static Arguments invalid(UnaryOperator<ConnectionOptions.Builder> change, String message) {
        return Arguments.of(change, message);
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void invalidValuesAreRejectedAtBuild(UnaryOperator<ConnectionOptions.Builder> change, String message) {
        ConnectionOptions.Builder builder = change.apply(ConnectionOptions.builder()); // setters accept anything
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);
        assertEquals(message, e.getMessage());
    }
}
