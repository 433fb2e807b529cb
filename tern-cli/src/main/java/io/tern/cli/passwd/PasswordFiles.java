package io.tern.cli.passwd;

import io.tern.broker.auth.password.PasswordFile;
import io.tern.cli.passwd.PasswdCommand.PasswdException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes a password file whole, or not at all: into a new file beside it, then moved over it, so that
 * a broker reloading it never reads half of one. A new file is readable by its owner only; an
 * existing one keeps its permissions.
 */
final class PasswordFiles {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private PasswordFiles() {
    }

    static void write(Path file, PasswordFile passwords) throws PasswdException {
        Path absolute = file.toAbsolutePath();
        Path temporary = null;
        try {
            temporary = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".tmp");
            Files.setPosixFilePermissions(temporary, Files.exists(absolute)
                    ? Files.getPosixFilePermissions(absolute) : OWNER_ONLY);
            Files.writeString(temporary, passwords.text(), StandardCharsets.UTF_8);
            try {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | UnsupportedOperationException e) {
            try {
                if (temporary != null) {
                    Files.deleteIfExists(temporary);
                }
            } catch (IOException ignored) {
                // the error below says what matters
            }
            throw new PasswdException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
