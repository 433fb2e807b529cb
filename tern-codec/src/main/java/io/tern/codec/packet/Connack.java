package io.tern.codec.packet;

import io.tern.codec.MqttProperties;
import io.tern.codec.PacketType;
import io.tern.codec.ReasonCode;
import java.util.Objects;

/**
 * CONNACK: the server's answer to CONNECT. MQTT 3 return codes are given as the matching reason
 * codes (0x01 unacceptable protocol version is {@link ReasonCode#UNSUPPORTED_PROTOCOL_VERSION}, and
 * so on).
 *
 * @param sessionPresent whether the server resumed a session
 * @param reasonCode     the outcome
 * @param properties     the CONNACK properties (MQTT 5), or {@link MqttProperties#EMPTY}
 */
public record Connack(boolean sessionPresent, ReasonCode reasonCode, MqttProperties properties)
        implements MqttPacket {
    /** Checks the components. */
    public Connack {
        Objects.requireNonNull(reasonCode, "reasonCode");
        Objects.requireNonNull(properties, "properties");
        if (!reasonCode.isAllowedIn(PacketType.CONNACK)) {
            throw new IllegalArgumentException(reasonCode + " is not a CONNACK reason code");
        }
        if (sessionPresent && reasonCode.isError()) {
            throw new IllegalArgumentException("a refusal cannot have session present set");
        }
    }

    @Override
    public PacketType type() {
        return PacketType.CONNACK;
    }
}
