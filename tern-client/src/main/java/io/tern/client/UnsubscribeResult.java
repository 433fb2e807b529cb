package io.tern.client;

import io.tern.codec.ReasonCode;
import io.tern.codec.UserProperty;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The server's answer to an unsubscribe.
 *
 * @param filters        the topic filters asked for
 * @param reasonCodes    MQTT 5: the outcome of each filter in the same order, such as
 *                       {@link ReasonCode#NO_SUBSCRIPTION_EXISTED}; empty on MQTT 3.1.1, which has none
 * @param reasonString   the server's reason string, if any (MQTT 5)
 * @param userProperties the user properties of UNSUBACK (MQTT 5)
 */
public record UnsubscribeResult(List<String> filters, List<ReasonCode> reasonCodes, Optional<String> reasonString,
                                List<UserProperty> userProperties) {
    /** Checks and copies the components. */
    public UnsubscribeResult {
        filters = List.copyOf(filters);
        reasonCodes = List.copyOf(reasonCodes);
        Objects.requireNonNull(reasonString, "reasonString");
        userProperties = List.copyOf(userProperties);
    }
}
