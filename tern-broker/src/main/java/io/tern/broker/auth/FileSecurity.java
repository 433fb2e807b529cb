package io.tern.broker.auth;

import io.tern.broker.TernBroker;
import io.tern.broker.auth.acl.AclAuthorizer;
import io.tern.broker.auth.acl.AclRules;
import io.tern.broker.auth.password.PasswordAuthenticator;
import io.tern.broker.auth.password.PasswordFile;
import io.tern.broker.auth.password.ScramSha256Method;
import io.tern.codec.ReasonCode;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Authentication and authorization from a password file and an ACL file, either or both, which
 * {@link #reload()} reads again without touching the connections: the new files replace the old
 * ones as a whole, or, if either cannot be read, neither does. Password hashes are checked on a
 * small pool of its own (half the cores), with a bounded queue: a connect storm beyond it is told
 * the server is busy rather than queued for ever. Close it after the broker.
 *
 * <pre>{@code
 * try (FileSecurity security = FileSecurity.load(Path.of("passwords"), Path.of("acl"), null);
 *      TernBroker broker = security.applyTo(TernBroker.builder()).build()) { ... }
 * }</pre>
 */
public final class FileSecurity implements AutoCloseable {
    /** Password checks waiting for a hashing thread beyond which new ones are refused with 0x89. */
    private static final int MAX_WAITING_CHECKS = 1000;

    private final Path passwordFile;
    private final Path aclFile;
    private final boolean allowAnonymous;
    private final ExecutorService hashing;
    private volatile Snapshot current;

    /** The files in force, replaced together. */
    private record Snapshot(PasswordFile passwords, AclRules acl) {
    }

    private FileSecurity(Path passwordFile, Path aclFile, boolean allowAnonymous, Snapshot first) {
        this.passwordFile = passwordFile;
        this.aclFile = aclFile;
        this.allowAnonymous = allowAnonymous;
        this.current = first;
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        AtomicInteger count = new AtomicInteger();
        this.hashing = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(MAX_WAITING_CHECKS), task -> {
                    Thread thread = new Thread(task, "tern-password-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /**
     * Reads the files.
     *
     * @param passwordFile   the password file, or {@code null} for none: then user names are not checked
     * @param aclFile        the ACL file, or {@code null} for none: then every client may do everything
     * @param allowAnonymous whether clients without a user name may connect; {@code null} for the
     *                       default: only when there is no password file
     * @throws SecurityFileException if a file cannot be read or has a line that cannot be used
     */
    public static FileSecurity load(Path passwordFile, Path aclFile, Boolean allowAnonymous)
            throws SecurityFileException {
        return new FileSecurity(passwordFile, aclFile, allowAnonymous == null ? passwordFile == null : allowAnonymous,
                read(passwordFile, aclFile));
    }

    private static Snapshot read(Path passwordFile, Path aclFile) throws SecurityFileException {
        PasswordFile passwords = passwordFile == null ? PasswordFile.empty() : PasswordFile.load(passwordFile);
        AclRules acl = aclFile == null ? null : AclRules.load(aclFile);
        return new Snapshot(passwords, acl);
    }

    /**
     * Reads the files again and puts them in force for new and connected clients alike; if either
     * cannot be used, the ones in force stay.
     *
     * @return what is in force now, for the log: {@code 3 users, ACL from /etc/tern/acl}
     * @throws SecurityFileException what is wrong with a file
     */
    public String reload() throws SecurityFileException {
        current = read(passwordFile, aclFile);
        return describe();
    }

    /** What is in force: {@code 3 users from passwords, ACL from acl, anonymous refused}. */
    public String describe() {
        return (passwordFile == null ? "no password file" : current.passwords().size() + " users from " + passwordFile)
                + ", " + (aclFile == null ? "no ACL" : "ACL from " + aclFile)
                + ", anonymous " + (allowAnonymous ? "allowed" : "refused");
    }

    /** Whether clients without a user name may connect. */
    public boolean allowsAnonymous() {
        return allowAnonymous;
    }

    /** Puts the authenticator, the authorizer and, with a password file, SCRAM-SHA-256 in {@code builder}. */
    public TernBroker.Builder applyTo(TernBroker.Builder builder) {
        if (passwordFile != null) {
            builder.authenticator(new PasswordAuthenticator(() -> current.passwords(), allowAnonymous, hashing));
            builder.authenticationMethod(new ScramSha256Method(() -> current.passwords()));
        } else if (!allowAnonymous) { // no user can be checked: nobody gets in
            builder.authenticator((client, password) -> CompletableFuture.completedFuture(ReasonCode.NOT_AUTHORIZED));
        }
        if (aclFile != null) {
            builder.authorizer(new AclAuthorizer(() -> current.acl()));
        }
        return builder;
    }

    /** Stops the hashing threads; checks still waiting are dropped. */
    @Override
    public void close() {
        hashing.shutdownNow();
    }
}
