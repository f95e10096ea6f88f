package org.websockets4j.extensions.permessagedeflate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.websockets4j.framing.CloseCodes;
import org.websockets4j.framing.Frame;
import org.websockets4j.framing.Opcode;
import org.websockets4j.framing.PayloadTooBig;
import org.websockets4j.framing.ProtocolError;
import org.websockets4j.fuzz.Pieces;

/**
 * Coverage-guided target for permessage-deflate decoding with its size budget.
 */
class DeflateTargetsTest {
    private static final long[] BUDGETS = {0, 1, 125, 1000, 65_536, 1 << 20};

    /**
     * A stream of messages, each compressed by a real sender (its frames then possibly corrupted)
     * or made of raw fuzzer bytes, cut into fragments with control frames between them and RSV1
     * set where the fuzzer says, decoded by a receiver with the budget a connection passes (what
     * is left of the message's maximum size). Only {@link ProtocolError} (1002),
     * {@link InvalidCompressedData} (1007) and {@link PayloadTooBig} (1009) may come out; no frame
     * of a compressed message inflates past its budget (an uncompressed frame passes as it is: the
     * frame reader bounds it from its header), none keeps RSV1; an intact message decodes to
     * exactly what was sent; and once both sides are released, every native zlib object is back
     * in the pool or ended (no leak).
     */
    @FuzzTest
    void decode(FuzzedDataProvider data) {
        int bits = data.consumeInt(8, 15);
        boolean noContextTakeover = data.consumeBoolean();
        long maxSize = BUDGETS[data.consumeInt(0, BUDGETS.length - 1)];
        ZlibPool pool = new ZlibPool(data.consumeInt(0, 2));
        CompressionSettings settings = CompressionSettings.builder()
                .threshold(0).level(data.consumeInt(0, 9)).windowBits(bits).dedicatedDeflater(data.consumeBoolean()).build();
        PerMessageDeflate sender = new PerMessageDeflate(false, noContextTakeover, 15, bits, settings, pool);
        PerMessageDeflate receiver = new PerMessageDeflate(noContextTakeover, false, bits, 15, settings, pool);
        // While true, every message so far was sent intact by the sender: each must decode exactly.
        boolean intact = true;
        try {
            while (data.remainingBytes() > 0) {
                boolean compressed = data.consumeBoolean();
                byte[] text = data.consumeBytes(data.consumeInt(0, 3000));
                List<Frame> frames = new ArrayList<>();
                int start = 0;
                do {
                    int end = Math.min(text.length, start + data.consumeInt(0, Math.max(1, text.length)));
                    boolean fin = end == text.length || data.remainingBytes() == 0;
                    end = fin ? text.length : end;
                    boolean first = frames.isEmpty(); // a fragment may be empty: not "start == 0"
                    Opcode opcode = first ? (data.consumeBoolean() ? Opcode.TEXT : Opcode.BINARY) : Opcode.CONTINUATION;
                    Frame frame = new Frame(fin, opcode, ByteBuffer.wrap(text, start, end - start).slice());
                    if (compressed) {
                        frame = sender.encode(frame);
                    } else if (first && data.consumeBoolean()) {
                        frame = frame.withRsvBits(Frame.RSV1); // raw bytes claimed to be compressed
                        intact = false;
                    }
                    frames.add(frame);
                    start = end;
                    if (fin) {
                        break;
                    }
                } while (true);
                if (data.consumeInt(0, 3) == 0) {
                    intact &= !corrupt(data, frames);
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                long used = 0;
                for (Frame frame : frames) {
                    if (data.consumeInt(0, 7) == 0) {
                        boolean rsv1 = data.consumeInt(0, 7) == 0;
                        intact &= !rsv1;
                        Frame ping = new Frame(true, rsv1, false, false, Opcode.PING, ByteBuffer.wrap(data.consumeBytes(125)));
                        Frame decoded = receiver.decode(ping, Math.max(maxSize - used, 125));
                        assertFalse(rsv1, "RSV1 accepted on a control frame");
                        assertEquals(ping, decoded);
                    }
                    long budget = maxSize - used;
                    Frame decoded = receiver.decode(frame, budget);
                    if (frames.get(0).rsv1()) {
                        // The budget binds what inflates; an uncompressed frame passes as it is (the
                        // frame reader checked its size against the same limit from its header).
                        assertTrue(decoded.length() <= budget, () -> "decoded " + decoded.length() + " bytes, budget " + budget
                                + ": " + frame + " " + Pieces.hex(Pieces.bytes(frame.payload())) + " -> "
                                + Pieces.hex(Pieces.bytes(decoded.payload())) + " bits=" + bits
                                + " noContextTakeover=" + noContextTakeover + " maxSize=" + maxSize);
                    }
                    assertFalse(decoded.rsv1(), "RSV1 left set");
                    assertEquals(frame.fin(), decoded.fin());
                    assertEquals(frame.opcode(), decoded.opcode());
                    used += decoded.length();
                    out.writeBytes(Pieces.bytes(decoded.payload()));
                }
                if (intact && used <= maxSize) {
                    assertArrayEquals(text, out.toByteArray(), "an intact message decoded differently");
                }
            }
        } catch (InvalidCompressedData e) {
            assertEquals(CloseCodes.INVALID_PAYLOAD_DATA, e.closeCode());
            assertFalse(intact, "an intact message was refused as corrupt: " + e);
        } catch (PayloadTooBig e) {
            assertEquals(CloseCodes.MESSAGE_TOO_BIG, e.closeCode());
            assertTrue(e.size() > e.maxSize());
        } catch (ProtocolError e) {
            assertEquals(CloseCodes.PROTOCOL_ERROR, e.closeCode());
            assertFalse(intact, "an intact message was refused: " + e);
        } finally {
            receiver.release();
            sender.release();
        }
        assertFalse(receiver.holdsNativeState());
        assertFalse(sender.holdsNativeState());
        assertEquals(pool.idle(), pool.live(), "native zlib state lent out after release");
    }

    /** Flips bits or sets RSV1 on a continuation, as the fuzzer says; returns whether anything changed. */
    private static boolean corrupt(FuzzedDataProvider data, List<Frame> frames) {
        int index = data.consumeInt(0, frames.size() - 1);
        Frame frame = frames.get(index);
        if (index > 0 && data.consumeBoolean()) {
            frames.set(index, frame.withRsvBits(Frame.RSV1));
            return true;
        }
        byte[] bytes = Pieces.bytes(frame.payload());
        if (bytes.length == 0) {
            return false;
        }
        int flips = data.consumeInt(1, 4);
        for (int i = 0; i < flips; i++) {
            int at = data.consumeInt(0, bytes.length - 1);
            bytes[at] ^= (byte) data.consumeInt(1, 255);
        }
        frames.set(index, frame.withPayload(ByteBuffer.wrap(bytes)));
        return true;
    }
}
