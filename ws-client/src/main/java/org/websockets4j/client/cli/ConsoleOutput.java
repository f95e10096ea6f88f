package org.websockets4j.client.cli;

import java.io.PrintStream;
import java.util.HexFormat;
import org.websockets4j.framing.CloseCodes;
import org.websockets4j.protocol.Message;

/**
 * What the interactive client prints, and how: messages received arrive on one thread while the
 * user types on another, so every method is synchronized and each line is written and flushed
 * whole.
 *
 * <p>On a terminal the prompt {@code "> "} is shown, and a message received is inserted on a new
 * line above the one being typed (ANSI: save the cursor, open a line above, write, restore), so
 * the text being typed stays where it is. Otherwise (stdin or stdout redirected) no prompt and no
 * escape sequence is written: one line per event. Control characters a server sends, other than
 * tab and newline, are shown escaped ({@code \x1b}), so a message cannot drive the terminal.
 */
final class ConsoleOutput {
    /** The most bytes of a binary message shown in hex. */
    static final int BINARY_SHOWN = 16;

    private static final String PROMPT = "> ";
    private static final String ESC = "\u001b";
    /** Save the cursor, go down a line (scrolling if needed) and back up, insert a blank line there. */
    private static final String OPEN_LINE_ABOVE = ESC + "7\n" + ESC + "[A" + ESC + "[L";
    /** Restore the cursor (now on the inserted line) and move down to the line being typed. */
    private static final String BACK_TO_INPUT = ESC + "8" + ESC + "[B";
    /** Go to the first column and erase the line. */
    private static final String ERASE_LINE = "\r" + ESC + "[K";

    private final PrintStream out;
    private final boolean terminal;

    ConsoleOutput(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** Shows the prompt (on a terminal only). */
    synchronized void prompt() {
        if (terminal) {
            out.print(PROMPT);
            out.flush();
        }
    }

    /** Prints a line while the user may be typing: above the input line on a terminal. */
    synchronized void duringInput(String line) {
        if (terminal) {
            out.print(OPEN_LINE_ABOVE + line + "\n" + BACK_TO_INPUT);
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** Prints a line in place of the prompt, for a last word such as the close status. */
    synchronized void overInput(String line) {
        out.print(terminal ? ERASE_LINE + line + "\n" : line + System.lineSeparator());
        out.flush();
    }

    /** Prints a message received: {@code < text}, or {@code < (binary) n bytes: 0a 0b ...}. */
    void received(Message message) {
        duringInput(format(message));
    }

    /** How a received message is shown. */
    static String format(Message message) {
        return switch (message) {
            case Message.Text text -> "< " + escapeControls(text.text());
            case Message.Binary binary -> {
                byte[] data = binary.data();
                StringBuilder line = new StringBuilder("< (binary) ").append(data.length)
                        .append(data.length == 1 ? " byte" : " bytes");
                if (data.length > 0) {
                    int shown = Math.min(data.length, BINARY_SHOWN);
                    line.append(": ").append(HexFormat.ofDelimiter(" ").formatHex(data, 0, shown));
                    if (shown < data.length) {
                        line.append(" ...");
                    }
                }
                yield line.toString();
            }
        };
    }

    /** The close status as Python websockets words it: {@code code = 1000 (OK), no reason}. */
    static String closeStatus(int code, String reason) {
        String text = "code = " + code + " (" + CloseCodes.describe(code) + "), ";
        return reason == null || reason.isEmpty() ? text + "no reason" : text + "reason = " + escapeControls(reason);
    }

    /** Replaces control characters but tab and newline with {@code \xNN}. */
    static String escapeControls(String text) {
        StringBuilder escaped = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = (c < 0x20 && c != '\t' && c != '\n') || (c >= 0x7f && c <= 0x9f);
            if (control && escaped == null) {
                escaped = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (escaped != null) {
                if (control) {
                    escaped.append("\\x").append(HexFormat.of().toHexDigits((byte) c));
                } else {
                    escaped.append(c);
                }
            }
        }
        return escaped == null ? text : escaped.toString();
    }
}
