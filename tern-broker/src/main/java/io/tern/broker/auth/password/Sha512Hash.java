package io.tern.broker.auth.password;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * A salted SHA-512 hash, mosquitto 1.x's {@code $6$salt$hash}: SHA-512 of the password then the salt.
 * Read so that old files keep working; too fast to resist guessing, so {@code tern passwd} never writes it.
 *
 * @param salt the salt
 * @param hash the digest
 */
public record Sha512Hash(byte[] salt, byte[] hash) implements PasswordHash {
    @Override
    public boolean matches(byte[] password) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-512");
            digest.update(password);
            digest.update(salt);
            return MessageDigest.isEqual(hash, digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String encoded() {
        Base64.Encoder base64 = Base64.getEncoder();
        return "$6$" + base64.encodeToString(salt) + "$" + base64.encodeToString(hash);
    }
}
