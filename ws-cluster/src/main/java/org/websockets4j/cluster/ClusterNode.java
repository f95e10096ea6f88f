package org.websockets4j.cluster;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.websockets4j.http.Headers;
import org.websockets4j.protocol.Message;
import org.websockets4j.protocol.WebSocket;
import org.websockets4j.server.HttpResponse;
import org.websockets4j.server.ServerOptions;
import org.websockets4j.server.WebSocketServer;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.params.XReadParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * One node of the cluster: a WebSocket server whose rooms are Redis Streams.
 *
 * <ul>
 *   <li>{@code /room/<name>} is a room (names of 1 to 64 letters, digits, {@code -} and
 *       {@code _}); every message a client sends is appended to the stream {@code room:<name>}
 *       (capped at about {@code cap} entries), and every entry of the stream is sent to every
 *       member of the room on every node, in stream order, in an {@link Envelope}.</li>
 *   <li>{@code ?last=<id>} resumes: the client is first sent the entries after {@code id} that
 *       are still in the stream, then the live ones, each once. Without it, a client gets what is
 *       added after it joined.</li>
 *   <li>{@code GET /healthz} answers 200 while Redis answers, 503 otherwise (for a load
 *       balancer's health check); any other path gets 404.</li>
 * </ul>
 *
 * <p>One platform thread per node reads every room with members here, in one blocking
 * {@code XREAD}; it is the only reader, so Redis sees one connection per node for reading however
 * many rooms and clients there are. Closing the node closes its clients with 1001, which they take
 * as a cue to reconnect (to another node, through the balancer) with {@code ?last=}.
 */
final class ClusterNode implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("org.websockets4j.cluster");
    private static final Pattern ROOM = Pattern.compile("/room/([A-Za-z0-9_-]{1,64})(?:\\?(.*))?");
    private static final Pattern LAST = Pattern.compile("(?:^|&)last=([0-9]{1,20}-[0-9]{1,20})(?:&|$)");
    private static final int BLOCK_MILLIS = 200;
    private static final int BATCH = 512;
    private static final StreamEntryID ORIGIN = new StreamEntryID(0, 0);

    private final String name;
    private final long cap;
    private final RedisClient redis;
    private final Map<String, Room> rooms = new ConcurrentHashMap<>();
    private final WebSocketServer server;
    /** The server's counters in a Micrometer registry, served on GET /metrics; null for a moment at start. */
    private volatile MetricsExport metrics;
    private final Thread reader;
    private volatile boolean redisUp = true;
    private volatile boolean running = true;

    private ClusterNode(String name, String host, int port, URI redisUri, long cap, boolean reusePort, SSLContext ssl)
            throws IOException {
        this.name = name;
        this.cap = cap;
        this.redis = RedisClient.builder().fromURI(redisUri).poolConfig(pool()).build();
        ServerOptions options = ServerOptions.builder().processRequest(this::processRequest).reusePort(reusePort).ssl(ssl).build();
        this.server = WebSocketServer.serve(this::handle, host, port, options);
        this.metrics = MetricsExport.bind(server::metrics, new SimpleMeterRegistry());
        this.reader = Thread.ofPlatform().name("cluster-reader-" + name).daemon(true).start(this::readLoop);
    }

    /**
     * Connections to Redis: each command borrows one for its round trip; the stream reader holds
     * one while it blocks. Handlers are virtual threads, so many may want one at once: a pool
     * larger than Jedis's default 8 keeps joins and publishes from queueing behind each other.
     */
    private static GenericObjectPoolConfig<Connection> pool() {
        GenericObjectPoolConfig<Connection> config = new GenericObjectPoolConfig<>();
        config.setMaxTotal(64);
        config.setMaxIdle(64);
        return config;
    }

    /**
     * Starts a node.
     *
     * @param name     the node's name, for logs
     * @param host     the address to listen on
     * @param port     the port, 0 for any
     * @param redisUri Redis, {@code redis://host:port}
     * @param cap      about how many entries each room's stream keeps
     * @return the running node
     * @throws IOException when the port cannot be bound
     */
    static ClusterNode start(String name, String host, int port, URI redisUri, long cap) throws IOException {
        return new ClusterNode(name, host, port, redisUri, cap, false, null);
    }

    /**
     * Starts a node that shares its port with other processes (or nodes) on this host through
     * {@code SO_REUSEPORT}: the kernel spreads new connections over them, no balancer needed.
     *
     * @param name     the node's name, for logs
     * @param host     the address to listen on
     * @param port     the shared port (not 0)
     * @param redisUri Redis, {@code redis://host:port}
     * @param cap      about how many entries each room's stream keeps
     * @return the running node
     * @throws IOException when the port cannot be bound
     */
    static ClusterNode startSharingPort(String name, String host, int port, URI redisUri, long cap) throws IOException {
        return new ClusterNode(name, host, port, redisUri, cap, true, null);
    }

    /**
     * Starts a node, serving {@code wss://} when {@code ssl} is given.
     *
     * @param name      the node's name, for logs
     * @param host      the address to listen on
     * @param port      the port, 0 for any (not 0 when sharing it)
     * @param redisUri  Redis, {@code redis://host:port}
     * @param cap       about how many entries each room's stream keeps
     * @param reusePort share the port with other processes ({@code SO_REUSEPORT})
     * @param ssl       the TLS context to serve {@code wss://} with, or null for {@code ws://}
     * @return the running node
     * @throws IOException when the port cannot be bound
     */
    static ClusterNode start(String name, String host, int port, URI redisUri, long cap, boolean reusePort, SSLContext ssl)
            throws IOException {
        return new ClusterNode(name, host, port, redisUri, cap, reusePort, ssl);
    }

    int port() {
        return server.port();
    }

    String name() {
        return name;
    }

    private HttpResponse processRequest(String path, Headers headers) {
        if (path.equals("/healthz")) {
            return redisUp ? plain(200, "ok " + name + "\n") : plain(503, "redis unreachable\n");
        }
        if (path.equals("/metrics")) {
            MetricsExport export = metrics;
            return export == null ? plain(503, "starting\n") : new HttpResponse(200,
                    Headers.of("Content-Type", "text/plain; version=0.0.4; charset=utf-8"),
                    export.prometheus().getBytes(StandardCharsets.UTF_8));
        }
        if (!ROOM.matcher(path).matches()) {
            return plain(404, "rooms are /room/<name>\n");
        }
        return null;
    }

    private static HttpResponse plain(int status, String body) {
        return new HttpResponse(status, Headers.of("Content-Type", "text/plain; charset=utf-8"), body.getBytes(StandardCharsets.UTF_8));
    }

    private void handle(WebSocket ws) throws InterruptedException {
        Matcher room = ROOM.matcher(ws.path());
        if (!room.matches()) {
            ws.close(1008, "no such room");
            return;
        }
        StreamEntryID last = null;
        if (room.group(2) != null) {
            Matcher m = LAST.matcher(room.group(2));
            if (m.find()) {
                last = new StreamEntryID(m.group(1));
            }
        }
        Room joined = roomFor(room.group(1));
        Member member = new Member(new Member.Client() {
            @Override
            public void sendAsync(String text, Runnable done) {
                ws.sendAsync(text).whenComplete((v, e) -> done.run());
            }

            @Override
            public void closeTooSlow() {
                ws.closeAsync(1013, "too slow: reconnect with ?last=");
            }
        }, last);
        try {
            catchUp(joined, member);
            for (Message message : ws) {
                publish(joined, message);
            }
        } finally {
            joined.members.remove(member);
        }
    }

    private Room roomFor(String roomName) {
        Room room = rooms.get(roomName);
        if (room != null) {
            return room;
        }
        // Asked outside the map's lock: a Redis round trip must not hold up other rooms.
        Room fresh = new Room(roomName, latest("room:" + roomName));
        Room raced = rooms.putIfAbsent(roomName, fresh);
        return raced != null ? raced : fresh;
    }

    private StreamEntryID latest(String key) {
        List<StreamEntry> last = redis.xrevrange(key, StreamEntryID.MAXIMUM_ID, StreamEntryID.MINIMUM_ID, 1);
        return last.isEmpty() ? ORIGIN : last.get(0).getID();
    }

    /** Sends the member what it missed, then makes it live; see {@link Member}. */
    private void catchUp(Room room, Member member) {
        member.lock.lock();
        try {
            room.members.add(member);
            if (member.cursor() == null) {
                member.startAt(latest(room.key));
            }
            while (true) {
                List<StreamEntry> missed = redis.xrange(room.key, "(" + member.cursor(), "+", BATCH);
                missed.forEach(member::deliver);
                if (missed.size() < BATCH) {
                    break;
                }
            }
            member.goLive();
        } finally {
            member.lock.unlock();
        }
    }

    private void publish(Room room, Message message) {
        Map<String, String> fields = switch (message) {
            case Message.Text text -> Map.of(Room.TEXT_FIELD, text.text());
            case Message.Binary binary -> Map.of(Room.BINARY_FIELD, Envelope.base64(binary.data()));
        };
        redis.xadd(room.key, XAddParams.xAddParams().maxLen(cap).approximateTrimming(), fields);
    }

    private void readLoop() {
        while (running) {
            try {
                Map<String, StreamEntryID> streams = new HashMap<>();
                Map<String, Room> byKey = new HashMap<>();
                for (Room room : rooms.values()) {
                    if (!room.members.isEmpty()) {
                        streams.put(room.key, room.readFrom);
                        byKey.put(room.key, room);
                    }
                }
                if (streams.isEmpty()) {
                    Thread.sleep(BLOCK_MILLIS / 4);
                    continue;
                }
                List<Map.Entry<String, List<StreamEntry>>> read = redis.xread(
                        XReadParams.xReadParams().block(BLOCK_MILLIS).count(BATCH), streams);
                redisIsUp();
                if (read == null) {
                    continue;
                }
                for (Map.Entry<String, List<StreamEntry>> stream : read) {
                    Room room = byKey.get(stream.getKey());
                    for (StreamEntry entry : stream.getValue()) {
                        room.readFrom = entry.getID();
                        for (Member member : room.members) {
                            member.offer(entry);
                        }
                    }
                }
            } catch (JedisException e) {
                if (!redisIsDown(e)) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "node " + name + ": stream reader failed, going on", e);
            }
        }
    }

    private void redisIsUp() {
        if (!redisUp) {
            redisUp = true;
            LOG.log(Level.INFO, "node " + name + ": redis reconnected");
        }
    }

    /** Notes that Redis failed and waits before the next try; false when the node is stopping. */
    private boolean redisIsDown(JedisException e) {
        if (!running) {
            return false;
        }
        if (redisUp) {
            redisUp = false;
            LOG.log(Level.WARNING, "node " + name + ": redis unreachable, retrying every 500 ms: " + e);
        }
        try {
            Thread.sleep(500);
            return true;
        } catch (InterruptedException interrupted) {
            return false;
        }
    }

    /** How many clients are connected to this node now. */
    int clients() {
        return server.connections().size();
    }

    /**
     * Drains the node, then stops it: new clients (and the balancer's health check) get 503 with
     * {@code Retry-After: 1}, the connected ones 1001 spread over {@code period} (they resume on
     * another node with {@code ?last=}), then Redis is let go.
     *
     * @param period how long the closes are spread over
     * @throws InterruptedException when interrupted while waiting
     */
    void drain(Duration period) throws InterruptedException {
        try {
            server.drain(period, Duration.ofSeconds(1)).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        stopReading();
    }

    /** Closes the clients with 1001 (going away) at once, waits for them, then stops reading Redis. */
    @Override
    public void close() throws InterruptedException {
        server.close();
        server.awaitClosed();
        stopReading();
    }

    private void stopReading() throws InterruptedException {
        running = false;
        reader.interrupt();
        reader.join(2_000);
        redis.close();
    }
}
