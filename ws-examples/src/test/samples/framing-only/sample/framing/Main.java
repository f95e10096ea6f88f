package sample.framing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeSet;
import org.websockets4j.framing.Close;
import org.websockets4j.framing.Frame;
import org.websockets4j.framing.FrameReader;
import org.websockets4j.framing.FrameWriter;
import org.websockets4j.framing.Opcode;
import org.websockets4j.framing.ProtocolError;
import org.websockets4j.framing.Role;

/** Encodes frames as a client, decodes them as a server, and shows which modules it ran with. */
public final class Main {
    private Main() {
    }

    /** Prints what the server side read, then the modules of the boot layer. */
    public static void main(String[] args) {
        FrameWriter client = new FrameWriter(Role.CLIENT);
        FrameReader server = new FrameReader(Role.SERVER, 1 << 16, List.of());
        ByteBuffer wire = ByteBuffer.allocate(256);
        wire.put(client.toBytes(Frame.text("hello from framing alone")));
        wire.put(client.toBytes(Frame.close(1000, "done")));
        wire.flip();
        for (Frame frame; (frame = server.read(wire)) != null; ) {
            String content = frame.opcode() == Opcode.CLOSE
                    ? Close.parse(frame.payload()).toString()
                    : new String(frame.payloadBytes(), StandardCharsets.UTF_8);
            System.out.println("read " + frame.opcode() + " " + content);
        }
        try {
            // A server must refuse an unmasked frame (RFC 6455 §5.1).
            server.read(ByteBuffer.wrap(new byte[] {(byte) 0x81, 0x00}));
        } catch (ProtocolError e) {
            System.out.println("unmasked frame refused with close code " + e.closeCode());
        }
        System.out.println("modules " + new TreeSet<>(ModuleLayer.boot().modules().stream().map(Module::getName).toList()));
    }
}
