package org.websockets4j.extensions.permessagedeflate;

/**
 * Lets targets in other packages build permessage-deflate codecs on a private zlib pool, whose
 * counts tell whether native state leaked.
 */
public final class FuzzDeflate {
    private final ZlibPool pool = new ZlibPool(1);

    /** A negotiated codec on this pool: both directions at {@code bits}, context takeover as given. */
    public PerMessageDeflate codec(int bits, boolean noContextTakeover, boolean dedicated) {
        CompressionSettings settings = CompressionSettings.builder()
                .threshold(0).windowBits(bits).dedicatedDeflater(dedicated).build();
        return new PerMessageDeflate(noContextTakeover, noContextTakeover, bits, bits, settings, pool);
    }

    /** Native zlib objects created on this pool and neither idle on its shelf nor ended. */
    public long lent() {
        return pool.live() - pool.idle();
    }
}
