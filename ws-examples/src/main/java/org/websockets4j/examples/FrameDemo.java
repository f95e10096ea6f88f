package org.websockets4j.examples;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.websockets4j.framing.Frame;
import org.websockets4j.framing.FrameReader;
import org.websockets4j.framing.FrameWriter;
import org.websockets4j.framing.ProtocolError;
import org.websockets4j.framing.Role;

/**
 * A first look at the frame codec: encodes a few frames as a client would send them (masked),
 * then feeds the bytes to a server-side reader one byte at a time, and shows a protocol error
 * with the close code it calls for. Run it with the command in the README.
 */
public final class FrameDemo {
    private FrameDemo() {
    }

    /**
     * Prints each frame's wire bytes and what a server reads back from them.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        HexFormat hex = HexFormat.ofDelimiter(" ");
        FrameWriter client = new FrameWriter(Role.CLIENT);
        FrameReader server = new FrameReader(Role.SERVER, 1 << 20, java.util.List.of());
        Frame[] frames = {
            Frame.text("Hello"),
            Frame.ping("are you there?".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
            Frame.binary(new byte[300]),
            Frame.close(1000, "bye"),
        };
        for (Frame frame : frames) {
            String sent = frame.toString();
            byte[] wire = client.toBytes(frame);
            Frame read = null;
            for (byte b : wire) { // one byte at a time: the reader keeps partial frames itself
                Frame next = server.read(ByteBuffer.wrap(new byte[] {b}));
                if (next != null) {
                    read = next;
                }
            }
            String shown = wire.length > 24 ? hex.formatHex(wire, 0, 24) + " …" : hex.formatHex(wire);
            System.out.printf("client sends %s%n  on the wire (%d bytes, masked): %s%n  server reads %s%n", sent, wire.length, shown, read);
        }
        try {
            new FrameReader(Role.SERVER).read(ByteBuffer.wrap(new byte[] {(byte) 0x81, 0x05, 'H', 'e', 'l', 'l', 'o'}));
        } catch (ProtocolError e) {
            System.out.println("an unmasked frame sent to a server: " + e.getMessage() + " -> close with " + e.closeCode());
        }
    }
}
