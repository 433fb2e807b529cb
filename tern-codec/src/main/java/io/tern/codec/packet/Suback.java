package io.tern.codec.packet;

import io.tern.codec.MqttProperties;
import io.tern.codec.PacketType;
import io.tern.codec.ReasonCode;
import java.util.List;
import java.util.Objects;

/**
 * SUBACK: one reason code per subscription of the SUBSCRIBE it answers, in the same order. In MQTT 3
 * the codes are {@link ReasonCode#GRANTED_QOS_0}, {@link ReasonCode#GRANTED_QOS_1},
 * {@link ReasonCode#GRANTED_QOS_2} and, for a failure, {@link ReasonCode#UNSPECIFIED_ERROR} (0x80).
 *
 * @param packetId    the packet identifier of the SUBSCRIBE
 * @param reasonCodes the granted QoS or failure of each subscription
 * @param properties  the properties (MQTT 5), or {@link MqttProperties#EMPTY}
 */
public record Suback(int packetId, List<ReasonCode> reasonCodes, MqttProperties properties) implements MqttPacket {
    /** Checks and copies the components. */
    public Suback {
        PacketIds.requireValid(packetId);
        reasonCodes = List.copyOf(reasonCodes);
        Objects.requireNonNull(properties, "properties");
        for (ReasonCode code : reasonCodes) {
            if (!code.isAllowedIn(PacketType.SUBACK)) {
                throw new IllegalArgumentException(code + " is not a SUBACK reason code");
            }
        }
    }

    @Override
    public PacketType type() {
        return PacketType.SUBACK;
    }
}
