package org.websockets4j.framing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.websockets4j.framing.TestBytes.readAll;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Random frame sequences encoded by a writer and decoded by a reader of the other side, with the
 * bytes split at random points into heap, direct and read-only buffers. Fixed seeds.
 */
class RoundTripTest {
    private static final int SEQUENCES = 2000;
    private static final int[] BOUNDARIES = {0, 1, 2, 3, 4, 7, 8, 9, 124, 125, 126, 127, 128, 255, 256,
        4095, 4096, 4097, 65535, 65536, 65537};
    private static final Opcode[] OPCODES = Opcode.values();

    private static int dataLength(Random random) {
        int pick = random.nextInt(10);
        if (pick < 5) {
            return BOUNDARIES[random.nextInt(BOUNDARIES.length)];
        } else if (pick < 9) {
            return random.nextInt(300);
        }
        return random.nextInt(70_001);
    }

    private static int controlLength(Random random) {
        return random.nextBoolean() ? new int[] {0, 1, 124, 125}[random.nextInt(4)] : random.nextInt(126);
    }

    private static Frame randomFrame(Random random) {
        Opcode opcode = OPCODES[random.nextInt(OPCODES.length)];
        boolean control = opcode.isControl();
        byte[] data = new byte[control ? controlLength(random) : dataLength(random)];
        random.nextBytes(data);
        return new Frame(control || random.nextBoolean(), opcode, ByteBuffer.wrap(data));
    }

    private static ByteBuffer wrap(byte[] bytes, int kind) {
        return switch (kind) {
            case 0, 1 -> ByteBuffer.wrap(bytes);
            case 2 -> ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
            default -> ByteBuffer.wrap(bytes).asReadOnlyBuffer();
        };
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void randomSequencesSplitAtRandomPoints(Role sender) {
        Random random = new Random(sender == Role.CLIENT ? 6455 : 5426);
        Random keys = new Random(1);
        FrameWriter writer = new FrameWriter(sender, keys::nextInt, List.of());
        Role receiver = sender == Role.CLIENT ? Role.SERVER : Role.CLIENT;
        int frameCount = 0;
        for (int sequence = 0; sequence < SEQUENCES; sequence++) {
            List<Frame> sent = new ArrayList<>();
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            int frames = 1 + random.nextInt(6);
            for (int i = 0; i < frames; i++) {
                Frame frame = randomFrame(random);
                sent.add(TestBytes.copy(frame)); // the writer masks the original in place
                wire.writeBytes(writer.toBytes(frame));
            }
            frameCount += frames;
            byte[] bytes = wire.toByteArray();

            FrameReader reader = new FrameReader(receiver);
            List<Frame> received = new ArrayList<>();
            int at = 0;
            while (at < bytes.length) {
                int left = bytes.length - at;
                int n = switch (random.nextInt(4)) {
                    case 0 -> Math.min(left, 1 + random.nextInt(16)); // tiny pieces cut headers
                    case 1 -> left; // all the rest at once
                    default -> 1 + random.nextInt(left);
                };
                received.addAll(readAll(reader, wrap(Arrays.copyOfRange(bytes, at, at + n), random.nextInt(4))));
                at += n;
            }
            assertEquals(sent, received, "sequence " + sequence);
            assertFalse(reader.hasPartialFrame());
        }
        assertEquals(true, frameCount > SEQUENCES * 3);
    }
}
