package io.tern.broker.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** A password or ACL file that cannot be used, with where and why: {@code acl:7: unknown keyword 'topik'}. */
public final class SecurityFileException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int line;

    /**
     * @param source the file as the user named it
     * @param line   the line, 1 for the first; 0 for the whole file
     * @param reason what is wrong, for a person
     */
    public SecurityFileException(String source, int line, String reason) {
        super(source + (line > 0 ? ":" + line : "") + ": " + reason);
        this.line = line;
    }

    /** The line (1 for the first), or 0 for the whole file. */
    public int line() {
        return line;
    }

    /**
     * The text of a password or ACL file.
     *
     * @throws SecurityFileException if it cannot be read: missing, a directory, not allowed
     */
    public static String readText(Path file) throws SecurityFileException {
        String source = file.toString();
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new SecurityFileException(source, 0, "no such file");
        } catch (AccessDeniedException e) {
            throw new SecurityFileException(source, 0, "permission denied");
        } catch (IOException e) {
            throw new SecurityFileException(source, 0, Files.isDirectory(file) ? "is a directory" : "cannot read: " + e);
        }
    }
}
