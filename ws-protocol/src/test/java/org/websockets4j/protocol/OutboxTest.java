package org.websockets4j.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.websockets4j.framing.Frame;
import org.websockets4j.framing.FrameWriter;
import org.websockets4j.framing.Opcode;
import org.websockets4j.framing.Role;

/** The output arena: packing, hand-over to the write queue, reuse once written, growth and shrinking. */
class OutboxTest {
    private final Outbox outbox = new Outbox(new FrameWriter(Role.SERVER, null, List.of()), true, null);
    private final WriteQueue queue = new WriteQueue(1 << 20);

    private static Frame text(int length) {
        return new Frame(true, Opcode.TEXT, ByteBuffer.wrap("x".repeat(length).getBytes()));
    }

    /** Takes what the outbox queued, as the driver does, and "writes" it all. */
    private List<ByteBuffer> drainAndWrite() {
        outbox.drainTo(queue);
        List<ByteBuffer> taken = new ArrayList<>();
        int n = queue.prepareBatch();
        long bytes = 0;
        for (int i = 0; i < n; i++) {
            taken.add(queue.batch()[i].duplicate());
            bytes += queue.batch()[i].remaining();
            queue.batch()[i].position(queue.batch()[i].limit());
        }
        queue.written(bytes);
        assertTrue(queue.isEmpty());
        return taken;
    }

    @Test
    void onceWrittenTheSameArenaIsUsedAgain() {
        outbox.add(text(64));
        outbox.add(text(64));
        List<ByteBuffer> first = drainAndWrite();
        assertEquals(1, first.size());
        assertEquals(2 * 66, first.get(0).remaining());
        outbox.recycle();
        outbox.add(text(64));
        List<ByteBuffer> second = drainAndWrite();
        assertSame(first.get(0).array(), second.get(0).array(), "no new arena");
        assertEquals(0, second.get(0).arrayOffset());
    }

    /** Hands over one run and returns the very buffer the write queue got, then "writes" it. */
    private ByteBuffer handOverOneRun() {
        outbox.drainTo(queue);
        assertEquals(1, queue.prepareBatch());
        ByteBuffer run = queue.batch()[0];
        long bytes = run.remaining();
        run.position(run.limit());
        queue.written(bytes);
        return run;
    }

    @Test
    void aPingOnAConnectionWithNoArenaGoesAloneAndLeavesNoArena() {
        outbox.add(new Frame(true, Opcode.PING, ByteBuffer.wrap(new byte[] {1, 2, 3, 4})));
        List<ByteBuffer> written = drainAndWrite();
        assertEquals(1, written.size());
        assertArrayEquals(new byte[] {(byte) 0x89, 4, 1, 2, 3, 4}, Peer.remaining(written.get(0)));
        outbox.recycle();
        outbox.add(new Frame(true, Opcode.PONG, ByteBuffer.allocate(0)));
        ByteBuffer pong = drainAndWrite().get(0);
        assertNotSame(written.get(0).array(), pong.array(), "no arena kept between control frames");
        assertArrayEquals(new byte[] {(byte) 0x8A, 0}, Peer.remaining(pong));
    }

    @Test
    void aKeepaliveTickLetsTheArenaGoOnlyAfterAQuietInterval() {
        outbox.add(text(10));
        drainAndWrite();
        outbox.recycle();
        outbox.dropIfQuiet(); // a frame went in since the last tick: kept
        assertTrue(outbox.hasArena());
        outbox.dropIfQuiet(); // a whole interval with nothing: dropped
        assertFalse(outbox.hasArena());
        outbox.add(text(10));
        outbox.dropIfQuiet(); // not written yet: never dropped under queued output
        assertTrue(outbox.hasArena());
        outbox.dropIfQuiet();
        assertTrue(outbox.hasArena(), "what was handed out is not yet recycled");
        drainAndWrite();
        outbox.recycle();
        outbox.dropIfQuiet();
        assertFalse(outbox.hasArena());
    }

    @Test
    void dataAfterALoneControlFrameFollowsItInOrder() {
        outbox.add(new Frame(true, Opcode.PING, ByteBuffer.wrap(new byte[] {9})));
        outbox.add(text(3));
        outbox.add(new Frame(true, Opcode.PONG, ByteBuffer.wrap(new byte[] {8}))); // the arena exists now: into it
        List<ByteBuffer> written = drainAndWrite();
        ByteBuffer all = ByteBuffer.allocate(64);
        written.forEach(b -> all.put(b.duplicate()));
        assertArrayEquals(new byte[] {(byte) 0x89, 1, 9, (byte) 0x81, 3, 'x', 'x', 'x', (byte) 0x8A, 1, 8},
                Peer.remaining(all.flip()));
        assertEquals(2, written.size(), "the ping alone, then one arena run");
    }

