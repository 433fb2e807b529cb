package io.tern.cli.broker;

import io.tern.broker.auth.FileSecurity;
import io.tern.broker.auth.SecurityFileException;
import java.nio.file.Path;

/**
 * The {@code auth} section of the configuration: who may connect and what they may do.
 *
 * @param passwordFile   the password file (mosquitto_passwd's format, managed with {@code tern passwd}), or
 *                       {@code null} for none
 * @param aclFile        the ACL file (mosquitto's syntax), or {@code null} for none: everyone may do everything
 * @param allowAnonymous whether clients without a user name may connect; {@code null}: only without a password file
 */
public record AuthSettings(Path passwordFile, Path aclFile, Boolean allowAnonymous) {
    /** No files: anyone may connect and do everything. */
    public static final AuthSettings NONE = new AuthSettings(null, null, null);

    /** Reads the files. */
    public FileSecurity load() throws SecurityFileException {
        return FileSecurity.load(passwordFile, aclFile, allowAnonymous);
    }
}
