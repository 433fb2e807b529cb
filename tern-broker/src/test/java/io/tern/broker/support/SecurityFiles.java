package io.tern.broker.support;

import io.tern.broker.auth.FileSecurity;
import io.tern.broker.auth.SecurityFileException;
import io.tern.broker.auth.password.PasswordEntry;
import io.tern.broker.auth.password.PasswordFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A password file and an ACL file in a temporary directory, and the {@link FileSecurity} over them:
 * {@code new EmbeddedBroker(files.security()::applyTo)}. Passwords are hashed with few iterations,
 * to keep tests quick. Register it as an extension before the broker, and it closes after the test:
 * <pre>{@code
 * @RegisterExtension final SecurityFiles files = SecurityFiles.of(acl, null, "alice", "pw");
 * @RegisterExtension final EmbeddedBroker broker = new EmbeddedBroker(files.security()::applyTo);
 * }</pre>
 */
public final class SecurityFiles implements AfterEachCallback {
    private final Path directory;
    private final Path passwords;
    private final Path acl;
    private final FileSecurity security;

    private SecurityFiles(String passwordText, String aclText, Boolean allowAnonymous) {
        try {
            directory = Files.createTempDirectory("tern-security");
            passwords = directory.resolve("passwords");
            acl = directory.resolve("acl");
            Files.writeString(passwords, passwordText);
            if (aclText != null) {
                Files.writeString(acl, aclText);
            }
            security = FileSecurity.load(passwords, aclText == null ? null : acl, allowAnonymous);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SecurityFileException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** These users ({@code user, password, user, password...}) and this ACL ({@code null} for none). */
    public static SecurityFiles of(String aclText, Boolean allowAnonymous, String... usersAndPasswords) {
        return new SecurityFiles(passwordText(usersAndPasswords), aclText, allowAnonymous);
    }

    private static String passwordText(String... usersAndPasswords) {
        PasswordFile file = PasswordFile.empty();
        for (int i = 0; i < usersAndPasswords.length; i += 2) {
            file = file.with(PasswordEntry.of(usersAndPasswords[i],
                    usersAndPasswords[i + 1].getBytes(StandardCharsets.UTF_8), 100, 4096));
        }
        return file.text();
    }

    /** A password file of this text, exactly (e.g. lines of mosquitto_passwd), and no ACL. */
    public static SecurityFiles ofPasswordText(String passwordText) {
        return new SecurityFiles(passwordText, null, null);
    }

    /** The security over the files. */
    public FileSecurity security() {
        return security;
    }

    /** Replaces the ACL file's text (takes effect at {@link FileSecurity#reload()}). */
    public void writeAcl(String text) {
        write(acl, text);
    }

    /** Replaces the password file with these users (takes effect at {@link FileSecurity#reload()}). */
    public void writeUsers(String... usersAndPasswords) {
        write(passwords, passwordText(usersAndPasswords));
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        security.close();
        Files.deleteIfExists(passwords);
        Files.deleteIfExists(acl);
        Files.deleteIfExists(directory);
    }
}
