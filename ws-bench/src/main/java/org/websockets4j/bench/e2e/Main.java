package org.websockets4j.bench.e2e;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The end-to-end harness: for each repetition, each server and each deflate setting, starts that
 * echo server in its own JVM ({@link ServerProcess}) and runs one cell per connection count against
 * it with {@link LoadClient}; prints every cell as it ends (standard error) and, at the end, one
 * Markdown table of the medians over the repetitions (standard output). Loopback only; every wait
 * is bounded, so it always stops by itself.
 *
 * <pre>
 * java -cp ws-bench/target/benchmarks.jar org.websockets4j.bench.e2e.Main
 *     [--servers ours,netty,jetty] [--deflate on,off] [--connections 1,16] [--window 1]
 *     [--warmup 1] [--duration 1.5] [--reps 5] [--size 1024] [--offer permessage-deflate]
 *     [--server-jvm "-Xms512m -Xmx512m -Dslf4j.internal.verbosity=ERROR"]
 * </pre>
 * The client sends {@code --offer} in every handshake, deflate on or off (like a browser, which
 * always offers it): an "off" server must decline it, and a cell fails if the negotiation is not
 * what its deflate setting says.
 * Times are in seconds. Servers are visited in a rotated order each repetition, so that slow
 * drift of the machine does not always hit the same server.
 */
public final class Main {
    private Main() {
    }

    /** Runs the harness; see the class comment for the options. */
    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new LinkedHashMap<>();
        opts.put("servers", "ours,netty,jetty");
        opts.put("deflate", "on,off");
        opts.put("connections", "1,16");
        opts.put("window", "1");
        opts.put("warmup", "1");
        opts.put("duration", "1.5");
        opts.put("reps", "5");
        opts.put("size", "1024");
        opts.put("offer", "permessage-deflate");
        opts.put("server-jvm", "-Xms512m -Xmx512m -Dslf4j.internal.verbosity=ERROR");
        for (int i = 0; i < args.length; i += 2) {
            String key = args[i].replaceFirst("^--", "");
            if (!opts.containsKey(key) || i + 1 >= args.length) {
                throw new IllegalArgumentException("unknown option or missing value: " + args[i]
                        + "; options: " + opts.keySet());
            }
            opts.put(key, args[i + 1]);
        }
        List<String> servers = List.of(opts.get("servers").split(","));
        List<Boolean> deflates = Arrays.stream(opts.get("deflate").split(",")).map("on"::equals).toList();
        int[] connections = Arrays.stream(opts.get("connections").split(",")).mapToInt(Integer::parseInt).toArray();
        int window = Integer.parseInt(opts.get("window"));
        long warmup = TimeUnit.MILLISECONDS.toNanos((long) (Double.parseDouble(opts.get("warmup")) * 1000));
        long duration = TimeUnit.MILLISECONDS.toNanos((long) (Double.parseDouble(opts.get("duration")) * 1000));
        int reps = Integer.parseInt(opts.get("reps"));
        int size = Integer.parseInt(opts.get("size"));
        List<String> serverJvm = opts.get("server-jvm").isBlank() ? List.of()
                : List.of(opts.get("server-jvm").trim().split("\\s+"));
        byte[][] pool = Messages.pool(256, size);

