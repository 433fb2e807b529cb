package io.tern.broker.auth.password;

import io.tern.codec.auth.ScramKeys;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * One user of a password file: {@code user:$7$iterations$salt$hash}, as mosquitto 2 writes it, and
 * optionally a third field with the user's SCRAM-SHA-256 keys,
 * {@code :scram-sha-256$iterations$salt$StoredKey$ServerKey} (Base64). mosquitto reads the first two
 * fields only, so a file with SCRAM keys still works there; a user without them cannot log in with
 * SCRAM-SHA-256.
 *
 * @param username the user name
 * @param hash     the password's hash
 * @param scram    the SCRAM-SHA-256 keys, or {@code null}
 */
public record PasswordEntry(String username, PasswordHash hash, ScramKeys scram) {
    private static final String SCRAM_PREFIX = "scram-sha-256$";

    /** Checks the user name: not empty, and without ':' (the separator). */
    public PasswordEntry {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(hash, "hash");
        if (username.isEmpty() || username.indexOf(':') >= 0) {
            throw new IllegalArgumentException("a user name must not be empty or contain ':'");
        }
    }

    /** A new entry for {@code password}: its hash, and SCRAM keys unless {@code scramIterations} is 0. */
    public static PasswordEntry of(String username, byte[] password, int iterations, int scramIterations) {
        ScramKeys scram = null;
        if (scramIterations > 0) {
            byte[] salt = new byte[16];
            Pbkdf2Sha512Hash.RANDOM.nextBytes(salt);
            scram = ScramKeys.derive(password, salt, scramIterations);
        }
        return new PasswordEntry(username, Pbkdf2Sha512Hash.of(password, iterations), scram);
    }

    /**
     * Reads a line of a password file.
     *
     * @throws IllegalArgumentException with the reason, if the line is not an entry
     */
    public static PasswordEntry parse(String line) {
        String[] fields = line.split(":", -1);
        if (fields.length < 2 || fields.length > 3) {
            throw new IllegalArgumentException("a line is user:hash, optionally followed by :scram-sha-256$...");
        }
        if (fields[0].isEmpty()) {
            throw new IllegalArgumentException("the user name is empty");
        }
        PasswordHash hash = PasswordHash.parse(fields[1].strip());
        return new PasswordEntry(fields[0], hash, fields.length == 3 ? scram(fields[2].strip()) : null);
    }

    private static ScramKeys scram(String field) {
        if (!field.startsWith(SCRAM_PREFIX)) {
            throw new IllegalArgumentException("the third field must be scram-sha-256$iterations$salt$StoredKey$ServerKey");
        }
        String[] parts = field.substring(SCRAM_PREFIX.length()).split("\\$", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("SCRAM keys are scram-sha-256$iterations$salt$StoredKey$ServerKey");
        }
        try {
            Base64.Decoder base64 = Base64.getDecoder();
            return new ScramKeys(base64.decode(parts[1].getBytes(StandardCharsets.US_ASCII)), Integer.parseInt(parts[0]),
                    base64.decode(parts[2].getBytes(StandardCharsets.US_ASCII)),
                    base64.decode(parts[3].getBytes(StandardCharsets.US_ASCII)));
        } catch (IllegalArgumentException e) { // NumberFormatException too
            throw new IllegalArgumentException("malformed SCRAM keys: " + e.getMessage());
        }
    }

    /** The line of this entry in a password file. */
    public String line() {
        if (scram == null) {
            return username + ":" + hash.encoded();
        }
        Base64.Encoder base64 = Base64.getEncoder();
        return username + ":" + hash.encoded() + ":" + SCRAM_PREFIX + scram.iterations() + "$"
                + base64.encodeToString(scram.salt()) + "$" + base64.encodeToString(scram.storedKey()) + "$"
                + base64.encodeToString(scram.serverKey());
    }
}
