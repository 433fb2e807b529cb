package io.tern.codec.packet;

import io.tern.codec.MqttProperties;
import io.tern.codec.PacketType;
import io.tern.codec.ReasonCode;
import java.util.Objects;

/**
 * PUBACK: the answer to a QoS 1 PUBLISH.
 *
 * @param packetId   the packet identifier of the PUBLISH
 * @param reasonCode the outcome; always {@link ReasonCode#SUCCESS} in MQTT 3
 * @param properties the properties (MQTT 5), or {@link MqttProperties#EMPTY}
 */
public record PubAck(int packetId, ReasonCode reasonCode, MqttProperties properties) implements PublishResponse {
    /** Checks the components. */
    public PubAck {
        Objects.requireNonNull(reasonCode, "reasonCode");
        Objects.requireNonNull(properties, "properties");
        PublishResponse.check(PacketType.PUBACK, packetId, reasonCode);
    }

    /** A successful PUBACK without properties. */
    public PubAck(int packetId) {
        this(packetId, ReasonCode.SUCCESS, MqttProperties.EMPTY);
    }

    @Override
    public PacketType type() {
        return PacketType.PUBACK;
    }
}
