package org.websockets4j.framing;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/** {@link MaskKeySource#secure()}: SecureRandom bytes drawn in blocks, four per key. Not thread-safe. */
final class SecureMaskKeySource implements MaskKeySource {
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final int BLOCK = 1024;

    private final SecureRandom random = newRandom();
    private final byte[] block = new byte[BLOCK];
    private int next = BLOCK;

    /**
     * DRBG (NIST SP 800-90A, seeded from the platform's entropy source) fills a block about three
     * times faster than the Linux default NativePRNG and with almost no garbage; it exists on every
     * JDK since 9, the fallback is only for exotic security configurations.
     */
    private static SecureRandom newRandom() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }

    @Override
    public int nextKey() {
        if (next == BLOCK) {
            random.nextBytes(block);
            next = 0;
        }
        int key = (int) INT.get(block, next);
        next += 4;
        return key;
    }
}
