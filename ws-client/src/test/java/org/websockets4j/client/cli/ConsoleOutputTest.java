package org.websockets4j.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.websockets4j.protocol.Message;

class ConsoleOutputTest {
    @Test
    void binaryIsShownAsLengthAndUpTo16BytesOfHex() {
        assertEquals("< (binary) 0 bytes", ConsoleOutput.format(new Message.Binary(new byte[0])));
        assertEquals("< (binary) 1 byte: ff", ConsoleOutput.format(new Message.Binary(new byte[] {-1})));
        assertEquals("< (binary) 16 bytes: 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00",
                ConsoleOutput.format(new Message.Binary(new byte[16])));
        assertEquals("< (binary) 17 bytes: 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 ...",
                ConsoleOutput.format(new Message.Binary(new byte[17])));
    }

    @Test
    void controlCharactersFromTheServerAreEscaped() {
        assertEquals("< plain\ttext\nline two", ConsoleOutput.format(new Message.Text("plain\ttext\nline two")));
        assertEquals("< \\x1b[2Jcleared?\\x07\\x0d\\x9b", ConsoleOutput.format(new Message.Text("\u001b[2Jcleared?\u0007\r\u009b")));
        assertEquals("code = 1000 (OK), reason = a\\x1bb", ConsoleOutput.closeStatus(1000, "a\u001bb"));
        assertEquals("code = 1006 (connection closed abnormally [internal]), no reason", ConsoleOutput.closeStatus(1006, ""));
    }

    @Test
    void withoutATerminalThereIsNoPromptAndNoEscape() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleOutput output = new ConsoleOutput(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
        output.prompt();
        output.received(new Message.Text("x"));
        output.overInput("done");
        assertEquals(List.of("< x", "done"), bytes.toString(StandardCharsets.UTF_8).lines().toList());
        assertEquals(-1, bytes.toString(StandardCharsets.UTF_8).indexOf('\u001b'));
    }
}
