package io.tern.broker.auth.password;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.broker.auth.ClientInfo;
import io.tern.codec.ReasonCode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Where and how the password authenticator checks passwords. */
class PasswordAuthenticatorTest {
    private final PasswordFile file = PasswordFile.empty().with(PasswordEntry.of("alice", bytes("pw"), 10, 0));
    private final List<Runnable> submitted = new ArrayList<>();
    private final Executor recording = submitted::add;

    @Test
    @DisplayName("every user name is hashed on the executor, never the caller: known, unknown, or without password")
    void hashesOffTheCaller() {
        PasswordAuthenticator authenticator = new PasswordAuthenticator(() -> file, false, recording);

        var right = authenticator.authenticate(client("alice"), bytes("pw")).toCompletableFuture();
        var wrong = authenticator.authenticate(client("alice"), bytes("px")).toCompletableFuture();
        var unknown = authenticator.authenticate(client("bob"), bytes("pw")).toCompletableFuture();
        var none = authenticator.authenticate(client("alice"), null).toCompletableFuture();

        assertThat(List.of(right, wrong, unknown, none)).noneMatch(future -> future.isDone());
        assertThat(submitted).hasSize(4);
        submitted.forEach(Runnable::run);
        assertThat(right.join()).isEqualTo(ReasonCode.SUCCESS);
        assertThat(wrong.join()).isEqualTo(ReasonCode.BAD_USER_NAME_OR_PASSWORD);
        assertThat(unknown.join()).isEqualTo(ReasonCode.BAD_USER_NAME_OR_PASSWORD);
        assertThat(none.join()).isEqualTo(ReasonCode.BAD_USER_NAME_OR_PASSWORD);
    }

    @Test
    @DisplayName("an unknown user is checked against a decoy as slow as the file's slowest hash")
    void decoyAsSlowAsRealHashes() {
        PasswordFile slow = file.with(PasswordEntry.of("bob", bytes("pw"), 3000, 0));

        assertThat(((Pbkdf2Sha512Hash) slow.decoy()).iterations()).isEqualTo(3000);
        assertThat(slow.decoy().matches(new byte[0])).isFalse();
    }

    @Test
    @DisplayName("when the hashing pool refuses work the client is told the server is busy; anonymous per the setting")
    void busyAndAnonymous() {
        Executor full = task -> {
            throw new RejectedExecutionException("full");
        };

        assertThat(new PasswordAuthenticator(() -> file, false, full).authenticate(client("alice"), bytes("pw"))
                .toCompletableFuture().join()).isEqualTo(ReasonCode.SERVER_BUSY);
        assertThat(new PasswordAuthenticator(() -> file, false, full).authenticate(client(null), null)
                .toCompletableFuture().join()).isEqualTo(ReasonCode.NOT_AUTHORIZED);
        assertThat(new PasswordAuthenticator(() -> file, true, full).authenticate(client(null), null)
                .toCompletableFuture().join()).isEqualTo(ReasonCode.SUCCESS);
    }

    @Test
    @DisplayName("a user named by its verified TLS certificate needs no password, as with mosquitto's use_identity_as_username")
    void certificateProvesTheUser() {
        PasswordAuthenticator authenticator = new PasswordAuthenticator(() -> file, false, recording);

        var certified = authenticator.authenticate(new ClientInfo("c", "carol", null, true), null);

        assertThat(certified.toCompletableFuture().join()).isEqualTo(ReasonCode.SUCCESS);
        assertThat(submitted).isEmpty();
    }

    private static ClientInfo client(String username) {
        return new ClientInfo("c", username, null);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
