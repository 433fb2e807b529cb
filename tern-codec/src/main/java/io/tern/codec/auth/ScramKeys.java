package io.tern.codec.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * What a server keeps to check a SCRAM-SHA-256 login (RFC 5802, RFC 7677) without knowing the
 * password: the salt and iteration count the client derives its key with, the StoredKey that checks
 * the client's proof and the ServerKey that signs the server's answer.
 *
 * @param salt       the salt
 * @param iterations the PBKDF2-HMAC-SHA-256 iteration count
 * @param storedKey  H(ClientKey)
 * @param serverKey  HMAC(SaltedPassword, "Server Key")
 */
public record ScramKeys(byte[] salt, int iterations, byte[] storedKey, byte[] serverKey) {
    /** The HMAC of SCRAM-SHA-256. */
    public static final String HMAC = "HmacSHA256";
    /** The least iteration count RFC 7677 allows for SCRAM-SHA-256. */
    public static final int MIN_ITERATIONS = 4096;

    /** Checks the lengths. */
    public ScramKeys {
        Objects.requireNonNull(salt, "salt");
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be at least 1, not " + iterations);
        }
        if (storedKey.length != 32 || serverKey.length != 32) {
            throw new IllegalArgumentException("a SCRAM-SHA-256 key has 32 bytes");
        }
    }

    /** The keys of {@code password} with this salt and iteration count. */
    public static ScramKeys derive(byte[] password, byte[] salt, int iterations) {
        byte[] salted = saltedPassword(password, salt, iterations);
        return new ScramKeys(salt, iterations, sha256(clientKey(salted)), hmac(salted, "Server Key"));
    }

    /** SaltedPassword := Hi(Normalize(password), salt, i); the password is taken as it is (no SASLprep). */
    static byte[] saltedPassword(byte[] password, byte[] salt, int iterations) {
        return Pbkdf2.derive(HMAC, password, salt, iterations, 32);
    }

    static byte[] clientKey(byte[] saltedPassword) {
        return hmac(saltedPassword, "Client Key");
    }

    /** HMAC-SHA-256 of a text. */
    public static byte[] hmac(byte[] key, String text) {
        return Pbkdf2.Hmacs.of(HMAC, key, text.getBytes(StandardCharsets.UTF_8));
    }

    /** SHA-256. */
    public static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code a} XOR {@code b}, of equal lengths. */
    public static byte[] xor(byte[] a, byte[] b) {
        byte[] result = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            result[i] = (byte) (a[i] ^ b[i]);
        }
        return result;
    }
}
