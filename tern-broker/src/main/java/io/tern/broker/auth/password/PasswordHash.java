package io.tern.broker.auth.password;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A salted hash of a password as a password file holds it, in mosquitto's formats so that files move
 * between the two brokers: {@code $7$} (PBKDF2-HMAC-SHA512, mosquitto 2) and {@code $6$} (salted
 * SHA-512, mosquitto 1.x; read only).
 */
public sealed interface PasswordHash permits Pbkdf2Sha512Hash, Sha512Hash {
    /** Whether {@code password} is the one hashed, compared in constant time. Slow by design: not on an event loop. */
    boolean matches(byte[] password);

    /** The hash as the file holds it, e.g. {@code $7$101$salt$hash}. */
    String encoded();

    /**
     * Reads a hash as the file holds it.
     *
     * @throws IllegalArgumentException with the reason, if it is not one of the formats
     */
    static PasswordHash parse(String encoded) {
        String[] parts = encoded.split("\\$", -1);
        if (parts.length < 2 || !parts[0].isEmpty()) {
            throw new IllegalArgumentException("the hash must begin with $7$ or $6$ (plain text passwords are not "
                    + "read: hash them with tern passwd or mosquitto_passwd -U)");
        }
        return switch (parts[1]) {
            case "7" -> {
                if (parts.length != 5) {
                    throw new IllegalArgumentException("a $7$ hash is $7$iterations$salt$hash");
                }
                int iterations;
                try {
                    iterations = Integer.parseInt(parts[2]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("the iteration count of a $7$ hash must be a number, not '"
                            + parts[2] + "'");
                }
                yield new Pbkdf2Sha512Hash(iterations, base64(parts[3], "salt"), base64(parts[4], "hash"));
            }
            case "6" -> {
                if (parts.length != 4) {
                    throw new IllegalArgumentException("a $6$ hash is $6$salt$hash");
                }
                yield new Sha512Hash(base64(parts[2], "salt"), base64(parts[3], "hash"));
            }
            default -> throw new IllegalArgumentException("unknown hash type $" + parts[1]
                    + "$ (known: $7$ PBKDF2-SHA512, $6$ SHA512)");
        };
    }

    private static byte[] base64(String text, String what) {
        try {
            return Base64.getDecoder().decode(text.getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the " + what + " is not valid Base64");
        }
    }
}
