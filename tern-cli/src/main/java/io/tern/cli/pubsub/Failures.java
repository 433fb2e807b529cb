package io.tern.cli.pubsub;

import io.tern.client.ConnectionRefusedException;
import io.tern.client.MqttClientException;
import io.tern.codec.ReasonCode;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * What {@code tern pub} and {@code tern sub} say and exit with when something fails, as mosquitto's
 * clients exit: the CONNACK code when the broker refuses the connection (the MQTT 5 reason code, or the
 * MQTT 3.1.1 return code), 1 for any other failure.
 */
public final class Failures {
    /** The exit code of a failure that is not a refused connection. */
    public static final int ERROR = 1;

    private Failures() {
    }

    /** The failure inside the wrappers that futures put around it. */
    public static Throwable cause(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** One line a person can act on: "connection refused: not authorized (0x87)". */
    public static String message(Throwable failure) {
        Throwable cause = cause(failure);
        if (cause instanceof MqttClientException && cause.getMessage() != null) {
            return cause.getMessage();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    /** A reason code in words: "not authorized (0x87)". */
    public static String describe(ReasonCode code) {
        return code.name().toLowerCase(Locale.ROOT).replace('_', ' ') + String.format(" (0x%02X)", code.value());
    }

    /**
     * The exit code of {@code failure}: the CONNACK code of a refusal (the MQTT 3.1.1 return code, or the
     * MQTT 5 reason code), else {@link #ERROR}.
     */
    public static int exitCode(Throwable failure) {
        if (cause(failure) instanceof ConnectionRefusedException refused && refused.reasonCode() != null) {
            return refused.returnCode().orElse(refused.reasonCode().value());
        }
        return ERROR;
    }
}
