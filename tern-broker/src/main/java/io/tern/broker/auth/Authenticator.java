package io.tern.broker.auth;

import io.tern.codec.ReasonCode;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Decides whether a client may connect. It may take its time (hash a password, ask a directory):
 * the broker waits for the answer without blocking an event loop.
 */
@FunctionalInterface
public interface Authenticator {
    /** Lets every client connect. */
    Authenticator ALLOW_ALL = (client, password) -> CompletableFuture.completedFuture(ReasonCode.SUCCESS);

    /**
     * Authenticates a client.
     *
     * @param client   the client's identifier, user name and address
     * @param password the password it sent, or {@code null}
     * @return {@link ReasonCode#SUCCESS}, or the CONNACK reason code of the refusal (for example
     *         {@link ReasonCode#BAD_USER_NAME_OR_PASSWORD} or {@link ReasonCode#NOT_AUTHORIZED})
     */
    CompletionStage<ReasonCode> authenticate(ClientInfo client, byte[] password);
}
