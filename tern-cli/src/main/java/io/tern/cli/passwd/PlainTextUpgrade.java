package io.tern.cli.passwd;

import io.tern.broker.auth.SecurityFileException;
import io.tern.broker.auth.password.PasswordEntry;
import io.tern.broker.auth.password.PasswordFile;
import io.tern.broker.auth.password.PasswordHash;
import java.nio.charset.StandardCharsets;

/**
 * {@code tern passwd -U}: hashes the plain text passwords of a file ({@code user:password} lines), as
 * {@code mosquitto_passwd -U} does; lines already hashed stay as they are, so running it twice does
 * not hash a hash.
 */
final class PlainTextUpgrade {
    private PlainTextUpgrade() {
    }

    /**
     * The file with every plain text password hashed.
     *
     * @throws SecurityFileException if a line has no ':' or the result is not a password file
     */
    static PasswordFile upgrade(String source, String text, int iterations, int scramIterations)
            throws SecurityFileException {
        StringBuilder upgraded = new StringBuilder();
        int number = 0;
        for (String line : text.lines().toList()) {
            number++;
            String stripped = line.strip();
            int colon = stripped.indexOf(':');
            if (stripped.isEmpty() || stripped.startsWith("#") || isHashed(stripped.substring(colon + 1))) {
                upgraded.append(line).append('\n');
                continue;
            }
            if (colon <= 0) {
                throw new SecurityFileException(source, number, "a line is user:password");
            }
            byte[] password = stripped.substring(colon + 1).getBytes(StandardCharsets.UTF_8);
            upgraded.append(PasswordEntry.of(stripped.substring(0, colon), password, iterations, scramIterations).line())
                    .append('\n');
        }
        return PasswordFile.parse(source, upgraded.toString());
    }

    private static boolean isHashed(String rest) {
        try {
            PasswordHash.parse(rest.split(":", -1)[0]);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
