package io.tern.client;

import io.tern.codec.QoS;
import io.tern.codec.ReasonCode;
import io.tern.codec.UserProperty;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The server's answer to a subscribe: one reason code per subscription, in the order given. A
 * refused subscription (an error code) does not fail the future, as the others may have been granted;
 * check {@link #isGranted(int)} or {@link #grantedQos(int)}.
 *
 * @param subscriptions  the subscriptions asked for
 * @param reasonCodes    the granted QoS or the refusal of each, in the same order
 * @param reasonString   the server's reason string, if any (MQTT 5)
 * @param userProperties the user properties of SUBACK (MQTT 5)
 */
public record SubscribeResult(List<Subscription> subscriptions, List<ReasonCode> reasonCodes,
                              Optional<String> reasonString, List<UserProperty> userProperties) {
    /** Checks and copies the components. */
    public SubscribeResult {
        subscriptions = List.copyOf(subscriptions);
        reasonCodes = List.copyOf(reasonCodes);
        Objects.requireNonNull(reasonString, "reasonString");
        userProperties = List.copyOf(userProperties);
    }

    /** Whether the subscription at {@code index} was granted. */
    public boolean isGranted(int index) {
        return !reasonCodes.get(index).isError();
    }

    /** Whether every subscription was granted. */
    public boolean allGranted() {
        return reasonCodes.stream().noneMatch(ReasonCode::isError);
    }

    /** The QoS granted to the subscription at {@code index}, or empty if it was refused. */
    public Optional<QoS> grantedQos(int index) {
        ReasonCode code = reasonCodes.get(index);
        return code.isError() ? Optional.empty() : Optional.of(QoS.of(code.value()));
    }
}
