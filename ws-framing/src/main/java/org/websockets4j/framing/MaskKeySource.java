package org.websockets4j.framing;

/**
 * Where a client's masking keys come from. RFC 6455 §5.3 requires each key to be fresh and
 * unpredictable, so the default, {@link #secure()}, draws from {@link java.security.SecureRandom}.
 *
 * <p>A custom source (say a fixed key in a test) must be safe for the way it is shared: a
 * {@link FrameWriter} calls {@link #nextKey()} from whichever thread encodes.
 */
@FunctionalInterface
public interface MaskKeySource {
    /**
     * The next masking key.
     *
     * @return 4 bytes of key; the most significant byte goes on the wire first
     */
    int nextKey();

    /**
     * A new source backed by {@link java.security.SecureRandom} (the DRBG algorithm where the
     * security configuration offers it) that draws 1 KiB at a time and
     * hands it out four bytes per key, so the cost of the strong generator is paid once per 256
     * keys. Not thread-safe: use one per writer.
     *
     * @return a new source
     */
    static MaskKeySource secure() {
        return new SecureMaskKeySource();
    }
}
