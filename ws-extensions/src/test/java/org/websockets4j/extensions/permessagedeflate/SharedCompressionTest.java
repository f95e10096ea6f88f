package org.websockets4j.extensions.permessagedeflate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.websockets4j.framing.Frame;
import org.websockets4j.framing.Opcode;

/** A broadcast to connections without context takeover compresses once; anything else compresses per connection. */
class SharedCompressionTest {
    private static final CompressionSettings ALWAYS = CompressionSettings.builder().threshold(0).build();

    private static Frame shared(byte[] data) {
        return new Frame(true, Opcode.TEXT, ByteBuffer.wrap(data).asReadOnlyBuffer());
    }

    @Test
    void noContextTakeoverConnectionsShareOneCompression() {
        byte[] data = Messages.json(5000, 3);
        PerMessageDeflate[] senders = new PerMessageDeflate[5];
        byte[] first = null;
        for (int i = 0; i < senders.length; i++) {
            senders[i] = new PerMessageDeflate(false, true, 15, 12, ALWAYS);
            Frame out = senders[i].encode(shared(data));
            byte[] bytes = Messages.bytes(out.payload());
            if (first == null) {
                first = bytes;
            }
            assertArrayEquals(first, bytes);
            // Each receiver decodes it.
            PerMessageDeflate receiver = new PerMessageDeflate(true, false, 12, 15, ALWAYS);
            assertArrayEquals(data, Messages.bytes(receiver.decode(out, Long.MAX_VALUE).payload()));
        }
        long deflated = 0;
        for (PerMessageDeflate sender : senders) {
            deflated += sender.deflatedCount();
        }
        assertEquals(1, deflated, "compressed once for five connections");
    }

    @Test
    void contextTakeoverOrOtherParametersCompressPerConnection() {
        byte[] data = Messages.json(3000, 4);
        PerMessageDeflate a = new PerMessageDeflate(false, false, 15, 12, ALWAYS);
        PerMessageDeflate b = new PerMessageDeflate(false, false, 15, 12, ALWAYS);
        PerMessageDeflate c = new PerMessageDeflate(false, true, 15, 10, ALWAYS);
        PerMessageDeflate d = new PerMessageDeflate(false, true, 15, 11, ALWAYS);
        for (PerMessageDeflate sender : new PerMessageDeflate[] {a, b, c, d}) {
            sender.encode(shared(data));
            assertEquals(1, sender.deflatedCount());
        }
    }

    @Test
    void aChangedArrayIsNotMistakenForTheCachedMessage() {
        byte[] data = Messages.json(2000, 5);
        PerMessageDeflate a = new PerMessageDeflate(false, true, 15, 12, ALWAYS);
        PerMessageDeflate b = new PerMessageDeflate(false, true, 15, 12, ALWAYS);
        a.encode(shared(data));
        data[100] ^= 1; // the owner changes its array after the first send
        Frame out = b.encode(shared(data));
        PerMessageDeflate receiver = new PerMessageDeflate(true, false, 12, 15, ALWAYS);
        assertArrayEquals(data, Messages.bytes(receiver.decode(out, Long.MAX_VALUE).payload()));
        assertEquals(1, b.deflatedCount());
    }
}
