package io.tern.broker.auth;

import java.util.concurrent.CompletionStage;

/**
 * One authentication of a client by an {@link AuthenticationMethod}: the client's authentication data
 * comes step by step (from CONNECT or AUTH), and each step is answered with a challenge, a success or
 * a failure. It may take its time: the broker waits without blocking an event loop, and sends the
 * next step only after the answer.
 */
@FunctionalInterface
public interface AuthenticationExchange {
    /**
     * Answers the client's next step.
     *
     * @param clientData the client's Authentication Data, or {@code null} when it sent none
     * @return a challenge for the client (AUTH 0x18), a success (CONNACK, or AUTH 0x00 for a
     *         re-authentication) or a failure (CONNACK, or DISCONNECT for a re-authentication)
     */
    CompletionStage<AuthenticationStep> respond(byte[] clientData);
}
