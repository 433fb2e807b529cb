package io.tern.broker.auth.password;

import io.tern.broker.auth.Authenticator;
import io.tern.broker.auth.ClientInfo;
import io.tern.codec.ReasonCode;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * Checks user names and passwords against a password file, off the event loops: hashes are slow by
 * design. A client without a user name is let in only when anonymous access is allowed. An unknown
 * user's password is checked against a decoy as slow as a real hash, so that the time of the answer
 * does not tell which users exist.
 */
public final class PasswordAuthenticator implements Authenticator {
    private final Supplier<PasswordFile> passwords;
    private final boolean allowAnonymous;
    private final Executor hashing;

    /**
     * @param passwords      the password file in force (read at each check, so that a reload applies at once)
     * @param allowAnonymous whether clients without a user name may connect
     * @param hashing        where the hashes are checked: a small bounded pool; when it refuses work, the
     *                       client is told the server is busy (0x89)
     */
    public PasswordAuthenticator(Supplier<PasswordFile> passwords, boolean allowAnonymous, Executor hashing) {
        this.passwords = passwords;
        this.allowAnonymous = allowAnonymous;
        this.hashing = hashing;
    }

    @Override
    public CompletionStage<ReasonCode> authenticate(ClientInfo client, byte[] password) {
        if (client.username() == null) {
            // [MQTT-3.1.4-3] the server may refuse a client it does not authenticate
            return CompletableFuture.completedFuture(allowAnonymous ? ReasonCode.SUCCESS : ReasonCode.NOT_AUTHORIZED);
        }
        if (client.certified()) {
            return CompletableFuture.completedFuture(ReasonCode.SUCCESS); // as mosquitto's use_identity_as_username
        }
        PasswordFile file = passwords.get();
        PasswordEntry entry = file.get(client.username());
        PasswordHash hash = entry == null || password == null ? file.decoy() : entry.hash();
        byte[] candidate = password == null ? new byte[0] : password;
        try {
            return CompletableFuture.supplyAsync(() -> hash.matches(candidate) && hash != file.decoy()
                    ? ReasonCode.SUCCESS : ReasonCode.BAD_USER_NAME_OR_PASSWORD, hashing);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(ReasonCode.SERVER_BUSY);
        }
    }
}
