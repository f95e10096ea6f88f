package org.websockets4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The soak and fault program, short form: one round of every wave at scale 1 (issue 16). */
class SoakTest {
    @Test
    @Timeout(180)
    void everyWaveLeavesNothingBehindAndAFreshClientIsServed() throws Exception {
        List<String> failures = Soak.run(1, 1, System.out);
        assertEquals(List.of(), failures);
    }
}
