package io.tern.broker.auth;

import io.tern.codec.PacketType;
import io.tern.codec.ReasonCode;
import java.util.Objects;

/**
 * The broker's answer to one step of enhanced authentication.
 *
 * @param outcome whether authentication goes on, succeeded or failed
 * @param data    the Authentication Data to send: the challenge, or the final data of a success (optional);
 *                {@code null} for none
 * @param failure for a failure, the reason code to refuse with (e.g. {@link ReasonCode#NOT_AUTHORIZED},
 *                {@link ReasonCode#BAD_AUTHENTICATION_METHOD}); otherwise {@code null}
 */
public record AuthenticationStep(Outcome outcome, byte[] data, ReasonCode failure) {
    /** What a step leads to. */
    public enum Outcome {
        /** The client must answer a challenge. */
        CONTINUE,
        /** The client is authenticated. */
        SUCCESS,
        /** The client is refused. */
        FAILURE
    }

    /** Checks that a failure, and only a failure, has a reason code, one that refuses a connection. */
    public AuthenticationStep {
        Objects.requireNonNull(outcome, "outcome");
        if ((outcome == Outcome.FAILURE) != (failure != null)) {
            throw new IllegalArgumentException("a failure, and only a failure, has a reason code");
        }
        if (failure != null && !(failure.isError() && failure.isAllowedIn(PacketType.CONNACK))) {
            throw new IllegalArgumentException(failure + " does not refuse a connection");
        }
        if (outcome == Outcome.CONTINUE) {
            Objects.requireNonNull(data, "a challenge needs data");
        }
    }

    /** A challenge the client must answer. */
    public static AuthenticationStep challenge(byte[] data) {
        return new AuthenticationStep(Outcome.CONTINUE, data, null);
    }

    /** The client is authenticated; {@code data} is sent with the success, {@code null} for none. */
    public static AuthenticationStep success(byte[] data) {
        return new AuthenticationStep(Outcome.SUCCESS, data, null);
    }

    /** The client is refused with {@code reasonCode}. */
    public static AuthenticationStep failure(ReasonCode reasonCode) {
        return new AuthenticationStep(Outcome.FAILURE, null, reasonCode);
    }
}
