package io.tern.codec.packet;

import io.tern.codec.MqttProperties;
import io.tern.codec.PacketType;
import io.tern.codec.ReasonCode;
import java.util.Objects;

/**
 * AUTH (MQTT 5 only): a step of enhanced authentication.
 *
 * @param reasonCode {@link ReasonCode#SUCCESS}, {@link ReasonCode#CONTINUE_AUTHENTICATION} or
 *                   {@link ReasonCode#REAUTHENTICATE}
 * @param properties the properties: authentication method and data, reason string, user properties
 */
public record Auth(ReasonCode reasonCode, MqttProperties properties) implements MqttPacket {
    /** Checks the components. */
    public Auth {
        Objects.requireNonNull(reasonCode, "reasonCode");
        Objects.requireNonNull(properties, "properties");
        if (!reasonCode.isAllowedIn(PacketType.AUTH)) {
            throw new IllegalArgumentException(reasonCode + " is not an AUTH reason code");
        }
    }

    @Override
    public PacketType type() {
        return PacketType.AUTH;
    }
}