    @Test
    void aBusyConnectionHandsOverTheSameRunBufferAfterEachRecycle() {
        outbox.add(text(64));
        ByteBuffer first = handOverOneRun();
        outbox.recycle();
        outbox.add(text(10));
        outbox.add(text(10));
        outbox.drainTo(queue);
        assertEquals(1, queue.prepareBatch());
        ByteBuffer second = queue.batch()[0];
        assertSame(first, second, "no new buffer object per write");
        assertEquals(0, second.position());
        assertEquals(24, second.remaining());
        assertEquals((byte) 0x81, second.get(0));
        assertEquals(10, second.get(1));
    }

    @Test
    void aSecondRunBeforeTheRecycleIsItsOwnBufferAndLeavesTheFirstAlone() {
        outbox.add(text(4));
        outbox.drainTo(queue);
        assertEquals(1, queue.prepareBatch());
        ByteBuffer first = queue.batch()[0];
        byte[] firstBytes = new byte[first.remaining()];
        first.get(first.position(), firstBytes);
        int firstPosition = first.position();
        outbox.add(text(5));
        outbox.drainTo(queue);
        assertEquals(2, queue.prepareBatch());
        ByteBuffer second = queue.batch()[1];
        assertNotSame(first, second);
        assertEquals(7, second.remaining());
        assertEquals(firstPosition, first.position(), "the first run's view is not moved");
        byte[] again = new byte[first.remaining()];
        first.get(first.position(), again);
        assertArrayEquals(firstBytes, again);
    }

    @Test
    void withoutARecycleWhatWasHandedOutIsNeverOverwritten() {
        List<ByteBuffer> handedOut = new ArrayList<>();
        List<byte[]> copies = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            outbox.add(new Frame(true, Opcode.BINARY, ByteBuffer.wrap(new byte[] {(byte) i, (byte) (i * 7)})));
            outbox.drainTo(queue);
            int n = queue.prepareBatch();
            for (int j = 0; j < n; j++) {
                ByteBuffer b = queue.batch()[j];
                if (!handedOut.contains(b)) {
                    handedOut.add(b);
                    copies.add(Peer.remaining(b));
                }
            }
        }
        for (int i = 0; i < handedOut.size(); i++) {
            assertArrayEquals(copies.get(i), Peer.remaining(handedOut.get(i)));
        }
    }

    @Test
    void growsWhenBusyAndShrinksWhenQuiet() {
        for (int i = 0; i < 100; i++) {
            outbox.add(text(64)); // 6.6 KB without a write in between
        }
        List<ByteBuffer> burst = drainAndWrite();
        int largest = burst.stream().mapToInt(b -> b.array().length).max().orElseThrow();
        assertTrue(largest >= 4096, "doubled while filling: " + largest);
        outbox.recycle();
        outbox.add(text(64));
        ByteBuffer next = drainAndWrite().get(0);
        assertEquals(largest, next.array().length, "kept while it is used");
        for (int i = 0; i < 100; i++) { // many writes in a row using under a quarter: let go
            outbox.recycle();
            outbox.add(text(8));
            drainAndWrite();
        }
        outbox.recycle();
        outbox.add(text(8));
        assertEquals(Outbox.MIN_ARENA, drainAndWrite().get(0).array().length);
    }

    @Test
    void aRecycleWithOutputStillQueuedIsIgnored() {
        outbox.add(text(10));
        outbox.recycle(); // not yet handed out: must not be overwritten
        outbox.add(text(10));
        assertEquals(24, outbox.queuedBytes());
        List<ByteBuffer> out = drainAndWrite();
        assertEquals(1, out.size());
        assertEquals(24, out.get(0).remaining());
        assertEquals(0, outbox.queuedBytes());
    }

    @Test
    void largePayloadsSplitTheRunInOrder() {
        ByteBuffer large = ByteBuffer.allocate(Outbox.COPY_LIMIT + 1);
        outbox.add(text(1));
        outbox.add(new Frame(true, Opcode.BINARY, large));
        outbox.add(text(2));
        List<ByteBuffer> out = drainAndWrite();
        assertEquals(3, out.size());
        assertEquals(3 + 4, out.get(0).remaining(), "the small frame and the large one's header");
        assertSame(large.array(), out.get(1).array());
        assertNotSame(out.get(0).array(), out.get(1).array());
        assertEquals(4, out.get(2).remaining());
    }
}
