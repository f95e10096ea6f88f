package org.websockets4j.cluster;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.websockets4j.server.ServerMetrics;

/**
 * How an application hands {@link org.websockets4j.server.WebSocketServer#metrics()} to
 * Micrometer: the library depends on no metrics library, so this example binds the snapshot's
 * counters as gauges and function counters ({@code websocket.*}, tagged by direction, outcome,
 * status or code) and renders the registry in Prometheus' text format for {@code GET /metrics}.
 *
 * <p>Keyed counters (refused handshakes by status, closes by code) are registered the first time
 * a key shows up, at the next {@link #refresh()}: the scrape calls it. Every meter reads one shared
 * snapshot, taken at most every {@link #MAX_AGE_NANOS}, so a scrape sums the server's counters
 * once, not once per meter. Thread-safe.
 */
public final class MetricsExport {
    /** How long a snapshot serves the meters before the next is taken: 100 ms. */
    static final long MAX_AGE_NANOS = 100_000_000L;

    private final Supplier<ServerMetrics> source;
    private final MeterRegistry registry;
    private final Set<String> bound = ConcurrentHashMap.newKeySet();
    private volatile ServerMetrics last;
    private volatile long takenAt;

    private MetricsExport(Supplier<ServerMetrics> source, MeterRegistry registry) {
        this.source = source;
        this.registry = registry;
    }

    /**
     * Binds a server's counters to {@code registry}.
     *
     * @param source   the snapshots, typically {@code server::metrics}
     * @param registry where the meters go
     * @return the binding; call {@link #refresh()} before reading the registry to pick up new keys
     */
    public static MetricsExport bind(Supplier<ServerMetrics> source, MeterRegistry registry) {
        MetricsExport export = new MetricsExport(source, registry);
        Gauge.builder("websocket.connections.open", export, e -> e.now().openConnections())
                .description("WebSocket connections open").register(registry);
        Gauge.builder("websocket.write.buffer.high.water", export, e -> e.now().writeBufferHighWater())
                .description("Most bytes one connection ever had queued").baseUnit("bytes").register(registry);
        export.counter("websocket.handshakes", "Opening handshakes", m -> m.handshakesAccepted(), "outcome", "accepted");
        export.counter("websocket.handshakes", "Opening handshakes", m -> m.handshakesFailed(), "outcome", "failed");
        export.counter("websocket.messages", "Messages", m -> m.messagesReceived(), "direction", "in");
        export.counter("websocket.messages", "Messages", m -> m.messagesSent(), "direction", "out");
        export.counter("websocket.bytes", "Message payload bytes", m -> m.bytesReceived(), "direction", "in");
        export.counter("websocket.bytes", "Message payload bytes", m -> m.bytesSent(), "direction", "out");
        export.counter("websocket.closes.abnormal", "Connections that ended abnormally", m -> m.abnormalCloses());
        export.refresh();
        return export;
    }

    /**
     * Registers counters for the statuses and codes seen since the last call.
     *
     * @return the snapshot the meters now read
     */
    public ServerMetrics refresh() {
        ServerMetrics metrics = now();
        keyed("websocket.handshakes.refused", "Refused opening handshakes", "status", metrics.handshakesRefused().keySet(),
                (m, key) -> m.handshakesRefused().getOrDefault(key, 0L));
        keyed("websocket.closes", "Ended connections by close code received", "code", metrics.closeCodesReceived().keySet(),
                (m, key) -> m.closeCodesReceived().getOrDefault(key, 0L));
        keyed("websocket.closes.sent", "Ended connections by close code sent", "code", metrics.closeCodesSent().keySet(),
                (m, key) -> m.closeCodesSent().getOrDefault(key, 0L));
        return metrics;
    }

    /**
     * The registry in Prometheus' text exposition format (names with {@code _}, counters with
     * {@code _total}), after a {@link #refresh()}; meters of other sources in the registry too.
     *
     * @return the text, one line per measurement, sorted
     */
    public String prometheus() {
        refresh();
        StringBuilder out = new StringBuilder();
        registry.getMeters().stream().sorted(Comparator.comparing(m -> m.getId().toString())).forEach(meter -> {
            String name = meter.getId().getName().replace('.', '_')
                    + (meter.getId().getType() == Meter.Type.COUNTER ? "_total" : "");
            StringBuilder tags = new StringBuilder();
            for (Tag tag : meter.getId().getTags()) {
                tags.append(tags.isEmpty() ? "{" : ",").append(tag.getKey()).append("=\"").append(tag.getValue()).append('"');
            }
            if (!tags.isEmpty()) {
                tags.append('}');
            }
            for (Measurement measurement : meter.measure()) {
                out.append(name).append(tags).append(' ').append(format(measurement.getValue())).append('\n');
            }
        });
        return out.toString();
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }

    /** The snapshot the meters read, retaken when older than {@link #MAX_AGE_NANOS}. */
    private ServerMetrics now() {
        ServerMetrics metrics = last;
        long time = System.nanoTime();
        if (metrics == null || time - takenAt > MAX_AGE_NANOS) {
            metrics = source.get();
            last = metrics;
            takenAt = time;
        }
        return metrics;
    }

    private void counter(String name, String description, ToDoubleFunction<ServerMetrics> value, String... tags) {
        FunctionCounter.builder(name, this, e -> value.applyAsDouble(e.now())).description(description).tags(tags)
                .register(registry);
    }

    private interface KeyedValue {
        long of(ServerMetrics metrics, int key);
    }

    private void keyed(String name, String description, String tag, Set<Integer> keys, KeyedValue value) {
        for (int key : keys) {
            if (bound.add(name + "|" + key)) {
                counter(name, description, m -> value.of(m, key), tag, Integer.toString(key));
            }
        }
    }
}
