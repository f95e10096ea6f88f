package org.websockets4j.extensions.permessagedeflate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.websockets4j.extensions.permessagedeflate.Messages.hex;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.websockets4j.framing.Frame;
import org.websockets4j.framing.FrameReader;
import org.websockets4j.framing.FrameWriter;
import org.websockets4j.framing.Opcode;
import org.websockets4j.framing.Role;

/** The examples of RFC 7692 §7.2.3, byte for byte, whole frames included. */
class RfcExamplesTest {
    private static final CompressionSettings ALWAYS = CompressionSettings.builder().threshold(0).build();

    private static PerMessageDeflate extension() {
        return new PerMessageDeflate(false, false, 15, 15, ALWAYS);
    }

    private static String text(Frame frame) {
        return StandardCharsets.UTF_8.decode(frame.payload()).toString();
    }

    /** Reads whole frames (server side, unmasked for readability as in the RFC) through the extension. */
    private static String receive(PerMessageDeflate extension, String wire) {
        FrameReader reader = new FrameReader(Role.CLIENT, FrameReader.NO_LIMIT, java.util.List.of(extension));
        ByteBuffer in = ByteBuffer.wrap(hex(wire));
        StringBuilder text = new StringBuilder();
        Frame frame;
        while ((frame = reader.read(in)) != null) {
            assertFalse(frame.rsv1(), "RSV1 is consumed");
            text.append(text(frame));
        }
        assertFalse(in.hasRemaining());
        return text.toString();
    }

    @Test
    void helloInOneFrame_7_2_3_1() {
        FrameWriter writer = new FrameWriter(Role.SERVER, null, java.util.List.of(extension()));
        assertArrayEquals(hex("c1 07 f2 48 cd c9 c9 07 00"), writer.toBytes(Frame.text("Hello")));
        assertEquals("Hello", receive(extension(), "c1 07 f2 48 cd c9 c9 07 00"));
    }

    @Test
    void helloFragmented_7_2_3_1() {
        assertEquals("Hello", receive(extension(), "41 03 f2 48 cd 80 04 c9 c9 07 00"));
    }

    @Test
    void sharingTheWindow_7_2_3_2() {
        FrameWriter writer = new FrameWriter(Role.SERVER, null, java.util.List.of(extension()));
        assertArrayEquals(hex("c1 07 f2 48 cd c9 c9 07 00"), writer.toBytes(Frame.text("Hello")));
        assertArrayEquals(hex("c1 05 f2 00 11 00 00"), writer.toBytes(Frame.text("Hello")));
        PerMessageDeflate receiver = extension();
        assertEquals("Hello", receive(receiver, "c1 07 f2 48 cd c9 c9 07 00"));
        assertEquals("Hello", receive(receiver, "c1 05 f2 00 11 00 00"));
    }

    @Test
    void sharingTheWindowWithTheDedicatedDeflater() {
        CompressionSettings dedicated = ALWAYS.toBuilder().dedicatedDeflater(true).build();
        PerMessageDeflate sender = new PerMessageDeflate(false, false, 15, 15, dedicated);
        FrameWriter writer = new FrameWriter(Role.SERVER, null, java.util.List.of(sender));
        assertArrayEquals(hex("c1 07 f2 48 cd c9 c9 07 00"), writer.toBytes(Frame.text("Hello")));
        assertArrayEquals(hex("c1 05 f2 00 11 00 00"), writer.toBytes(Frame.text("Hello")));
        assertTrue(sender.holdsNativeState());
        sender.release();
        assertFalse(sender.holdsNativeState());
    }

    @Test
    void noContextTakeoverRepeatsTheFirstEncoding() {
        PerMessageDeflate sender = new PerMessageDeflate(false, true, 15, 15, ALWAYS);
        FrameWriter writer = new FrameWriter(Role.SERVER, null, java.util.List.of(sender));
        assertArrayEquals(hex("c1 07 f2 48 cd c9 c9 07 00"), writer.toBytes(Frame.text("Hello")));
        assertArrayEquals(hex("c1 07 f2 48 cd c9 c9 07 00"), writer.toBytes(Frame.text("Hello")));
    }

    @Test
    void storedBlock_7_2_3_3() {
        assertEquals("Hello", receive(extension(), "c1 0b 00 05 00 fa ff 48 65 6c 6c 6f 00"));
    }

    @Test
    void finalBlock_7_2_3_4() {
        PerMessageDeflate receiver = extension();
        assertEquals("Hello", receive(receiver, "c1 08 f3 48 cd c9 c9 07 00 00"));
        // The context outlives the final block: the next message may refer to it.
        assertEquals("Hello", receive(receiver, "c1 05 f2 00 11 00 00"));
    }

    @Test
    void twoBlocksInOneMessage_7_2_3_5() {
        assertEquals("Hello", receive(extension(), "c1 0d f2 48 05 00 00 00 ff ff ca c9 c9 07 00"));
    }

    @Test
    void emptyMessage_7_2_3_6() {
        FrameWriter writer = new FrameWriter(Role.SERVER, null, java.util.List.of(extension()));
        assertArrayEquals(hex("c1 01 00"), writer.toBytes(Frame.text("")));
        assertEquals("", receive(extension(), "c1 01 00"));
    }

    @Test
    void belowTheThresholdAMessageGoesUncompressed() {
        PerMessageDeflate sender = new PerMessageDeflate(false, false, 15, 15, CompressionSettings.defaults());
        FrameWriter writer = new FrameWriter(Role.SERVER, null, java.util.List.of(sender));
        assertArrayEquals(hex("81 05 48 65 6c 6c 6f"), writer.toBytes(Frame.text("Hello")));
        // An uncompressed message is received as it is, RSV1 clear.
        assertEquals("Hello", receive(extension(), "81 05 48 65 6c 6c 6f"));
    }
}
