package org.websockets4j.cluster;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import redis.clients.jedis.StreamEntryID;

/**
 * A room as one node sees it: the Redis Stream that holds its messages ({@code room:<name>}) and
 * the members connected to this node. The stream is the room's one order: every node reads it, and
 * every member is sent its entries in stream order.
 */
final class Room {
    /** The stream field of a text message. */
    static final String TEXT_FIELD = "t";
    /** The stream field of a binary message, base64. */
    static final String BINARY_FIELD = "b";

    final String name;
    final String key;
    final Set<Member> members = ConcurrentHashMap.newKeySet();
    /** The last entry the node's reader has read from the stream; only the reader moves it. */
    volatile StreamEntryID readFrom;

    Room(String name, StreamEntryID readFrom) {
        this.name = name;
        this.key = "room:" + name;
        this.readFrom = readFrom;
    }
}