        System.err.printf(Locale.ROOT, "e2e: %s, java %s, %d cpus, options %s%n", System.getProperty("os.name"),
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), opts);
        Map<String, List<LoadClient.CellResult>> cells = new LinkedHashMap<>();
        for (String server : servers) {
            for (boolean deflate : deflates) {
                for (int c : connections) {
                    cells.put(key(server, deflate, c), new ArrayList<>());
                }
            }
        }
        Map<String, String> failures = new LinkedHashMap<>();
        for (int rep = 0; rep < reps; rep++) {
            for (int s = 0; s < servers.size(); s++) {
                String server = servers.get((s + rep) % servers.size());
                for (boolean deflate : deflates) {
                    try (ServerProcess process = ServerProcess.start(server, deflate, serverJvm)) {
                        for (int c : connections) {
                            if (failures.containsKey(key(server, deflate, c))) {
                                continue;
                            }
                            LoadClient.CellResult r = LoadClient.run(process.port(), opts.get("offer"), deflate, c, window,
                                    warmup, duration, pool, process::cpuNanos);
                            cells.get(key(server, deflate, c)).add(r);
                            System.err.printf(Locale.ROOT,
                                    "rep %d %-5s deflate=%-3s C=%-3d %9.0f msg/s p50 %7.1f us p99 %7.1f us "
                                            + "out %6.1f B in %6.1f B cpu server %6.1f client %6.1f us/msg (%s)%n",
                                    rep + 1, server, deflate ? "on" : "off", c, r.messagesPerSecond(), r.p50Micros(),
                                    r.p99Micros(), r.bytesOutPerMessage(), r.bytesInPerMessage(),
                                    r.serverCpuMicrosPerMessage(), r.clientCpuMicrosPerMessage(), r.negotiated());
                        }
                    } catch (Exception e) {
                        // one server failing (e.g. declining the offer) must not end the others' runs
                        String reason = e.getMessage() + (e.getCause() != null ? ": " + e.getCause() : "");
                        System.err.printf(Locale.ROOT, "rep %d %-5s deflate=%-3s FAILED: %s%n", rep + 1, server,
                                deflate ? "on" : "off", reason);
                        for (int c : connections) {
                            failures.putIfAbsent(key(server, deflate, c), reason);
                        }
                    }
                }
            }
        }
        printTable(cells, failures, opts, size);
    }

    private static String key(String server, boolean deflate, int connections) {
        return server + "|" + (deflate ? "on" : "off") + "|" + connections;
    }

    private static void printTable(Map<String, List<LoadClient.CellResult>> cells, Map<String, String> failures,
            Map<String, String> opts, int size) {
        System.out.printf(Locale.ROOT, "%nEnd-to-end echo, %d-byte JSON-like text, window %s, warm-up %s s, "
                + "measured %s s, median of %s runs (min-max of msg/s in brackets), offer \"%s\"%n%n", size,
                opts.get("window"), opts.get("warmup"), opts.get("duration"), opts.get("reps"), opts.get("offer"));
        System.out.println("| server | deflate | conns | msg/s | p50 µs | p99 µs | wire B/msg client→server "
                + "| wire B/msg server→client | server CPU µs/msg | client CPU µs/msg |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Map.Entry<String, List<LoadClient.CellResult>> e : cells.entrySet()) {
            String[] k = e.getKey().split("\\|");
            List<LoadClient.CellResult> rs = e.getValue();
            if (failures.containsKey(e.getKey()) || rs.isEmpty()) {
                System.out.printf(Locale.ROOT, "| %s | %s | %s | failed: %s | | | | | | |%n", k[0], k[1], k[2],
                        failures.getOrDefault(e.getKey(), "no result").replace('|', '/'));
                continue;
            }
            double[] rate = rs.stream().mapToDouble(LoadClient.CellResult::messagesPerSecond).sorted().toArray();
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %,.0f [%,.0f–%,.0f] | %.0f | %.0f | %.1f | %.1f | %.1f | %.1f |%n",
                    k[0], k[1], k[2], median(rate), rate[0], rate[rate.length - 1],
                    median(rs.stream().mapToDouble(LoadClient.CellResult::p50Micros).toArray()),
                    median(rs.stream().mapToDouble(LoadClient.CellResult::p99Micros).toArray()),
                    median(rs.stream().mapToDouble(LoadClient.CellResult::bytesOutPerMessage).toArray()),
                    median(rs.stream().mapToDouble(LoadClient.CellResult::bytesInPerMessage).toArray()),
                    median(rs.stream().mapToDouble(LoadClient.CellResult::serverCpuMicrosPerMessage).toArray()),
                    median(rs.stream().mapToDouble(LoadClient.CellResult::clientCpuMicrosPerMessage).toArray()));
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
