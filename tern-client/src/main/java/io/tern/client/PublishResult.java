package io.tern.client;

import io.tern.codec.ReasonCode;
import io.tern.codec.UserProperty;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of a publish the server accepted: for QoS 0 the message was written to the network, for
 * QoS 1 the server answered PUBACK, for QoS 2 PUBCOMP. An error reason code completes the future
 * exceptionally with {@link MqttReasonCodeException} instead.
 *
 * @param message        the message published
 * @param reasonCode     {@link ReasonCode#SUCCESS}, or {@link ReasonCode#NO_MATCHING_SUBSCRIBERS} (MQTT 5)
 * @param reasonString   the server's reason string, if any (MQTT 5)
 * @param userProperties the user properties of the acknowledgement (MQTT 5)
 */
public record PublishResult(Message message, ReasonCode reasonCode, Optional<String> reasonString,
                            List<UserProperty> userProperties) {
    /** Checks and copies the components. */
    public PublishResult {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(reasonCode, "reasonCode");
        Objects.requireNonNull(reasonString, "reasonString");
        userProperties = List.copyOf(userProperties);
    }
}
