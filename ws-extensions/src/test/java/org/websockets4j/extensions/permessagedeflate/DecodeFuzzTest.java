package org.websockets4j.extensions.permessagedeflate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.websockets4j.framing.Frame;
import org.websockets4j.framing.Opcode;
import org.websockets4j.framing.PayloadTooBig;

/**
 * Hostile input never escapes as anything but the RFC's errors: random and mutated compressed
 * payloads, cut into random fragments, either decode or raise {@link InvalidCompressedData} (1007)
 * or {@link PayloadTooBig} (1009), within the budget, and leave no native state lent out.
 */
class DecodeFuzzTest {
    @Test
    void randomAndMutatedStreams() {
        Random random = new Random(20261125);
        ZlibPool pool = new ZlibPool(2);
        CompressionSettings settings = CompressionSettings.builder().threshold(0).build();
        int decoded = 0;
        int corrupt = 0;
        int tooBig = 0;
        for (int round = 0; round < 3000; round++) {
            byte[] payload;
            if (round % 2 == 0) {
                payload = new byte[random.nextInt(200)];
                random.nextBytes(payload);
            } else {
                PerMessageDeflate sender = new PerMessageDeflate(false, true, 15, 15, settings, pool);
                payload = Messages.bytes(sender.encode(Frame.binary(Messages.repetitive(1 + random.nextInt(5000), round))).payload());
                sender.release();
                for (int flips = random.nextInt(4); flips > 0 && payload.length > 0; flips--) {
                    payload[random.nextInt(payload.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            int bits = 8 + random.nextInt(8);
            PerMessageDeflate receiver = new PerMessageDeflate(random.nextBoolean(), false, bits, 15, settings, pool);
            long budget = 125 + random.nextInt(10_000);
            long produced = 0;
            try {
                int start = 0;
                while (true) {
                    int end = Math.min(payload.length, start + 1 + random.nextInt(Math.max(1, payload.length)));
                    boolean fin = end == payload.length;
                    Frame frame = new Frame(fin, start == 0, false, false, start == 0 ? Opcode.BINARY : Opcode.CONTINUATION,
                            ByteBuffer.wrap(payload, start, end - start).slice());
                    Frame out = receiver.decode(frame, budget - produced);
                    produced += out.length();
                    assertTrue(produced <= budget, "within the budget");
                    start = end;
                    if (fin) {
                        break;
                    }
                }
                decoded++;
            } catch (InvalidCompressedData e) {
                assertEquals(1007, e.closeCode());
                corrupt++;
            } catch (PayloadTooBig e) {
                assertEquals(1009, e.closeCode());
                tooBig++;
            }
            receiver.release();
            assertFalse(receiver.holdsNativeState());
        }
        assertEquals(pool.idle(), pool.live(), "nothing lent out");
        assertTrue(decoded > 0 && corrupt > 0 && tooBig > 0, decoded + " decoded, " + corrupt + " corrupt, " + tooBig + " too big");
    }
}
