package io.tern.broker.auth.password;

import io.tern.codec.auth.Pbkdf2;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A PBKDF2-HMAC-SHA512 hash, mosquitto 2's {@code $7$iterations$salt$hash} (a 12-byte salt and a
 * 64-byte hash, both Base64).
 *
 * @param iterations the iteration count
 * @param salt       the salt
 * @param hash       the derived key
 */
public record Pbkdf2Sha512Hash(int iterations, byte[] salt, byte[] hash) implements PasswordHash {
    /** The iteration count of {@code tern passwd} when none is given; see README's "Securing Tern". */
    public static final int DEFAULT_ITERATIONS = 10_000;
    static final SecureRandom RANDOM = new SecureRandom();
    private static final String HMAC = "HmacSHA512";
    private static final int SALT_LENGTH = 12;
    private static final int HASH_LENGTH = 64;

    /** Checks the parts. */
    public Pbkdf2Sha512Hash {
        if (iterations < 1) {
            throw new IllegalArgumentException("the iteration count must be at least 1, not " + iterations);
        }
        if (salt.length == 0 || hash.length == 0) {
            throw new IllegalArgumentException("the salt and the hash must not be empty");
        }
    }

    /** A new hash of {@code password} with a random salt. */
    public static Pbkdf2Sha512Hash of(byte[] password, int iterations) {
        byte[] salt = new byte[SALT_LENGTH];
        RANDOM.nextBytes(salt);
        return new Pbkdf2Sha512Hash(iterations, salt, Pbkdf2.derive(HMAC, password, salt, iterations, HASH_LENGTH));
    }

    /** A hash that no password is known to match, with random salt and hash: as slow to check as a real one. */
    static Pbkdf2Sha512Hash decoy(int iterations) {
        byte[] salt = new byte[SALT_LENGTH];
        byte[] hash = new byte[HASH_LENGTH];
        RANDOM.nextBytes(salt);
        RANDOM.nextBytes(hash);
        return new Pbkdf2Sha512Hash(iterations, salt, hash);
    }

    @Override
    public boolean matches(byte[] password) {
        return MessageDigest.isEqual(hash, Pbkdf2.derive(HMAC, password, salt, iterations, hash.length));
    }

    @Override
    public String encoded() {
        Base64.Encoder base64 = Base64.getEncoder();
        return "$7$" + iterations + "$" + base64.encodeToString(salt) + "$" + base64.encodeToString(hash);
    }
}
