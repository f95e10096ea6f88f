package org.websockets4j.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * Comparisons of secrets (passwords, tokens) whose time does not depend on where the inputs
 * differ, so that a client timing its attempts learns nothing about the secret (Python's
 * {@code hmac.compare_digest}).
 *
 * <p>Both inputs are hashed with SHA-256 first and the digests compared with
 * {@link MessageDigest#isEqual(byte[], byte[])}, which looks at every byte: the time depends only on
 * the inputs' lengths, and the lengths are not compared on their own, so neither leaks how many
 * leading characters matched nor how long the secret is (beyond the hashing time). A SHA-256
 * collision is not a practical concern.
 *
 * <p>Stateless and thread-safe.
 */
public final class TimingSafe {
    private TimingSafe() {
    }

    /**
     * Whether two strings are equal, compared in time independent of their contents.
     *
     * @param a one string, not null; compared as UTF-8
     * @param b the other, not null
     * @return true when they hold the same characters
     * @throws NullPointerException when an argument is null
     */
    public static boolean equal(String a, String b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        return equal(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Whether two byte arrays are equal, compared in time independent of their contents.
     *
     * @param a one array, not null
     * @param b the other, not null
     * @return true when they hold the same bytes
     * @throws NullPointerException when an argument is null
     */
    public static boolean equal(byte[] a, byte[] b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        return MessageDigest.isEqual(sha256(a), sha256(b));
    }

    /** SHA-256 of {@code data}: every JDK has it (Java SE requires it). */
    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every Java platform supports SHA-256", e);
        }
    }

    /** SHA-256 of the UTF-8 bytes of {@code text}. */
    static byte[] sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }
}
