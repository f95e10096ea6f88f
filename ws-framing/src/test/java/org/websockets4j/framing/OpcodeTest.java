package org.websockets4j.framing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Opcode}: wire values, classes, and the reserved ones. */
class OpcodeTest {
    @ParameterizedTest
    @CsvSource({"0, CONTINUATION, false", "1, TEXT, false", "2, BINARY, false", "8, CLOSE, true", "9, PING, true", "10, PONG, true"})
    void definedOpcodes(int code, Opcode opcode, boolean control) {
        assertSame(opcode, Opcode.of(code));
        assertSame(opcode, Opcode.lookup(code));
        assertEquals(code, opcode.code());
        assertEquals(control, opcode.isControl());
        assertEquals(!control, opcode.isData());
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 4, 5, 6, 7, 11, 12, 13, 14, 15})
    void reservedOpcodes(int code) {
        ProtocolError e = assertThrows(ProtocolError.class, () -> Opcode.of(code));
        assertSame(ProtocolError.class, e.getClass());
        assertEquals(1002, e.closeCode());
        assertNull(Opcode.lookup(code));
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 16, 255, Integer.MIN_VALUE, Integer.MAX_VALUE})
    void outOfRange(int code) {
        assertThrows(IllegalArgumentException.class, () -> Opcode.of(code));
    }

    @Test
    void allSixteenValues() {
        int defined = 0;
        for (int code = 0; code <= 15; code++) {
            try {
                assertEquals(code, Opcode.of(code).code());
                defined++;
            } catch (ProtocolError e) {
                assertEquals(1002, e.closeCode());
            }
        }
        assertEquals(6, defined);
        assertEquals(6, Opcode.values().length);
    }

    @Test
    void lookupUsesTheLowFourBits() {
        assertSame(Opcode.TEXT, Opcode.lookup(0x81));
        assertSame(Opcode.PONG, Opcode.lookup(0xFA));
    }
}
