package io.tern.broker.support;

import io.tern.broker.auth.AuthenticationExchange;
import io.tern.broker.auth.AuthenticationMethod;
import io.tern.broker.auth.AuthenticationStep;
import io.tern.broker.auth.ClientInfo;
import io.tern.codec.ReasonCode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A challenge-response method of enhanced authentication for tests, named {@value #NAME}: the client
 * opens with {@code hello}, the broker challenges with a fresh nonce, and the client must answer with
 * the nonce followed by {@code :secret}; then the broker welcomes it with {@code welcome}. Answers come
 * from another thread, as a real method's would.
 */
public final class ChallengeResponseMethod implements AuthenticationMethod {
    /** The method's name. */
    public static final String NAME = "TEST-CHALLENGE";

    private final AtomicInteger nonces = new AtomicInteger();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public AuthenticationExchange begin(ClientInfo client) {
        byte[] nonce = ("nonce-" + nonces.incrementAndGet()).getBytes(StandardCharsets.UTF_8);
        return new AuthenticationExchange() {
            private boolean challenged;

            @Override
            public CompletionStage<AuthenticationStep> respond(byte[] clientData) {
                return CompletableFuture.supplyAsync(() -> {
                    if (!challenged) {
                        challenged = true;
                        return Arrays.equals(clientData, bytes("hello"))
                                ? AuthenticationStep.challenge(nonce)
                                : AuthenticationStep.failure(ReasonCode.NOT_AUTHORIZED);
                    }
                    return Arrays.equals(clientData, answerTo(nonce))
                            ? AuthenticationStep.success(bytes("welcome"))
                            : AuthenticationStep.failure(ReasonCode.NOT_AUTHORIZED);
                });
            }
        };
    }

    /** The right answer to a challenge. */
    public static byte[] answerTo(byte[] nonce) {
        return bytes(new String(nonce, StandardCharsets.UTF_8) + ":secret");
    }

    /** UTF-8 bytes of {@code text}. */
    public static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
