package io.tern.codec.packet;

import io.tern.codec.MqttProperties;
import io.tern.codec.PacketType;
import io.tern.codec.ReasonCode;
import java.util.Objects;

/**
 * PUBCOMP: the last packet of the QoS 2 flow, answering PUBREL.
 *
 * @param packetId   the packet identifier of the PUBLISH
 * @param reasonCode the outcome; always {@link ReasonCode#SUCCESS} in MQTT 3
 * @param properties the properties (MQTT 5), or {@link MqttProperties#EMPTY}
 */
public record PubComp(int packetId, ReasonCode reasonCode, MqttProperties properties) implements PublishResponse {
    /** Checks the components. */
    public PubComp {
        Objects.requireNonNull(reasonCode, "reasonCode");
        Objects.requireNonNull(properties, "properties");
        PublishResponse.check(PacketType.PUBCOMP, packetId, reasonCode);
    }

    /** A successful PUBCOMP without properties. */
    public PubComp(int packetId) {
        this(packetId, ReasonCode.SUCCESS, MqttProperties.EMPTY);
    }

    @Override
    public PacketType type() {
        return PacketType.PUBCOMP;
    }
}
