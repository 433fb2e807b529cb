package io.tern.codec.packet;

import io.tern.codec.MqttProperties;
import io.tern.codec.PacketType;
import io.tern.codec.ReasonCode;
import java.util.Objects;

/**
 * PUBREC: the first answer to a QoS 2 PUBLISH.
 *
 * @param packetId   the packet identifier of the PUBLISH
 * @param reasonCode the outcome; always {@link ReasonCode#SUCCESS} in MQTT 3
 * @param properties the properties (MQTT 5), or {@link MqttProperties#EMPTY}
 */
public record PubRec(int packetId, ReasonCode reasonCode, MqttProperties properties) implements PublishResponse {
    /** Checks the components. */
    public PubRec {
        Objects.requireNonNull(reasonCode, "reasonCode");
        Objects.requireNonNull(properties, "properties");
        PublishResponse.check(PacketType.PUBREC, packetId, reasonCode);
    }

    /** A successful PUBREC without properties. */
    public PubRec(int packetId) {
        this(packetId, ReasonCode.SUCCESS, MqttProperties.EMPTY);
    }

    @Override
    public PacketType type() {
        return PacketType.PUBREC;
    }
}
