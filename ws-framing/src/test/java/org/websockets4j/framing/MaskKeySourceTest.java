package org.websockets4j.framing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The default, SecureRandom-backed key source. */
class MaskKeySourceTest {
    private static int[] draw(MaskKeySource source, int n) {
        int[] keys = new int[n];
        for (int i = 0; i < n; i++) {
            keys[i] = source.nextKey();
        }
        return keys;
    }

    @Test
    void secureKeysLookRandomAcrossBlocks() {
        int[] keys = draw(MaskKeySource.secure(), 1000); // four 256-key blocks
        Set<Integer> distinct = new HashSet<>();
        int bitsSet = 0;
        for (int key : keys) {
            distinct.add(key);
            bitsSet += Integer.bitCount(key);
        }
        assertTrue(distinct.size() >= 995, "only " + distinct.size() + " distinct keys");
        // 32000 fair bits: the count of ones is within a very generous margin of half.
        assertTrue(Math.abs(bitsSet - 16000) < 1000, "ones: " + bitsSet);
    }

    @Test
    void eachCallGivesAnIndependentSource() {
        MaskKeySource a = MaskKeySource.secure();
        MaskKeySource b = MaskKeySource.secure();
        assertNotSame(a, b);
        assertNotEquals(Arrays.toString(draw(a, 8)), Arrays.toString(draw(b, 8)));
    }

    @Test
    void anyLambdaIsASource() {
        MaskKeySource fixed = () -> 42;
        assertEquals(42, fixed.nextKey());
    }
}
