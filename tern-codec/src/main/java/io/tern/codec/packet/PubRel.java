package io.tern.codec.packet;

import io.tern.codec.MqttProperties;
import io.tern.codec.PacketType;
import io.tern.codec.ReasonCode;
import java.util.Objects;

/**
 * PUBREL: the release of a QoS 2 PUBLISH by its sender, after PUBREC.
 *
 * @param packetId   the packet identifier of the PUBLISH
 * @param reasonCode the outcome; always {@link ReasonCode#SUCCESS} in MQTT 3
 * @param properties the properties (MQTT 5), or {@link MqttProperties#EMPTY}
 */
public record PubRel(int packetId, ReasonCode reasonCode, MqttProperties properties) implements PublishResponse {
    /** Checks the components. */
    public PubRel {
        Objects.requireNonNull(reasonCode, "reasonCode");
        Objects.requireNonNull(properties, "properties");
        PublishResponse.check(PacketType.PUBREL, packetId, reasonCode);
    }

    /** A successful PUBREL without properties. */
    public PubRel(int packetId) {
        this(packetId, ReasonCode.SUCCESS, MqttProperties.EMPTY);
    }

    @Override
    public PacketType type() {
        return PacketType.PUBREL;
    }
}
